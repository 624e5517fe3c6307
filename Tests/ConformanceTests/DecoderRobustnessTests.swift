import Foundation
import LoupeTestSupport
import Testing
import WasmFormat
#if canImport(Glibc)
import Glibc
#endif

/// Feeds truncations and random byte flips of real binaries (every module of the core
/// suite, as assembled, the core modules of `bench/` and `components/core/`, and the
/// components of `components/`) to `ModuleDecoder` and `ModuleValidator`, or to
/// `ComponentDecoder`: each case must end in an error or a success, never in a crash or
/// a hang.
///
/// The cases come from a seeded generator, so a run is reproducible: the seed is printed
/// and can be set with `LOUPE_FUZZ_SEED`. They run in a child process (an exit test) so
/// that a crash fails this test, with the case that caused it, instead of the whole run;
/// a watchdog there ends the process when one case takes longer than `caseLimit`.
@Suite struct DecoderRobustnessTests {
    @Test(.enabled(if: SuiteCorpus.core != nil && TestEnvironment.bench != nil && TestEnvironment.components != nil,
                   "no ../shared/testsuite/core, ../shared/bench or ../shared/components (set LOUPE_SHARED): robustness cases not run"))
    func truncationsAndByteFlipsEndInErrorOrSuccess() async {
        // The child writes the case it died on here (an exit test's output is not
        // returned when its expectation fails).
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-robustness-\(getpid()).txt").path
        try? FileManager.default.removeItem(atPath: report)
        defer { try? FileManager.default.removeItem(atPath: report) }
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) { [report = report as String] in
            Fuzz.runAndExit(report: report)
        }
        if let result {
            print(String(decoding: result.standardOutputContent, as: UTF8.self), terminator: "")
        } else {
            let why = (try? String(contentsOfFile: report, encoding: .utf8)) ?? "(no report)"
            Issue.record("the robustness run did not end normally: \(why)")
        }
    }
}

/// The robustness run, in the exit test's child process: everything in it is computed
/// from the seed; only the report path comes from the parent.
enum Fuzz {
    static let defaultSeed: UInt64 = 0x5EED_1005E
    /// One case taking longer than this is a hang.
    static let caseLimit: Double = 10
    static let minimumCases = 5_000

    struct Input {
        var name: String
        var bytes: [UInt8]
    }

    enum Mutation: CustomStringConvertible {
        case truncate(Int)
        case set([(offset: Int, value: UInt8)])

        var description: String {
            switch self {
            case .truncate(let n): "truncated to \(n) bytes"
            case .set(let changes): changes.map { "byte \($0.offset) = 0x" + String($0.value, radix: 16) }.joined(separator: ", ")
            }
        }
    }

    /// How many truncations and flip cases an input gets: many for small inputs, few for
    /// the multi-megabyte modules, whose cases take a tenth of a second each.
    static func budget(size: Int) -> (truncations: Int, flips: Int) {
        switch size {
        case ..<65_536: (4, 8)
        case ..<1_048_576: (64, 64)
        default: (24, 16)
        }
    }

    /// Bytes a mutation likes to write: zero, LEB128 edges, `end`, the empty block type.
    static let interesting: [UInt8] = [0x00, 0x01, 0x0B, 0x40, 0x7F, 0x80, 0xFF]

    static func inputs() -> [Input] {
        var seen = Set<[UInt8]>()
        var inputs: [Input] = []
        for m in SuiteCorpus.core?.modules ?? [] {
            guard let b = m.bytes, !b.isEmpty, seen.insert(b).inserted else { continue }
            inputs.append(Input(name: "\(m.place) (\(m.directive))", bytes: b))
        }
        // `components/` holds the core modules of `components/core` and the components.
        for dir in [TestEnvironment.bench, TestEnvironment.components].compactMap({ $0 }) {
            for url in TestEnvironment.files(under: dir, suffix: "wasm") {
                if let b = TestEnvironment.bytes(of: url), seen.insert(b).inserted {
                    inputs.append(Input(name: url.lastPathComponent, bytes: b))
                }
            }
        }
        return inputs
    }

    static func mutations(of input: Input, using g: inout SplitMix64) -> [Mutation] {
        let n = input.bytes.count
        var (truncations, flips) = budget(size: n)
        if Binary.isComponent(input.bytes[...]) {
            // Few components, each with many kinds of sections: more cases apiece.
            truncations *= 4
            flips *= 4
        }
        var result: [Mutation] = [.truncate(n - 1)]
        for _ in 1..<truncations { result.append(.truncate(Int(g.next() % UInt64(n)))) }
        for _ in 0..<flips {
            let count = 1 + Int(g.next() % 4)
            var changes: [(offset: Int, value: UInt8)] = []
            for _ in 0..<count {
                let offset = Int(g.next() % UInt64(n))
                let value: UInt8 = switch g.next() % 3 {
                case 0: input.bytes[offset] ^ (1 << UInt8(g.next() % 8))
                case 1: UInt8(truncatingIfNeeded: g.next())
                default: interesting[Int(g.next() % UInt64(interesting.count))]
                }
                changes.append((offset, value))
            }
            result.append(.set(changes))
        }
        return result
    }

    /// `decoded`: a component that decoded (components are not validated yet).
    enum Outcome { case valid, malformed, invalid, unsupported, decoded }

