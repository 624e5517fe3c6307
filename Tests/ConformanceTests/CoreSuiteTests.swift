import Dispatch
import Foundation
import LoupeTestSupport
import Testing
import WastRunner

/// Runs `WastRunner` in-process over every script of the core spec suite, one test case
/// per folder, and checks the foundation's promises:
///
/// - at least 99% of `assert_malformed` and `assert_invalid` modules are rejected (by the
///   text parser, the decoder or the validator; "not supported" is not a rejection);
/// - every module the script says is valid decodes and validates (one the runtime then
///   cannot instantiate still counts as validated: `WastReport.Record.moduleCheck`);
/// - outside `gc/`, every directive passes or is skipped because it needs garbage
///   collection, which the runtime does not have yet.
///
/// Reproduce a folder by hand with `loupe wast --verbose ../shared/testsuite/core/FOLDER`.
@Suite struct CoreSuiteTests {
    /// The root of the core suite and its feature folders.
    static let folders = ["", "simd", "bulk-memory", "multi-memory", "memory64", "exceptions", "gc", "relaxed-simd"]

    /// Skips on a directive outside `gc/` are accepted only when they say this.
    static let gcSkip = "garbage collection"

    struct Tally: CustomStringConvertible {
        var directives = 0, passed = 0, failed = 0, skipped = 0, skippedForGC = 0
        var rejectTotal = 0, rejected = 0
        var validTotal = 0, validated = 0
        var failures: [String] = []
        var unrejected: [String] = []
        var unvalidated: [String] = []
        var otherSkips: [String] = []

        var rejectedPercent: Double { rejectTotal == 0 ? 100 : Double(rejected) * 100 / Double(rejectTotal) }

        var description: String {
            "\(directives) directives: \(passed) passed, \(failed) failed, \(skipped) skipped (\(skippedForGC) for GC); "
                + "malformed+invalid rejected \(rejected)/\(rejectTotal) (\(String(format: "%.2f", rejectedPercent))%); "
                + "valid modules decoded+validated \(validated)/\(validTotal)"
        }

        mutating func count(_ r: WastReport.Record) {
            let place = "\(r.file):\(r.line): \(r.kind)"
            directives += 1
            switch r.status {
            case .passed: passed += 1
            case .failed: failed += 1; failures.append("\(place): \(r.message)")
            case .skipped:
                skipped += 1
                if r.message.contains(CoreSuiteTests.gcSkip) { skippedForGC += 1 } else { otherSkips.append("\(place): \(r.message)") }
            }
            if r.kind == "assert_malformed" || r.kind == "assert_invalid" {
                rejectTotal += 1
                // NB: the runner counts "not supported" as a pass for these; here it is not.
                if r.status == .passed && r.moduleCheck != .unsupported && r.moduleCheck != .valid {
                    rejected += 1
                } else {
                    unrejected.append("\(place): \(r.moduleCheck.map { "\($0)" } ?? "?") \(r.message)")
                }
            }
            // Records without a module check load no module: `(module instance …)` (its
            // definition was checked), and `assert_trap` on an action rather than a module.
            let mustBeValid = ["module", "module definition", "assert_unlinkable", "assert_trap"].contains(r.kind)
                && r.moduleCheck != nil
            if mustBeValid {
                validTotal += 1
                if r.moduleCheck == .valid { validated += 1 } else { unvalidated.append("\(place): \(r.message)") }
            }
        }
    }

    @Test(.enabled(if: TestEnvironment.coreSuite != nil, "no ../shared/testsuite/core (set LOUPE_SHARED): core suite not run"),
          arguments: folders)
    func coreSuiteFolder(_ folder: String) throws {
        let core = try #require(TestEnvironment.coreSuite)
        let directory = folder.isEmpty ? core : core.appendingPathComponent(folder)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".wast") }.sorted()
        let label = "core/" + folder
        try #require(!files.isEmpty, "no .wast files in \(directory.path)")

        let reports = ResultSlots<WastReport>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let url = directory.appendingPathComponent(files[i])
            let name = label + (folder.isEmpty ? "" : "/") + files[i]
            let bytes = TestEnvironment.bytes(of: url) ?? []
            reports.set(i, WastRunner().run(file: name, contents: bytes))
        }
        var tally = Tally()
        for report in reports.values {
            for r in report?.records ?? [] { tally.count(r) }
        }
        print("\(label): \(files.count) files, \(tally)")

        #expect(tally.directives > 0 && tally.validTotal > 0)
        #expect(tally.rejectedPercent >= 99,
                "\(label): assert_malformed/assert_invalid modules not rejected:\n\(tally.unrejected.joined(separator: "\n"))")
        #expect(tally.unvalidated.isEmpty,
                "\(label): modules that must be valid but did not decode and validate:\n\(tally.unvalidated.joined(separator: "\n"))")
        if folder != "gc" {
            #expect(tally.failed == 0, "\(label): failed directives:\n\(tally.failures.prefix(50).joined(separator: "\n"))")
            #expect(tally.otherSkips.isEmpty, "\(label): skipped for reasons other than GC:\n\(tally.otherSkips.prefix(50).joined(separator: "\n"))")
        } else if !tally.failures.isEmpty {
            // Execution in gc/ is beyond the foundation; show what still fails.
            print("\(label): failing (execution needs GC):\n  " + tally.failures.prefix(20).joined(separator: "\n  "))
        }
    }
}
