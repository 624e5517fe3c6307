import Testing
import WastRunner

/// `assert_malformed_custom` of the annotations proposal: the text parser interprets
/// `@custom`, so a misplaced or malformed one is refused, and a good one is not.
@Suite struct CustomAnnotationScriptTests {
    @Test func malformedCustomAnnotationsAreRefusedAndGoodOnesAccepted() {
        let script = """
        (assert_malformed_custom (module quote "(func (@custom \\"x\\"))") "misplaced @custom annotation")
        (assert_malformed_custom (module quote "(@custom \\"x\\" (before types))") "@custom annotation: malformed section kind")
        (assert_malformed_custom (module quote "(@custom \\"x\\" (after func) \\"data\\")") "this one is well formed")
        """
        let report = WastRunner().run(file: "custom.wast", contents: Array(script.utf8))
        #expect(report.records.map(\.status) == [.passed, .passed, .failed])
        #expect(report.records[0].message.isEmpty && report.records[1].message.isEmpty)
    }
}
