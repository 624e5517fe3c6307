import Testing
import WasmFormat

@Suite struct ModuleValidatorTests {
    static func global(_ t: ValueType, mutable: Bool = false, _ code: [Instruction]) -> Global {
        Global(type: GlobalType(valueType: t, mutable: mutable), initializer: ConstantExpression(code, offset: 77))
    }

    @Test func indexSpacesListImportsFirst() throws {
        var m = Module()
        m.types = [Build.function([], []), Build.function([.i32], [])]
        m.imports = [
            Import(module: "a", name: "f", description: .function(typeIndex: 1)),
            Import(module: "a", name: "g", description: .global(GlobalType(valueType: .i64, mutable: true))),
            Import(module: "a", name: "m", description: .memory(MemoryType(limits: Limits(min: 1)))),
        ]
        m.functions = [0]
        m.codes = [Build.body([]).0]
        m.globals = [Self.global(.i32, [.i32Const(3)])]
        m.memories = [MemoryType(limits: Limits(min: 0, max: 1, addressType: .i64))]
        let v = try ModuleValidator().validate(m)
        #expect(v.functionTypeIndices == [1, 0])
        #expect(v.importedFunctionCount == 1)
        #expect(v.globals.map(\.valueType) == [.i64, .i32])
        #expect(v.memories.map(\.limits.addressType) == [.i32, .i64])
        #expect(v.functionType(ofFunction: 0) == FunctionType(parameters: [.i32], results: []))
        #expect(v.types.count == 2)
    }

    @Test func constantExpressions() {
        var m = Module()
        m.globals = [Self.global(.i32, [.i32Const(1), .plain(.nop)])]
        expectInvalid(m, "constant expression required", at: 77)

        m.globals = [Self.global(.i32, mutable: true, [.i32Const(1)]), Self.global(.i32, [.globalGet(0)])]
        expectInvalid(m, "constant expression required")

        // A global may read the immutable globals defined before it, not after.
        m.globals = [Self.global(.i32, [.i32Const(1)]), Self.global(.i32, [.globalGet(0), .i32Const(2), .plain(.i32Mul)])]
        expectValid(m)
        m.globals = [Self.global(.i32, [.globalGet(1)]), Self.global(.i32, [.i32Const(1)])]
        expectInvalid(m, "unknown global 1")

        // Extended constants are a feature.
        m.globals = [Self.global(.i32, [.i32Const(1), .i32Const(2), .plain(.i32Add)])]
        expectValid(m)
        expectInvalid(m, "constant expression required", features: WasmFeatures.all.subtracting(.extendedConst))

        m.globals = [Self.global(.i64, [.i32Const(1)])]
        expectInvalid(m, "type mismatch: expected i64, found i32")
    }

    @Test func tableInitializersSeeOnlyImportedGlobals() {
        var m = Module()
        m.globals = [Self.global(.funcref, [.refNull(.func)])]
        m.tables = [Table(type: TableType(elementType: .funcref, limits: Limits(min: 1)), initializer: ConstantExpression([.globalGet(0)]))]
        expectInvalid(m, "unknown global 0")
        m.imports = [Import(module: "a", name: "g", description: .global(GlobalType(valueType: .funcref, mutable: false)))]
        expectValid(m)
    }

    @Test func tablesOfNonNullableElementsNeedAnInitializer() {
        var m = Module()
        m.types = [Build.function()]
        let element = RefType(nullable: false, heapType: .func)
        m.tables = [Table(type: TableType(elementType: element, limits: Limits(min: 1)))]
        expectInvalid(m, "type mismatch")
        m.functions = [0]
        m.codes = [Build.body([]).0]
        m.tables[0].initializer = ConstantExpression([.refFunc(0)])
        expectValid(m)
    }

