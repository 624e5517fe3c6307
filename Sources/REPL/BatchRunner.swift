/// Batch mode (`loupe -x SCRIPT`, piped standard input): the lines run as typed, without
/// a prompt; the first failing line ends the run unless `keepGoing`.
public enum BatchRunner {
    /// Runs `lines`; true when every line that ran succeeded.
    public static func run(_ lines: some Sequence<String>, in session: Session, keepGoing: Bool) -> Bool {
        var succeeded = true
        for line in lines {
            if !session.execute(line) {
                succeeded = false
                if !keepGoing { break }
            }
        }
        return succeeded
    }
}
