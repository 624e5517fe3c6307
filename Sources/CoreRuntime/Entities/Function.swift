import WasmFormat

/// The raw record of a function that every tier reads: references to functions (in
/// tables, in `funcref` slots) are pointers to these records.
struct FunctionRecord {
    /// Canonical id of the function's type in the engine's `TypeRegistry`.
    var typeId: UInt32
    var isHost: Bool
    /// For wasm functions the index in the module's function index space; for host
    /// functions the index in the store's host function list.
    var index: UInt32
    /// The instance the function belongs to (nil for host functions).
    var context: UnsafeMutablePointer<InstanceContext>?
    /// Translated code, filled in on the first call.
    var code: UnsafeMutablePointer<UInt64>?
    var translated: Unmanaged<TranslatedFunction>?
    var frameSlots: Int32
    var parameterSlots: Int32
    var localSlots: Int32
    var resultSlots: Int32
    /// How many times the function was entered (for tier-up decisions and profiling).
    var callCount: UInt64
    /// How many loop iterations (backward jumps) ran in the function.
    var loopCount: UInt64 = 0
}

/// A host function's implementation: receives the caller (for memory access) and the
/// arguments, returns the results or throws a `Trap`.
public typealias HostFunctionBody = (inout Caller, [Value]) throws -> [Value]

struct HostFunction {
    let type: FunctionType
    let body: HostFunctionBody
    let name: String
}

/// A function: defined in a wasm instance or provided by the host.
///
/// Functions are identified by their record; two `Function` values are equal when they
/// denote the same function.
public struct Function: Hashable, @unchecked Sendable {
    let record: UnsafeMutablePointer<FunctionRecord>
    /// Held strongly: a function keeps the store it lives in alive.
    let store: Store

    init(record: UnsafeMutablePointer<FunctionRecord>, store: Store) {
        self.record = record
        self.store = store
    }

    public static func == (a: Function, b: Function) -> Bool { a.record == b.record }
    public func hash(into h: inout Hasher) { h.combine(record) }

    /// The function's type.
    public var type: FunctionType { store.types.functionType(of: record.pointee.typeId) }

    /// A name for messages: the name section's, else `func N`.
    public var debugName: String { store.name(of: record) }

    /// Calls the function with the given arguments.
    public func call(_ arguments: [Value]) throws(Trap) -> [Value] {
        try store.invoke(record, arguments)
    }

    public var isHost: Bool { record.pointee.isHost }
}

/// What a host function sees of its caller: the calling instance's exports (memory, the
/// `cabi_realloc` of a component, …) and the store.
public struct Caller {
    public let store: Store
    /// The instance whose code made the call, when the caller is wasm.
    public let instance: Instance?

    /// The caller's memory by index (default 0).
    public func memory(_ index: Int = 0) -> Memory? {
        guard let instance, index < instance.memories.count else { return nil }
        return instance.memories[index]
    }

    init(store: Store, context: UnsafeMutablePointer<InstanceContext>?) {
        self.store = store
        self.instance = context.map { Instance(store: store, state: $0.pointee.instance.takeUnretainedValue()) }
    }
}
