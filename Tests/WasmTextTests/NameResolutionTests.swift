import Testing
import WasmFormat
import WasmText

/// Symbolic names in every index space, and the `name` section that keeps them.
@Suite struct NameResolutionTests {
    @Test func everyIndexSpaceResolves() throws {
        let m = try assemble("""
            (module $M
              (type $sig (func (param i32)))
              (type $s (struct (field $a i32) (field $b (mut i64))))
              (import "env" "g" (global $imported i32))
              (func $callee (type $sig) (param $x i32))
              (table $tab 1 funcref)
              (memory $mem 1)
              (global $g (mut i32) (i32.const 0))
              (tag $exn)
              (elem $seg func $callee)
              (data $bytes "x")
              (func $main (param $p i32) (local $l i64)
                (call $callee (local.get $p))
                (local.set $l (i64.const 1))
                (global.set $g (global.get $imported))
                (drop (table.get $tab (i32.const 0)))
                (drop (i32.load $mem (i32.const 0)))
                (elem.drop $seg) (data.drop $bytes)
                (drop (struct.get $s $b (struct.new $s (i32.const 1) (i64.const 2))))
                (block $out (br_if $out (i32.const 0)) (throw $exn))))
            """)
        let code = try body(m, 1)
        #expect(code.contains(.call(0)))
        #expect(code.contains(.localSet(1)))
        #expect(code.contains(.globalSet(1)))
        #expect(code.contains(.globalGet(0)))
        #expect(code.contains(.tableGet(0)))
        #expect(code.contains(.elemDrop(0)))
        #expect(code.contains(.dataDrop(0)))
        #expect(code.contains(.structGet(type: 1, field: 1)))
        #expect(code.contains(.brIf(0)))
        #expect(code.contains(.throw(tag: 0)))
        #expect(m.dataCount == 1)

        let names = try #require(m.names)
        #expect(names.moduleName == "M")
        #expect(names.functionNames == [0: "callee", 1: "main"])
        #expect(names.localNames[0] == [0: "x"])
        #expect(names.localNames[1] == [0: "p", 1: "l"])
        #expect(names.typeNames == [0: "sig", 1: "s"])
        #expect(names.fieldNames[1] == [0: "a", 1: "b"])
        #expect(names.globalNames == [0: "imported", 1: "g"])
        #expect(names.tableNames == [0: "tab"])
        #expect(names.memoryNames == [0: "mem"])
        #expect(names.tagNames == [0: "exn"])
        #expect(names.elemNames == [0: "seg"])
        #expect(names.dataNames == [0: "bytes"])
        #expect(names.labelNames[1] == [0: "out"])
    }

    @Test func importedFunctionsKeepTheirParameterNames() throws {
        let m = try assemble(#"(module (import "m" "f" (func $f (param $a i32) (param $b i64))) (func $g (import "m" "g") (param $c f32)))"#)
        #expect(m.names?.localNames == [0: [0: "a", 1: "b"], 1: [0: "c"]])
        #expect(m.names?.functionNames == [0: "f", 1: "g"])
    }

    @Test func forwardReferences() throws {
        let m = try assemble("""
            (module
              (func $a (call $b))
              (func $b (call $a))
              (global (ref null $t) (ref.null $t))
              (type $t (struct)))
            """)
        #expect(try body(m, 0)[0] == .call(1))
        #expect(m.globals[0].initializer == ConstantExpression([.refNull(.concrete(0))]))
    }

    @Test func labelsCountFromTheInside() throws {
        let m = try assemble("""
            (module (func
              (block $a
                (loop $b
                  (block $c
                    (br $a) (br $b) (br $c) (br 0) (br_table $a $b $c $c)))
                (block $a (br $a)))))
            """)
        let code = try body(m)
        #expect(code[3] == .br(2))
        #expect(code[4] == .br(1))
        #expect(code[5] == .br(0))
        #expect(code[6] == .br(0))
        #expect(code[7] == .brTable([2, 1, 0], default: 0))
        // A shadowing label wins.
        #expect(code[11] == .br(0))
    }

    @Test func plainBlocksWithEndLabels() throws {
        let m = try assemble("""
            (module (func (result i32)
              block $outer (result i32)
                i32.const 1
                if $inner (result i32) i32.const 2 else $inner i32.const 3 end $inner
              end $outer))
            """)
        #expect(try body(m) == [
            .block(.value(.i32)), .i32Const(1), .if(.value(.i32)), .i32Const(2), .plain(.else), .i32Const(3),
            .plain(.end), .plain(.end), .plain(.end),
        ])
    }

    @Test func quotedIdentifiers() throws {
        let m = try assemble(#"(module (func $"hello world" (export "f") (call $"hello world")))"#)
        #expect(m.names?.functionNames[0] == "hello world")
    }

    @Test(arguments: [
        ("(module (func $f) (func $f))", "duplicate func"),
        ("(module (func (param $x i32) (local $x i32)))", "duplicate local"),
        ("(module (global $g i32 (i32.const 0)) (global $g i32 (i32.const 0)))", "duplicate global"),
        ("(module (memory $m 1) (memory $m 1))", "duplicate memory"),
        ("(module (type $t (struct (field $a i32) (field $a i32))))", "duplicate field"),
        ("(module (func (call $nowhere)))", "unknown func $nowhere"),
        ("(module (func (local.get $x)))", "unknown local $x"),
        ("(module (func (br $l)))", "unknown label $l"),
        ("(module (func (param (ref $t))))", "unknown type $t"),
        ("(module (type $s (struct)) (func (struct.get $s $f)))", "unknown field $f"),
        ("(module (func block $a end $b))", "mismatching label"),
        ("(module (func block end $b))", "mismatching label"),
        ("(module (func if $a else $b end))", "mismatching label"),
        ("(module (func) (import \"m\" \"n\" (func)))", "import after function"),
        ("(module (global i32 (i32.const 0)) (global (import \"m\" \"n\") i32))", "import after global"),
        ("(module (func $f) (start $f) (start $f))", "multiple start sections"),
    ])
    func resolutionErrors(text: String, message: String) {
        let error = parseError(text)
        #expect(error?.message.contains(message) == true, "got \(String(describing: error?.message))")
    }
}
