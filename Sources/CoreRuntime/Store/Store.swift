import WasmFormat

/// A store: the world a group of instances lives in. It owns every memory, table,
/// global, function and instance made in it, and the interpreter's stacks.
///
/// A store is used from one thread at a time. Everything in it lives as long as it does.
public final class Store {
    public let engine: Engine
    let types = TypeRegistry()
    let stack: ExecutionStack
    var hostFunctions: [HostFunction] = []
    /// Records of host functions (wasm functions' records belong to their instance).
    var hostFunctionRecords: [UnsafeMutablePointer<FunctionRecord>] = []
    var instances: [InstanceState] = []
    var exceptions: [ExceptionRecord] = []
    /// Set to a nonzero value (from any thread, e.g. a signal handler) to stop the running
    /// call at the next loop back-edge or call with `TrapReason.interrupted`.
    public let interruptFlag: UnsafeMutablePointer<Int>
    /// Remaining fuel, when fuel accounting is on (see `setFuel`).
    var fuel: UInt64?
    let probes = Probes()

    public init(engine: Engine = Engine()) {
        self.engine = engine
        stack = ExecutionStack(slotCapacity: engine.configuration.stackSlots,
                               frameCapacity: engine.configuration.maxCallDepth)
        interruptFlag = .allocate(capacity: 1)
        interruptFlag.initialize(to: 0)
    }

    deinit {
        disarmAll()
        for r in hostFunctionRecords { r.deallocate() }
        interruptFlag.deallocate()
    }

    /// Asks the running call to stop ("interrupted" trap); safe from a signal handler.
    public func interrupt() { interruptFlag.pointee = 1 }

    /// Limits execution to `fuel` units (roughly one per instruction), or removes the limit.
    /// When fuel runs out the call traps with "all fuel consumed".
    public func setFuel(_ fuel: UInt64?) {
        self.fuel = fuel
        probes.fuelEnabled = fuel != nil
    }

    public var remainingFuel: UInt64? { fuel }

    /// Defines a host function.
    public func hostFunction(name: String = "host", type: FunctionType, _ body: @escaping HostFunctionBody) -> Function {
        let id = types.register(type)
        let record = UnsafeMutablePointer<FunctionRecord>.allocate(capacity: 1)
        record.initialize(to: FunctionRecord(
            typeId: id, isHost: true, index: UInt32(hostFunctions.count), context: nil, code: nil, translated: nil,
            frameSlots: 0, parameterSlots: Int32(type.parameters.slotCount), localSlots: 0,
            resultSlots: Int32(type.results.slotCount), callCount: 0))
        hostFunctions.append(HostFunction(type: type, body: body, name: name))
        hostFunctionRecords.append(record)
        return Function(record: record, store: self)
    }

    /// Creates a memory owned by this store (to provide as an import).
    public func memory(_ type: MemoryType) throws(RuntimeError) -> Memory {
        try Memory(type: type, limitBytes: engine.configuration.maxMemoryBytes)
    }

    /// Creates a table filled with `initial` (to provide as an import).
    public func table(_ type: TableType, initial: Reference = .null) throws(RuntimeError) -> Table {
        try Table(type: type, canonicalElementType: type.elementType, initial: slot(of: initial),
                  limitElements: engine.configuration.maxTableElements)
    }

    /// Creates a global with a value (to provide as an import).
    public func global(_ type: GlobalType, value: Value) -> Global {
        let g = Global(type: type, canonicalType: type.valueType)
        write(value, to: g.cell)
        return g
    }

    /// Creates a tag (to provide as an import).
    public func tag(_ type: FunctionType) -> Tag {
        Tag(type: type, typeId: types.register(type))
    }

    func name(of record: UnsafeMutablePointer<FunctionRecord>) -> String {
        if record.pointee.isHost { return hostFunctions[Int(record.pointee.index)].name }
        guard let ctx = record.pointee.context else { return "func \(record.pointee.index)" }
        let instance = ctx.pointee.instance.takeUnretainedValue()
        return instance.module.functionName(record.pointee.index) ?? "func \(record.pointee.index)"
    }
}
