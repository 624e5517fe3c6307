import WasmFormat

/// Why execution stopped abnormally. The descriptions use the spec's wording, which the
/// conformance suite's `assert_trap` messages match.
public enum TrapReason: Error, Hashable, Sendable, CustomStringConvertible {
    case unreachable
    case integerDivideByZero
    case integerOverflow
    case invalidConversionToInteger
    case outOfBoundsMemoryAccess
    case outOfBoundsTableAccess
    case outOfBoundsDataSegmentAccess
    case undefinedElement
    case uninitializedElement
    case indirectCallTypeMismatch
    case nullFunctionReference
    case nullReference
    case castFailure
    case unalignedAtomic
    case callStackExhausted
    case outOfFuel
    case interrupted
    /// A wasm exception propagated out of the outermost wasm frame.
    case uncaughtException
    /// A host function failed; the message is the host's.
    case host(String)
    /// A rule of the component model was broken (canonical ABI, handles, reentrance).
    case component(String)
    /// The program asked to end with an exit status (WASI `exit`, `proc_exit`): not a
    /// fault, but it unwinds every frame the way a trap does.
    case exit(Int32)
    /// What the runtime cannot do yet (async component calls, say): the program is not at
    /// fault, and a conformance runner counts it as skipped.
    case unsupported(String)

    public var description: String {
        switch self {
        case .unreachable: "unreachable"
        case .integerDivideByZero: "integer divide by zero"
        case .integerOverflow: "integer overflow"
        case .invalidConversionToInteger: "invalid conversion to integer"
        case .outOfBoundsMemoryAccess: "out of bounds memory access"
        case .outOfBoundsTableAccess: "out of bounds table access"
        case .outOfBoundsDataSegmentAccess: "out of bounds memory access (data segment)"
        case .undefinedElement: "undefined element"
        case .uninitializedElement: "uninitialized element"
        case .indirectCallTypeMismatch: "indirect call type mismatch"
        case .nullFunctionReference: "null function reference"
        case .nullReference: "null reference"
        case .castFailure: "cast failure"
        case .unalignedAtomic: "unaligned atomic"
        case .callStackExhausted: "call stack exhausted"
        case .outOfFuel: "all fuel consumed"
        case .interrupted: "interrupted"
        case .uncaughtException: "uncaught exception"
        case .host(let m): m
        case .component(let m): m
        case .exit(let status): "exit with status \(status)"
        case .unsupported(let m): m
        }
    }
}

/// One frame of a wasm backtrace.
public struct BacktraceFrame: Hashable, Sendable, CustomStringConvertible {
    /// Index in the module's function index space.
    public var functionIndex: UInt32
    /// The function's name from the `name` section (or an export name), if any.
    public var functionName: String?
    /// Byte offset in the module binary of the instruction executing in this frame.
    public var offset: Int?

    public var description: String {
        let name = functionName.map { "\($0) (func \(functionIndex))" } ?? "func \(functionIndex)"
        if let offset { return "\(name) at 0x\(String(offset, radix: 16))" }
        return name
    }
}

/// A trap: the reason and the wasm frames active when it happened, innermost first.
public struct Trap: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: TrapReason
    public var backtrace: [BacktraceFrame]
    /// When the trap is a wasm exception that escaped, the exception.
    public var exception: ExceptionReference?

    public init(_ reason: TrapReason, backtrace: [BacktraceFrame] = [], exception: ExceptionReference? = nil) {
        self.reason = reason
        self.backtrace = backtrace
        self.exception = exception
    }

    public var description: String {
        var s = "wasm trap: \(reason)"
        for (i, frame) in backtrace.enumerated() { s += "\n  \(i): \(frame)" }
        return s
    }
}

/// Errors while compiling or instantiating a module (not traps during execution).
public struct RuntimeError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// An import is missing or has the wrong type.
        case unlinkable
        /// The module failed to decode or validate.
        case invalidModule
        /// The module needs a feature the runtime does not execute yet.
        case unsupported
        /// A resource limit (memory, table size) was exceeded while instantiating.
        case limit
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String {
        switch kind {
        case .unlinkable: "unlinkable: \(message)"
        case .invalidModule: message
        case .unsupported: "not supported yet: \(message)"
        case .limit: "resource limit exceeded: \(message)"
        }
    }
}
