/// Component instance definitions: instantiating a component (arguments checked by
/// subtyping against its imports, in order, with resource substitution) and bundling
/// items into an instance.
extension ComponentChecker {
    mutating func defineInstance(_ instance: ComponentInstance) throws(WasmError) {
        offset = instance.offset
        switch instance.expression {
        case .instantiate(let componentIndex, let arguments):
            let componentID = try componentTypeID(componentIndex)
            guard let component = arena.component(componentID) else { throw invalid("unknown component \(componentIndex)") }
            var supplied: [String: ComponentEntityType] = [:]
            var names = StronglyUniqueNames()
            for a in arguments {
                let canonical = (try? ExternNameParser.parse(a.name, isImport: true).canonical) ?? a.name
                if let previous = names.insert(a.name, canonical: canonical) {
                    throw invalid("instantiation argument `\(a.name)` conflicts with previous argument `\(previous)`")
                }
                supplied[a.name] = try entityType(of: a.item)
            }
            var matcher = ComponentTypeMatcher(arena: arena, bindable: Set(component.importedResources))
            for i in component.imports {
                guard let actual = supplied[i.name] else { throw invalid("missing import named `\(i.name)`") }
                do throws(TypeMismatch) {
                    try matcher.entity(actual, i.type)
                } catch {
                    throw invalid(error.within("type mismatch for import `\(i.name)`").description)
                }
            }
            var substitution = TypeSubstitution(resources: matcher.bindings.filter { component.importedResources.contains($0.key) })
            let fresh = freshResources(for: component.exportedResources)
            substitution.resources.merge(fresh) { a, _ in a }
            scope.definedResources += fresh.values
            // The arguments stand for the imported types from now on (so that their
            // names, and the visibility they give, carry over to the exports).
            for i in component.imports {
                if let actual = supplied[i.name] { correspond(actual, i.type, &substitution.types) }
            }
            var cache: [ComponentTypeID: ComponentTypeID] = [:]
            let exports = try substitute(component.exports, substitution, &cache)
            scope.instances.append(try addType(.instance(ComponentInstanceType(exports: exports, abstractResources: []))))
        case .exports(let items):
            var names = StronglyUniqueNames()
            var exports: [ComponentTypedName] = []
            for x in items {
                let entity = try entityType(of: x.item)
                let parsed = try parseName(x.name.name, isImport: false)
                if let previous = names.insert(x.name.name, canonical: parsed.canonical) {
                    throw invalid("export name `\(x.name.name)` conflicts with previous name `\(previous)`")
                }
                try checkAttributes(x.name, parsed, entity)
                // A bag of exports gives its resources no names (as wasm-tools has it): a
                // resource-annotated name can never be resolved in it.
                try checkAnnotatedName(x.name.name, parsed, entity, isImport: false, resourceNames: [:])
                exports.append(.init(name: x.name.name, type: entity))
            }
            scope.instances.append(try addType(.instance(ComponentInstanceType(exports: exports, abstractResources: []))))
        }
    }

    /// Records which actual type stands for each non-resource type an expected import
    /// introduces (the import's own, and those of an instance's type exports).
    func correspond(_ actual: ComponentEntityType, _ expected: ComponentEntityType,
                    _ types: inout [ComponentTypeID: ComponentTypeID]) {
        switch (actual, expected) {
        case (.type(let a), .type(let e)):
            if arena.resource(e) == nil, a != e { types[e] = a }
        case (.instance(let a), .instance(let e)):
            guard let ia = arena.instance(a), let ie = arena.instance(e) else { return }
            for x in ie.exports {
                if let t = ia.export(named: x.name) { correspond(t, x.type, &types) }
            }
        default:
            break
        }
    }
}
