extension ComponentTypeArena {
    /// The types `id` refers to directly: a value type's components, a function's
    /// parameters and result, an instance or component type's imports and exports. Walks
    /// over a type graph (which may share subgraphs) use it with a work list instead of
    /// recursion, so hostile nesting cannot exhaust the stack.
    func directReferences(of id: ComponentTypeID) -> [ComponentTypeID] {
        var out: [ComponentTypeID] = []
        func value(_ v: ComponentValueType?) {
            if case .defined(let d) = v { out.append(d) }
        }
        func entity(_ e: ComponentEntityType) {
            switch e {
            case .module: break
            case .value(let v): value(v)
            case .function(let t), .type(let t), .instance(let t), .component(let t): out.append(t)
            }
        }
        switch self[id] {
        case .resource: break
        case .value(let d):
            switch d {
            case .primitive, .flags, .enum: break
            case .record(let fs): fs.forEach { value($0.type) }
            case .variant(let cs): cs.forEach { value($0.type) }
            case .list(let t), .fixedSizeList(let t, _), .option(let t): value(t)
            case .tuple(let ts): ts.forEach { value($0) }
            case .result(let ok, let error): value(ok); value(error)
            case .own(let r), .borrow(let r): out.append(r)
            case .stream(let t), .future(let t): value(t)
            case .map(let k, let v): value(k); value(v)
            }
        case .function(let f):
            f.parameters.forEach { value($0.type) }
            value(f.result)
        case .instance(let i):
            i.exports.forEach { entity($0.type) }
        case .component(let c):
            c.imports.forEach { entity($0.type) }
            c.exports.forEach { entity($0.type) }
        }
        return out
    }
}
