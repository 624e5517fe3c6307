/// Component-level type definitions: value types, function types, resources, and the
/// component and instance types built from declarators.
extension ComponentChecker {
    /// A `type` definition (or declarator): appends to the type index space.
    mutating func defineType(_ definition: ComponentTypeDefinition) throws(WasmError) {
        let id: ComponentTypeID
        switch definition {
        case .defined(let d):
            id = try addType(.value(try definedValueType(d)))
            try checkMaximumSize(.defined(id))
        case .function(let f):
            id = try addType(.function(try functionType(f)))
        case .component(let declarations):
            id = try componentType(declarations)
        case .instance(let declarations):
            id = try instanceType(declarations)
        case .resource(let representation, let destructor):
            guard scope.kind == .component else {
                throw invalid("resources can only be defined within a concrete component")
            }
            guard representation == .i32 || representation == .i64 else {
                throw invalid("resources can only be represented by `i32` or `i64`")
            }
            if let d = destructor {
                let f = try coreFunction(d)
                guard f == FunctionType(parameters: [representation], results: []) else {
                    throw invalid("core function \(d) has wrong signature for a destructor")
                }
            }
            let (type, resource) = addResource(ResourceInfo(
                origin: .defined(representation: representation, destructor: destructor),
                definingComponent: componentSerials.last))
            scope.definedResources.append(resource)
            id = type
        }
        scope.types.append(id)
    }

    // MARK: Value types

    func valueType(_ ref: ComponentValTypeRef) throws(WasmError) -> ComponentValueType {
        switch ref {
        case .primitive(let p):
            return .primitive(p)
        case .index(let i):
            let id = try typeID(i)
            guard arena.valueType(id) != nil else { throw invalid("type index \(i) is not a defined type") }
            return .defined(id)
        }
    }

    func optionalValueType(_ ref: ComponentValTypeRef?) throws(WasmError) -> ComponentValueType? {
        guard let ref else { return nil }
        return try valueType(ref)
    }

    /// Checks a label list: kebab case and strong uniqueness.
    func checkLabels(_ labels: [String], _ what: String) throws(WasmError) {
        var seen: [String: String] = [:]
        for l in labels {
            guard ExternNameParser.isKebabCase(l) else { throw invalid("\(what) name `\(l)` is not in kebab case") }
            if let previous = seen[l.lowercased()] {
                throw invalid("\(what) name `\(l)` conflicts with previous \(what) name `\(previous)`")
            }
            seen[l.lowercased()] = l
        }
    }

    func resourceType(_ index: UInt32) throws(WasmError) -> ComponentTypeID {
        let id = try typeID(index)
        guard arena.resource(id) != nil else { throw invalid("type index \(index) is not a resource type") }
        return id
    }

    func definedValueType(_ d: DefinedValTypeSyntax) throws(WasmError) -> DefinedValueType {
        switch d {
        case .primitive(let p):
            return .primitive(p)
        case .record(let fields):
            guard !fields.isEmpty else { throw invalid("record type must have at least one field") }
            try checkLabels(fields.map(\.label), "record field")
            var resolved: [DefinedValueType.Field] = []
            for f in fields { resolved.append(.init(label: f.label, type: try valueType(f.type))) }
            return .record(resolved)
        case .variant(let cases):
            guard !cases.isEmpty else { throw invalid("variant type must have at least one case") }
            try checkLabels(cases.map(\.label), "variant case")
            guard cases.count <= Int(UInt32.max) else { throw invalid("variant type has too many cases") }
            var resolved: [DefinedValueType.Case] = []
            for c in cases { resolved.append(.init(label: c.label, type: try optionalValueType(c.type))) }
            return .variant(resolved)
        case .list(let t):
            return .list(try valueType(t))
        case .fixedSizeList(let t, let length):
            guard length > 0 else { throw invalid("Fixed size lists must have more than zero elements") }
            return .fixedSizeList(try valueType(t), length: length)
        case .tuple(let ts):
            guard !ts.isEmpty else { throw invalid("tuple type must have at least one type") }
            var resolved: [ComponentValueType] = []
            for t in ts { resolved.append(try valueType(t)) }
            return .tuple(resolved)
        case .flags(let names):
            guard !names.isEmpty else { throw invalid("flags must have at least one entry") }
            guard names.count <= 32 else { throw invalid("cannot have more than 32 flags") }
            try checkLabels(names, "flag")
            return .flags(names)
        case .enum(let names):
            guard !names.isEmpty else { throw invalid("enum type must have at least one variant") }
            try checkLabels(names, "enum tag")
            return .enum(names)
        case .option(let t):
            return .option(try valueType(t))
        case .result(let ok, let error):
            return .result(ok: try optionalValueType(ok), error: try optionalValueType(error))
        case .own(let i):
            return .own(try resourceType(i))
        case .borrow(let i):
            return .borrow(try resourceType(i))
        case .stream(let t):
            let element = try optionalValueType(t)
            if element == .primitive(.char) {
                throw invalid("`stream<char>` is not valid at this time, use `stream<u8>` with a defined by encoding instead for now")
            }
            if let element, containsBorrow(element) { throw invalid("stream element type cannot contain a borrow") }
            return .stream(element)
        case .future(let t):
            let payload = try optionalValueType(t)
            if let payload, containsBorrow(payload) { throw invalid("future payload type cannot contain a borrow") }
            return .future(payload)
        case .map(let k, let v):
            let key = try valueType(k)
            switch key {
            case .primitive(let p) where p != .f32 && p != .f64 && p != .errorContext: break
            default: throw invalid("map key type must be a primitive type other than a float or error-context")
            }
            return .map(key: key, value: try valueType(v))
        }
    }

