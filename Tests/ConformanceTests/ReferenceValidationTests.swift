import Dispatch
import Foundation
import LoupeTestSupport
import Testing

/// Differential check of WasmText against the reference validator: every text module of
/// the core suite that the script says is valid assembles, and `wasm-tools validate
/// --features all` accepts the bytes WasmText produces for it.
///
/// Needs the reference tools (`$LOUPE_REFERENCE_TOOLS`, `.reference-tools/bin`; install
/// them with `../shared/tools/reference-tools.sh .reference-tools`); skipped without them.
///
/// NB: one `wasm-tools` process per module would take tens of seconds, so the modules are
/// written as `(module binary …)` lines of a few scripts that `wasm-tools wast` validates
/// in one go each (same validator, same features). A module it reports is then checked on
/// its own with `wasm-tools validate`, whose verdict counts. A known-invalid module at the
/// end of each script proves the batch really validates.
@Suite struct ReferenceValidationTests {
    static let enabled = TestEnvironment.referenceTools != nil && SuiteCorpus.core != nil

    /// `(func (result i32) i32.add)`: invalid, appended to every batch as a canary.
    static let canary: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
                                  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,
                                  0x03, 0x02, 0x01, 0x00,
                                  0x0A, 0x05, 0x01, 0x03, 0x00, 0x6A, 0x0B]

    static let batches = 4

    @Test(.enabled(if: enabled, "needs ../shared/testsuite/core and the reference tools (wasm-tools): not run"))
    func wasmToolsAcceptsOurValidTextModules() throws {
        let tools = try #require(TestEnvironment.referenceTools)
        let wasmTools = tools.appendingPathComponent("wasm-tools")
        let corpus = try #require(SuiteCorpus.core)
        let candidates = corpus.modules.filter { $0.isFromText && $0.mustBeValid }
        let notAssembled = candidates.filter { $0.bytes == nil }
        let assemblyErrors = notAssembled.map { "\($0.place): \($0.textError ?? "")" }.joined(separator: "\n")
        #expect(notAssembled.isEmpty, "text modules that must be valid did not assemble:\n\(assemblyErrors)")
        let modules = candidates.filter { $0.bytes != nil }
        try #require(modules.count > 1000, "too few text modules: is the suite complete?")

        let work = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-reference-validation-\(getpid())")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        // Batch k holds modules k, k + batches, …; line n + 1 of its script is its nth module.
        var scripts: [URL] = []
        var members: [[Int]] = []
        for k in 0..<Self.batches {
            let indices = Array(stride(from: k, to: modules.count, by: Self.batches))
            var text = ""
            for i in indices { text += Self.binaryModule(modules[i].bytes!) + "\n" }
            text += Self.binaryModule(Self.canary) + "\n"
            let url = work.appendingPathComponent("batch-\(k).wast")
            try text.write(to: url, atomically: true, encoding: .utf8)
            scripts.append(url)
            members.append(indices)
        }
        let paths = scripts.map(\.path)
        let results = ResultSlots<(status: Int32, stderr: String)>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { k in
            results.set(k, TestEnvironment.run(wasmTools, ["wast", "--features", "all", "--color", "never", paths[k]]))
        }

        var reported: [Int] = []
        for (k, result) in results.values.enumerated() {
            let result = try #require(result)
            let lines = Self.failedLines(result.stderr)
            let canaryLine = members[k].count + 1
            #expect(lines.contains(canaryLine), "batch \(k): wasm-tools did not reject the canary; stderr:\n\(result.stderr.prefix(2000))")
            #expect(result.status != 0)
            for line in lines where line != canaryLine {
                guard line >= 1 && line <= members[k].count else {
                    Issue.record("batch \(k): wasm-tools reports line \(line), which holds no module")
                    continue
                }
                reported.append(members[k][line - 1])
            }
        }

        // Confirm each reported module with `wasm-tools validate` itself.
        var rejected: [String] = []
        for i in reported.sorted() {
            let url = work.appendingPathComponent("module-\(i).wasm")
            try Data(modules[i].bytes!).write(to: url)
            let r = TestEnvironment.run(wasmTools, ["validate", "--features", "all", url.path])
            if r.status != 0 {
                rejected.append("\(modules[i].place) (\(modules[i].directive)): \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
        print("reference validation: wasm-tools validate --features all accepts \(modules.count - rejected.count) of \(modules.count) "
              + "valid core-suite text modules as WasmText assembles them (\(notAssembled.count) did not assemble; "
              + "\(reported.count) flagged by the batch, \(rejected.count) confirmed rejected)")
        #expect(rejected.isEmpty, "wasm-tools rejects these modules as WasmText assembles them:\n\(rejected.joined(separator: "\n"))")
    }

    /// `(module binary "\00\61…")`.
    static func binaryModule(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = Array("(module binary \"".utf8)
        out.reserveCapacity(out.count + bytes.count * 3 + 2)
        for b in bytes {
            out.append(UInt8(ascii: "\\"))
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        out += Array("\")".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// The script lines of `failed directive on FILE:LINE:COLUMN` in `wasm-tools wast` output.
    static func failedLines(_ stderr: String) -> [Int] {
        let marker = "failed directive on "
        return stderr.split(separator: "\n").compactMap { line -> Int? in
            guard let r = line.range(of: marker) else { return nil }
            let parts = line[r.upperBound...].split(separator: ":")
            guard parts.count >= 3 else { return nil }
            return Int(parts[parts.count - 2])
        }
    }
}
