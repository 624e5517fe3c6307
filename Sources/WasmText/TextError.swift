/// The one error type of the text layer: a malformed text module or script.
///
/// Messages follow the wording of the spec's reference interpreter where the conformance
/// suite expects it ("unknown operator", "unexpected token", "constant out of range", …),
/// usually followed by the detail that helps a person fix the input.
public struct TextError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation
    /// The text of the offending line, for the caret display; nil when not known.
    public var sourceLine: String?

    public init(_ message: String, at location: SourceLocation, sourceLine: String? = nil) {
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
    }

    /// `file:line:column: error: message`, then the source line and a caret under the
    /// column, like compilers print them.
    public var description: String {
        var s = "\(location): error: \(message)"
        if let line = sourceLine {
            s += "\n" + line + "\n"
            // Reproduce tabs so the caret lines up in terminals that expand them.
            var prefix = ""
            var column = 1
            for ch in line.unicodeScalars {
                if column >= location.column { break }
                prefix.append(ch == "\t" ? "\t" : " ")
                column += 1
            }
            s += prefix + "^"
        }
        return s
    }
}

extension SourceText {
    /// An error at byte `offset` of this text, with its line for the caret display.
    func error(_ message: String, at offset: Int) -> TextError {
        let location = location(of: offset)
        return TextError(message, at: location, sourceLine: lineText(location.line))
    }
}
