import ArgumentParser
import Foundation
import REPL

/// `loupe [FILE]`: the REPL, interactive on a terminal, batch with `-x SCRIPT` or when
/// standard input is a pipe.
struct REPLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Explore, instantiate and call a component interactively (the default).",
        discussion: """
        With FILE, the session starts with `load FILE`. On a terminal the session is \
        interactive (history in ~/.loupe_history, TAB completion, Ctrl-C interrupts a call, \
        Ctrl-D leaves); with -x SCRIPT, or when standard input is not a terminal, the \
        commands run without a prompt and the first error ends loupe with status 1. Type \
        `help` in the REPL for the commands.
        """)

    @Option(name: .customShort("x"), help: ArgumentHelp("Run the commands in SCRIPT without a prompt.", valueName: "SCRIPT"))
    var script: String?

    @Flag(name: .long, help: "In batch mode, go on after a failing command (the exit status is still 1).")
    var keepGoing = false

    @Flag(name: .long, help: "Stub every imported function nothing else provides (see `help stub`).")
    var stubMissing = false

    @Argument(help: "The component to load (.wasm or .wat).")
    var file: String?

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let session = Session(stubMissing: stubMissing)
        let lines: [String]
        if let script {
            guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
                throw ValidationError("cannot read \(script)")
            }
            // NB: the newline ending the last line does not begin another (which would
            // be a blank continuation line of an unfinished multi-line input).
            lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0).map(String.init)
        } else if isatty(STDIN_FILENO) == 0 {
            var read: [String] = []
            while let line = readLine() { read.append(line) }
            lines = read
        } else {
            if let file { session.execute("load \(file)") }
            InteractiveSession.run(session)
            return
        }
        let all = (file.map { ["load \($0)"] } ?? []) + lines
        guard BatchRunner.run(all, in: session, keepGoing: keepGoing) else { throw ExitCode(1) }
    }
}
