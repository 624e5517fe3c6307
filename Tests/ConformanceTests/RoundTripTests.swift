import Dispatch
import Foundation
import LoupeTestSupport
import Testing
import WasmFormat

/// Decode → encode (every instruction re-encoded) → decode gives the same tree, for every
/// module of the core suite that decodes and validates (text modules as WasmText
/// assembles them, binary modules as written) and every core `.wasm` of `bench/` and
/// `components/core/`. Trees are compared section by section, function bodies by their
/// decoded instruction lists, custom sections by name, payload and place.
@Suite struct RoundTripTests {
    enum Outcome: Sendable {
        /// Did not decode or validate: not a round-trip candidate.
        case notValid
        case same
        case different(String)
    }

    /// Round-trips one binary. Besides the tree, checks that encoding is a fixed point
    /// after one trip (the second encoding is byte-identical to the first) and that the
    /// re-encoded module still validates.
    static func roundTrip(_ bytes: [UInt8]) -> Outcome {
        let original: Module
        do {
            original = try ModuleDecoder().decode(bytes)
            _ = try ModuleValidator().validate(original)
        } catch {
            return .notValid
        }
        let encoder = ModuleEncoder(reencodeCode: true)
        do {
            let once = try encoder.encode(original)
            let decoded = try ModuleDecoder().decode(once)
            if let d = ModuleComparison.difference(original, decoded, customSections: true) { return .different(d) }
            let twice = try encoder.encode(decoded)
            if twice != once { return .different("encoding the decoded module again gives other bytes") }
            _ = try ModuleValidator().validate(decoded)
            return .same
        } catch {
            return .different("\(error)")
        }
    }

    @Test(.enabled(if: SuiteCorpus.core != nil, "no ../shared/testsuite/core (set LOUPE_SHARED): suite round trip not run"))
    func coreSuiteModules() throws {
        let corpus = try #require(SuiteCorpus.core)
        let candidates = corpus.modules.filter { $0.bytes != nil }
        let outcomes = ResultSlots<Outcome>(count: candidates.count)
        DispatchQueue.concurrentPerform(iterations: candidates.count) { i in
            outcomes.set(i, Self.roundTrip(candidates[i].bytes!))
        }
        var text = 0, binary = 0, skipped = 0
        var differences: [String] = []
        for (module, outcome) in zip(candidates, outcomes.values) {
            switch outcome {
            case .same?: if module.isFromText { text += 1 } else { binary += 1 }
            case .different(let d)?: differences.append("\(module.place) (\(module.directive)): \(d)")
            case .notValid?, nil: skipped += 1
            }
        }
        print("round trip, core suite: \(text + binary) valid modules (\(text) from text, \(binary) binary) give the same tree; "
              + "\(differences.count) differ; \(skipped) of \(candidates.count) assembled modules are not valid (not round-tripped)")
        #expect(text + binary > 1000, "too few valid modules: is the suite complete?")
        #expect(differences.isEmpty, "\(differences.count) modules do not round-trip:\n\(differences.prefix(30).joined(separator: "\n"))")
    }

    static var toolchainFiles: [URL] {
        [TestEnvironment.bench, TestEnvironment.componentsCore].compactMap { $0 }
            .flatMap { TestEnvironment.files(under: $0, suffix: "wasm") }
    }

    @Test(.enabled(if: TestEnvironment.bench != nil && TestEnvironment.componentsCore != nil,
                   "no ../shared/bench or ../shared/components/core (set LOUPE_SHARED): toolchain modules not round-tripped"))
    func benchAndComponentModules() throws {
        let files = Self.toolchainFiles
        try #require(!files.isEmpty)
        let outcomes = ResultSlots<Outcome>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            outcomes.set(i, TestEnvironment.bytes(of: files[i]).map(Self.roundTrip) ?? .different("unreadable"))
        }
        var same = 0, bytes = 0
        for (file, outcome) in zip(files, outcomes.values) {
            switch outcome {
            case .same?:
                same += 1
                bytes += (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            case .different(let d)?: Issue.record("\(file.path) does not round-trip: \(d)")
            case .notValid?, nil: Issue.record("\(file.path) does not decode and validate")
            }
        }
        print("round trip, bench and components/core: \(same) of \(files.count) modules (\(bytes / 1024) KiB) give the same tree")
    }
}
