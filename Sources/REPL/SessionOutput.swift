import Foundation

/// Where a session writes: results and errors separately, so that a terminal can send
/// errors to standard error and a test can keep both in order.
public protocol SessionOutput: AnyObject {
    func result(_ text: String)
    func error(_ text: String)
}

/// Results to standard output, errors to standard error.
public final class StandardOutput: SessionOutput {
    public init() {}
    public func result(_ text: String) { print(text) }
    public func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