    /// Whether a value type transitively contains a `borrow` handle.
    func containsBorrow(_ t: ComponentValueType) -> Bool {
        var pending = [t]
        var seen: Set<ComponentTypeID> = []
        while let next = pending.popLast() {
            guard case .defined(let id) = next, seen.insert(id).inserted, let d = arena.valueType(id) else { continue }
            switch d {
            case .borrow: return true
            case .primitive, .flags, .enum, .own, .stream, .future: break
            case .record(let fs): pending += fs.map(\.type)
            case .variant(let cs): pending += cs.compactMap(\.type)
            case .list(let e), .fixedSizeList(let e, _), .option(let e): pending.append(e)
            case .tuple(let ts): pending += ts
            case .result(let ok, let error): pending += [ok, error].compactMap { $0 }
            case .map(let k, let v): pending += [k, v]
            }
        }
        return false
    }

    /// The canonical ABI's bound on in-memory sizes: a value type must be smaller than
    /// 2^28 bytes (with 64-bit pointers), so size arithmetic never overflows.
    func checkMaximumSize(_ t: ComponentValueType) throws(WasmError) {
        guard layout(t).size64 < ValueTypeLayout.maximumValueSize else {
            throw invalid("value type's maximum in-memory size exceeds maximum byte size")
        }
    }

    func functionType(_ f: ComponentFunctionTypeSyntax) throws(WasmError) -> ComponentFunctionType {
        var seen: [String: String] = [:]
        var parameters: [ComponentFunctionType.Parameter] = []
        for p in f.parameters {
            guard !p.label.isEmpty else { throw invalid("function parameter name cannot be empty") }
            guard ExternNameParser.isKebabCase(p.label) else {
                throw invalid("function parameter name `\(p.label)` is not in kebab case")
            }
            if let previous = seen[p.label.lowercased()] {
                throw invalid("function parameter name `\(p.label)` conflicts with previous parameter name `\(previous)`")
            }
            seen[p.label.lowercased()] = p.label
            parameters.append(.init(name: p.label, type: try valueType(p.type)))
        }
        let result = try optionalValueType(f.result)
        if let result, containsBorrow(result) { throw invalid("function result cannot contain a `borrow` type") }
        return ComponentFunctionType(isAsync: f.isAsync, parameters: parameters, result: result)
    }

    // MARK: Component and instance types

    mutating func componentType(_ declarations: [ComponentTypeDeclaration]) throws(WasmError) -> ComponentTypeID {
        scopes.append(ComponentScope(kind: .componentType))
        for d in declarations {
            switch d {
            case .import(let name, let type):
                try defineImport(name, type)
            case .instance(let i):
                try instanceDeclaration(i)
            }
        }
        let s = scopes.removeLast()
        return try addType(.component(ComponentComponentType(
            imports: s.imports, exports: s.exports,
            importedResources: s.importedResources, exportedResources: s.definedResources)))
    }

    mutating func instanceType(_ declarations: [InstanceTypeDeclaration]) throws(WasmError) -> ComponentTypeID {
        scopes.append(ComponentScope(kind: .instanceType))
        for d in declarations { try instanceDeclaration(d) }
        let s = scopes.removeLast()
        return try addType(.instance(ComponentInstanceType(exports: s.exports, abstractResources: s.definedResources)))
    }

    mutating func instanceDeclaration(_ d: InstanceTypeDeclaration) throws(WasmError) {
        switch d {
        case .coreType(let t):
            try defineCoreType(t)
        case .type(let t):
            try defineType(t)
        case .alias(let a):
            switch (a.target, a.sort) {
            case (.instanceExport, .type), (.instanceExport, .instance), (.outer, .type), (.outer, .core(.type)):
                break
            default:
                offset = a.offset
                throw invalid("aliases in a component or instance type may only refer to types or instances")
            }
            try defineAlias(a)
        case .export(let name, let type):
            try declareExport(name, type)
        }
    }

    /// Resolves an `externtype` of the current scope.
    mutating func entityType(_ t: ComponentExternType) throws(WasmError) -> ComponentEntityType {
        switch t {
        case .module(let i):
            guard case .module(let m) = try lookup(scope.coreTypes, i, "core type", "type") else {
                throw invalid("core type index \(i) is not a module type")
            }
            return .module(m)
        case .function(let i):
            let id = try typeID(i)
            guard arena.function(id) != nil else { throw invalid("type index \(i) is not a function type") }
            return .function(id)
        case .value(.type(let v)):
            return .value(try valueType(v))
        case .type(.equal(let i)):
            return .type(aliasType(try typeID(i)))
        case .type(.subResource):
            let (type, _) = addResource(ResourceInfo(origin: .abstract))
            return .type(type)
        case .component(let i):
            let id = try typeID(i)
            guard arena.component(id) != nil else { throw invalid("type index \(i) is not a component type") }
            return .component(id)
        case .instance(let i):
            let id = try typeID(i)
            guard arena.instance(id) != nil else { throw invalid("type index \(i) is not an instance type") }
            return .instance(id)
        }
    }
}
