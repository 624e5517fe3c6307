import Foundation
import Testing
import WasmFormat

/// Decodes and validates every module of the spec test suites, as converted to JSON plus
/// binaries by `scripts/validator-conformance.sh` (wasm-tools json-from-wast), and compares
/// with the manifests: modules must validate, `assert_invalid` and binary `assert_malformed`
/// modules must be rejected (by the decoder or the validator).
///
/// Runs only when `LOUPE_VALIDATOR_MANIFESTS` names the output directory; otherwise it is
/// skipped, since the suites and the reference tools live outside the repository.
@Suite struct SpecValidationConformanceTests {
    struct Tally {
        var validAccepted = 0, validTotal = 0
        var invalidRejected = 0, invalidTotal = 0
        var malformedRejected = 0, malformedTotal = 0
    }

    /// The error decoding or validating `bytes` raises, if any.
    static func check(_ bytes: [UInt8], _ decoder: ModuleDecoder, _ validator: ModuleValidator) -> WasmError? {
        do {
            _ = try validator.validate(try decoder.decode(bytes))
            return nil
        } catch {
            return error
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["LOUPE_VALIDATOR_MANIFESTS"] != nil))
    func specSuites() throws {
        let root = ProcessInfo.processInfo.environment["LOUPE_VALIDATOR_MANIFESTS"] ?? ""
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root) else { return }
        var manifests: [String] = []
        for case let path as String in walker where path.hasSuffix("manifest.json") { manifests.append(path) }
        manifests.sort()

        var tallies: [String: Tally] = [:]
        var misses: [String] = []
        /// Rejections whose message does not contain the reference wording (not failures).
        var wording: [String] = []
        let decoder = ModuleDecoder()
        for manifest in manifests {
            let dir = (manifest as NSString).deletingLastPathComponent
            let folder = (dir as NSString).deletingLastPathComponent
            // custom-descriptors adds type and heap type encodings the decoder does not have.
            if folder.hasSuffix("custom-descriptors") { continue }
            // The threads proposal is written against WebAssembly 1.0: one memory, one table.
            let validator = ModuleValidator(features: folder.hasSuffix("threads")
                ? WasmFeatures.all.subtracting([.multiMemory, .referenceTypes]) : .all)
            let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + manifest))
            guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let commands = json["commands"] as? [[String: Any]] else { continue }
            var tally = tallies[folder] ?? Tally()
            for command in commands {
                guard let type = command["type"] as? String else { continue }
                var file = command["filename"] as? String
                if let f = file, f.hasSuffix(".wat") { file = command["binary_filename"] as? String }
                guard let filename = file, filename.hasSuffix(".wasm") else { continue }
                guard let bytes = fm.contents(atPath: root + "/" + dir + "/" + filename) else { continue }
                let line = command["line"] as? Int ?? 0
                let text = command["text"] as? String ?? ""
                let failure = Self.check([UInt8](bytes), decoder, validator)
                let location = "\(dir).wast:\(line)"
                switch type {
                case "module", "module_definition", "assert_unlinkable", "assert_uninstantiable", "assert_trap", "assert_exhaustion":
                    tally.validTotal += 1
                    if let failure { misses.append("\(location) valid module rejected: \(failure)") } else { tally.validAccepted += 1 }
                case "assert_invalid":
                    tally.invalidTotal += 1
                    if let failure {
                        tally.invalidRejected += 1
                        if !failure.message.contains(text) {
                            wording.append("\(location) expected \"\(text)\", got \"\(failure.message)\" (\(failure.kind))")
                        }
                    } else {
                        misses.append("\(location) invalid module accepted (expected \"\(text)\")")
                    }
                case "assert_malformed":
                    tally.malformedTotal += 1
                    if failure != nil { tally.malformedRejected += 1 } else { misses.append("\(location) malformed module accepted (expected \"\(text)\")") }
                default:
                    continue
                }
            }
            tallies[folder] = tally
        }
        var report = "folder: valid accepted/total, invalid rejected/total, malformed rejected/total\n"
        for (folder, t) in tallies.sorted(by: { $0.key < $1.key }) {
            report += "\(folder): \(t.validAccepted)/\(t.validTotal), \(t.invalidRejected)/\(t.invalidTotal), \(t.malformedRejected)/\(t.malformedTotal)\n"
        }
        report += misses.joined(separator: "\n")
        report += "\n\(wording.count) rejections worded differently from the reference interpreter:\n"
        report += wording.joined(separator: "\n")
        print(report)
        if let out = ProcessInfo.processInfo.environment["LOUPE_VALIDATOR_REPORT"] {
            try report.write(toFile: out, atomically: true, encoding: .utf8)
        }
        #expect(misses.count == 0, "conformance misses (see the report above)")
    }

    /// Differential-testing aid: validates every `.wasm` file under `LOUPE_VALIDATOR_FILES`
    /// and writes one line per file, `name<TAB>ok` or `name<TAB>kind<TAB>message`, to
    /// `LOUPE_VALIDATOR_VERDICTS`, for comparison with another validator's verdicts.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LOUPE_VALIDATOR_FILES"] != nil))
    func verdictsForFiles() throws {
        let env = ProcessInfo.processInfo.environment
        let root = env["LOUPE_VALIDATOR_FILES"] ?? ""
        let fm = FileManager.default
        let files = (try fm.contentsOfDirectory(atPath: root)).filter { $0.hasSuffix(".wasm") }.sorted()
        var lines: [String] = []
        let decoder = ModuleDecoder()
        let validator = ModuleValidator()
        for file in files {
            guard let bytes = fm.contents(atPath: root + "/" + file) else { continue }
            if let e = Self.check([UInt8](bytes), decoder, validator) {
                lines.append("\(file)\t\(e.kind)\t\(e.message)")
            } else {
                lines.append("\(file)\tok")
            }
        }
        try lines.joined(separator: "\n").write(toFile: env["LOUPE_VALIDATOR_VERDICTS"] ?? root + "/verdicts.txt", atomically: true, encoding: .utf8)
    }
}
