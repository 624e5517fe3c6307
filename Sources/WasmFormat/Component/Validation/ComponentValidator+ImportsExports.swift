/// Imports and exports (definitions and declarators): names, strong uniqueness, the
/// `implements` attribute, resources introduced, export ascription, and the names later
/// rules look up.
extension ComponentChecker {
    func parseName(_ name: String, isImport: Bool) throws(WasmError) -> ParsedExternName {
        do throws(NameError) {
            return try ExternNameParser.parse(name, isImport: isImport)
        } catch {
            throw invalid("\(isImport ? "import" : "export") name `\(name)` is not a valid extern name: \(error.message)")
        }
    }

    /// An import definition or an import declarator of a component type.
    mutating func defineImport(_ name: ExternName, _ type: ComponentExternType) throws(WasmError) {
        let parsed = try parseName(name.name, isImport: true)
        var entity = try entityType(type)
        entity = try introduceAbstractResources(entity, imported: true)
        try checkAttributes(name, parsed, entity)
        if let previous = scope.importNames.insert(name.name, canonical: parsed.canonical) {
            throw invalid("import name `\(name.name)` conflicts with previous name `\(previous)`")
        }
        try checkAnnotatedName(name.name, parsed, entity, isImport: true)
        try checkExternallyVisible(entity, named: scope.importNamedTypes, what: "import")
        registerNames(entity, name.name, parsed, imported: true)
        scope.imports.append(.init(name: name.name, type: entity))
        scope.add(entity)
    }

    /// An export declarator of a component or instance type.
    mutating func declareExport(_ name: ExternName, _ type: ComponentExternType) throws(WasmError) {
        var entity = try entityType(type)
        let parsed = try parseName(name.name, isImport: false)
        entity = try introduceAbstractResources(entity, imported: false)
        try finishExport(name, parsed, entity)
    }

    /// An export definition of a component: the item's type, or the ascribed supertype.
    mutating func defineExport(_ export: ComponentExport) throws(WasmError) {
        offset = export.offset
        var entity = try entityType(of: export.item)
        let parsed = try parseName(export.name.name, isImport: false)
        if let ascribed = export.type {
            let expected = try entityType(ascribed)
            var introduced: Set<ResourceID> = []
            if case .type(let t) = expected, let r = arena.resource(t) { introduced.insert(r) }
            var matcher = ComponentTypeMatcher(arena: arena, bindable: introduced)
            do throws(TypeMismatch) {
                try matcher.entity(entity, expected)
            } catch {
                throw invalid(error.within("ascribed type of export is not compatible with item's type").description)
            }
            var cache: [ComponentTypeID: ComponentTypeID] = [:]
            entity = try substitute(expected, TypeSubstitution(resources: matcher.bindings), &cache)
        } else if case .type(let t) = entity {
            // An export names its type anew: the new index is a distinct name for it.
            entity = .type(aliasType(t))
        }
        try finishExport(export.name, parsed, entity)
    }

    mutating func finishExport(_ name: ExternName, _ parsed: ParsedExternName, _ entity: ComponentEntityType) throws(WasmError) {
        try checkAttributes(name, parsed, entity)
        if let previous = scope.exportNames.insert(name.name, canonical: parsed.canonical) {
            throw invalid("export name `\(name.name)` conflicts with previous name `\(previous)`")
        }
        try checkAnnotatedName(name.name, parsed, entity, isImport: false)
        // Instance types defer this rule until they are attached to an import or export.
        if scope.kind != .instanceType {
            try checkExternallyVisible(entity, named: scope.importNamedTypes.union(scope.exportNamedTypes), what: "export")
        }
        registerNames(entity, name.name, parsed, imported: false)
        scope.exports.append(.init(name: name.name, type: entity))
        scope.add(entity)
        // The index an exported value gets is a new name for a consumed value, not a new value.
        if case .value = entity { scope.valueUsed[scope.valueUsed.count - 1] = true }
    }

    /// Records what an import's or export's abstract resources are: a `(sub resource)`
    /// is new; an instance type's resources are made fresh for this import or export.
    mutating func introduceAbstractResources(_ entity: ComponentEntityType, imported: Bool) throws(WasmError) -> ComponentEntityType {
        var result = entity
        var introduced: [ResourceID] = []
        switch entity {
        case .type(let t):
            if let r = arena.resource(t), arena[r].origin == .abstract, !isKnownResource(r) { introduced = [r] }
        case .instance(let t):
            if let i = arena.instance(t), !i.abstractResources.isEmpty {
                let fresh = freshResources(for: i.abstractResources)
                var cache: [ComponentTypeID: ComponentTypeID] = [:]
                let exports = try substitute(i.exports, TypeSubstitution(resources: fresh), &cache)
                result = .instance(try addType(.instance(ComponentInstanceType(exports: exports, abstractResources: []))))
                introduced = i.abstractResources.compactMap { fresh[$0] }
            }
        default:
            break
        }
        if imported {
            scope.importedResources += introduced
        } else {
            scope.definedResources += introduced
        }
        return result
    }

    /// Whether a resource is already accounted for by this scope (an `eq` bound on an
    /// earlier abstract resource introduces nothing new).
    func isKnownResource(_ r: ResourceID) -> Bool {
        scope.importedResources.contains(r) || scope.definedResources.contains(r)
            || scopes.dropLast().contains { $0.importedResources.contains(r) || $0.definedResources.contains(r) }
    }

    /// The `implements` attribute: once, on instance-typed plain names, naming an interface.
    func checkAttributes(_ name: ExternName, _ parsed: ParsedExternName, _ entity: ComponentEntityType) throws(WasmError) {
        var implementsSeen = false
        for a in name.attributes {
            guard case .implements(let interface) = a else { continue }
            guard !implementsSeen else { throw invalid("duplicate 'implements' option in name") }
            implementsSeen = true
            let interfaceName: ParsedExternName
            do throws(NameError) {
                interfaceName = try ExternNameParser.parse(interface, isImport: false)
            } catch {
                throw invalid("`\(interface)` is not a valid name: \(error.message)")
            }
            guard interfaceName.kind == .interface else { throw invalid("name `\(interface)` must be an interface") }
            guard case .instance = entity else { throw invalid("only instances can have an `implements`") }
            guard parsed.kind == .label else { throw invalid("name `\(name.name)` is not valid with `implements`") }
        }
    }

    /// Makes the types an import or export introduces available as names: for external
    /// visibility, and resources by their plain name for the annotated-name rules.
    mutating func registerNames(_ entity: ComponentEntityType, _ name: String, _ parsed: ParsedExternName, imported: Bool) {
        var ids: [ComponentTypeID] = []
        collectTypeExports(entity, into: &ids)
        if imported {
            scope.importNamedTypes.formUnion(ids)
        } else {
            scope.exportNamedTypes.formUnion(ids)
        }
        if case .type(let t) = entity, let r = arena.resource(t), parsed.kind == .label {
            if imported {
                scope.importedResourceNames[r, default: []].append(name)
            } else {
                scope.exportedResourceNames[r, default: []].append(name)
            }
        }
    }

    /// The type identities an entity introduces: its own (for a type) and those of the
    /// type exports of an instance, transitively.
    func collectTypeExports(_ entity: ComponentEntityType, into ids: inout [ComponentTypeID]) {
        switch entity {
        case .type(let t):
            ids.append(t)
        case .instance(let t):
            for x in arena.instance(t)?.exports ?? [] { collectTypeExports(x.type, into: &ids) }
        default:
            break
        }
    }
}
