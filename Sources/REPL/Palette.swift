import Foundation

/// The few colours the REPL uses on a terminal: a bold prompt, errors in red, call
/// results in bold, the continuation prompt dimmed. Nothing at all when the stream is
/// not a terminal (pipes, scripts, golden transcripts) or `NO_COLOR` is set to
/// anything but the empty string (https://no-color.org).
public struct Palette: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// The palette for a stream: colour only on a terminal, and only without `NO_COLOR`.
    public init(fileDescriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(isTerminal: isatty(fileDescriptor) != 0, noColor: environment["NO_COLOR"])
    }

    public init(isTerminal: Bool, noColor: String?) {
        enabled = isTerminal && (noColor ?? "").isEmpty
    }

    public func error(_ text: String) -> String { styled(text, "31") }
    public func value(_ text: String) -> String { styled(text, "1") }

    /// A prompt for libedit: the escapes are wrapped in \1 so that they take no columns.
    public func prompt(_ text: String, dimmed: Bool = false) -> String {
        guard enabled else { return text }
        let body = text.hasSuffix(" ") ? String(text.dropLast()) : text
        let trailing = text.hasSuffix(" ") ? " " : ""
        return "\u{1}\u{1B}[\(dimmed ? "2" : "1;36")m\u{1}\(body)\u{1}\u{1B}[0m\u{1}" + trailing
    }

    /// NB: each line is styled on its own, so that a pager or a terminal scrolling
    /// back never carries a colour over into the next line.
    private func styled(_ text: String, _ code: String) -> String {
        guard enabled else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "\u{1B}[\(code)m\($0)\u{1B}[0m" }.joined(separator: "\n")
    }
}
