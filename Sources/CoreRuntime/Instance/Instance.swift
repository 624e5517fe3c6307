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

/// An instance of a module in a store.
public final class Instance {
    public let module: CompiledModule
    unowned let store: Store
    let context: UnsafeMutablePointer<InstanceContext>
    /// The function index space (imports first).
    public internal(set) var functions: [Function] = []
    public internal(set) var tables: [Table] = []
    public internal(set) var memories: [Memory] = []
    public internal(set) var globals: [Global] = []
    public internal(set) var tags: [Tag] = []
    /// Exports in the order the module lists them.
    public internal(set) var exports: [(name: String, value: Extern)] = []
    var ownedRecords: [UnsafeMutablePointer<FunctionRecord>] = []
    var ownedBuffers: [UnsafeMutableRawPointer] = []
    /// Whether `context` was filled in (instantiation may fail before).
    var contextInitialized = false

    init(module: CompiledModule, store: Store) {
        self.module = module
        self.store = store
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

    /// The export with this name.
    public func export(_ name: String) -> Extern? {
        // Names compare by their bytes: Swift's `==` would equate canonically equivalent
        // Unicode spellings, which are distinct export names in wasm.
        exports.first { $0.name.utf8.elementsEqual(name.utf8) }?.value
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
