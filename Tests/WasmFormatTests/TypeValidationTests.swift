import Testing
import WasmFormat

/// Subtyping declarations, iso-recursive equivalence, GC instructions and the canonical
/// cross-module type keys.
@Suite struct TypeValidationTests {
    static func ref(_ index: UInt32, nullable: Bool = true) -> ValueType {
        .ref(RefType(nullable: nullable, heapType: .concrete(index)))
    }

    static func structType(_ fields: [FieldType], final: Bool = false, supertypes: [UInt32] = []) -> SubType {
        SubType(isFinal: final, supertypes: supertypes, composite: .struct(fields))
    }

    static func field(_ t: ValueType, mutable: Bool = false) -> FieldType {
        FieldType(storage: .value(t), mutable: mutable)
    }

    static func single(_ t: SubType) -> RecGroup { RecGroup(types: [t], isExplicit: false) }

    static func validated(_ groups: [RecGroup]) throws -> ValidatedModule {
        var m = Module()
        m.types = groups
        return try ModuleValidator().validate(m)
    }

    @Test func supertypeRules() {
        var m = Module()
        m.types = [Self.single(Self.structType([], final: true)), Self.single(Self.structType([], supertypes: [0]))]
        expectInvalid(m, "sub type 1 does not match super type 0")

        m.types = [Self.single(Self.structType([Self.field(.i32)])), Self.single(Self.structType([Self.field(.i64)], supertypes: [0]))]
        expectInvalid(m, "sub type 1 does not match super type 0")

        m.types = [RecGroup(types: [Self.structType([], supertypes: [1]), Self.structType([])], isExplicit: true)]
        expectInvalid(m, "forward use of type 1")

        m.types = [Self.single(Self.structType([], supertypes: [5]))]
        expectInvalid(m, "unknown type 5")

        // Width and depth subtyping of immutable fields; mutable fields are invariant.
        m.types = [
            Self.single(Self.structType([Self.field(.ref(.funcref))])),
            Self.single(Self.structType([Self.field(.ref(RefType(nullable: false, heapType: .func))), Self.field(.i32)], supertypes: [0])),
        ]
        expectValid(m)
        m.types = [
            Self.single(Self.structType([Self.field(.funcref, mutable: true)])),
            Self.single(Self.structType([Self.field(.ref(RefType(nullable: false, heapType: .func)), mutable: true)], supertypes: [0])),
        ]
        expectInvalid(m, "sub type 1 does not match super type 0")
    }

    @Test func subtypingDepthIsLimited() {
        var m = Module()
        m.types = [Self.single(Self.structType([]))]
        for i in 0..<70 { m.types.append(Self.single(Self.structType([], supertypes: [UInt32(i)]))) }
        expectInvalid(m, "sub type 64")
    }

    @Test func equivalentRecGroupsShareCanonicalKeys() throws {
        // Two copies of a self-referential struct, and a group pair.
        let selfRef = Self.single(Self.structType([Self.field(Self.ref(0))], final: true))
        let selfRef1 = Self.single(Self.structType([Self.field(Self.ref(1))], final: true))
        let v = try Self.validated([selfRef, selfRef1])
        #expect(v.canonicalKey(ofType: 0) == v.canonicalKey(ofType: 1))
        #expect(v.isSubtype(0, of: 1))

        let pair = RecGroup(types: [Self.structType([Self.field(Self.ref(1))]), Self.structType([Self.field(Self.ref(0))])], isExplicit: true)
        let w = try Self.validated([Self.single(Self.structType([])), RecGroup(types: [
            Self.structType([Self.field(Self.ref(2))]), Self.structType([Self.field(Self.ref(1))]),
        ], isExplicit: true)])
        let u = try Self.validated([pair])
        #expect(ValidatedModule.typesAreEquivalent(0, in: u, 1, in: w))
        #expect(ValidatedModule.typesAreEquivalent(1, in: u, 2, in: w))
        #expect(!ValidatedModule.typesAreEquivalent(0, in: u, 2, in: w))
        #expect(!ValidatedModule.typesAreEquivalent(0, in: u, 0, in: w))
        // The same structure in a group of one is a different type (iso-recursion).
        #expect(!ValidatedModule.typesAreEquivalent(0, in: v, 0, in: u))
        var ids: [CanonicalTypeKey: Int] = [:]
        for k in u.canonicalTypes + w.canonicalTypes where ids[k] == nil { ids[k] = ids.count }
        #expect(ids.count == 3)
    }

