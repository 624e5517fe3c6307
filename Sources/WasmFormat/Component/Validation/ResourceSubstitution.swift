/// Substituting resources inside types: what instantiation does to a component's exports
/// (imported resources become the supplied ones, exported ones become fresh), and what
/// importing an instance type does to its abstract resources (fresh ones per import).
///
/// Types that mention no substituted resource keep their identity; the others are copied
/// once each (a cache shared over one substitution keeps shared subterms shared).
struct TypeSubstitution {
    var resources: [ResourceID: ResourceID] = [:]
    /// Types replaced wholesale: a component's type imports by the instantiation's arguments.
    var types: [ComponentTypeID: ComponentTypeID] = [:]

    var isEmpty: Bool { resources.isEmpty && types.isEmpty }
}

extension ComponentChecker {
    /// New resources standing for `resources` (same origin).
    mutating func freshResources(for resources: [ResourceID]) -> [ResourceID: ResourceID] {
        var map: [ResourceID: ResourceID] = [:]
        for r in resources {
            let (_, fresh) = addResource(arena[r])
            map[r] = fresh
        }
        return map
    }

    mutating func substitute(_ e: ComponentEntityType, _ map: TypeSubstitution,
                             _ cache: inout [ComponentTypeID: ComponentTypeID]) throws(WasmError) -> ComponentEntityType {
        guard !map.isEmpty else { return e }
        switch e {
        case .module: return e
        case .value(.primitive): return e
        case .value(.defined(let id)): return .value(.defined(try substitute(id, map, &cache)))
        case .function(let t): return .function(try substitute(t, map, &cache))
        case .type(let t): return .type(try substitute(t, map, &cache))
        case .instance(let t): return .instance(try substitute(t, map, &cache))
        case .component(let t): return .component(try substitute(t, map, &cache))
        }
    }

    mutating func substitute(_ v: ComponentValueType, _ map: TypeSubstitution,
                             _ cache: inout [ComponentTypeID: ComponentTypeID]) throws(WasmError) -> ComponentValueType {
        guard case .defined(let id) = v else { return v }
        return .defined(try substitute(id, map, &cache))
    }

    mutating func substitute(_ v: ComponentValueType?, _ map: TypeSubstitution,
                             _ cache: inout [ComponentTypeID: ComponentTypeID]) throws(WasmError) -> ComponentValueType? {
        guard case .defined(let id) = v else { return v }
        return .defined(try substitute(id, map, &cache))
    }

    mutating func substitute(_ id: ComponentTypeID, _ map: TypeSubstitution,
                             _ cache: inout [ComponentTypeID: ComponentTypeID]) throws(WasmError) -> ComponentTypeID {
        if let done = cache[id] { return done }
        if let replacement = map.types[id] { return replacement }
        guard mentions(id, map) else {
            cache[id] = id
            return id
        }
        let entry: ComponentTypeEntry
        switch arena[id] {
        case .resource(let r):
            entry = .resource(map.resources[r] ?? r)
        case .value(let d):
            switch d {
            case .primitive, .flags, .enum:
                entry = .value(d)
            case .record(let fs):
                var out: [DefinedValueType.Field] = []
                for f in fs { out.append(.init(label: f.label, type: try substitute(f.type, map, &cache))) }
                entry = .value(.record(out))
            case .variant(let cs):
                var out: [DefinedValueType.Case] = []
                for c in cs { out.append(.init(label: c.label, type: try substitute(c.type, map, &cache))) }
                entry = .value(.variant(out))
            case .list(let t): entry = .value(.list(try substitute(t, map, &cache)))
            case .fixedSizeList(let t, let n): entry = .value(.fixedSizeList(try substitute(t, map, &cache), length: n))
            case .tuple(let ts):
                var out: [ComponentValueType] = []
                for t in ts { out.append(try substitute(t, map, &cache)) }
                entry = .value(.tuple(out))
            case .option(let t): entry = .value(.option(try substitute(t, map, &cache)))
            case .result(let ok, let error):
                entry = .value(.result(ok: try substitute(ok, map, &cache), error: try substitute(error, map, &cache)))
            case .own(let r): entry = .value(.own(try substitute(r, map, &cache)))
            case .borrow(let r): entry = .value(.borrow(try substitute(r, map, &cache)))
            case .stream(let t): entry = .value(.stream(try substitute(t, map, &cache)))
            case .future(let t): entry = .value(.future(try substitute(t, map, &cache)))
            case .map(let k, let v):
                entry = .value(.map(key: try substitute(k, map, &cache), value: try substitute(v, map, &cache)))
            }
        case .function(let f):
            var params: [ComponentFunctionType.Parameter] = []
            for p in f.parameters { params.append(.init(name: p.name, type: try substitute(p.type, map, &cache))) }
            entry = .function(ComponentFunctionType(isAsync: f.isAsync, parameters: params, result: try substitute(f.result, map, &cache)))
        case .instance(let i):
            entry = .instance(ComponentInstanceType(exports: try substitute(i.exports, map, &cache), abstractResources: i.abstractResources))
        case .component(let c):
            entry = .component(ComponentComponentType(
                imports: try substitute(c.imports, map, &cache), exports: try substitute(c.exports, map, &cache),
                importedResources: c.importedResources, exportedResources: c.exportedResources))
        }
        let copy = try addType(entry)
        cache[id] = copy
        // A renaming of a substituted type renames its substitute (an exported `eq` of a
        // type import names the argument after instantiation).
        if let original = arena.renamed(id) {
            arena.recordRenaming(copy, of: try substitute(original, map, &cache))
        }
        return copy
    }

    mutating func substitute(_ items: [ComponentTypedName], _ map: TypeSubstitution,
                             _ cache: inout [ComponentTypeID: ComponentTypeID]) throws(WasmError) -> [ComponentTypedName] {
        var out: [ComponentTypedName] = []
        for x in items { out.append(.init(name: x.name, type: try substitute(x.type, map, &cache))) }
        return out
    }

    /// Whether type `id` mentions anything `map` replaces, found without recursion.
    func mentions(_ id: ComponentTypeID, _ map: TypeSubstitution) -> Bool {
        var pending = [id]
        var seen: Set<ComponentTypeID> = []
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            if map.types[next] != nil { return true }
            if case .resource(let r) = arena[next], map.resources[r] != nil { return true }
            if let original = arena.renamed(next) { pending.append(original) }
            pending += arena.directReferences(of: next)
        }
        return false
    }
}
