import Foundation
import LoupeTestSupport
import Testing

/// Every row of `../shared/components/expected.tsv` (the WASI components' and the others'),
/// run through the `loupe` executable: what it prints must be what wasmtime printed.
@Suite(.enabled(if: TestEnvironment.components != nil, "no ../shared/components (set LOUPE_SHARED)"),
       .enabled(if: LoupeProcess.executable != nil, "the loupe executable is not built"))
struct ExpectedResultsTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var file: String
        var flags: [String]
        /// A WAVE call, or nil for running `wasi:cli/run`.
        var call: String?
        var expected: String
        var testDescription: String { "\(file) \(flags.joined(separator: " ")) \(call ?? "run")" }
    }

    /// The components that import WASI.
    static let wasiComponents = ["wat/05a-", "wat/08-", "toolchain/"]

    static let rows: [Row] = {
        guard let components = TestEnvironment.components,
              let text = try? String(contentsOf: components.appendingPathComponent("expected.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 4 else { return nil }
            let expected = unescape(columns[3])
            return Row(file: columns[0], flags: columns[1] == "-" ? [] : columns[1].split(separator: " ").map(String.init),
                       call: columns[2] == "-" ? nil : columns[2], expected: expected)
        }
    }()

    /// The file's escapes, read left to right: `\n` is a newline, `\\` a backslash.
    static func unescape(_ text: String) -> String {
        var out = ""
        var escaped = false
        for c in text {
            if escaped {
                out.append(c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    @Test func everyWASIComponentHasRows() {
        for prefix in Self.wasiComponents {
            #expect(Self.rows.contains { $0.file.hasPrefix(prefix) }, "no rows for \(prefix)")
        }
        #expect(Self.rows.filter { row in Self.wasiComponents.contains(where: row.file.hasPrefix) }.count >= 20)
        #expect(Self.rows.contains { $0.file.hasPrefix("wat/05b-") && $0.expected.hasPrefix("!") })
    }

    @Test(arguments: rows)
    func loupeReproducesWasmtime(_ row: Row) throws {
        let path = TestEnvironment.components!.appendingPathComponent(row.file).path
        let arguments = row.call.map { ["invoke"] + row.flags + [path, $0] } ?? ["run"] + row.flags + [path]
        let result = try LoupeProcess.run(arguments)
        if row.expected.hasPrefix("!") {
            #expect(result.status != 0)
            #expect((result.stdout + result.stderr).contains(row.expected.dropFirst()), "stderr: \(result.stderr)")
        } else {
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout == row.expected + "\n")
        }
    }
}
