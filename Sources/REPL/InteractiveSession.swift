import Foundation

/// The interactive REPL: prompt `loupe> ` (`loupe [FUNC]> ` while a call is stopped in
/// core wasm, `...> ` while brackets are open), history in
/// ~/.loupe_history, TAB completion, Ctrl-C interrupting a running call (or abandoning
/// the input), EOF (Ctrl-D) to leave.
public enum InteractiveSession {
    public static func run(_ session: Session) {
        Interruption.install()
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        let palette = Palette(fileDescriptor: STDOUT_FILENO)
        let prompt = palette.prompt("loupe> "), continuation = palette.prompt("...> ", dimmed: true)
        let editor = LineEditor(prompt: prompt, historyPath: home + "/.loupe_history", complete: session.complete)
        var collector = InputCollector()
        while true {
            let stopped = session.stoppedFunction.map { palette.prompt("loupe [\($0)]> ") }
            editor.prompt = collector.isContinuing ? continuation : stopped ?? prompt
            switch editor.read() {
            case .line(let line):
                guard let input = collector.add(line) else { continue }
                let command = input.trimmingCharacters(in: .whitespaces)
                if ["quit", "exit"].contains(command) { return }
                if command == "tui" {
                    if !TextUI(session: session).run() {
                        session.output.error("error: ncurses does not know this terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "unset"))")
                    }
                    continue
                }
                session.execute(input)
            case .interrupted:
                collector.discard()
                print("")
            case .endOfFile:
                print("")
                return
            }
        }
    }
}