    static func check(_ bytes: [UInt8]) -> Outcome {
        if Binary.isComponent(bytes[...]) {
            do {
                _ = try ComponentDecoder().decode(bytes)
                return .decoded
            } catch {
                return error.kind == .unsupported ? .unsupported : .malformed
            }
        }
        let module: Module
        do {
            module = try ModuleDecoder().decode(bytes)
        } catch {
            return error.kind == .unsupported ? .unsupported : .malformed
        }
        do {
            _ = try ModuleValidator().validate(module)
            return .valid
        } catch {
            return error.kind == .unsupported ? .unsupported : .invalid
        }
    }

    /// Runs every case, prints the summary, and exits: 0 when all ended, 1 when there were
    /// too few cases. A crash or a hang never gets here (see `CrashReport`).
    static func runAndExit(report: String) -> Never {
        let seed = ProcessInfo.processInfo.environment["LOUPE_FUZZ_SEED"].flatMap { UInt64($0) } ?? defaultSeed
        let inputs = inputs()
        CrashReport.install(report: report, caseLimit: caseLimit)
        var g = SplitMix64(seed: seed)
        var cases = 0, truncations = 0, flips = 0, componentCases = 0
        var outcomes: [Outcome: Int] = [:]
        var slowest = (seconds: 0.0, what: "")
        let start = CrashReport.now()
        for input in inputs {
            for mutation in mutations(of: input, using: &g) {
                var bytes: [UInt8]
                switch mutation {
                case .truncate(let n):
                    bytes = Array(input.bytes[..<n])
                    truncations += 1
                case .set(let changes):
                    bytes = input.bytes
                    for c in changes { bytes[c.offset] = c.value }
                    flips += 1
                }
                let what = "seed \(seed), \(input.name), \(input.bytes.count) bytes, \(mutation)"
                if Binary.isComponent(input.bytes[...]) { componentCases += 1 }
                CrashReport.begin(what)
                let t0 = CrashReport.now()
                outcomes[check(bytes), default: 0] += 1
                let t = CrashReport.now() - t0
                CrashReport.end()
                if t > slowest.seconds { slowest = (t, what) }
                cases += 1
            }
        }
        let total = CrashReport.now() - start
        func count(_ o: Outcome) -> Int { outcomes[o] ?? 0 }
        print("robustness: \(cases) cases (\(truncations) truncations, \(flips) byte-flip cases) of \(inputs.count) binaries, "
              + "seed \(seed), in " + String(format: "%.2f s", total) + "; every case ended: "
              + "\(count(.malformed)) malformed, \(count(.invalid)) invalid, \(count(.unsupported)) not supported, \(count(.valid)) valid, "
              + "\(count(.decoded)) components decoded (of \(componentCases) component cases); "
              + "slowest " + String(format: "%.0f ms", slowest.seconds * 1000) + " (\(slowest.what))")
        fflush(nil)
        if cases < minimumCases {
            try? "only \(cases) cases: the corpus is too small\n".write(toFile: report, atomically: false, encoding: .utf8)
            exit(1)
        }
        exit(0)
    }
}

/// SplitMix64: a small, seedable generator (the standard library's is not seedable).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Names the case being run when the process dies: a signal handler (on its own stack,
/// so that a stack overflow is reported too) and a watchdog thread for hangs both print
/// the current case to standard error.
///
/// NB: the handler may only use async-signal-safe calls, so the description is kept as
/// bytes in a buffer allocated up front and written with `write(2)`.
enum CrashReport {
    static let capacity = 1024
    nonisolated(unsafe) static let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    nonisolated(unsafe) static var length = 0
    /// When the current case began (monotonic seconds), or 0 between cases.
    nonisolated(unsafe) static var caseStart: Double = 0

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func begin(_ what: String) {
        var n = 0
        for b in what.utf8 where n < capacity - 1 {
            buffer[n] = b
            n += 1
        }
        buffer[n] = 0x0A
        length = n + 1
        caseStart = now()
    }

    static func end() { caseStart = 0 }

    /// Where to write the case, opened up front (`open` is not allowed in a handler).
    nonisolated(unsafe) static var reportFile: Int32 = 2

    static func install(report: String, caseLimit: Double) {
        let fd = open(report, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd >= 0 { reportFile = fd }
        let altStackSize = 1 << 16
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: altStackSize, alignment: 16)
        stack.ss_size = altStackSize
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            let message: StaticString = "the process died (signal) on this case: "
            for fd in [2, CrashReport.reportFile] {
                _ = write(fd, message.utf8Start, message.utf8CodeUnitCount)
                _ = write(fd, CrashReport.buffer, CrashReport.length)
            }
            Glibc.signal(signal, SIG_DFL)
            raise(signal)
        }
        action.sa_flags = Int32(SA_ONSTACK)
        for s in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT] { sigaction(s, &action, nil) }

        let watchdog = Thread {
            while true {
                usleep(100_000)
                let started = caseStart
                if started > 0 && now() - started > caseLimit {
                    let message: StaticString = "a case ran too long (a hang?): "
                    for fd in [2, reportFile] {
                        _ = write(fd, message.utf8Start, message.utf8CodeUnitCount)
                        _ = write(fd, buffer, length)
                    }
                    _exit(3)
                }
            }
        }
        watchdog.start()
    }
}
