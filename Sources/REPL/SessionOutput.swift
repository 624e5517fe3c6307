import Foundation

/// Where a session writes: results and errors separately, so that a terminal can send
/// errors to standard error and a test can keep both in order.
public protocol SessionOutput: AnyObject {
    func result(_ text: String)
    func error(_ text: String)
    /// The value of an expression, which a terminal may highlight.
    func value(_ text: String)
}

extension SessionOutput {
    public func value(_ text: String) { result(text) }
}

/// Results to standard output, errors to standard error, each coloured when it goes to
/// a terminal (see `Palette`).
public final class StandardOutput: SessionOutput {
    let resultPalette = Palette(fileDescriptor: STDOUT_FILENO)
    let errorPalette = Palette(fileDescriptor: STDERR_FILENO)

    public init() {}
    public func result(_ text: String) { print(text) }
    public func value(_ text: String) { print(resultPalette.value(text)) }
    public func error(_ text: String) {
        // Results printed before stay before the error when both go to one pipe.
        fflush(nil)
        FileHandle.standardError.write(Data((errorPalette.error(text) + "\n").utf8))
    }
}
