import WasmFormat

/// Something an instance exports or an import is satisfied with.
public enum Extern {
    case function(Function)
    case table(Table)
    case memory(Memory)
    case global(Global)
    case tag(Tag)

    public var kind: ExternalKind {
        switch self {
        case .function: .function
        case .table: .table
        case .memory: .memory
        case .global: .global
        case .tag: .tag
        }
    }
}

/// What a store keeps of an instance: its context and entities. It refers to no store,
/// so the store can own it without a reference cycle; `Instance` is the public handle.
final class InstanceState {
    let module: CompiledModule
    let context: UnsafeMutablePointer<InstanceContext>
    /// The function index space (imports first).
    var functions: [UnsafeMutablePointer<FunctionRecord>] = []
    var tables: [Table] = []
    var memories: [Memory] = []
    var globals: [Global] = []
    var tags: [Tag] = []
    var ownedRecords: [UnsafeMutablePointer<FunctionRecord>] = []
    var ownedBuffers: [UnsafeMutableRawPointer] = []
    /// Whether `context` was filled in (instantiation may fail before).
    var contextInitialized = false

    init(module: CompiledModule) {
        self.module = module
        context = .allocate(capacity: 1)
    }

    deinit {
        defer {
            context.deallocate()
            for r in ownedRecords { r.deallocate() }
            for b in ownedBuffers { b.deallocate() }
        }
        guard contextInitialized else { return }
        let c = context.pointee
        c.memories.deallocate()
        c.tables.deallocate()
        c.globals.deallocate()
        c.functions.deallocate()
        c.typeIds.deallocate()
        c.tags.deallocate()
        c.elements.deallocate()
        c.datas.deallocate()
    }

}

/// An instance of a module. It keeps its store alive, so a function or memory obtained
/// from it stays usable as long as the instance (or the function) is held.
public final class Instance {
    public let store: Store
    let state: InstanceState

    init(store: Store, state: InstanceState) {
        self.store = store
        self.state = state
    }

    public var module: CompiledModule { state.module }

    /// The function index space (imports first).
    public var functions: [Function] { state.functions.map { Function(record: $0, store: store) } }
    public var tables: [Table] { state.tables }
    public var memories: [Memory] { state.memories }
    public var globals: [Global] { state.globals }
    public var tags: [Tag] { state.tags }

    /// Exports in the order the module lists them.
    public var exports: [(name: String, value: Extern)] {
        state.module.module.exports.map { ($0.name, value(of: $0)) }
    }

    private func value(of e: Export) -> Extern {
        switch e.kind {
        case .function: .function(Function(record: state.functions[Int(e.index)], store: store))
        case .table: .table(state.tables[Int(e.index)])
        case .memory: .memory(state.memories[Int(e.index)])
        case .global: .global(state.globals[Int(e.index)])
        case .tag: .tag(state.tags[Int(e.index)])
        }
    }

    /// The export with this name.
    public func export(_ name: String) -> Extern? {
        // Names compare by their bytes: Swift's `==` would equate canonically equivalent
        // Unicode spellings, which are distinct export names in wasm.
        state.module.exportIndex[Array(name.utf8)].map { value(of: state.module.module.exports[$0]) }
    }

    /// The exported function with this name.
    public func function(_ name: String) -> Function? {
        if case .function(let f) = export(name) { return f }
        return nil
    }

    public func memory(_ name: String) -> Memory? {
        if case .memory(let m) = export(name) { return m }
        return nil
    }

    public func global(_ name: String) -> Global? {
        if case .global(let g) = export(name) { return g }
        return nil
    }
}

extension Global {
    /// The global's current value.
    public func value(in store: Store) -> Value {
        store.read(type.valueType, from: cell)
    }

    /// Sets a mutable global's value.
    public func set(_ value: Value, in store: Store) {
        store.write(value, to: cell)
    }
}

extension Table {
    /// The element at `index`, or nil when out of bounds.
    public func element(at index: Int, in store: Store) -> Reference? {
        guard index >= 0, index < record.pointee.count else { return nil }
        return store.reference(fromSlot: record.pointee.elements[index])
    }
}
