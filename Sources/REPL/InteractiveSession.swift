import Foundation

/// The interactive REPL: prompt `loupe> `, history in ~/.loupe_history, TAB completion,
/// Ctrl-C interrupting a running call (or abandoning the line), EOF (Ctrl-D) to leave.
public enum InteractiveSession {
    public static func run(_ session: Session) {
        Interruption.install()
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        let palette = Palette(fileDescriptor: STDOUT_FILENO)
        let editor = LineEditor(prompt: palette.prompt("loupe> "), historyPath: home + "/.loupe_history", complete: session.complete)
        while true {
            switch editor.read() {
            case .line(let line):
                if line.trimmingCharacters(in: .whitespaces) == "quit" || line.trimmingCharacters(in: .whitespaces) == "exit" { return }
                session.execute(line)
            case .interrupted:
                print("")
            case .endOfFile:
                print("")
                return
            }
        }
    }
}
