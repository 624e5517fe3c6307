import Foundation
import LoupeTestSupport
import Testing
import WasmFormat
import WasmText

/// Assembles every module of the core conformance suites with our parser and with
/// `wasm-tools` (`json-from-wast`; wabt's `wast2json` where wasm-tools cannot read the
/// script) and compares the decoded trees; checks that every malformed text module is
/// rejected and that ours validate where the suite says they are valid.
///
/// It takes a minute or two, so it runs only when `LOUPE_WAT_DIFFERENTIAL=1` and the
/// tools and suites are present; the report goes to stdout and to
/// `$TMPDIR/loupe-wat-differential/report.txt`.
@Suite struct ReferenceDifferentialTests {
    static let enabled = ProcessInfo.processInfo.environment["LOUPE_WAT_DIFFERENTIAL"] == "1"
        && TestEnvironment.referenceTools != nil && TestEnvironment.testsuite != nil

    /// Differences that are understood, by script position (relative to the suite):
    /// the test fails on any other.
    static let knownDeviations: [String: String] = [
        // Wasm 3.0 parses limits as u64 (core memory.wast says `(memory 0x1_0000_0000)` is
        // invalid, not malformed); the older threads proposal tests say malformed.
        "core-proposals/threads/memory.wast:84": "limits are u64 in Wasm 3.0",
        "core-proposals/threads/memory.wast:88": "limits are u64 in Wasm 3.0",
        "core-proposals/threads/memory.wast:92": "limits are u64 in Wasm 3.0",
        // An inline signature stands for a final function type alone in its recursion
        // group (the spec's rule); wasm-tools also picks open `sub` types and never
        // picks `(rec (type …))` singletons, adding an equivalent type instead.
        "core/gc/type-subtyping.wast:344": "implicit type rule",
        "core/gc/type-subtyping.wast:373": "implicit type rule",
        "core/type-rec.wast:45": "implicit type rule",
        "core/type-rec.wast:185": "implicit type rule",
        "core/type-rec.wast:197": "implicit type rule",
        // The reference here is wabt, which spells `(table funcref (elem $f))` with
        // element expressions rather than function indices.
        "core-proposals/legacy-exceptions/try_catch.wast:10": "wabt's element encoding",
    ]

    /// Folders whose proposals WasmFormat cannot represent yet.
    static let unsupportedFolders: Set<String> = ["core-proposals/custom-descriptors"]

    struct Counts {
        var textModules = 0
        var identical = 0
        var different = 0
        var failed = 0
        var validationFailures = 0
        var malformed = 0
        var rejected = 0
        var messageMatches = 0
        var customMalformed = 0
        var customRejected = 0
        var binaryModules = 0
        var unpaired = 0
        /// Failures, differences and accepted malformed modules not explained above.
        var unexpected = 0
        /// Modules whose `name` sections differ from wasm-tools' (informational).
        var namesDiffer = 0
    }

    struct Command {
        var type: String
        var line: Int
        var filename: String?
        var binaryFilename: String?
        var moduleType: String?
        var text: String?
    }

