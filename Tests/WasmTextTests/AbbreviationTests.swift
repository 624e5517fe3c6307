import Testing
import WasmFormat
import WasmText

/// The text format's abbreviations expand to what their long forms say.
@Suite struct AbbreviationTests {
    /// Two texts must assemble to the same module (custom sections aside).
    func expectSameModule(_ short: String, _ long: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let a = try assemble(short), b = try assemble(long)
        #expect(a.types == b.types, sourceLocation: sourceLocation)
        #expect(a.imports.map { "\($0.module).\($0.name) \($0.description)" } == b.imports.map { "\($0.module).\($0.name) \($0.description)" }, sourceLocation: sourceLocation)
        #expect(a.functions == b.functions, sourceLocation: sourceLocation)
        #expect(a.tables == b.tables, sourceLocation: sourceLocation)
        #expect(a.memories == b.memories, sourceLocation: sourceLocation)
        #expect(a.globals == b.globals, sourceLocation: sourceLocation)
        #expect(a.exports.map { "\($0.name) \($0.kind) \($0.index)" } == b.exports.map { "\($0.name) \($0.kind) \($0.index)" }, sourceLocation: sourceLocation)
        #expect(a.elements == b.elements, sourceLocation: sourceLocation)
        #expect(a.datas == b.datas, sourceLocation: sourceLocation)
        #expect(a.codes.count == b.codes.count, sourceLocation: sourceLocation)
        for (x, y) in zip(a.codes, b.codes) {
            #expect(x.locals == y.locals, sourceLocation: sourceLocation)
            #expect(try x.instructions().map(\.instruction) == y.instructions().map(\.instruction), sourceLocation: sourceLocation)
        }
    }

    @Test func foldedInstructionsUnfold() throws {
        try expectSameModule(
            "(module (func (result i32) (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3)))))",
            "(module (func (result i32) i32.const 1 i32.const 2 i32.const 3 i32.mul i32.add))")
    }

    @Test func foldedIfThenElse() throws {
        try expectSameModule(
            "(module (func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))",
            "(module (func (param i32) (result i32) local.get 0 if (result i32) i32.const 1 else i32.const 2 end))")
        try expectSameModule(
            "(module (func (param i32) (if (local.get 0) (then))))",
            "(module (func (param i32) local.get 0 if end))")
    }

    @Test func inlineImportsAndExports() throws {
        try expectSameModule(
            """
            (module
              (func $f (export "a") (export "b") (import "m" "f") (param i32))
              (global (import "m" "g") (mut i64))
              (memory (export "mem") 1)
              (table $t (export "t") 2 funcref))
            """,
            """
            (module
              (type (func (param i32)))
              (import "m" "f" (func $f (type 0)))
              (import "m" "g" (global (mut i64)))
              (memory 1)
              (table $t 2 funcref)
              (export "a" (func $f)) (export "b" (func $f))
              (export "mem" (memory 0)) (export "t" (table $t)))
            """)
    }

    @Test func tableWithInlineElements() throws {
        try expectSameModule(
            "(module (func $f) (func $g) (table funcref (elem $f $g $f)))",
            "(module (func $f) (func $g) (table 3 3 funcref) (elem (table 0) (i32.const 0) func $f $g $f))")
        try expectSameModule(
            "(module (func $f) (table i64 funcref (elem $f)))",
            "(module (func $f) (table i64 1 1 funcref) (elem (table 0) (offset (i64.const 0)) func $f))")
    }