    @Test func subtypingAcrossModules() throws {
        let base = Self.single(Self.structType([Self.field(.i32)]))
        let a = try Self.validated([base, Self.single(Self.structType([Self.field(.i32), Self.field(.i64)], supertypes: [0]))])
        let b = try Self.validated([Self.single(Self.structType([])), base])
        #expect(ValidatedModule.isSubtype(1, in: a, of: 1, in: b))
        #expect(ValidatedModule.isSubtype(0, in: a, of: 1, in: b))
        #expect(!ValidatedModule.isSubtype(1, in: b, of: 1, in: a))
        #expect(!ValidatedModule.isSubtype(1, in: a, of: 0, in: b))
        #expect(ValidatedModule.isSubtype(Self.ref(1, nullable: false), in: a, of: .ref(RefType(nullable: true, heapType: .abstract(.eq))), in: b))
        #expect(!ValidatedModule.isSubtype(Self.ref(1), in: a, of: Self.ref(1, nullable: false), in: b))
        #expect(a.supertype(of: 1) == 0)
    }

    @Test func structAndArrayInstructions() {
        let point = Self.single(Self.structType([Self.field(.i32), FieldType(storage: .i8, mutable: true)]))
        var (m, _) = Build.single([], [.i32], [
            .i32Const(1), .i32Const(2), .structNew(1), .structGet(type: 1, field: 0),
        ])
        m.types.append(point)
        expectValid(m)

        var (m2, _) = Build.single([], [.i32], [.i32Const(1), .i32Const(2), .structNew(1), .structGet(type: 1, field: 1)])
        m2.types.append(point)
        expectInvalid(m2, "field is packed")

        var (m3, _) = Build.single([], [], [.refNull(.concrete(1)), .i32Const(2), .structSet(type: 1, field: 0)])
        m3.types.append(point)
        expectInvalid(m3, "immutable field")

        var (m4, _) = Build.single([], [], [.refNull(.concrete(1)), .i32Const(0), .i32Const(2), .arraySet(1)])
        m4.types.append(Self.single(SubType(composite: .array(Self.field(.i32)))))
        expectInvalid(m4, "immutable array")

        var (m5, _) = Build.single([], [], [.i32Const(0), .i32Const(0), .arrayNewData(type: 1, data: 0), .plain(.drop)])
        m5.types.append(Self.single(SubType(composite: .array(Self.field(.funcref)))))
        m5.datas = [DataSegment(mode: .passive, bytes: [][...])]
        m5.dataCount = 1
        expectInvalid(m5, "array type is not numeric or vector")
    }

    @Test func castsNeedTargetsBelowTheirSources() {
        let anyRef = RefType(nullable: false, heapType: .abstract(.any))
        func module(to: RefType, result: ValueType) -> Module {
            Build.module(types: [Self.single(Self.structType([])), Build.function([.ref(anyRef)], [result])], functions: [(1, [
                .block(.value(.ref(anyRef))), .localGet(0), .brOnCast(1, from: anyRef, to: to), .plain(.end), .plain(.unreachable),
            ], [])]).0
        }
        // (ref null $t) is not below (ref any): the null would have nowhere to go.
        expectInvalid(module(to: RefType(nullable: true, heapType: .concrete(0)), result: Self.ref(0)), "type mismatch")
        expectValid(module(to: RefType(nullable: false, heapType: .concrete(0)), result: Self.ref(0, nullable: false)))
    }
}