    @Test(.enabled(if: enabled, "set LOUPE_WAT_DIFFERENTIAL=1 with ../shared/testsuite and the reference tools present"))
    func coreSuitesMatchWasmTools() throws {
        guard let tools = TestEnvironment.referenceTools, let suite = TestEnvironment.testsuite else { return }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-wat-differential")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)

        var files: [(folder: String, url: URL)] = []
        for root in ["core", "core-proposals"] {
            let base = suite.appendingPathComponent(root)
            guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in e where url.pathExtension == "wast" {
                let folder = url.deletingLastPathComponent().path.replacingOccurrences(of: suite.path + "/", with: "")
                files.append((folder, url))
            }
        }
        files.sort { $0.url.path < $1.url.path }

        var counts: [String: Counts] = [:]
        var details: [String] = []
        for (i, file) in files.enumerated() {
            let dir = work.appendingPathComponent("\(i)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            var c = counts[file.folder] ?? Counts()
            check(file.url, folder: file.folder, suite: suite, in: dir, tools: tools, counts: &c, details: &details)
            counts[file.folder] = c
        }

        var report = """
            text: text modules expected to assemble (ident/diff: decoded tree vs wasm-tools, fail: we
            rejected it, !valid: wasm-tools validate rejects ours); malformed: assert_malformed text
            modules (rejected by us, msg-ok: with the expected message); custom: assert_malformed_custom;
            binary: binary modules (passed through); unexpl: failures not listed as known deviations;
            names: modules whose name section differs from wasm-tools' (informational).

            folder                              text  ident  diff  fail  !valid | malformed rejected msg-ok | custom rejected | binary unpaired | unexpl names

            """
        var total = Counts()
        for folder in counts.keys.sorted() {
            let c = counts[folder]!
            report += row(folder, c)
            total.textModules += c.textModules; total.identical += c.identical; total.different += c.different
            total.failed += c.failed; total.validationFailures += c.validationFailures
            total.malformed += c.malformed; total.rejected += c.rejected; total.messageMatches += c.messageMatches
            total.customMalformed += c.customMalformed; total.customRejected += c.customRejected
            total.binaryModules += c.binaryModules; total.unpaired += c.unpaired
            total.unexpected += c.unexpected; total.namesDiffer += c.namesDiffer
        }
        report += row("TOTAL", total)
        print(report)
        let full = report + "\n" + details.joined(separator: "\n\n") + "\n"
        try full.write(to: work.appendingPathComponent("report.txt"), atomically: true, encoding: .utf8)
        #expect(total.unexpected == 0, "see the report for the unexplained failures, differences and accepted malformed modules")
        #expect(total.validationFailures == 0)
    }

    private func row(_ name: String, _ c: Counts) -> String {
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func num(_ v: Int, _ n: Int) -> String { let s = "\(v)"; return String(repeating: " ", count: max(0, n - s.count)) + s }
        return pad(name, 34) + num(c.textModules, 6) + num(c.identical, 7) + num(c.different, 6) + num(c.failed, 6)
            + num(c.validationFailures, 8) + " | " + num(c.malformed, 9) + num(c.rejected, 9) + num(c.messageMatches, 7)
            + " | " + num(c.customMalformed, 6) + num(c.customRejected, 9) + " | " + num(c.binaryModules, 6) + num(c.unpaired, 9)
            + " | " + num(c.unexpected, 6) + num(c.namesDiffer, 6) + "\n"
    }

    private func referenceCommands(_ file: URL, in dir: URL, tools: URL) -> [Command]? {
        let json = dir.appendingPathComponent("ref.json")
        var r = TestEnvironment.run(tools.appendingPathComponent("wasm-tools"),
                                    ["json-from-wast", file.path, "-o", json.path, "--wasm-dir", dir.path])
        if r.status != 0 {
            r = TestEnvironment.run(tools.appendingPathComponent("wast2json"),
                                    ["--enable-threads", "--enable-function-references", "--enable-gc", "--enable-custom-page-sizes", "--enable-wide-arithmetic", file.path, "-o", json.path])
            guard r.status == 0 else { return nil }
        }
        guard let data = try? Data(contentsOf: json),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let commands = object["commands"] as? [[String: Any]] else { return nil }
        return commands.map {
            Command(type: $0["type"] as? String ?? "", line: $0["line"] as? Int ?? 0,
                    filename: $0["filename"] as? String, binaryFilename: $0["binary_filename"] as? String,
                    moduleType: $0["module_type"] as? String, text: $0["text"] as? String)
        }
    }

    private func check(_ file: URL, folder: String, suite: URL, in dir: URL, tools: URL,
                       counts c: inout Counts, details: inout [String]) {
        let name = file.path
        let relative = file.path.replacingOccurrences(of: suite.path + "/", with: "")
        let unsupported = Self.unsupportedFolders.contains(folder)
        func unexplained(_ line: Int) {
            if !unsupported && Self.knownDeviations["\(relative):\(line)"] == nil { c.unexpected += 1 }
        }
        let script: WastScript
        do {
            let bytes = try [UInt8](Data(contentsOf: file))
            script = try WastScript.parse(bytes: bytes, file: name)
        } catch {
            details.append("SCRIPT \(name): \(error)")
            c.failed += 1
            c.unexpected += 1
            return
        }
        let ours: [(WastModule, String)] = script.directives.compactMap { d in
            switch d.kind {
            case .module(let m): ("module", m)
            case .assertInvalid(let m, _): ("assert_invalid", m)
            case .assertMalformed(let m, _): ("assert_malformed", m)
            case .assertUnlinkable(let m, _): ("assert_unlinkable", m)
            case .assertUninstantiable(let m, _): ("assert_uninstantiable", m)
            case .assertMalformedCustom(let m, _): ("assert_malformed_custom", m)
            case .assertInvalidCustom(let m, _): ("assert_invalid_custom", m)
            default: nil
            }
        }.map { ($0.1, $0.0) }
        guard let reference = referenceCommands(file, in: dir, tools: tools) else {
            details.append("REFERENCE \(name): no reference tool could read the script")
            c.unpaired += ours.count
            return
        }
        let theirs = reference.filter { $0.filename != nil }
        if theirs.count != ours.count {
            details.append("PAIRING \(name): \(ours.count) module commands here, \(theirs.count) in the reference")
        }
        for (k, (module, kind)) in ours.enumerated() {
            guard k < theirs.count else { c.unpaired += 1; continue }
            let ref = theirs[k]
            let place = "\(name):\(module.location.line)"
            if module.encoding == .binary {
                c.binaryModules += 1
                continue
            }
            if kind == "assert_malformed" || kind == "assert_malformed_custom" {
                let custom = kind == "assert_malformed_custom"
                if custom { c.customMalformed += 1 } else { c.malformed += 1 }
                do {
                    _ = try module.compile()
                    details.append("ACCEPTED MALFORMED \(place): expected \(ref.text ?? "?")\n\(module.text)")
                    if !custom { unexplained(module.location.line) }
                } catch {
                    if custom { c.customRejected += 1; continue }
                    c.rejected += 1
                    if let expected = ref.text, error.message.contains(expected) {
                        c.messageMatches += 1
                    } else {
                        details.append("MESSAGE \(place): expected \"\(ref.text ?? "?")\", got \"\(error.message)\"")
                    }
                }
                continue
            }
            c.textModules += 1
            let bytes: [UInt8]
            do {
                bytes = try module.compile()
            } catch {
                c.failed += 1
                unexplained(module.location.line)
                details.append("FAILED \(place) (\(kind)): \(error)")
                continue
            }
            let theirFile = ref.binaryFilename ?? ref.filename ?? ""
            let theirURL = theirFile.hasPrefix("/") ? URL(fileURLWithPath: theirFile) : dir.appendingPathComponent(theirFile)
            if let theirBytes = try? [UInt8](Data(contentsOf: theirURL)), theirURL.pathExtension == "wasm" {
                if let difference = ModuleComparison.difference(bytes, theirBytes) {
                    c.different += 1
                    unexplained(module.location.line)
                    details.append("DIFFERENT \(place) (\(kind)): \(difference)")
                } else {
                    c.identical += 1
                }
                if let difference = ModuleComparison.nameDifference(bytes, theirBytes) {
                    c.namesDiffer += 1
                    details.append("NAMES \(place) (\(kind)): \(difference.prefix(300))")
                }
            } else {
                c.different += 1
                unexplained(module.location.line)
                details.append("NO REFERENCE BINARY \(place) (\(kind)) \(theirFile)")
            }
            if kind != "assert_invalid" && kind != "assert_invalid_custom" {
                let ourURL = dir.appendingPathComponent("ours-\(k).wasm")
                try? Data(bytes).write(to: ourURL)
                let r = TestEnvironment.run(tools.appendingPathComponent("wasm-tools"), ["validate", "--features", "all", ourURL.path])
                if r.status != 0 {
                    c.validationFailures += 1
                    details.append("INVALID \(place) (\(kind)): \(r.stderr.prefix(400))")
                }
            }
        }
    }
}
