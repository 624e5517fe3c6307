/// A command that cannot be carried out: one sentence for the user. The session goes on.
public struct REPLError: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
