/// How a run of the interpreter loop ended, short of a trap.
enum LoopExit {
    /// The entry frame returned.
    case returned
    /// A probe was switched on or off: resume in the other loop at the saved state.
    case switchMode
}

/// Why the loop stopped abnormally.
enum Unwind: Error {
    case trap(TrapReason)
    /// A wasm exception no frame of this run catches.
    case exception(ExceptionRecord)
    /// A host function (or a nested invocation) failed with a complete trap.
    case hostTrap(Trap)
}

/// Where a run of the loop is, saved when it stops so that it can resume (in the other
/// loop) or report a backtrace.
struct ExecutionState {
    var pc: UnsafeMutablePointer<UInt64>
    var fp: UnsafeMutablePointer<UInt64>
    var function: UnsafeMutablePointer<FunctionRecord>
    /// Call stack depth below which the frames belong to outer invocations.
    let entryDepth: Int
}

/// Selects a specialisation of the interpreter loop. The fast mode compiles every probe
/// check away; the instrumented mode checks probes before each instruction.
protocol ExecutionMode {
    static var instrumented: Bool { get }
}

enum FastMode: ExecutionMode {
    static var instrumented: Bool { false }
}

enum InstrumentedMode: ExecutionMode {
    static var instrumented: Bool { true }
}

extension UnsafeMutablePointer where Pointee == UInt64 {
    @inline(__always) func i32(_ i: Int) -> UInt32 { UInt32(truncatingIfNeeded: self[i]) }
    @inline(__always) func f32(_ i: Int) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: self[i])) }
    @inline(__always) func f64(_ i: Int) -> Double { Double(bitPattern: self[i]) }
    @inline(__always) func setI32(_ i: Int, _ v: UInt32) { self[i] = UInt64(v) }
    @inline(__always) func setF32(_ i: Int, _ v: Float) { self[i] = UInt64(v.bitPattern) }
    @inline(__always) func setF64(_ i: Int, _ v: Double) { self[i] = v.bitPattern }
    @inline(__always) func setBool(_ i: Int, _ v: Bool) { self[i] = v ? 1 : 0 }
}
