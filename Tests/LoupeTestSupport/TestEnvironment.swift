import Foundation

/// Where the test data and the reference tools are, when they are there at all.
///
/// The data lives beside the project (`../shared`, or `$LOUPE_SHARED`) and is never copied
/// into it; tests that need it are disabled with a message saying so when it is absent.
public enum TestEnvironment {
    /// The package root, from this file's path (`Tests/LoupeTestSupport/…`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$LOUPE_SHARED`, or `../shared` beside the package.
    public static let shared: URL? = {
        if let env = ProcessInfo.processInfo.environment["LOUPE_SHARED"] {
            return existing(URL(fileURLWithPath: env))
        }
        return existing(packageRoot.deletingLastPathComponent().appendingPathComponent("shared"))
    }()

    public static let testsuite: URL? = shared.flatMap { existing($0.appendingPathComponent("testsuite")) }

    /// The core spec suite (`testsuite/core`, Wasm 3.0, with its feature folders).
    public static let coreSuite: URL? = testsuite.flatMap { existing($0.appendingPathComponent("core")) }

    /// The benchmark programs and the large modules of `bench/big`.
    public static let bench: URL? = shared.flatMap { existing($0.appendingPathComponent("bench")) }

    /// Real components and core modules (`components/`: hand-written, toolchain-built).
    public static let components: URL? = shared.flatMap { existing($0.appendingPathComponent("components")) }

    /// Core modules built by real toolchains (`components/core`).
    public static let componentsCore: URL? = shared.flatMap { existing($0.appendingPathComponent("components/core")) }

    /// The directory holding `wasm-tools` and wabt: `$LOUPE_REFERENCE_TOOLS`, the
    /// package's `.reference-tools/bin`, or the main checkout's beside a worktree.
    /// Tests never install them (`../shared/tools/reference-tools.sh .reference-tools` does).
    public static let referenceTools: URL? = {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["LOUPE_REFERENCE_TOOLS"] {
            candidates.append(URL(fileURLWithPath: env))
        }
        candidates.append(packageRoot.appendingPathComponent(".reference-tools/bin"))
        candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("main/.reference-tools/bin"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("wasm-tools").path) }
    }()

    /// The files under `directory` (recursively) whose names end in `.suffix`, sorted by path.
    public static func files(under directory: URL, suffix: String) -> [URL] {
        guard let e = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var found: [URL] = []
        for case let url as URL in e where url.lastPathComponent.hasSuffix("." + suffix) { found.append(url) }
        return found.sorted { $0.path < $1.path }
    }

    /// The contents of a file, or nil.
    public static func bytes(of url: URL) -> [UInt8]? {
        FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
    }

    /// Runs a tool, with `environment` added to ours; returns its exit status and
    /// standard error.
    @discardableResult
    public static func run(_ tool: URL, _ arguments: [String], environment extra: [String: String] = [:]) -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = tool
        p.arguments = arguments
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["RUST_BACKTRACE"] = "0"
        environment.merge(extra) { $1 }
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

    private static func existing(_ url: URL) -> URL? {
        FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
