import Testing
import WasmFormat
import WasmText

/// Hostile input gets an error, never a crash.
@Suite struct RobustnessTests {
    /// Folded instructions are parsed without recursion: any depth works.
    @Test func deepFoldedNestingNeedsNoRecursion() throws {
        let depth = 100_000
        let blocks = "(module (func " + String(repeating: "(block ", count: depth) + String(repeating: ")", count: depth) + "))"
        #expect(try body(try assemble(blocks)).count == 2 * depth + 1)
        let operands = "(module (func (result i32) " + String(repeating: "(i32.eqz ", count: depth) + "(i32.const 0)"
            + String(repeating: ")", count: depth) + "))"
        #expect(try body(try assemble(operands)).count == depth + 2)
    }

    @Test func deepPlainNestingNeedsNoRecursion() throws {
        let depth = 50_000
        let text = "(module (func " + String(repeating: "block ", count: depth) + String(repeating: "end ", count: depth) + "))"
        let m = try assemble(text)
        #expect(try body(m).count == 2 * depth + 1)
    }

    @Test func deepCommentsAndAnnotations() throws {
        let depth = 100_000
        _ = try assemble("(module " + String(repeating: "(;", count: depth) + String(repeating: ";)", count: depth) + ")")
        _ = try assemble("(module (@a " + String(repeating: "(", count: depth) + String(repeating: ")", count: depth) + "))")
    }

    @Test(arguments: ["(", ")", "((((", "))))", "(module", "(module (func", "(module (func (block", "(module))",
                      "(module (func (i32.add (i32.const 1)", "(module (type (func (param", "(module (table", "(memory (data \"",
                      "(module (elem (table", "(module (func (try (do", "(module (rec (type (sub", "(@custom", ""])
    func unbalancedInput(text: String) {
        _ = try? WAT.parseModule(text)
        _ = try? WastScript.parse(text, file: "x.wast")
    }

    /// Cuts of a realistic module at every position, and random bytes, must never crash.
    @Test func truncationsAndNoise() {
        let text = """
            (module $m (type $t (func (param i32) (result i32)))
              (import "a" "b" (func $i (type $t)))
              (memory (export "m") 1) (table 2 funcref) (global $g (mut f64) (f64.const -nan:0x1))
              (func $f (param $x i32) (result i32) (local i64 v128)
                (block $b (result i32) (br_if $b (i32.const 1) (local.get $x)) (call_indirect (type $t) (i32.const 0) (i32.const 0)))
                (try_table (catch_all 0)) (v128.const f32x4 1 2 3 inf) drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) (local.get 2)) drop)
              (elem (i32.const 0) $f $i) (data (i32.const 0) "\\00\\ff") (@custom "c" "x") (start $f))
            """
        let bytes = Array(text.utf8)
        for cut in 0...bytes.count {
            _ = try? WAT.parseModule(bytes: Array(bytes[..<cut]))
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("()$\";@ \n0x1.pe-_ai3264f.constblockendfuncmoduletyperef".utf8)
        for _ in 0..<2_000 {
            let n = Int.random(in: 0..<80, using: &generator)
            let noise = (0..<n).map { _ in alphabet.randomElement(using: &generator)! }
            _ = try? WAT.parseModule(bytes: noise)
            _ = try? WastScript.parse(bytes: noise, file: "noise")
        }
    }
}

extension RobustnessTests {
    @Test func deeplyNestedEitherIsAnError() {
        let depth = 100_000
        let text = "(assert_return (invoke \"f\") " + String(repeating: "(either ", count: depth) + String(repeating: ")", count: depth + 1)
        #expect(throws: WasmText.TextError.self) { try WastScript.parse(text, file: "either.wast") }
    }
}