    @Test func memoryWithInlineData() throws {
        let m = try assemble(#"(module (memory (data "a\62\u{63}" "d")))"#)
        #expect(m.memories == [MemoryType(limits: Limits(min: 1, max: 1))])
        #expect(Array(m.datas[0].bytes) == Array("abcd".utf8))
        let big = try assemble("(module (memory i64 (data \"\(String(repeating: "x", count: 65537))\")))")
        #expect(big.memories == [MemoryType(limits: Limits(min: 2, max: 2, addressType: .i64))])
        #expect(big.datas[0].mode == .active(memory: 0, offset: ConstantExpression([.i64Const(0)])))
        let empty = try assemble("(module (memory (data)))")
        #expect(empty.memories == [MemoryType(limits: Limits(min: 0, max: 0))])
    }

    @Test func elementSegmentForms() throws {
        let m = try assemble("""
            (module
              (table $t 10 funcref)
              (func $f)
              (elem declare func $f)
              (elem (table $t) (offset (i32.const 1)) func $f)
              (elem (i32.const 2) $f $f)
              (elem funcref (ref.func $f) (ref.null func))
              (elem (table $t) (i32.const 3) funcref (item ref.func $f) (item (ref.func $f))))
            """)
        let funcs = RefType(nullable: false, heapType: .func)
        #expect(m.elements[0] == ElementSegment(type: funcs, mode: .declarative, items: .functions([0])))
        #expect(m.elements[1] == ElementSegment(type: funcs, mode: .active(table: 0, offset: ConstantExpression([.i32Const(1)])), items: .functions([0])))
        #expect(m.elements[2] == ElementSegment(type: funcs, mode: .active(table: 0, offset: ConstantExpression([.i32Const(2)])), items: .functions([0, 0])))
        #expect(m.elements[3] == ElementSegment(type: .funcref, mode: .passive,
                                                items: .expressions([ConstantExpression([.refFunc(0)]), ConstantExpression([.refNull(.func)])])))
        #expect(m.elements[4].items == .expressions([ConstantExpression([.refFunc(0)]), ConstantExpression([.refFunc(0)])]))
    }

    @Test func dataSegmentForms() throws {
        let m = try assemble("""
            (module (memory $a 1) (memory $b 1)
              (data "passive")
              (data (memory $b) (offset (i32.const 8)) "x")
              (data (i32.const 4) "y" "z"))
            """)
        #expect(m.datas[0].mode == .passive)
        #expect(m.datas[1].mode == .active(memory: 1, offset: ConstantExpression([.i32Const(8)])))
        #expect(m.datas[2].mode == .active(memory: 0, offset: ConstantExpression([.i32Const(4)])))
        #expect(Array(m.datas[2].bytes) == Array("yz".utf8))
    }

    /// A signature without `(type …)` names the first matching type; when there is
    /// none, a new type is appended after all explicit ones, in order of use.
    @Test func implicitTypes() throws {
        let m = try assemble("""
            (module
              (type $a (func (param i64)))
              (func $f (param i32) (result i32) (block (param i32) (result i32 i32) (unreachable)) unreachable)
              (type $b (func (param f32)))
              (func $g (param f64) (call_indirect (param i64 i64)) unreachable)
              (func $h (param f32))
              (func $i (param i32) (result i32) unreachable))
            """)
        let f = { (p: [ValueType], r: [ValueType]) in SubType(composite: .function(FunctionType(parameters: p, results: r))) }
        #expect(m.flatTypes == [f([.i64], []), f([.f32], []), f([.i32], [.i32]), f([.i32], [.i32, .i32]), f([.f64], []), f([.i64, .i64], [])])
        #expect(m.functions == [2, 4, 1, 2])
        #expect(try body(m)[0] == .block(.typeIndex(3)))
        #expect(try body(m, 1)[0] == .callIndirect(type: 5, table: 0))
    }

    /// With GC, only a final function type alone in its group stands for a signature.
    @Test func implicitTypesSkipOpenAndGroupedTypes() throws {
        let m = try assemble("""
            (module
              (type $open (sub (func)))
              (rec (type $pair (func)) (type (struct)))
              (func $f))
            """)
        #expect(m.functions == [3])
        #expect(m.types.count == 3)
    }

    @Test func typeUseWithBothIndexAndSignature() throws {
        let m = try assemble("(module (type $t (func (param i32) (result i32))) (func (type $t) (param $x i32) (result i32) (local.get $x)))")
        #expect(m.functions == [0])
        let e = parseError("(module (type $t (func (param i32))) (func (type $t) (param f32)))")
        #expect(e?.message.contains("inline function type") == true)
    }

    @Test func blockTypes() throws {
        let m = try assemble("""
            (module (type $t (func (result i32)))
              (func (block) (block (result i32) (i32.const 0)) drop (block (type $t) (i32.const 1)) drop))
            """)
        let code = try body(m)
        #expect(code[0] == .block(.empty))
        #expect(code[2] == .block(.value(.i32)))
        #expect(code.contains(.block(.typeIndex(0))))
    }

    @Test func memoryAndTableTypes() throws {
        let m = try assemble("""
            (module
              (memory 1 2 shared)
              (memory i64 3)
              (memory 0 (pagesize 1))
              (table 1 funcref)
              (table i64 2 10 externref)
              (table 1 (ref null func) (ref.null func)))
            """)
        #expect(m.memories == [
            MemoryType(limits: Limits(min: 1, max: 2, shared: true)),
            MemoryType(limits: Limits(min: 3, addressType: .i64)),
            MemoryType(limits: Limits(min: 0, pageSizeLog2: 0)),
        ])
        #expect(m.tables[1].type == TableType(elementType: .externref, limits: Limits(min: 2, max: 10, addressType: .i64)))
        #expect(m.tables[2].initializer == ConstantExpression([.refNull(.func)]))
    }

    @Test func gcTypes() throws {
        let m = try assemble("""
            (module
              (rec
                (type $node (sub (struct (field $next (ref null $node)) (field $v (mut i8)) (field i32 i64))))
                (type $leaf (sub final $node (struct (field (ref null $node)) (field (mut i8)) (field i32 i64) (field f32)))))
              (type $arr (array (mut anyref)))
              (func (param (ref $leaf)) (result i32)
                (struct.get_s $node $v (local.get 0))))
            """)
        #expect(m.types.count == 3)
        #expect(m.types[0].isExplicit)
        let leaf = m.types[0].types[1]
        #expect(leaf.isFinal && leaf.supertypes == [0])
        if case .struct(let fields) = m.types[0].types[0].composite {
            #expect(fields.count == 4)
            #expect(fields[0] == FieldType(storage: .value(.ref(RefType(nullable: true, heapType: .concrete(0)))), mutable: false))
            #expect(fields[1] == FieldType(storage: .i8, mutable: true))
        } else {
            Issue.record("not a struct")
        }
        #expect(m.types[1].types[0].composite == .array(FieldType(storage: .value(.ref(RefType(nullable: true, heapType: .abstract(.any)))), mutable: true)))
        #expect(try body(m)[1] == .structGetS(type: 0, field: 1))
    }

    @Test func memargsAndMemoryIndices() throws {
        let m = try assemble("""
            (module (memory $a 1) (memory $b 1)
              (func (param v128)
                (drop (i32.load offset=8 align=2 (i32.const 0)))
                (drop (i64.load $b offset=0x10 (i32.const 0)))
                (drop (i32.load8_u 1 (i32.const 0)))
                (drop (v128.load8_lane 1 (i32.const 0) (local.get 0)))
                (drop (v128.load8_lane $b 2 (i32.const 0) (local.get 0)))
                (drop (v128.load16_lane 1 offset=2 3 (i32.const 0) (local.get 0)))))
            """)
        let code = try body(m)
        #expect(code[1] == .memory(.i32Load, MemArg(align: 1, offset: 8)))
        #expect(code[4] == .memory(.i64Load, MemArg(align: 3, offset: 16, memory: 1)))
        #expect(code[7] == .memory(.i32Load8U, MemArg(align: 0, offset: 0, memory: 1)))
        #expect(code[11] == .memoryLane(.v128Load8Lane, MemArg(align: 0, offset: 0), lane: 1))
        #expect(code[15] == .memoryLane(.v128Load8Lane, MemArg(align: 0, offset: 0, memory: 1), lane: 2))
        #expect(code[19] == .memoryLane(.v128Load16Lane, MemArg(align: 1, offset: 2, memory: 1), lane: 3))
        #expect(parseError("(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))")?.message.contains("alignment") == true)
    }

    @Test func exceptionsAndTryTable() throws {
        let m = try assemble("""
            (module
              (tag $e (param i32))
              (func (result i32)
                (block $outer (result i32 exnref)
                  (try_table $l (result i32) (catch $e 0) (catch_ref $e 1) (catch_all 1) (catch_all_ref $outer)
                    (throw $e (i32.const 1))))
                unreachable))
            """)
        let code = try body(m)
        #expect(code[1] == .tryTable(.value(.i32), [
            CatchClause(kind: .catch, tag: 0, label: 0),
            CatchClause(kind: .catchRef, tag: 0, label: 1),
            CatchClause(kind: .catchAll, tag: nil, label: 1),
            CatchClause(kind: .catchAllRef, tag: nil, label: 0),
        ]))
        #expect(m.tags == [TagType(typeIndex: 0)])
    }

    @Test func legacyExceptions() throws {
        let m = try assemble("""
            (module (tag $e)
              (func
                (try $t (do (throw $e)) (catch $e (rethrow $t)) (catch_all))
                try $u
                  (try (do nop) (delegate $u))
                catch_all
                end))
            """)
        #expect(try body(m) == [
            .legacyTry(.empty), .throw(tag: 0), .legacyCatch(tag: 0), .legacyRethrow(0), .plain(.catchAll), .plain(.end),
            .legacyTry(.empty), .legacyTry(.empty), .plain(.nop), .legacyDelegate(0), .plain(.catchAll), .plain(.end),
            .plain(.end),
        ])
    }

    @Test func selectCallIndirectAndReferences() throws {
        let m = try assemble("""
            (module
              (type $t (func (param i32)))
              (table $a 1 funcref) (table $b 1 funcref)
              (func $f (param i32)
                (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)) drop
                (select (i32.const 1) (i32.const 2) (i32.const 3)) drop
                (call_indirect $b (type $t) (i32.const 0) (i32.const 0))
                (drop (ref.null $t)) (drop (ref.null extern)) (drop (ref.func $f))
                (drop (ref.test (ref null $t) (ref.null func)))
                (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i64x2 0 0) (v128.const i64x2 0 0))))
              (elem declare func $f))
            """)
        let code = try body(m)
        #expect(code[3] == .selectTyped([.i32]))
        #expect(code[8] == .plain(.select))
        #expect(code[12] == .callIndirect(type: 0, table: 1))
        #expect(code[13] == .refNull(.concrete(0)))
        #expect(code[15] == .refNull(.extern))
        #expect(code[17] == .refFunc(0))
        #expect(code[20] == .refTest(RefType(nullable: true, heapType: .concrete(0))))
    }

    @Test func plainVectorInstructions() throws {
        let m = try assemble("""
            (module (memory 1) (func (param v128) (result v128)
              local.get 0 local.get 0 i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 i8x16.abs
              i32.const 0 i8x16.replace_lane 3 i8x16.extract_lane_u 15 drop
              local.get 0 i32.const 0 v128.load8_lane 1 i32.load 0 drop))
            """)
        let code = try body(m)
        #expect(code[2] == .i8x16Shuffle(V128(bytes: (0..<16).map { UInt8($0) })))
        #expect(code[3] == .plain(.i8x16Abs))
        #expect(code[5] == .lane(.i8x16ReplaceLane, 3))
        #expect(code[6] == .lane(.i8x16ExtractLaneU, 15))
        #expect(code[10] == .memoryLane(.v128Load8Lane, MemArg(align: 0, offset: 0), lane: 1))
        #expect(code[11] == .memory(.i32Load, MemArg(align: 2, offset: 0)))
    }

    @Test func bareFieldsWithoutModuleKeyword() throws {
        let m = try assemble(#"(func (export "f") (result i32) (i32.const 7))"#)
        #expect(m.exports.first?.name == "f")
    }

    @Test func annotationsAreSkipped() throws {
        let m = try assemble(#"((@a x (y)) module (@b) (func (@c "s") (export "f") (@d))) (@e)"#)
        #expect(m.exports.first?.name == "f")
    }

    @Test func customAnnotationsBecomeCustomSections() throws {
        let wat = try WAT.parseModule(#"(module (@custom "hello" (after func) "wor" "ld") (func))"#)
        let m = try ModuleDecoder().decode(wat.bytes)
        let custom = m.customSections.first { $0.name == "hello" }
        #expect(custom.map { Array($0.payload) } == Array("world".utf8))
        #expect(custom?.placedAfter == 3)
        #expect(parseError(#"(module (func (@custom "x")))"#)?.message.contains("misplaced @custom annotation") == true)
    }
}
