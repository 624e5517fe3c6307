import Testing
import WasmFormat

@Suite struct FunctionValidatorTests {
    @Test func acceptsAWellTypedBody() {
        let (m, _) = Build.single([.i32, .i32], [.i32], [.localGet(0), .localGet(1), .plain(.i32Add)])
        expectValid(m)
    }

    @Test func typeMismatchNamesBothTypesAndPointsAtTheInstruction() {
        let (m, o) = Build.single([], [.i32], [.i32Const(1), .f64Const(0), .plain(.i32Add)])
        expectInvalid(m, "type mismatch: expected i32, found f64", at: o[2], function: 0)
    }

    @Test func functionIndexCountsImports() {
        var (m, o) = Build.single([], [], [.plain(.i32Add)])
        m.imports = [Import(module: "m", name: "f", description: .function(typeIndex: 0))]
        expectInvalid(m, "type mismatch", at: o[0], function: 1)
    }

    @Test func missingResultIsATypeMismatchAtTheEnd() {
        let (m, o) = Build.single([], [.i32], [])
        expectInvalid(m, "type mismatch", at: o[0])
    }

    @Test func extraValuesAtTheEndAreATypeMismatch() {
        let (m, _) = Build.single([], [], [.i32Const(1)])
        expectInvalid(m, "type mismatch")
    }

    @Test func unknownLocal() {
        let (m, o) = Build.single([.i32], [], [.localGet(5), .plain(.drop)])
        expectInvalid(m, "unknown local 5", at: o[0])
    }

    @Test func unknownGlobalFunctionTableMemoryLabelType() {
        expectInvalid(Build.single([], [], [.globalGet(0), .plain(.drop)]).0, "unknown global 0")
        expectInvalid(Build.single([], [], [.call(7)]).0, "unknown function 7")
        expectInvalid(Build.single([], [], [.tableSize(0), .plain(.drop)]).0, "unknown table 0")
        expectInvalid(Build.single([], [], [.memorySize(0), .plain(.drop)]).0, "unknown memory 0")
        expectInvalid(Build.single([], [], [.br(1)]).0, "unknown label 1")
        expectInvalid(Build.single([], [], [.block(.typeIndex(9)), .plain(.end)]).0, "unknown type 9")
        expectInvalid(Build.single([], [], [.elemDrop(0)]).0, "unknown elem segment 0")
        expectInvalid(Build.single([], [], [.throw(tag: 0)]).0, "unknown tag 0")
    }

    @Test func globalSetNeedsAMutableGlobal() {
        var (m, _) = Build.single([], [], [.i32Const(0), .globalSet(0)])
        m.globals = [Global(type: GlobalType(valueType: .i32, mutable: false), initializer: ConstantExpression([.i32Const(0)]))]
        expectInvalid(m, "immutable global")
        m.globals[0].type.mutable = true
        expectValid(m)
    }

    @Test func nonDefaultableLocalsMustBeSetBeforeUse() {
        let funcRef = ValueType.ref(RefType(nullable: false, heapType: .func))
        let locals = [FunctionBody.Locals(count: 1, type: funcRef)]
        let (m1, o1) = Build.single([], [], [.localGet(0), .plain(.drop)], locals: locals)
        expectInvalid(m1, "uninitialized local", at: o1[0])

        var (m2, _) = Build.single([], [], [.refFunc(0), .localSet(0), .localGet(0), .plain(.drop)], locals: locals)
        m2.exports = [Export(name: "f", kind: .function, index: 0)]
        expectValid(m2)

        // Initialisation inside a block does not outlive the block.
        var (m3, o3) = Build.single([], [], [
            .block(.empty), .refFunc(0), .localSet(0), .plain(.end), .localGet(0), .plain(.drop),
        ], locals: locals)
        m3.exports = [Export(name: "f", kind: .function, index: 0)]
        expectInvalid(m3, "uninitialized local", at: o3[4])
    }

