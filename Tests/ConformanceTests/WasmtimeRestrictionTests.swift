import Testing
import WastRunner

/// `--wasmtime-restrictions`: what wasmtime refuses to run is invalid, in its words, and
/// only with the option; the component model itself allows all of it.
@Suite struct WasmtimeRestrictionTests {
    static let script = """
    (assert_invalid
      (component (import "c" (component)))
      "root-level component imports are not supported")
    (assert_invalid
      (component (component (export "x")))
      "exporting a component from the root component is not supported")
    (assert_invalid
      (component (import "f" (func $f)) (export "f" (func $f)))
      "component export `f` is a reexport of an imported function which is not implemented")
    (assert_invalid
      (component
        (import "i" (instance $i (export "f" (func))))
        (alias export $i "f" (func $f))
        (instance $x (export "g" (func $f)))
        (export "x" (instance $x)))
      "component export `g` is a reexport of an imported function which is not implemented")
    (component
      (core module $m (func (export "f")))
      (core instance $i (instantiate $m))
      (func (export "f") (canon lift (core func $i "f"))))
    """

    func run(restricted: Bool) -> WastReport {
        var runner = WastRunner()
        runner.wasmtimeRestrictions = restricted
        return runner.run(file: "restrictions.wast", contents: Array(Self.script.utf8))
    }

    @Test func wasmtimeRefusalsAreInvalidOnlyWhenAsked() {
        let restricted = run(restricted: true)
        #expect(restricted.passed == 5 && restricted.failed == 0 && restricted.skipped == 0,
                "\(restricted.records.map { "\($0.line) \($0.status) \($0.message)" })")
        // Every message is wasmtime's own: a pass with another message would note the suite's.
        for r in restricted.records where r.kind == "assert_invalid" {
            #expect(r.message.isEmpty, "\(r.line): \(r.message)")
        }
        let plain = run(restricted: false)
        // The component import is not supported by Loupe either; the other three run.
        #expect(plain.failed == 3 && plain.passed == 1 && plain.skipped == 1)
    }
}
