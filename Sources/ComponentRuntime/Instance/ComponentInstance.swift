import CoreRuntime
import WasmFormat

/// An instance of a component (possibly still being built by an `Instantiator`): the
/// tables the plan's indices point into.
public final class ComponentInstance {
    public let store: Store
    public let plan: ComponentPlan
    let pre: InstancePre
    public internal(set) var coreInstances: [CoreRuntime.Instance?]
    var lowered: [CoreRuntime.Function?]
    var trampolines: [CoreRuntime.Function] = []
    var memories: [Memory?]
    var reallocs: [CoreRuntime.Function?]
    var postReturns: [CoreRuntime.Function?]
    var callbacks: [CoreRuntime.Function?]
    /// The run-time resource types by plan resource index.
    let resourceTypes: [ResourceType]
    /// The inlined component instances' states (handle tables, reentrance flags).
    let states: [ComponentInstanceState]
    /// Watches lifts and lowers (the REPL's `explain`).
    public weak var tracer: CanonicalABITracer?

    init(pre: InstancePre, store: Store) {
        self.store = store
        self.pre = pre
        plan = pre.component.plan
        coreInstances = Array(repeating: nil, count: plan.coreInstanceCount)
        lowered = Array(repeating: nil, count: plan.loweredCount)
        memories = Array(repeating: nil, count: plan.memoryCount)
        reallocs = Array(repeating: nil, count: plan.reallocCount)
        postReturns = Array(repeating: nil, count: plan.postReturnCount)
        callbacks = Array(repeating: nil, count: plan.callbackCount)
        var states: [ComponentInstanceState] = []
        for c in plan.componentInstances {
            states.append(ComponentInstanceState(parent: c.parent.map { states[$0] }, path: c.path))
        }
        self.states = states
        resourceTypes = plan.resources.enumerated().map { i, r in
            switch r.origin {
            case .imported: pre.importedResources[i] ?? ResourceType(name: r.name, implementer: nil)
            case .defined(let instance): ResourceType(name: r.name, implementer: states[instance])
            }
        }
        trampolines = plan.trampolines.map(makeTrampoline)
    }

    /// The core item a plan definition denotes, once it exists.
    func core(_ def: CoreDef) throws(Trap) -> Extern {
        switch def {
        case .export(let i, let name):
            guard let instance = coreInstances[i] else { throw Trap(.component("core instance #\(i) is not instantiated yet")) }
            guard let e = instance.export(name) else { throw Trap(.component("core instance #\(i) has no export \"\(name)\"")) }
            return e
        case .lowered(let i):
            guard let f = lowered[i] else { throw Trap(.component("lowered import #\(i) is not made yet")) }
            return .function(f)
        case .trampoline(let i):
            return .function(trampolines[i])
        }
    }

    /// Core functions already looked up (calls resolve their lifted function each time).
    private var resolvedFunctions: [CoreDef: CoreRuntime.Function] = [:]

    func coreFunction(_ def: CoreDef) throws(Trap) -> CoreRuntime.Function {
        if let f = resolvedFunctions[def] { return f }
        guard case .function(let f) = try core(def) else { throw Trap(.component("\(def) is not a function")) }
        resolvedFunctions[def] = f
        return f
    }

    // MARK: Exports

    /// A root export by name, or inside exported instances by a path of names.
    public func export(_ path: [String]) -> ExportItem? {
        guard let first = path.first, var item = plan.export(first) else { return nil }
        for name in path.dropFirst() {
            guard case .instance(let exports) = item, let next = exports.first(where: { $0.name == name }) else { return nil }
            item = next.item
        }
        return item
    }

