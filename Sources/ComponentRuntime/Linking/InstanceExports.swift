import CoreRuntime

extension LinkerNamespace {
    /// The exports of a component instance as linker definitions, so that another
    /// component can import them (the REPL's `link`, a script's named components).
    /// Calls go through the canonical ABI of both sides, values passing as `Val`s.
    public convenience init(exportsOf instance: ComponentInstance) {
        self.init(items: instance.plan.exports, of: instance)
    }

    convenience init(items: [Named<ExportItem>], of instance: ComponentInstance) {
        self.init()
        for e in items {
            switch e.item {
            case .function(let def):
                let function = ComponentFunction(instance: instance, definition: def, name: e.name)
                define(e.name, .function(function.type, { try function.call($0) }))
            case .instance(let inner):
                define(e.name, .instance(LinkerNamespace(items: inner, of: instance)))
            case .type(_, let r?):
                define(e.name, .resource(instance.resourceTypes[r]))
            case .module(.defined(let m)):
                define(e.name, .module(instance.pre.component.modules[m]))
            case .module(.imported(let ri)):
                if case .module(let m) = instance.pre.imports[ri] { define(e.name, .module(m)) }
            case .type, .component:
                break
            }
        }
    }
}
