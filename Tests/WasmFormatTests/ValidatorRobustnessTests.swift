import Testing
import WasmFormat

/// Hostile shapes must end in an error or a quick success: no crash, hang or huge allocation.
@Suite struct ValidatorRobustnessTests {
    @Test func deepNestingNeedsNoRecursion() {
        let depth = 200_000
        var code = [Instruction](repeating: .block(.empty), count: depth)
        code.append(contentsOf: repeatElement(.plain(.end), count: depth))
        let (m, _) = Build.single([], [], code)
        expectValid(m)
        let (unbalanced, _) = Build.single([], [], [Instruction](repeating: .block(.empty), count: depth))
        #expect(validationError(unbalanced)?.kind == .malformed)
    }

    @Test func hugeCountsInUnreachableCodeCostNothing() {
        var (m, _) = Build.single([], [], [.plain(.unreachable), .arrayNewFixed(type: 1, count: .max), .plain(.drop)])
        m.types.append(RecGroup(types: [SubType(composite: .array(FieldType(storage: .value(.i32), mutable: false)))], isExplicit: false))
        expectValid(m)
        var (reachable, _) = Build.single([], [], [.arrayNewFixed(type: 1, count: .max), .plain(.drop)])
        reachable.types = m.types
        expectInvalid(reachable, "type mismatch")
    }

    @Test func largeBrTables() {
        let labels = [UInt32](repeating: 0, count: 1_000_000) + [1, 0, 1]
        let (m, _) = Build.single([], [], [.block(.empty), .i32Const(0), .brTable(labels, default: 0), .plain(.end)])
        expectValid(m)
    }

    @Test func typeIndicesOutOfRangeAreErrors() {
        let (m, _) = Build.single([], [], [.refNull(.concrete(.max)), .plain(.drop), .callRef(type: .max)])
        expectInvalid(m, "unknown type")
        var tooMany = Module()
        tooMany.types = [RecGroup(types: [SubType](repeating: SubType(composite: .struct([])), count: ModuleValidator.maximumTypes + 1), isExplicit: true)]
        expectInvalid(tooMany, "too many types")
    }

    @Test func longChainsOfRecGroupsCompareAndFreeWithoutRecursion() throws {
        // Each group refers to the previous one, twice: a deep DAG with shared nodes.
        func chain(_ n: Int) -> Module {
            var m = Module()
            m.types.append(RecGroup(types: [SubType(composite: .struct([]))], isExplicit: false))
            for i in 1..<n {
                let r = ValueType.ref(RefType(nullable: true, heapType: .concrete(UInt32(i - 1))))
                let fields = [FieldType(storage: .value(r), mutable: false), FieldType(storage: .value(r), mutable: true)]
                m.types.append(RecGroup(types: [SubType(composite: .struct(fields))], isExplicit: false))
            }
            return m
        }
        let n = 100_000
        let a = try ModuleValidator().validate(chain(n))
        let b = try ModuleValidator().validate(chain(n))
        #expect(a.canonicalKey(ofType: UInt32(n - 1)) == b.canonicalKey(ofType: UInt32(n - 1)))
        #expect(a.canonicalKey(ofType: UInt32(n - 1)) != b.canonicalKey(ofType: UInt32(n - 2)))
    }

    @Test func manyResultsPerCallCannotGrowTheStackWithoutBound() {
        let wide = [ValueType](repeating: .i32, count: 1000)
        let (m, _) = Build.module(types: [Build.function([], []), Build.function([], wide), Build.function(wide, [])],
                                  functions: [(0, [Instruction](repeating: .call(1), count: 5000), []),
                                              (1, [.plain(.unreachable)], []),
                                              (0, [.plain(.unreachable)] + [Instruction](repeating: .call(2), count: 100_000), [])])
        expectInvalid(m, "operand stack too deep")
        var unreachableCalls = m
        unreachableCalls.codes[0] = Build.body([]).0
        expectValid(unreachableCalls)
    }

    @Test func wideStructsInUnreachableCodeCostNothing() {
        let fields = [FieldType](repeating: FieldType(storage: .value(.i64), mutable: false), count: ModuleValidator.maximumStructFields)
        let code = [Instruction](repeating: .plain(.drop), count: 200_000).flatMap { [Instruction.structNew(1), $0] }
        var (m, _) = Build.single([], [], [.plain(.unreachable)] + code)
        m.types.append(RecGroup(types: [SubType(composite: .struct(fields))], isExplicit: false))
        let clock = ContinuousClock()
        let elapsed = clock.measure { expectValid(m) }
        #expect(elapsed < .seconds(5), "validating took \(elapsed)")
    }

    @Test func tooManyLocals() {
        let (m, _) = Build.single([], [], [], locals: [FunctionBody.Locals(count: UInt32.max, type: .i32)])
        expectInvalid(m, "too many locals")
    }
}

@Suite struct LocalsBeyondTheFlatPrefixTests {
    /// Locals past the first 512 are found by binary search; types and initialisation must
    /// work the same there.
    @Test func manyLocals() {
        let nonNull = ValueType.ref(RefType(nullable: false, heapType: .func))
        let locals = [FunctionBody.Locals(count: 600, type: .i64), FunctionBody.Locals(count: 3, type: nonNull),
                      FunctionBody.Locals(count: 1000, type: .f32)]
        // Parameter 0, then 600 i64 (1...600), 3 (ref func) (601...603), 1000 f32 (604...).
        let (ok, _) = Build.single([.i32], [], [
            .localGet(0), .plain(.drop), .localGet(550), .localSet(600), .localGet(1603), .localSet(604),
            .refFunc(0), .localSet(602), .localGet(602), .plain(.drop),
        ], locals: locals)
        var okWithDeclaration = ok
        okWithDeclaration.exports = [Export(name: "f", kind: .function, index: 0)]
        expectValid(okWithDeclaration)
        let (wrongType, _) = Build.single([.i32], [], [.localGet(700), .localSet(1)], locals: locals)
        expectInvalid(wrongType, "type mismatch: expected i64, found f32")
        let (unset, _) = Build.single([.i32], [], [.localGet(603), .plain(.drop)], locals: locals)
        expectInvalid(unset, "uninitialized local 603")
        let (unknown, _) = Build.single([.i32], [], [.localGet(1604), .plain(.drop)], locals: locals)
        expectInvalid(unknown, "unknown local 1604")
        var scoped = Build.single([.i32], [], [
            .block(.empty), .refFunc(0), .localSet(602), .plain(.end), .localGet(602), .plain(.drop),
        ], locals: locals).0
        scoped.exports = [Export(name: "f", kind: .function, index: 0)]
        expectInvalid(scoped, "uninitialized local 602")
    }

    @Test func manyFunctionsWithHugeLocalDeclarationsStayCheap() throws {
        var m = Module()
        m.types = [Build.function()]
        let (body, _) = Build.body([], locals: [FunctionBody.Locals(count: 50_000, type: .i32)])
        m.functions = [UInt32](repeating: 0, count: 2_000)
        m.codes = [FunctionBody](repeating: body, count: 2_000)
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try ModuleValidator().validate(m) }
        #expect(elapsed < .seconds(5), "validating took \(elapsed)")
    }
}
