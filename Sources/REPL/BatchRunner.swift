/// Batch mode (`loupe -x SCRIPT`, piped standard input): the lines run as typed, without
/// a prompt, joined as the interactive prompt joins them (`InputCollector`); the first
/// failing input ends the run unless `keepGoing`.
public enum BatchRunner {
    /// Runs `lines`; true when every input that ran succeeded.
    public static func run(_ lines: some Sequence<String>, in session: Session, keepGoing: Bool) -> Bool {
        var collector = InputCollector()
        var succeeded = true
        func execute(_ input: String) -> Bool {
            if session.execute(input) { return true }
            succeeded = false
            return keepGoing
        }
        for line in lines {
            guard let input = collector.add(line) else { continue }
            if !execute(input) { return false }
        }
        if let rest = collector.flush() { _ = execute(rest) }
        return succeeded
    }
}
