import Testing
import WasmFormat
import WasmText

/// Scripts: every directive, values and patterns, and lazily assembled modules.
@Suite struct WastTests {
    static let script = #"""
        (module $m (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
        (module binary "\00asm" "\01\00\00\00")
        (module $q quote "(func (export \"f\"))" "(memory 1)")
        (module definition $d (memory 1))
        (module instance $i $d)
        (register "M" $m)
        (invoke "add" (i32.const 1) (i32.const -1))
        (get $m "g")
        (assert_return (invoke $m "add" (i32.const 1) (i32.const 2)) (i32.const 3))
        (assert_return (invoke "f" (f32.const -0x1p-149) (f64.const nan:0x1) (i64.const -1))
          (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const -inf) (i64.const 0xffffffffffffffff))
        (assert_return (invoke "v" (v128.const i16x8 1 2 3 4 5 6 7 -1))
          (v128.const f32x4 nan:canonical 1.0 -0 nan:arithmetic)
          (either (i32.const 1) (i32.const 2)))
        (assert_return (invoke "r" (ref.null func) (ref.null extern) (ref.extern 7) (ref.host 3) (ref.null $t))
          (ref.null) (ref.null any) (ref.func) (ref.func $f) (ref.extern) (ref.extern 7) (ref.any) (ref.eq)
          (ref.i31) (ref.struct) (ref.array) (ref.exn) (ref.host 3))
        (assert_trap (invoke "t") "unreachable")
        (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
        (assert_exhaustion (invoke "loop") "call stack exhausted")
        (assert_exception (invoke "throw"))
        (assert_invalid (module (func (result i32))) "type mismatch")
        (assert_malformed (module quote "(func (i32.bogus))") "unknown operator")
        (assert_malformed (module (func (i32.const 0x1_0000_0000))) "constant out of range")
        (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
        (assert_uninstantiable (module (memory 0) (data (i32.const 1) "a")) "out of bounds")
        """#

    @Test func everyDirectiveParses() throws {
        let script = try WastScript.parse(Self.script, file: "t.wast")
        #expect(script.directives.count == 21)
        guard case .module(let m) = script.directives[0].kind else { Issue.record("not a module"); return }
        #expect(m.id == "m" && m.encoding == .text && !m.isDefinition)
        #expect(script.directives[0].location == WasmText.SourceLocation(file: "t.wast", line: 1, column: 1))
        #expect(script.directives[8].location.line == 9)

        guard case .module(let binary) = script.directives[1].kind else { Issue.record("not a module"); return }
        #expect(binary.encoding == .binary)
        #expect(try binary.compile() == [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0])

        guard case .module(let quoted) = script.directives[2].kind else { Issue.record("not a module"); return }
        #expect(quoted.encoding == .quote && quoted.id == "q")
        let q = try ModuleDecoder().decode(try quoted.compile())
        #expect(q.exports.first?.name == "f" && q.memories.count == 1)

        guard case .module(let definition) = script.directives[3].kind else { Issue.record("not a module"); return }
        #expect(definition.isDefinition && definition.id == "d")
        guard case .moduleInstance(let instance, let module) = script.directives[4].kind else { Issue.record("not an instance"); return }
        #expect(instance == "i" && module == "d")
        guard case .register(let name, let registered) = script.directives[5].kind else { Issue.record("not a register"); return }
        #expect(name == "M" && registered == "m")
        guard case .action(.invoke(nil, "add", let args)) = script.directives[6].kind else { Issue.record("not an invoke"); return }
        #expect(args == [.i32(1), .i32(0xFFFF_FFFF)])
        guard case .action(.get("m", "g")) = script.directives[7].kind else { Issue.record("not a get"); return }
    }

    @Test func valuesAndPatterns() throws {
        let script = try WastScript.parse(Self.script, file: "t.wast")
        guard case .assertReturn(.invoke(nil, "f", let args), let expected) = script.directives[9].kind else {
            Issue.record("not an assert_return"); return
        }
        #expect(args == [.f32(0x8000_0001), .f64(0x7FF0_0000_0000_0001), .i64(.max)])
        #expect(expected == [.f32NaN(.canonical), .f64NaN(.arithmetic), .f32(0xFF80_0000), .i64(.max)])

        guard case .assertReturn(.invoke(_, _, let vargs), let vexpected) = script.directives[10].kind else {
            Issue.record("not an assert_return"); return
        }
        #expect(vargs == [.v128(V128(low: 0x0004_0003_0002_0001, high: 0xFFFF_0007_0006_0005))])
        #expect(vexpected == [
            .v128(.f32x4, [.nan(.canonical), .bits(0x3F80_0000), .bits(0x8000_0000), .nan(.arithmetic)]),
            .either([.i32(1), .i32(2)]),
        ])

        guard case .assertReturn(.invoke(_, _, let rargs), let rexpected) = script.directives[11].kind else {
            Issue.record("not an assert_return"); return
        }
        #expect(rargs == [.refNull(.abstract(.func)), .refNull(.abstract(.extern)), .refExtern(7), .refHost(3), .refNull(.named("t"))])
        #expect(rexpected == [
            .refNull(nil), .refNull(.abstract(.any)), .ref(.func), .refFunc(.name("f")), .ref(.extern), .refExtern(7),
            .ref(.any), .ref(.eq), .ref(.i31), .ref(.struct), .ref(.array), .ref(.exn), .refHost(3),
        ])
    }

    @Test func nanPatternsMatch() {
        #expect(WastNaN.canonical.matches(f32: 0x7FC0_0000))
        #expect(WastNaN.canonical.matches(f32: 0xFFC0_0000))
        #expect(!WastNaN.canonical.matches(f32: 0x7FC0_0001))
        #expect(WastNaN.arithmetic.matches(f32: 0x7FC0_0001))
        #expect(!WastNaN.arithmetic.matches(f32: 0x7F80_0001))
        #expect(WastNaN.canonical.matches(f64: 0xFFF8_0000_0000_0000))
        #expect(WastNaN.arithmetic.matches(f64: 0x7FFF_FFFF_FFFF_FFFF))
        #expect(!WastNaN.arithmetic.matches(f64: 0x7FF0_0000_0000_0001))
    }

    @Test func assertionsKeepTheirModulesUnparsed() throws {
        let script = try WastScript.parse(Self.script, file: "t.wast")
        let kinds = script.directives.map(\.kind)
        guard case .assertTrap(.invoke(nil, "t", []), "unreachable") = kinds[12] else { Issue.record("\(kinds[12])"); return }
        guard case .assertUninstantiable(let start, "unreachable") = kinds[13] else { Issue.record("\(kinds[13])"); return }
        #expect(try ModuleDecoder().decode(try start.compile()).start == 0)
        guard case .assertExhaustion(_, "call stack exhausted") = kinds[14] else { Issue.record("\(kinds[14])"); return }
        guard case .assertException(.invoke(nil, "throw", [])) = kinds[15] else { Issue.record("\(kinds[15])"); return }
        guard case .assertInvalid(let invalid, "type mismatch") = kinds[16] else { Issue.record("\(kinds[16])"); return }
        // Well-formed but invalid: it assembles; the validator rejects it.
        _ = try invalid.compile()
        guard case .assertMalformed(let quoted, "unknown operator") = kinds[17] else { Issue.record("\(kinds[17])"); return }
        #expect(throws: WasmText.TextError.self) { try quoted.compile() }
        guard case .assertMalformed(let text, "constant out of range") = kinds[18] else { Issue.record("\(kinds[18])"); return }
        #expect(text.text == "(module (func (i32.const 0x1_0000_0000)))")
        do {
            _ = try text.compile()
            Issue.record("accepted an out-of-range constant")
        } catch {
            // The location is in the script, where the module is written.
            #expect(error.location == WasmText.SourceLocation(file: "t.wast", line: 24, column: 44))
        }
        guard case .assertUnlinkable(_, "unknown import") = kinds[19] else { Issue.record("\(kinds[19])"); return }
        guard case .assertUninstantiable(_, "out of bounds") = kinds[20] else { Issue.record("\(kinds[20])"); return }
    }

    @Test func quotedModuleErrorsNameTheScriptPosition() throws {
        let script = try WastScript.parse("\n  (module quote \"(func\" \"(bogus))\")", file: "q.wast")
        guard case .module(let m) = script.directives[0].kind else { Issue.record("not a module"); return }
        do {
            _ = try m.compile()
            Issue.record("accepted a bogus operator")
        } catch {
            #expect(error.location.file == "q.wast:2:3 (module quote)")
            #expect(error.location.column == 8)
        }
    }

    @Test(arguments: [
        ("(module", "unexpected end of input"),
        ("(assert_return (invoke \"f\") (i32.const 1)", "unexpected end of input"),
        ("(frobnicate)", "not a script command"),
        ("(assert_return (invoke \"f\" (i32.add)))", "unknown operator"),
        ("(assert_trap (invoke \"f\"))", "unexpected token"),
        ("\"stray\"", "unexpected token"),
    ])
    func malformedScripts(text: String, message: String) {
        do {
            _ = try WastScript.parse(text, file: "bad.wast")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.contains(message), "got \(error.message)")
        }
    }
}
