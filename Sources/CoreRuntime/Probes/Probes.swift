/// The probes a debugger or profiler drives.
///
/// While none is active the store runs the fast loop, where every probe check is compiled
/// away. Breakpoints cost nothing until hit: they are patched into the translated code.
/// Stepping, function events, memory watches and fuel run the instrumented loop, which
/// calls `Store.probeStep` before each instruction; the store switches loops when a probe
/// is switched on or off (at the next breakpoint, call or probe event).
final class Probes {
    var observer: ExecutionObserver?
    var fuelEnabled = false
    var stepping = false
    var functionEvents = false
    var watches: [Int: MemoryWatch] = [:]
    var nextWatchID = 0
    /// New translations are debug translations (see `Translator.debug`).
    var debugTranslation = false
    /// Breakpoints by module, function and wasm offset.
    var breakpoints: Set<BreakpointLocation> = []
    /// The code addresses where this store patched a breakpoint, with their translation
    /// (which keeps the original instruction: `TranslatedFunction.patchedBreakpoints`).
    var patched: [UnsafeMutablePointer<UInt64>: TranslatedFunction] = [:]
    /// The addresses patched for each breakpoint (a fast and a debug translation each).
    var patchedFor: [BreakpointLocation: [UnsafeMutablePointer<UInt64>]] = [:]
    /// A breakpoint whose original instruction was put back to run once; it is patched
    /// again before the next instruction (if a store still wants it).
    var pendingRearm: (address: UnsafeMutablePointer<UInt64>, translation: TranslatedFunction)?
    /// The last code address a step event was reported for (no event twice in a row for
    /// the instruction under a breakpoint).
    var lastStepPC: UnsafeMutablePointer<UInt64>?

    var isActive: Bool {
        fuelEnabled || stepping || functionEvents || !watches.isEmpty || pendingRearm != nil
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

    func overlaps(_ start: UInt64, _ length: UInt64) -> Bool {
        start < address &+ size && address < start &+ length
    }
}

/// A breakpoint as the embedder sees it.
public struct Breakpoint: Hashable, Sendable {
    public let function: UInt32
    public let offset: Int
    let module: ObjectIdentifier
}

/// Receives probe events. Each call happens with execution stopped at the reported
/// place; the observer may inspect the frame (and call into the store), then return to
/// resume, or throw to abort the running call (the error becomes the call's trap).
public protocol ExecutionObserver: AnyObject {
    func functionEntered(_ frame: FrameView) throws
    func functionExiting(_ frame: FrameView) throws
    func instructionStep(_ frame: FrameView) throws
    func breakpointHit(_ frame: FrameView) throws
    func memoryAccess(_ frame: FrameView, address: UInt64, size: Int, isWrite: Bool) throws
}

extension ExecutionObserver {
    public func functionEntered(_ frame: FrameView) throws {}
    public func functionExiting(_ frame: FrameView) throws {}
    public func instructionStep(_ frame: FrameView) throws {}
    public func breakpointHit(_ frame: FrameView) throws {}
    public func memoryAccess(_ frame: FrameView, address: UInt64, size: Int, isWrite: Bool) throws {}
}

enum ProbeDecision {
    case proceed
    case switchMode
}
