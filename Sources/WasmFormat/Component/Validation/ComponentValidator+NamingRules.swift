/// The rules that tie names to types: `[constructor]`, `[method]` and `[static]` names
/// must be functions shaped after the resource they name, and every record, variant,
/// enum, flags and resource type reachable from an import's or export's type must have an
/// externally visible name ("External Visibility of Types" in the explainer).
extension ComponentChecker {
    // MARK: Annotated names

    /// Checks a `[constructor]`, `[method]` or `[static]` name against the resources
    /// `names` knows (by default the scope's imports' or exports' resource names).
    mutating func checkAnnotatedName(_ name: String, _ parsed: ParsedExternName, _ entity: ComponentEntityType,
                                     isImport: Bool, resourceNames: [ResourceID: [String]]? = nil) throws(WasmError) {
        let resourceName: String
        switch parsed.kind {
        case .constructor(let r), .method(let r, _), .static(let r, _): resourceName = r
        default: return
        }
        func fail(_ detail: String) -> WasmError {
            invalid("\(isImport ? "import" : "export") name `\(name)` is not valid: \(detail)")
        }
        guard case .function(let f) = entity, let function = arena.function(f) else { throw fail("item is not a func") }
        let names = resourceNames ?? (isImport ? scope.importedResourceNames : scope.exportedResourceNames)
        /// Checks that the handle's resource is known here by the annotation's name.
        func checkResource(_ handle: ComponentTypeID) throws(WasmError) {
            guard let r = arena.resource(handle), let known = names[r] else {
                throw fail("resource used in function does not have a name in this context")
            }
            guard known.contains(resourceName) else {
                throw fail("function does not match expected resource name `\(known[0])`")
            }
        }
        switch parsed.kind {
        case .constructor:
            guard !function.isAsync else { throw fail("constructor function cannot be async") }
            guard let result = function.result else { throw fail("function should return one value") }
            var handle: ComponentTypeID?
            if case .defined(let id) = result {
                switch arena.valueType(id) {
                case .own(let r):
                    handle = r
                case .result(let ok?, _):
                    if case .defined(let okID) = ok, case .own(let r) = arena.valueType(okID) { handle = r }
                default:
                    break
                }
            }
            guard let handle else { throw fail("function should return `(own $T)` or `(result (own $T))`") }
            try checkResource(handle)
        case .method:
            guard let first = function.parameters.first else { throw fail("function should have at least one argument") }
            guard first.name == "self" else { throw fail("function should have a first argument called `self`") }
            guard case .defined(let id) = first.type, case .borrow(let handle) = arena.valueType(id) else {
                throw fail("function should take a first argument of `(borrow $T)`")
            }
            try checkResource(handle)
        case .static:
            guard names.values.contains(where: { $0.contains(resourceName) }) else {
                throw fail("static resource name is not known in this context")
            }
        default:
            break
        }
    }

    // MARK: External visibility

    /// Fails with "<sort> not valid to be used as <import|export>" when the entity's type
    /// reaches a type that needs a name and has none in `named`.
    func checkExternallyVisible(_ entity: ComponentEntityType, named: Set<ComponentTypeID>, what: String) throws(WasmError) {
        var named = named
        guard entityIsNamed(entity, &named) else {
            throw invalid("\(entity.sortName) not valid to be used as \(what)")
        }
    }

    /// Whether every type the entity reaches is named; type exports of instances name
    /// their types for the exports after them.
    func entityIsNamed(_ entity: ComponentEntityType, _ named: inout Set<ComponentTypeID>) -> Bool {
        switch entity {
        case .module, .component:
            return true
        case .value(let v):
            return valueIsNamed(v, named)
        case .function(let f):
            return typeContentsNamed(f, named)
        case .type(let t):
            named.insert(t)
            return typeContentsNamed(t, named)
        case .instance(let i):
            for x in arena.instance(i)?.exports ?? [] where !entityIsNamed(x.type, &named) { return false }
            return true
        }
    }

    /// Whether a use of `v` is allowed: named types by their name, others through their parts.
    func valueIsNamed(_ v: ComponentValueType, _ named: Set<ComponentTypeID>) -> Bool {
        guard case .defined(let id) = v, let d = arena.valueType(id) else { return true }
        if d.needsName { return named.contains(id) }
        return typeContentsNamed(id, named)
    }

    /// Whether the parts of type `id` are all allowed (the type itself being named).
    func typeContentsNamed(_ id: ComponentTypeID, _ named: Set<ComponentTypeID>) -> Bool {
        func ok(_ v: ComponentValueType?) -> Bool { v.map { valueIsNamed($0, named) } ?? true }
        switch arena[id] {
        case .resource:
            return true
        case .function(let f):
            return f.parameters.allSatisfy { ok($0.type) } && ok(f.result)
        case .instance(let i):
            var inner = named
            return i.exports.allSatisfy { entityIsNamed($0.type, &inner) }
        case .component:
            return true
        case .value(let d):
            switch d {
            case .primitive, .flags, .enum: return true
            case .record(let fs): return fs.allSatisfy { ok($0.type) }
            case .variant(let cs): return cs.allSatisfy { ok($0.type) }
            case .list(let t), .fixedSizeList(let t, _), .option(let t): return ok(t)
            case .tuple(let ts): return ts.allSatisfy { ok($0) }
            case .result(let a, let b): return ok(a) && ok(b)
            case .own(let r), .borrow(let r): return named.contains(r)
            case .stream(let t), .future(let t): return ok(t)
            case .map(let k, let v): return ok(k) && ok(v)
            }
        }
    }
}
