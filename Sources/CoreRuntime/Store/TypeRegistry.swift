import WasmFormat

/// Interns defined types across modules, so that two equivalent types get the same id and
/// `call_indirect` or import matching compares two integers.
///
/// Equivalence is the validator's (`CanonicalTypeKey`: iso-recursive, as WebAssembly 3.0
/// says); subtyping follows the declared supertypes, which every id records.
final class TypeRegistry {
    private var ids: [CanonicalTypeKey: UInt32] = [:]
    fileprivate var entries: [Entry] = []

    fileprivate struct Entry {
        var supertype: UInt32?
        var kind: AbstractHeapType
        /// The function type as the registering module wrote it (for messages and hosts).
        var functionType: FunctionType
    }

    /// Registers a module's types and returns the id of each type index.
    func register(_ module: ValidatedModule) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(module.canonicalTypes.count)
        let types = module.types
        for (i, key) in module.canonicalTypes.enumerated() {
            if let id = ids[key] {
                result.append(id)
                continue
            }
            let id = UInt32(entries.count)
            ids[key] = id
            // A supertype is declared before its subtypes, so it already has an id.
            let supertype = module.supertype(of: UInt32(i)).map { result[Int($0)] }
            let function: FunctionType
            if case .function(let f) = types[i].composite { function = f } else { function = FunctionType(parameters: [], results: []) }
            entries.append(Entry(supertype: supertype, kind: types[i].composite.abstractSuper, functionType: function))
            result.append(id)
        }
        return result
    }

    /// Registers a lone function type (a host function's).
    func register(_ type: FunctionType) -> UInt32 {
        var module = WasmFormat.Module()
        module.types = [RecGroup(types: [SubType(composite: .function(type))], isExplicit: false)]
        guard let validated = try? ModuleValidator().validateDeclarations(module) else {
            // A type that does not validate alone (one naming a concrete type) gets an id of
            // its own: it matches nothing but itself.
            entries.append(Entry(supertype: nil, kind: .func, functionType: type))
            return UInt32(entries.count - 1)
        }
        return register(validated)[0]
    }

    func functionType(of id: UInt32) -> FunctionType {
        Int(id) < entries.count ? entries[Int(id)].functionType : FunctionType(parameters: [], results: [])
    }

    /// Whether `sub` is `sup` or declares it among its (transitive) supertypes.
    func isSubtype(_ sub: UInt32, of sup: UInt32) -> Bool {
        var current: UInt32? = sub
        while let c = current {
            if c == sup { return true }
            current = entries[Int(c)].supertype
        }
        return false
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
            return Self.isAbstractSubtype(entries[Int(x)].kind, y)
        case (.abstract(let x), .concrete(let y)):
            return x == entries[Int(y)].kind.bottom
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