    @Test func selectWithoutTypeOnlyTakesNumbersAndVectors() {
        let (m1, _) = Build.single([], [], [
            .refNull(.func), .refNull(.func), .i32Const(0), .plain(.select), .plain(.drop),
        ])
        expectInvalid(m1, "type mismatch")
        let (m2, _) = Build.single([], [], [
            .i32Const(1), .i64Const(2), .i32Const(0), .plain(.select), .plain(.drop),
        ])
        expectInvalid(m2, "type mismatch")
        let (m3, _) = Build.single([], [], [
            .i32Const(1), .i32Const(2), .i32Const(0), .selectTyped([.i32, .i32]), .plain(.drop),
        ])
        expectInvalid(m3, "invalid result arity")
        let (m4, _) = Build.single([], [.funcref], [
            .refNull(.func), .refNull(.func), .i32Const(0), .selectTyped([.funcref]),
        ])
        expectValid(m4)
        // In unreachable code both operands may be unknown.
        let (m5, _) = Build.single([], [.i64], [.plain(.unreachable), .plain(.select)])
        expectValid(m5)
    }

    @Test func memoryAlignmentOffsetAndLanes() {
        var (m, o) = Build.single([], [], [.i32Const(0), .memory(.i32Load, MemArg(align: 3, offset: 0)), .plain(.drop)])
        m.memories = [MemoryType(limits: Limits(min: 1))]
        expectInvalid(m, "alignment must not be larger than natural", at: o[1])

        var (m2, _) = Build.single([], [], [.i32Const(0), .memory(.i32Load, MemArg(align: 2, offset: 1 << 32)), .plain(.drop)])
        m2.memories = [MemoryType(limits: Limits(min: 1))]
        expectInvalid(m2, "offset out of range")
        m2.memories = [MemoryType(limits: Limits(min: 1, addressType: .i64))]
        expectInvalid(m2, "type mismatch: expected i64, found i32")

        let (m3, _) = Build.single([], [], [.v128Const(V128(low: 0, high: 0)), .lane(.i8x16ExtractLaneS, 16), .plain(.drop)])
        expectInvalid(m3, "invalid lane index")
        let (m4, _) = Build.single([], [], [
            .v128Const(V128(low: 0, high: 0)), .v128Const(V128(low: 0, high: 0)),
            .i8x16Shuffle(V128(low: 0, high: 32 << 56)), .plain(.drop),
        ])
        expectInvalid(m4, "invalid lane index")
    }

    @Test func atomicsNeedExactlyNaturalAlignment() {
        var (m, _) = Build.single([], [], [.i32Const(0), .memory(.i32AtomicLoad, MemArg(align: 1, offset: 0)), .plain(.drop)])
        m.memories = [MemoryType(limits: Limits(min: 1, max: 1, shared: true))]
        expectInvalid(m, "atomic alignment must be natural")
        var (m2, _) = Build.single([], [], [.i32Const(0), .memory(.i32AtomicLoad, MemArg(align: 2, offset: 0)), .plain(.drop)])
        m2.memories = [MemoryType(limits: Limits(min: 1))] // Atomics on unshared memories validate.
        expectValid(m2)
    }

    @Test func memoryCopyBetweenAddressTypesCountsInTheSmallerOne() {
        var (m, _) = Build.single([], [], [.i64Const(0), .i32Const(0), .i32Const(0), .memoryCopy(destination: 0, source: 1)])
        m.memories = [MemoryType(limits: Limits(min: 1, addressType: .i64)), MemoryType(limits: Limits(min: 1))]
        expectValid(m)
        var (m2, _) = Build.single([], [], [.i64Const(0), .i32Const(0), .i64Const(0), .memoryCopy(destination: 0, source: 1)])
        m2.memories = m.memories
        expectInvalid(m2, "type mismatch: expected i32, found i64")
    }

