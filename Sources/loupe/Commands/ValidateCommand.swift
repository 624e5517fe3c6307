import ArgumentParser
import Foundation
import WasmFormat
import WasmText

/// `loupe validate FILE…`: decodes and validates components and core modules (binary or
/// text), and with `--runs` times core modules.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Decode and validate components and core modules.",
        discussion: """
        Prints `FILE: valid` or the first error for each file; exits with status 1 when
        any is malformed or invalid. With `--runs N` each file is decoded and validated N
        times and the median time and throughput are printed (`scripts/bench decode`
        uses `--tsv`).
        """)

    @Argument(help: "Binary core modules (.wasm).")
    var files: [String]

    @Option(name: .long, help: "Decode and validate each file this many times and report the median time.")
    var runs: Int = 1

    @Flag(name: .long, help: "Print one tab-separated line per file: file, bytes, decode, validate and total median seconds, MB/s.")
    var tsv = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        var failed = false
        let timed = runs > 1 || tsv
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            if let component = try ComponentLoader.componentBytes(file) {
                do {
                    let validated = try ComponentValidator().validate(try ComponentDecoder().decode(component))
                    print("\(file): valid component (\(validated.imports.count) imports, \(validated.exports.count) exports)")
                } catch {
                    failed = true
                    print("\(file): \(error)")
                }
                continue
            }
            var bytes = [UInt8](data)
            if file.hasSuffix(".wat") {
                do {
                    bytes = try WAT.parseModule(bytes: bytes, file: file).bytes
                } catch {
                    failed = true
                    print("\(error)")
                    continue
                }
            }
            var decodeTimes: [Duration] = [], validateTimes: [Duration] = [], totals: [Duration] = []
            var outcome: Result<Module, WasmError> = .failure(WasmError(.malformed, "not decoded", offset: 0))
            let clock = ContinuousClock()
            for _ in 0..<runs {
                let start = clock.now
                do {
                    let module = try ModuleDecoder().decode(bytes)
                    let decoded = clock.now
                    _ = try ModuleValidator().validate(module)
                    let end = clock.now
                    decodeTimes.append(decoded - start)
                    validateTimes.append(end - decoded)
                    totals.append(end - start)
                    outcome = .success(module)
                } catch {
                    outcome = .failure(error)
                    break
                }
            }
            switch outcome {
            case .failure(let error):
                failed = true
                print("\(file): \(error)")
            case .success(let module):
                guard timed else {
                    print("\(file): valid")
                    continue
                }
                let decode = Self.seconds(Self.median(decodeTimes))
                let validate = Self.seconds(Self.median(validateTimes))
                let total = Self.seconds(Self.median(totals))
                let megabytes = Double(bytes.count) / 1_000_000
                let throughput = total > 0 ? megabytes / total : 0
                if tsv {
                    print([file, "\(bytes.count)", "\(decode)", "\(validate)", "\(total)", String(format: "%.1f", throughput)]
                        .joined(separator: "\t"))
                } else {
                    print("\(file): valid, " + String(format: "%.2f MB, %d functions: decode %.1f ms + validate %.1f ms = %.1f ms (median of %d), %.1f MB/s",
                                                      megabytes, module.codes.count, decode * 1000, validate * 1000, total * 1000, runs, throughput))
                }
            }
        }
        if failed { throw ExitCode(1) }
    }

    static func median(_ times: [Duration]) -> Duration {
        let sorted = times.sorted()
        return sorted.isEmpty ? .zero : sorted[sorted.count / 2]
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
