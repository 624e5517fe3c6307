/// Joins typed lines into one input while a parenthesis, bracket or brace opened outside
/// a string is still open, so that a long WAVE value or WAT can be written over several
/// lines: the interactive prompt turns into `...> `, and batch scripts read the same way.
public struct InputCollector {
    private var pending: [String] = []

    public init() {}

    /// Whether an input has begun and waits for more lines.
    public var isContinuing: Bool { !pending.isEmpty }

    /// Adds a line; returns the whole input (lines joined by newlines) once it is
    /// balanced, nil while it is still open.
    public mutating func add(_ line: String) -> String? {
        pending.append(line)
        let text = pending.joined(separator: "\n")
        if Self.isOpen(text) { return nil }
        pending = []
        return text
    }

    /// At the end of the input: what is pending, to run as it is, so that the error
    /// names what is missing.
    public mutating func flush() -> String? {
        defer { pending = [] }
        return pending.isEmpty ? nil : pending.joined(separator: "\n")
    }

    /// Ctrl-C at the continuation prompt: the unfinished input is abandoned.
    public mutating func discard() { pending = [] }

    /// Whether brackets opened outside strings (`"…"` and `'…'`, with backslash escapes)
    /// and comments (a line starting with `#`; `;;` to the end of a line, as in WAT) are
    /// still open. A closing bracket that matches nothing open ends the input at once:
    /// more lines could not fix it, and the command's own error says what is wrong.
    static func isOpen(_ text: String) -> Bool {
        if text.drop(while: \.isWhitespace).hasPrefix("#") { return false }
        var expected: [Character] = []
        var quote: Character?
        var escaped = false
        var inComment = false
        var previous: Character = " "
        for c in text {
            defer { previous = c }
            if inComment {
                if c == "\n" { inComment = false }
                continue
            }
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "'": quote = c
            case ";" where previous == ";": inComment = true
            case "(": expected.append(")")
            case "[": expected.append("]")
            case "{": expected.append("}")
            case ")", "]", "}":
                guard expected.popLast() == c else { return false }
            default: break
            }
        }
        return !expected.isEmpty
    }
}
