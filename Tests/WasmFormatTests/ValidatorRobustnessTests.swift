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

    @Test func tooManyLocals() {
        let (m, _) = Build.single([], [], [], locals: [FunctionBody.Locals(count: UInt32.max, type: .i32)])
        expectInvalid(m, "too many locals")
    }
}