    @Test func dataSegmentsInCodeNeedTheDataCountSection() {
        var (m, o) = Build.single([], [], [.dataDrop(0)])
        m.memories = [MemoryType(limits: Limits(min: 1))]
        m.datas = [DataSegment(mode: .passive, bytes: [1, 2][...])]
        guard let e = validationError(m) else { Issue.record("validated"); return }
        #expect(e.kind == .malformed)
        #expect(e.message.hasPrefix("data count section required"))
        #expect(e.offset == o[0])
        m.dataCount = 1
        expectValid(m)
        var (m2, _) = Build.single([], [], [.dataDrop(1)])
        m2.datas = m.datas
        m2.dataCount = 1
        expectInvalid(m2, "unknown data segment 1")
    }

    @Test func refFuncInCodeMustBeDeclared() {
        let (m, o) = Build.single([], [], [.refFunc(0), .plain(.drop)])
        expectInvalid(m, "undeclared function reference", at: o[0])
        var declaredByElement = m
        declaredByElement.elements = [ElementSegment(type: RefType(nullable: false, heapType: .func), mode: .declarative, items: .functions([0]))]
        expectValid(declaredByElement)
        var declaredByGlobal = m
        declaredByGlobal.globals = [Global(type: GlobalType(valueType: .funcref, mutable: false), initializer: ConstantExpression([.refFunc(0)]))]
        expectValid(declaredByGlobal)
        var notByStart = m
        notByStart.start = 0
        expectInvalid(notByStart, "undeclared function reference")
    }

    @Test func brTableLabelsMustAgree() {
        let (m, _) = Build.single([], [], [
            .block(.value(.i32)), .block(.empty), .i32Const(0), .i32Const(0), .brTable([0], default: 1),
            .plain(.end), .plain(.drop), .plain(.end),
        ])
        expectInvalid(m, "type mismatch")
        let (m2, _) = Build.single([], [.i32], [
            .block(.value(.i32)), .i32Const(7), .i32Const(0), .brTable([0, 0, 1, 0], default: 1), .plain(.end),
        ])
        expectValid(m2)
    }

    @Test func ifWithoutElseMustPassItsParametersThrough() {
        let (m, _) = Build.single([], [], [.i32Const(1), .if(.value(.i32)), .i32Const(2), .plain(.end), .plain(.drop)])
        expectInvalid(m, "type mismatch")
        var (m2, _) = Build.single([], [], [.i32Const(5), .i32Const(1), .if(.typeIndex(1)), .plain(.end), .plain(.drop)])
        m2.types.append(Build.function([.i32], [.i32]))
        expectValid(m2)
    }

    @Test func elseOutsideIfIsMalformed() {
        let (m, _) = Build.single([], [], [.plain(.else)])
        #expect(validationError(m)?.kind == .malformed)
    }

    @Test func tailCallsMustReturnTheCallersResults() {
        let (m, _) = Build.module(types: [Build.function([], [.i32]), Build.function([], [.i64])],
                                  functions: [(0, [.returnCall(1)], []), (1, [.i64Const(0)], [])])
        expectInvalid(m, "type mismatch")
        let (m2, _) = Build.module(types: [Build.function([], [.i32])],
                                   functions: [(0, [.returnCall(1)], []), (0, [.i32Const(0)], [])])
        expectValid(m2)
    }

    @Test func callIndirectNeedsAFunctionTable() {
        var (m, _) = Build.single([], [], [.i32Const(0), .callIndirect(type: 0, table: 0)])
        m.tables = [Table(type: TableType(elementType: .externref, limits: Limits(min: 1)))]
        expectInvalid(m, "type mismatch")
        m.tables = [Table(type: TableType(elementType: .funcref, limits: Limits(min: 1, addressType: .i64)))]
        expectInvalid(m, "type mismatch: expected i64, found i32")
    }

