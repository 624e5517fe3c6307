import CoreRuntime
import WasmFormat
import WasmText

/// Compiles a module written in WAT (the tests write modules as text).
func compile(_ wat: String) throws -> CompiledModule {
    try CompiledModule(bytes: WAT.parseModule(wat).bytes)
}

/// Instantiates a module without imports in a fresh store.
func instantiate(_ wat: String, store: Store = Store()) throws -> (Store, Instance) {
    let instance = try store.instantiate(try compile(wat), imports: [])
    return (store, instance)
}

/// The byte offsets of a defined function's instructions, in order.
func instructionOffsets(_ module: CompiledModule, definedFunction index: Int) throws -> [(offset: Int, instruction: Instruction)] {
    try module.module.codes[index].instructions()
}

/// Records probe events.
final class Recorder: ExecutionObserver {
    struct Event: Equatable {
        var kind: String
        var function: UInt32
        var offset: Int?
        var locals: [Value]
        var stack: [Value]
    }
    var events: [Event] = []
    var accesses: [(address: UInt64, size: Int, isWrite: Bool)] = []
    var onBreakpoint: ((FrameView) throws -> Void)?

    func record(_ kind: String, _ f: FrameView) {
        events.append(Event(kind: kind, function: f.functionIndex, offset: f.offset, locals: f.locals, stack: f.operandStack))
    }
    func functionEntered(_ frame: FrameView) { record("enter", frame) }
    func functionExiting(_ frame: FrameView) { record("exit", frame) }
    func instructionStep(_ frame: FrameView) { record("step", frame) }
    func breakpointHit(_ frame: FrameView) throws {
        record("break", frame)
        try onBreakpoint?(frame)
    }
    func memoryAccess(_ frame: FrameView, address: UInt64, size: Int, isWrite: Bool) {
        accesses.append((address, size, isWrite))
    }
}
