import WasmFormat

/// Interns defined types across modules, so that two equivalent types get the same id and
/// `call_indirect` or import matching compares two integers.
///
/// Equivalence is iso-recursive, as WebAssembly 3.0 says: a recursion group is identified
/// by its structure, where references inside the group are relative and references to
/// earlier types are replaced by those types' ids. Subtyping follows the declared
/// supertypes, which every id records.
final class TypeRegistry {
    /// The group key: the group's subtypes with concrete indices rewritten (see `canonical`).
    private var groups: [[SubType]: UInt32] = [:]
    fileprivate var entries: [Entry] = []

    fileprivate struct Entry {
        /// The type with its concrete references rewritten to ids (`globalFlag | id`).
        var type: SubType
        var supertype: UInt32?
        /// The function type as the registering module wrote it (for messages and hosts).
        var functionType: FunctionType
    }

    /// Marks a rewritten index as an id rather than an index inside the group.
    private static let globalFlag: UInt32 = 1 << 31

    /// Registers a module's types and returns the id of each type index.
    func register(_ recGroups: [RecGroup]) -> [UInt32] {
        var ids: [UInt32] = []
        for group in recGroups {
            let base = UInt32(ids.count)
            let count = UInt32(group.types.count)
            func rewrite(_ index: UInt32) -> UInt32 {
                if index >= base && index < base + count { return index - base }
                return Int(index) < ids.count ? (Self.globalFlag | ids[Int(index)]) : index
            }
            let key = group.types.map { $0.mapIndices(rewrite) }
            if let first = groups[key] {
                for i in 0..<count { ids.append(first + i) }
                continue
            }
            let first = UInt32(entries.count)
            groups[key] = first
            for (i, t) in group.types.enumerated() {
                let supertype = t.supertypes.first.map { s in s >= base ? first + (s - base) : ids[Int(s)] }
                let function: FunctionType
                if case .function(let f) = t.composite { function = f } else { function = FunctionType(parameters: [], results: []) }
                entries.append(Entry(type: key[i], supertype: supertype, functionType: function))
            }
            for i in 0..<count { ids.append(first + i) }
        }
        return ids
    }

    /// Registers a lone function type (a host function's).
    func register(_ type: FunctionType) -> UInt32 {
        register([RecGroup(types: [SubType(composite: .function(type))], isExplicit: false)])[0]
    }

    func functionType(of id: UInt32) -> FunctionType {
        Int(id) < entries.count ? entries[Int(id)].functionType : FunctionType(parameters: [], results: [])
    }

    /// Whether `sub` is `sup` or declares it among its (transitive) supertypes.
    func isSubtype(_ sub: UInt32, of sup: UInt32) -> Bool {
        var current: UInt32? = sub
        var steps = 0
        while let c = current, steps < 1_000_000 {
            if c == sup { return true }
            current = entries[Int(c)].supertype
            steps += 1
        }
        return false
    }
}

extension SubType {
    /// The type with every concrete type index passed through `f`.
    func mapIndices(_ f: (UInt32) -> UInt32) -> SubType {
        func heap(_ h: HeapType) -> HeapType {
            if case .concrete(let i) = h { return .concrete(f(i)) }
            return h
        }
        func value(_ v: ValueType) -> ValueType {
            if case .ref(let r) = v { return .ref(RefType(nullable: r.nullable, heapType: heap(r.heapType))) }
            return v
        }
        func field(_ x: FieldType) -> FieldType {
            if case .value(let v) = x.storage { return FieldType(storage: .value(value(v)), mutable: x.mutable) }
            return x
        }
        let composite: CompositeType = switch self.composite {
        case .function(let ft): .function(FunctionType(parameters: ft.parameters.map(value), results: ft.results.map(value)))
        case .struct(let fields): .struct(fields.map(field))
        case .array(let x): .array(field(x))
        }
        return SubType(isFinal: isFinal, supertypes: supertypes.map(f), composite: composite)
    }
}

extension TypeRegistry {
    /// Rewrites a module's concrete type indices to canonical ids (`ids` from `register`).
    static func canonical(_ t: ValueType, _ ids: [UInt32]) -> ValueType {
        guard case .ref(let r) = t else { return t }
        return .ref(canonical(r, ids))
    }

    static func canonical(_ r: RefType, _ ids: [UInt32]) -> RefType {
        guard case .concrete(let i) = r.heapType, Int(i) < ids.count else { return r }
        return RefType(nullable: r.nullable, heapType: .concrete(ids[Int(i)]))
    }

    /// Subtyping of value types whose concrete indices are canonical ids.
    func isSubtype(_ a: ValueType, _ b: ValueType) -> Bool {
        switch (a, b) {
        case (.ref(let x), .ref(let y)):
            if x.nullable && !y.nullable { return false }
            return isSubtype(x.heapType, y.heapType)
        default:
            return a == b
        }
    }

    func isSubtype(_ a: HeapType, _ b: HeapType) -> Bool {
        switch (a, b) {
        case (.concrete(let x), .concrete(let y)):
            return isSubtype(x, of: y)
        case (.concrete(let x), .abstract(let y)):
            let kind = entries[Int(x)].type.composite.abstractSuper
            return Self.isAbstractSubtype(kind, y)
        case (.abstract(let x), .concrete(let y)):
            let kind = entries[Int(y)].type.composite.abstractSuper
            return x == kind.top.bottom || (kind == .func ? x == .nofunc : x == .none)
        case (.abstract(let x), .abstract(let y)):
            return Self.isAbstractSubtype(x, y)
        }
    }

    static func isAbstractSubtype(_ a: AbstractHeapType, _ b: AbstractHeapType) -> Bool {
        if a == b { return true }
        guard a.top == b.top else { return false }
        if a == a.bottom { return true }
        switch b {
        case .any: return true
        case .eq: return a == .i31 || a == .struct || a == .array
        case .func, .extern, .exn: return true
        default: return false
        }
    }
}
