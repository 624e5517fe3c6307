import Foundation

/// Where the test data and the reference tools are, when they are there at all.
enum TestEnvironment {
    /// The package root, from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `$LOUPE_SHARED`, or `../shared` beside the package.
    static let shared: URL? = {
        if let env = ProcessInfo.processInfo.environment["LOUPE_SHARED"] {
            return URL(fileURLWithPath: env)
        }
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static let testsuite: URL? = shared.map { $0.appendingPathComponent("testsuite") }
        .flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }

    /// The directory holding `wasm-tools` and wabt: `$LOUPE_REFERENCE_TOOLS`, the
    /// package's `.reference-tools/bin`, or the main checkout's beside a worktree.
    static let referenceTools: URL? = {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["LOUPE_REFERENCE_TOOLS"] {
            candidates.append(URL(fileURLWithPath: env))
        }
        candidates.append(packageRoot.appendingPathComponent(".reference-tools/bin"))
        candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("main/.reference-tools/bin"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("wasm-tools").path) }
    }()

    /// Runs a tool; returns its exit status and standard error.
    @discardableResult
    static func run(_ tool: URL, _ arguments: [String]) -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = tool
        p.arguments = arguments
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["RUST_BACKTRACE"] = "0"
        p.environment = environment
        do {
            try p.run()
        } catch {
            return (-1, "\(error)")
        }
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
