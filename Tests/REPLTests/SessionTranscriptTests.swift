import Foundation
import LoupeTestSupport
import REPL
import Testing

/// Batch sessions against golden transcripts: each `Sessions/NAME.loupe` runs line by
/// line and the transcript (`> line`, then what it printed) must equal `NAME.out`.
/// `$SHARED` and `$PACKAGE` in scripts stand for ../shared and the package root.
/// `LOUPE_UPDATE_GOLDEN=1` rewrites the `.out` files instead (review the diff).
@Suite struct SessionTranscriptTests {
    static let folder = TestEnvironment.packageRoot.appendingPathComponent("Tests/REPLTests/Sessions")

    static func transcript(of script: String, stubMissing: Bool = false) -> String {
        let recorder = Recorder()
        let session = Session(output: recorder, stubMissing: stubMissing)
        var collector = InputCollector()
        // NB: the newline that ends the last line does not begin another one.
        for line in script.split(separator: "\n", omittingEmptySubsequences: false).dropLast(script.hasSuffix("\n") ? 1 : 0).map(String.init) {
            let expanded = line.replacingOccurrences(of: "$SHARED", with: TestEnvironment.shared?.path ?? "/nonexistent")
                .replacingOccurrences(of: "$PACKAGE", with: TestEnvironment.packageRoot.path)
            guard !line.isEmpty || collector.isContinuing else { continue }
            recorder.text += (collector.isContinuing ? "...> " : "> ") + line + "\n"
            if let input = collector.add(expanded) { session.execute(input) }
        }
        if let rest = collector.flush() { session.execute(rest) }
        var text = recorder.text
        if let shared = TestEnvironment.shared?.path { text = text.replacingOccurrences(of: shared, with: "$SHARED") }
        return text.replacingOccurrences(of: TestEnvironment.packageRoot.path, with: "$PACKAGE")
    }

    func check(_ name: String, needsShared: Bool = true) throws {
        if needsShared && TestEnvironment.shared == nil {
            print("skipped \(name): no ../shared (set LOUPE_SHARED)")
            return
        }
        let script = try String(contentsOf: Self.folder.appendingPathComponent("\(name).loupe"), encoding: .utf8)
        let actual = Self.transcript(of: script)
        let golden = Self.folder.appendingPathComponent("\(name).out")
        if ProcessInfo.processInfo.environment["LOUPE_UPDATE_GOLDEN"] != nil {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "transcript of \(name).loupe differs from \(name).out")
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            if let i = zip(a, e).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("first difference at line \(i + 1):\n  got:      \(a[i])\n  expected: \(e[i])")
            }
        }
    }

    @Test func greeterExample() throws { try check("greeter", needsShared: false) }
    @Test func strings() throws { try check("02-strings") }
    @Test func types() throws { try check("03-types") }
    @Test func resourceLifecycle() throws { try check("04-resource") }
    @Test func importHostPostMortemAndStubs() throws { try check("05b-import-host") }
    @Test func initializerPostMortem() throws { try check("trapping-start", needsShared: false) }
    @Test func nestedResources() throws { try check("07-nested-resource") }
    @Test func explainNarratesTheCanonicalABI() throws { try check("explain") }
    @Test func typesLayoutWitResourcesInstances() throws { try check("explore") }
    @Test func callsLogStubsAndLinks() throws { try check("imports-link") }
    @Test func memoryAndExamine() throws { try check("memory", needsShared: false) }
    @Test func nextFinishAndImportBreakpoints() throws { try check("next-finish") }
    @Test func multiLineInput() throws { try check("multi-line", needsShared: false) }
    @Test func typedComponentText() throws { try check("typed-component", needsShared: false) }
    @Test func coreWasmBreakpointsAndStepping() throws { try check("core-debugging", needsShared: false) }
}

/// Keeps results and errors in one transcript, in order.
final class Recorder: SessionOutput {
    var text = ""
    func result(_ s: String) { text += s + "\n" }
    func error(_ s: String) { text += s + "\n" }
}