    /// An exported function by name: `f`, `iface.f`, `iface#f`, `wasi:cli/run@0.2.0#run`,
    /// or a bare name found in exactly one exported instance.
    public func function(_ name: String) -> ComponentFunction? {
        if case .function(let def)? = export([name]) { return ComponentFunction(instance: self, definition: def, name: name) }
        for separator: Character in ["#", "."] {
            if let r = name.lastIndex(of: separator) {
                let iface = String(name[..<r]), f = String(name[name.index(after: r)...])
                if case .function(let def)? = export([iface, f]) { return ComponentFunction(instance: self, definition: def, name: name) }
            }
        }
        var found: [ComponentFunction] = []
        for e in plan.exports {
            if case .instance(let items) = e.item, let hit = items.first(where: { $0.name == name }), case .function(let def) = hit.item {
                found.append(ComponentFunction(instance: self, definition: def, name: "\(e.name).\(name)"))
            }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// A precomputed path to an export: look it up once, use it for every call.
    public struct ExportIndex: Hashable, Sendable {
        let positions: [Int]
    }

    /// The index of an export (by a path of names through exported instances).
    public func exportIndex(_ path: [String]) -> ExportIndex? {
        var positions: [Int] = []
        var items = plan.exports
        for (depth, name) in path.enumerated() {
            guard let i = items.firstIndex(where: { $0.name == name }) else { return nil }
            positions.append(i)
            if depth < path.count - 1 {
                guard case .instance(let inner) = items[i].item else { return nil }
                items = inner
            }
        }
        return ExportIndex(positions: positions)
    }

    /// The export at a precomputed index.
    public func export(at index: ExportIndex) -> ExportItem? {
        var items = plan.exports
        var item: ExportItem?
        for p in index.positions {
            guard p < items.count else { return nil }
            item = items[p].item
            if case .instance(let inner)? = item { items = inner }
        }
        return item
    }

    /// The function at a precomputed export index.
    public func function(at index: ExportIndex) -> ComponentFunction? {
        guard case .function(let def)? = export(at: index) else { return nil }
        return ComponentFunction(instance: self, definition: def, name: "export")
    }

    /// An exported core module, compiled.
    public func module(_ path: [String]) -> CompiledModule? {
        switch export(path) {
        case .module(.defined(let m))?: return pre.component.modules[m]
        case .module(.imported(let ri))?:
            if case .module(let m) = pre.imports[ri] { return m }
            return nil
        default: return nil
        }
    }

    /// Calls an exported function by name: the typed helper for host code that knows
    /// the signature (`try instance.call("add", .u32(1), .u32(2))`). Returns the result,
    /// nil for a function without one.
    @discardableResult
    public func call(_ name: String, _ arguments: Val...) throws -> Val? {
        guard let f = function(name) else { throw Trap(.component("no exported function \"\(name)\"")) }
        return try f.call(arguments).first
    }

    /// The resource type a root or instance export names.
    public func resourceType(_ path: [String]) -> ResourceType? {
        guard case .type(_, let r?)? = export(path) else { return nil }
        return resourceTypes[r]
    }

    /// The WIT name of a plan resource.
    func resourceName(_ id: ResourceTypeID) -> String { plan.resources[id.index].name }

    // MARK: Resources held by the host

    /// Drops a resource the host owns: runs its destructor (guest or host). Using it
    /// afterwards is an error.
    public func drop(_ resource: Resource) throws {
        guard resource.isOwned else { throw Trap(.component("cannot drop a borrowed resource \(resource)")) }
        guard !resource.isDropped else { throw Trap(.component("resource \(resource) was already dropped")) }
        resource.isDropped = true
        if let implementer = resource.type.implementer, !implementer.mayEnter {
            throw Trap(.component("cannot enter component instance"))
        }
        try resource.type.destructor?(resource.rep)
    }

    /// The handle tables of every inlined component instance, for `handles` views.
    public var handleTables: [(instance: String, handles: [(index: UInt32, resource: String, owned: Bool, lends: Int)])] {
        states.map { s in
            (s.path, s.handles.live.map { ($0.index, $0.handle.type.name, $0.handle.isOwned, $0.handle.lendCount) })
        }
    }
}