    @Test func tryTableCatchClausesMatchTheirLabels() {
        var (m, _) = Build.single([], [], [
            .block(.value(.i64)), .tryTable(.empty, [CatchClause(kind: .catch, tag: 0, label: 0)]), .plain(.end),
            .i64Const(0), .plain(.end), .plain(.drop),
        ])
        m.types.append(Build.function([.i32], []))
        m.tags = [TagType(typeIndex: 1)]
        expectInvalid(m, "type mismatch")
        m.types[1] = Build.function([.i64], [])
        expectValid(m)
    }

    @Test func legacyRethrowMustNameACatch() {
        let (m, _) = Build.single([], [], [.legacyTry(.empty), .legacyRethrow(0), .plain(.end)])
        expectInvalid(m, "invalid rethrow label")
        var (m2, _) = Build.single([], [], [.legacyTry(.empty), .legacyCatch(tag: 0), .legacyRethrow(0), .plain(.end)])
        m2.tags = [TagType(typeIndex: 0)]
        expectValid(m2)
    }

    @Test func disabledFeaturesAreReportedAsUnsupported() {
        let (m, _) = Build.single([], [], [.v128Const(V128(low: 0, high: 0)), .plain(.drop)])
        let e = validationError(m, features: WasmFeatures.all.subtracting(.simd))
        #expect(e?.kind == .unsupported)
        expectValid(m, features: .wasm3)
    }

    @Test func observersFollowTheStacks() throws {
        var (m, _) = Build.single([.i32], [.i32], [])
        m.types = [Build.function([.i32], [.i32])]
        let validated = try ModuleValidator().validateDeclarations(m)
        var v = try validated.makeFunctionValidator(definedFunction: 0)
        #expect(v.functionIndex == 0)
        #expect(v.localCount == 1)
        #expect(v.localType(0) == .i32)
        #expect(v.localType(1) == nil)
        #expect(v.controlDepth == 1)
        try v.validate(.block(.value(.i32)), at: 10)
        #expect(v.controlDepth == 2)
        #expect(v.controlFrame(atDepth: 0).kind == .block)
        #expect(v.controlFrame(atDepth: 0).labelTypes == [.i32])
        #expect(v.labelArity(atDepth: 0) == 1 && v.labelType(atDepth: 0, 0) == .i32)
        #expect(v.frameKind(atDepth: 1) == .function && v.frameStartHeight(atDepth: 0) == 0)
        try v.validate(.localGet(0), at: 11)
        try v.validate(.f32Const(0), at: 12)
        #expect(v.operandStackHeight == 2)
        #expect(v.operand(fromTop: 0) == .f32)
        #expect(v.operand(fromTop: 1).valueType == .i32)
        try v.validate(.plain(.drop), at: 13)
        try v.validate(.br(0), at: 14)
        #expect(v.isUnreachable)
        #expect(v.operandStackHeight == 0)
        #expect(v.operand(fromTop: 3) == .bottom)
        try v.validate(.plain(.end), at: 15)
        #expect(!v.isUnreachable)
        #expect(v.operandStack == [.i32])
        try v.validate(.plain(.end), at: 16)
        #expect(v.isFinished)
        try v.finish(at: 17)
        let e = WasmError.caught { () throws(WasmError) in try v.validate(.plain(.nop), at: 18) }
        #expect(e?.kind == .malformed)
    }

    @Test func aValidatorIsReusedAcrossFunctions() throws {
        let (m, _) = Build.module(types: [Build.function([], [.i32])],
                                  functions: [(0, [.i32Const(1)], []), (0, [.i32Const(2)], [])])
        let validated = try ModuleValidator().validateDeclarations(m)
        var v = try validated.makeFunctionValidator(definedFunction: 0)
        for f in 0..<2 {
            try v.reset(definedFunction: f)
            try v.validate(.i32Const(0), at: 0)
            try v.validate(.plain(.end), at: 1)
            try v.finish(at: 2)
        }
        #expect(WasmError.caught { () throws(WasmError) in try v.reset(definedFunction: 2) } != nil)
    }
}
