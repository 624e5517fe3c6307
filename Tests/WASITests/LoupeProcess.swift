import Foundation
import LoupeTestSupport

/// The `loupe` executable built beside the tests, run as a user runs it.
enum LoupeProcess {
    /// `loupe` in the build directory the test bundle was built into, if it is there.
    static let executable: URL? = {
        var directories = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                           Bundle.main.bundleURL.deletingLastPathComponent()]
        for configuration in ["release", "debug"] {
            directories.append(TestEnvironment.packageRoot.appendingPathComponent(".build/\(configuration)"))
        }
        return directories.map { $0.appendingPathComponent("loupe") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `loupe ARGUMENTS` in `directory`, feeding it `stdin`. Output goes through
    /// files, so a chatty guest cannot fill a pipe nobody reads.
    static func run(_ arguments: [String], stdin: String = "", in directory: URL? = nil) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-wasi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let files = ["in", "out", "err"].map { scratch.appendingPathComponent($0) }
        try Data(stdin.utf8).write(to: files[0])
        for f in files.dropFirst() { FileManager.default.createFile(atPath: f.path, contents: nil) }
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = directory }
        let handles = try [FileHandle(forReadingFrom: files[0]), FileHandle(forWritingTo: files[1]), FileHandle(forWritingTo: files[2])]
        p.standardInput = handles[0]
        p.standardOutput = handles[1]
        p.standardError = handles[2]
        try p.run()
        p.waitUntilExit()
        for h in handles { try h.close() }
        let text = { (url: URL) in String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }
        return Result(status: p.terminationStatus, stdout: text(files[1]), stderr: text(files[2]))
    }
}