    @Test func limits() {
        var m = Module()
        m.memories = [MemoryType(limits: Limits(min: 65537))]
        expectInvalid(m, "memory size must be at most 65536 pages (4GiB)")
        m.memories = [MemoryType(limits: Limits(min: 2, max: 1))]
        expectInvalid(m, "size minimum must not be greater than maximum")
        m.memories = [MemoryType(limits: Limits(min: 1 << 48, addressType: .i64))]
        expectValid(m)
        m.memories = [MemoryType(limits: Limits(min: 1 << 48 + 1, addressType: .i64))]
        expectInvalid(m, "memory size must be at most")
        m.memories = [MemoryType(limits: Limits(min: 1, shared: true))]
        expectInvalid(m, "shared memory must have maximum")
        m.memories = [MemoryType(limits: Limits(min: 1, max: 1, pageSizeLog2: 3))]
        expectInvalid(m, "invalid custom page size")
        m.memories = []
        m.tables = [Table(type: TableType(elementType: .funcref, limits: Limits(min: 2, max: 1)))]
        expectInvalid(m, "size minimum must not be greater than maximum")
    }

    @Test func duplicateExportNamesAreComparedAsBytes() {
        var m = Module()
        m.types = [Build.function()]
        m.functions = [0]
        m.codes = [Build.body([]).0]
        m.exports = [Export(name: "a", kind: .function, index: 0), Export(name: "a", kind: .function, index: 0, offset: 42)]
        expectInvalid(m, "duplicate export name", at: 42)
        // Canonically equivalent but different code points: different names.
        m.exports = [Export(name: "\u{C5}", kind: .function, index: 0), Export(name: "A\u{30A}", kind: .function, index: 0)]
        expectValid(m)
        m.exports = [Export(name: "t", kind: .table, index: 0)]
        expectInvalid(m, "unknown table 0")
    }

    @Test func startFunctionTakesAndReturnsNothing() {
        var (m, _) = Build.single([.i32], [], [])
        m.start = 0
        expectInvalid(m, "start function")
        m.start = 3
        expectInvalid(m, "unknown function 3")
    }

    @Test func segments() {
        var m = Module()
        m.types = [Build.function()]
        m.functions = [0]
        m.codes = [Build.body([]).0]
        m.tables = [Table(type: TableType(elementType: .externref, limits: Limits(min: 1)))]
        m.elements = [ElementSegment(type: .funcref, mode: .active(table: 0, offset: ConstantExpression([.i32Const(0)])),
                                     items: .expressions([ConstantExpression([.refFunc(0)])]), offset: 55)]
        expectInvalid(m, "type mismatch", at: 55)
        m.tables = [Table(type: TableType(elementType: .funcref, limits: Limits(min: 1, addressType: .i64)))]
        expectInvalid(m, "type mismatch: expected i64, found i32")
        m.elements[0].mode = .active(table: 0, offset: ConstantExpression([.i64Const(0)]))
        expectValid(m)
        m.datas = [DataSegment(mode: .active(memory: 0, offset: ConstantExpression([.i32Const(0)])), bytes: [][...], offset: 66)]
        expectInvalid(m, "unknown memory 0", at: 66)
    }

    @Test func tagsHaveFunctionTypesWithoutResults() {
        var m = Module()
        m.types = [Build.function([.i32], [.i32])]
        m.tags = [TagType(typeIndex: 0)]
        expectInvalid(m, "non-empty tag result type")
        m.tags = [TagType(typeIndex: 1)]
        expectInvalid(m, "unknown type 1")
    }

    @Test func functionAndCodeCountsMustAgree() {
        var m = Module()
        m.types = [Build.function()]
        m.functions = [0]
        #expect(validationError(m)?.kind == .malformed)
    }

    @Test func multipleMemoriesAreAFeature() {
        var m = Module()
        m.memories = [MemoryType(limits: Limits(min: 0)), MemoryType(limits: Limits(min: 0))]
        expectValid(m)
        #expect(validationError(m, features: WasmFeatures.all.subtracting(.multiMemory))?.kind == .unsupported)
    }
}
