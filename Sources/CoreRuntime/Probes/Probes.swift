/// The probes a debugger or profiler drives. While none is active the store runs the
/// fast loop, where every probe check is compiled away; activating one switches to the
/// instrumented loop at the next call or back-edge... or immediately for breakpoints,
/// which are patched into the translated code and cost nothing until hit.
final class Probes {
    weak var observer: ExecutionObserver?
    var fuelEnabled = false
    var stepping = false
    var functionEvents = false
    var watches: [MemoryWatch] = []
    /// Breakpoints by module and wasm offset of the instruction.
    var breakpoints: [BreakpointLocation: UInt64] = [:]
    /// A breakpoint whose original instruction was put back to execute once.
    var pendingRearm: (code: UnsafeMutablePointer<UInt64>, word: UInt64)?

    var isActive: Bool {
        fuelEnabled || stepping || functionEvents || !watches.isEmpty || pendingRearm != nil
    }

    /// Patches the breakpoints that fall in a function translated just now.
    func armBreakpoints(in translated: TranslatedFunction) {
        // Filled in by the breakpoint API (see Store+Probes).
    }
}

/// Where a breakpoint is: a function of a module and the byte offset of an instruction.
struct BreakpointLocation: Hashable {
    let module: ObjectIdentifier
    let function: UInt32
    let offset: Int
}

/// A range of linear memory to watch.
public struct MemoryWatch: Hashable, Sendable {
    public var memory: Int
    public var address: UInt64
    public var size: UInt64
    public var onRead: Bool
    public var onWrite: Bool

    public init(memory: Int = 0, address: UInt64, size: UInt64, onRead: Bool = false, onWrite: Bool = true) {
        self.memory = memory
        self.address = address
        self.size = size
        self.onRead = onRead
        self.onWrite = onWrite
    }
}

/// Receives probe events. Each call happens with execution stopped at the reported
/// place; the observer may inspect the frame and return.
public protocol ExecutionObserver: AnyObject {
    func functionEntered(_ frame: FrameView)
    func functionExiting(_ frame: FrameView)
    func instructionStep(_ frame: FrameView)
    func breakpointHit(_ frame: FrameView)
    func memoryAccess(_ frame: FrameView, address: UInt64, size: Int, isWrite: Bool)
}

/// What a probe shows of the current frame.
public struct FrameView {
    public let function: Function
    /// Byte offset in the module binary of the instruction about to execute.
    public let offset: Int?
    public let locals: [Value]
    /// Call depth (0 for the outermost wasm frame of this invocation).
    public let depth: Int
}

enum ProbeDecision {
    case proceed
    case switchMode
}

extension Store {
    func probeStep() throws(Unwind) -> ProbeDecision {
        .proceed
    }

    func probeEnter() throws(Unwind) {}
    func probeEnterEntry(_ state: inout ExecutionState) throws(Unwind) {}
    func probeExit() {}
    func probeStore(_ p: UnsafeMutableRawPointer, _ r: UnsafeMutablePointer<Registers>, _ size: Int) throws(Unwind) {}
    func probeAccess(_ address: UInt64, _ size: Int) throws(Unwind) {}
    func hitBreakpoint() throws(Unwind) {}
}
