/// Alias definitions: exports of component and core instances, and items of enclosing
/// scopes (`outer`), with the rule that keeps generative resource types from leaking
/// into a nested component.
extension ComponentChecker {
    mutating func defineAlias(_ a: Alias) throws(WasmError) {
        offset = a.offset
        switch a.target {
        case .instanceExport(let i, let name):
            guard let instance = arena.instance(try instanceTypeID(i)) else { throw invalid("unknown instance \(i)") }
            guard let t = instance.export(named: name) else { throw invalid("instance \(i) has no export named `\(name)`") }
            guard t.sort == a.sort else { throw invalid("export `\(name)` for instance \(i) is not a \(a.sort.entityName)") }
            scope.add(t)
        case .coreInstanceExport(let i, let name):
            let instance = arena[try coreInstanceType(i)]
            guard let t = instance.export(named: name) else { throw invalid("core instance \(i) has no export named `\(name)`") }
            guard case .core(let sort) = a.sort, t.coreSort == sort else {
                throw invalid("export `\(name)` for core instance \(i) is not a \(a.sort.entityName)")
            }
            scope.add(t)
        case .outer(let count, let index):
            guard Int(count) < scopes.count else { throw invalid("invalid outer alias count of \(count)") }
            let target = scopes[scopes.count - 1 - Int(count)]
            let crossesComponent = scopes.suffix(Int(count)).contains { $0.kind == .component }
            switch a.sort {
            case .core(.module):
                scope.coreModules.append(try lookup(target.coreModules, index, "module"))
            case .core(.type):
                scope.coreTypes.append(try lookup(target.coreTypes, index, "type"))
            case .type:
                let id = try lookup(target.types, index, "type")
                if crossesComponent, refersToFreeResource(id) {
                    throw invalid("cannot alias outer type which transitively refers to resources not defined in the current component")
                }
                scope.types.append(id)
            case .component:
                scope.components.append(try lookup(target.components, index, "component"))
            default:
                throw invalid("outer aliases may only refer to core modules, core types, types and components")
            }
        }
    }

    /// Whether a type mentions a resource it does not itself introduce (instance and
    /// component types introduce the abstract resources of their imports and exports).
    func refersToFreeResource(_ id: ComponentTypeID) -> Bool {
        var pending: [ComponentTypeID] = [id]
        var seen: Set<ComponentTypeID> = []
        var introduced: Set<ResourceID> = []
        var mentioned: Set<ResourceID> = []
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            switch arena[next] {
            case .resource(let r): mentioned.insert(r)
            case .instance(let i): introduced.formUnion(i.abstractResources)
            case .component(let c):
                introduced.formUnion(c.importedResources)
                introduced.formUnion(c.exportedResources)
            case .value, .function: break
            }
            pending += arena.directReferences(of: next)
        }
        return !mentioned.subtracting(introduced).isEmpty
    }
}

extension ComponentSort {
    /// The sort as alias messages name it ("module" for a core module).
    var entityName: String {
        switch self {
        case .core(.module): "module"
        case .core(let s): s.name
        default: name
        }
    }
}

extension ComponentEntityType {
    var sort: ComponentSort {
        switch self {
        case .module: .core(.module)
        case .function: .function
        case .value: .value
        case .type: .type
        case .instance: .instance
        case .component: .component
        }
    }
}

extension CoreExternType {
    var coreSort: CoreSort {
        switch self {
        case .function: .function
        case .table: .table
        case .memory: .memory
        case .global: .global
        case .tag: .tag
        }
    }
}
