import ArgumentParser
import Foundation
import WastRunner

/// `loupe wast FILE…`: runs conformance scripts and reports per file and in total.
struct WastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wast",
        abstract: "Run .wast conformance scripts.",
        discussion: """
        Prints one line per file and ends with `N passed, N failed, N skipped` (assertions
        and module directives). Exits with status 1 when anything failed.
        """)

    @Argument(help: "Script files, or directories to search for *.wast.")
    var paths: [String]

    @Option(name: .long, help: "Write one JSON record per directive (file, line, kind, status, message) to this file.")
    var json: String?

    @Flag(name: .long, help: "Only validate components: a component that validates passes without being instantiated (wasm-tools' component suite, whose imports are never satisfied).")
    var validateOnly = false

    @Flag(name: .long, help: "Read component text in the legacy index mode (references to core items without `core`).")
    var legacyIndices = false

    @Flag(name: .long, help: "Refuse, as invalid, the components wasmtime refuses to run (root-level component imports and component exports, re-exported imported functions), as wasmtime's suite expects.")
    var wasmtimeRestrictions = false

    @Flag(name: .long, help: "Print only the final summary line.")
    var quiet = false

    @Flag(name: .long, help: "Also print every failed directive with its message.")
    var verbose = false

    func run() throws {
        let files = try expand(paths)
        var runner = WastRunner()
        runner.validateComponentsOnly = validateOnly
        runner.legacyComponentIndices = legacyIndices
        runner.wasmtimeRestrictions = wasmtimeRestrictions
        var passed = 0, failed = 0, skipped = 0
        var records: [WastReport.Record] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let report = runner.run(file: file, contents: [UInt8](data))
            passed += report.passed
            failed += report.failed
            skipped += report.skipped
            if !quiet { print("\(file): \(report.summary)") }
            if verbose {
                for r in report.records where r.status == .failed { print("  \(r.file):\(r.line): \(r.kind): \(r.message)") }
            }
            if json != nil { records += report.records }
        }
        if let json {
            let lines = records.map { r in
                "{\"file\":\(quote(r.file)),\"line\":\(r.line),\"kind\":\(quote(r.kind)),\"status\":\(quote(r.status.rawValue)),\"message\":\(quote(r.message))}"
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: json, atomically: true, encoding: .utf8)
        }
        print("\(passed) passed, \(failed) failed, \(skipped) skipped")
        if failed > 0 { throw ExitCode(1) }
    }

    private func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for p in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or directory: \(p)")
            }
            if isDirectory.boolValue {
                let found = FileManager.default.enumerator(atPath: p)?.compactMap { $0 as? String }
                    .filter { $0.hasSuffix(".wast") }.sorted() ?? []
                files += found.map { (p as NSString).appendingPathComponent($0) }
            } else {
                files.append(p)
            }
        }
        return files
    }

    private func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
