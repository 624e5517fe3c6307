import Foundation
import LoupeTestSupport
import Testing
import WasmFormat

/// Component validation against the component suites (binaries extracted by
/// `wasm-tools json-from-wast`): `module` and `module_definition` components must
/// validate; `assert_invalid` ones must be rejected with a message containing the
/// script's expected text. Core modules and `assert_malformed` binaries are skipped
/// (they are the core validator's and the decoder's business).
@Suite struct ComponentValidationTests {
    struct Tally {
        var passed = 0, failed = 0, skipped = 0
        var rate: Double { passed + failed == 0 ? 1 : Double(passed) / Double(passed + failed) }
    }

    enum Verdict {
        case passed, skipped
        case failed(String)
    }

    static func verdict(_ e: ComponentSuiteBinaries.Entry) -> Verdict {
        guard Binary.isComponent(e.bytes[...]) else { return .skipped }
        let mustValidate: Bool
        switch e.directive {
        case "module", "module_definition": mustValidate = true
        case "assert_invalid": mustValidate = false
        default: return .skipped
        }
        let rejection: WasmError?
        do {
            _ = try ComponentValidator(features: e.features).validate(try ComponentDecoder().decode(e.bytes))
            rejection = nil
        } catch {
            rejection = error
        }
        switch (mustValidate, rejection) {
        case (true, nil): return .passed
        case (true, let e?): return .failed("rejected: \(e)")
        case (false, nil): return .failed("accepted, expected \"\(e.expected)\"")
        case (false, let err?):
            return err.message.contains(e.expected) ? .passed : .failed("expected \"\(e.expected)\", got \(err)")
        }
    }

    /// The suite group a script belongs to, as the targets are stated.
    static func group(_ file: String) -> String {
        if file.hasPrefix("wasm-tools-component/") { return "wasm-tools-component" }
        if file.hasPrefix("component-model-spec/validation/") || file.hasPrefix("component-model-spec/binary/") {
            return "component-model-spec/validation+binary"
        }
        return "component-model-spec (other)"
    }

    @Test(.enabled(if: ComponentSuiteBinaries.loaded != nil, Comment(rawValue: ComponentSuiteBinaries.unavailable)))
    func componentSuites() throws {
        let suites = try #require(ComponentSuiteBinaries.loaded)
        var tallies: [String: Tally] = [:]
        var failures: [String] = []
        for e in suites.binaries {
            let g = Self.group(e.file)
            switch Self.verdict(e) {
            case .passed: tallies[g, default: Tally()].passed += 1
            case .skipped: tallies[g, default: Tally()].skipped += 1
            case .failed(let why):
                tallies[g, default: Tally()].failed += 1
                failures.append("\(e.place) [\(e.directive)]: \(why)")
            }
        }
        for f in failures { print("component validation: \(f)") }
        for s in suites.skippedScripts { print("component validation: script skipped: \(s)") }
        for (g, t) in tallies.sorted(by: { $0.key < $1.key }) {
            print("component validation \(g): \(t.passed) passed, \(t.failed) failed, \(t.skipped) skipped (\(String(format: "%.1f", t.rate * 100))%)")
        }
        #expect(tallies["wasm-tools-component", default: Tally()].rate >= 0.97)
        #expect(tallies["component-model-spec/validation+binary", default: Tally()].rate >= 0.97)
    }

    static let sharedComponents: [URL] = TestEnvironment.shared.map { shared in
        TestEnvironment.files(under: shared.appendingPathComponent("components"), suffix: "wasm").filter {
            TestEnvironment.bytes(of: $0).map { Binary.isComponent($0[...]) } ?? false
        }
    } ?? []

    @Test(.enabled(if: !sharedComponents.isEmpty, "no ../shared/components (set LOUPE_SHARED)"))
    func sharedComponentsValidate() throws {
        for url in Self.sharedComponents {
            let bytes = try #require(TestEnvironment.bytes(of: url))
            #expect(throws: Never.self, "\(url.lastPathComponent)") {
                _ = try ComponentValidator().validate(try ComponentDecoder().decode(bytes))
            }
        }
    }
}
