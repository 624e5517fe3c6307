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
            var substitution = matcher.bindings.filter { component.importedResources.contains($0.key) }
            let fresh = freshResources(for: component.exportedResources)
            substitution.merge(fresh) { a, _ in a }
            scope.definedResources += fresh.values
            var cache: [ComponentTypeID: ComponentTypeID] = [:]
            let exports = try substitute(component.exports, substitution, &cache)
            scope.instances.append(try addType(.instance(ComponentInstanceType(exports: exports, abstractResources: []))))
        case .exports(let items):
            var names = StronglyUniqueNames()
            var exports: [ComponentTypedName] = []
            for x in items {
                let parsed = try parseName(x.name.name, isImport: false)
                if let previous = names.insert(x.name.name, canonical: parsed.canonical) {
                    throw invalid("export name `\(x.name.name)` conflicts with previous name `\(previous)`")
                }
                exports.append(.init(name: x.name.name, type: try entityType(of: x.item)))
            }
            scope.instances.append(try addType(.instance(ComponentInstanceType(exports: exports, abstractResources: []))))
        }
    }
}
