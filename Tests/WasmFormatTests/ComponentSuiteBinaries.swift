import Foundation
import LoupeTestSupport
import WasmFormat

/// The binaries of the component suites' `.wast` scripts (`component-model-spec/` and
/// `wasm-tools-component/`), extracted once per test run by `wasm-tools json-from-wast`
/// into a temporary folder (the suites' data never enters the package).
struct ComponentSuiteBinaries: Sendable {
    struct Entry: Sendable {
        /// The script, relative to the test suite folder, and the directive's line.
        var file: String
        var line: Int
        /// `module`, `module_definition`, `assert_invalid`, `assert_malformed`, …
        var directive: String
        /// The message the script expects (`assert_*` directives), else empty.
        var expected: String
        var bytes: [UInt8]
        /// The component features the script's wasm-tools `;; RUN:` line selects (its
        /// `-f` list over the defaults); every feature for scripts without one.
        var features: ComponentFeatures

        var place: String { "\(file):\(line)" }
    }

    var binaries: [Entry] = []
    /// Scripts `wasm-tools` could not convert, with its reason.
    var skippedScripts: [String] = []
    var scriptCount = 0

    /// The suites' folders under `testsuite/`.
    static let suites = ["component-model-spec", "wasm-tools-component"]

    /// Nil (with the reason in `unavailable`) without test data or without wasm-tools.
    static let loaded: ComponentSuiteBinaries? = {
        guard let suite = TestEnvironment.testsuite, let tools = TestEnvironment.referenceTools else { return nil }
        return load(suite: suite, wasmTools: tools.appendingPathComponent("wasm-tools"))
    }()

    static let unavailable: String = TestEnvironment.testsuite == nil
        ? "no ../shared/testsuite (set LOUPE_SHARED): component suite binaries not checked"
        : "no wasm-tools (set LOUPE_REFERENCE_TOOLS or install .reference-tools): component suite binaries not extracted"

    static func load(suite: URL, wasmTools: URL) -> ComponentSuiteBinaries {
        let fm = FileManager.default
        let temp = fm.temporaryDirectory.appendingPathComponent("loupe-component-wast-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? fm.removeItem(at: temp) }
        var result = ComponentSuiteBinaries()
        let scripts = suites.flatMap { TestEnvironment.files(under: suite.appendingPathComponent($0), suffix: "wast") }
        for (k, script) in scripts.enumerated() {
            result.scriptCount += 1
            let relative = String(script.path.dropFirst(suite.path.count + 1))
            let features = TestEnvironment.bytes(of: script).map(runLineFeatures) ?? .all
            let dir = temp.appendingPathComponent("\(k)")
            try? fm.createDirectory(at: dir, withIntermediateDirectories: true)
            let json = dir.appendingPathComponent("x.json")
            // Some scripts still use the index forms wasm-tools accepts only on request.
            let r = TestEnvironment.run(wasmTools, ["json-from-wast", "--wasm-dir", dir.path, script.path, "-o", json.path],
                                        environment: ["WAST_STRICT_COMPONENT_INDICES": "0"])
            guard r.status == 0, let data = fm.contents(atPath: json.path),
                  let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let commands = top["commands"] as? [[String: Any]] else {
                let reason = r.stderr.split(separator: "\n").first.map(String.init) ?? "no output"
                result.skippedScripts.append("\(relative): \(reason)")
                continue
            }
            for c in commands {
                guard let name = c["filename"] as? String, name.hasSuffix(".wasm"),
                      let bytes = TestEnvironment.bytes(of: dir.appendingPathComponent(name)) else { continue }
                result.binaries.append(Entry(file: relative, line: c["line"] as? Int ?? 0,
                                              directive: c["type"] as? String ?? "?",
                                              expected: c["text"] as? String ?? "", bytes: bytes,
                                              features: features))
            }
        }
        return result
    }

    /// The features of a script's first line `;; RUN: wast … -f a,b`.
    static func runLineFeatures(_ script: [UInt8]) -> ComponentFeatures {
        let line = String(decoding: script.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard line.hasPrefix(";; RUN:") else { return .all }
        let words = line.split(separator: " ")
        let lists = words.indices.dropLast().filter { words[$0] == "-f" }.map { String(words[$0 + 1]) }
        return ComponentFeatures(wasmToolsFeatures: lists.joined(separator: ","))
    }
}
