import Foundation
import LoupeTestSupport
import REPL
import Testing

/// The interactive REPL through a pseudo-terminal (`terminal_session.py`, Python's `pty`):
/// completion of a command, an export and a call's parameters, Ctrl-C interrupting an
/// endless call with the session going on, history across sessions, EOF leaving.
@Suite struct TerminalTests {
    /// The `loupe` built beside the test bundle.
    static let loupe: URL? = {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("loupe") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    @Test func interactiveSession() throws {
        guard let loupe = Self.loupe else {
            print("skipped: no loupe executable beside the tests (build with --build-tests)")
            return
        }
        let tests = TestEnvironment.packageRoot.appendingPathComponent("Tests/REPLTests")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-pty-\(getpid())")
        try? FileManager.default.removeItem(at: home)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", tests.appendingPathComponent("terminal_session.py").path, loupe.path,
                             tests.appendingPathComponent("Sessions/spin.wat").path, home.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        let history = try String(contentsOf: home.appendingPathComponent(".loupe_history"), encoding: .utf8)
        #expect(history.contains("spin()") && history.contains("one()"))
    }
}
