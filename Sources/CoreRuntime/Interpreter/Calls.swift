/// The interpreter's machine state besides `pc` and `fp`: the current function and
/// instance, the cached base and size of memory 0, and the call depth.
struct Registers {
    var memoryBase = UnsafeMutableRawPointer(bitPattern: 8)!
    var memorySize: UInt64 = 0
    /// Memory 0 of the current instance (nil when it has none).
    var memory0: UnsafeMutablePointer<MemoryRecord>?
    var context: UnsafeMutablePointer<InstanceContext>
    var function: UnsafeMutablePointer<FunctionRecord>
    var depth: Int
    /// Loop iterations left before the next interrupt check (see `backEdge`).
    var backEdgeBudget = Registers.backEdgeInterval
    static let backEdgeInterval = 4096
    /// The call stack's bounds, copied here so calls need not go through the store.
    let frames: UnsafeMutablePointer<CallFrame>
    let frameLimit: Int
    let stackEnd: UnsafeMutablePointer<UInt64>

    init(function: UnsafeMutablePointer<FunctionRecord>, stack: ExecutionStack) {
        self.function = function
        self.context = function.pointee.context!
        self.depth = stack.depth
        self.frames = stack.frames
        self.frameLimit = stack.frameCapacity
        self.stackEnd = stack.end
    }

    @inline(__always)
    mutating func switchTo(_ context: UnsafeMutablePointer<InstanceContext>) {
        self.context = context
        memory0 = context.pointee.memoryCount > 0 ? context.pointee.memories[0] : nil
        reloadMemory()
    }

    /// Memory 0 may have grown: refresh the cached size (the base never moves).
    @inline(__always)
    mutating func reloadMemory() {
        if let m = memory0 {
            memoryBase = m.pointee.base
            memorySize = UInt64(m.pointee.byteCount)
        } else {
            memorySize = 0
        }
    }
}

/// Calls and returns inside the loop.
extension Store {
    /// Enters `callee` with its frame at `fp + arguments`, pushing the caller's frame.
    /// Host functions run to completion here and execution continues after the call.
    @inline(__always)
    func enter<Mode: ExecutionMode>(_ mode: Mode.Type, _ r: UnsafeMutablePointer<Registers>,
                                    _ callee: UnsafeMutablePointer<FunctionRecord>,
                                    _ pc: inout UnsafeMutablePointer<UInt64>, _ fp: inout UnsafeMutablePointer<UInt64>,
                                    arguments: Int, returnLength: Int, interrupt: UnsafeMutablePointer<Int>) throws(Unwind) {
        let newFp = fp + arguments
        // Host functions have no code, so one test covers them and untranslated callees.
        if callee.pointee.code == nil {
            if try enterSlowPath(r, callee, pc: pc, fp: fp, newFp: newFp) {
                pc += returnLength
                return
            }
        }
        let depth = r.pointee.depth
        guard depth < r.pointee.frameLimit, newFp + Int(callee.pointee.frameSlots) <= r.pointee.stackEnd else {
            throw .trap(.callStackExhausted)
        }
        r.pointee.frames[depth] = CallFrame(returnPC: pc + returnLength, fp: fp, function: r.pointee.function)
        r.pointee.depth = depth + 1
        zeroLocals(newFp, callee)
        callee.pointee.callCount &+= 1
        if interrupt.pointee != 0 { try checkInterrupt() }
        r.pointee.function = callee
        fp = newFp
        pc = callee.pointee.code!
        if callee.pointee.context != r.pointee.context {
            r.pointee.switchTo(callee.pointee.context!)
        }
        if Mode.instrumented { try probeEnter(r, pc, fp) }
    }

    /// Host callees and first calls. Returns true when the call is complete (a host
    /// function ran); false when the wasm callee is now ready to enter.
    @inline(never)
    func enterSlowPath(_ r: UnsafeMutablePointer<Registers>, _ callee: UnsafeMutablePointer<FunctionRecord>,
                       pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>,
                       newFp: UnsafeMutablePointer<UInt64>) throws(Unwind) -> Bool {
        if callee.pointee.isHost {
            // The calling wasm frame goes on the call stack for the host call: wasm the
            // host calls back runs a level deeper, and its backtrace (or a debugger
            // stepping over the call) sees the caller.
            let depth = r.pointee.depth
            guard depth < r.pointee.frameLimit else { throw .trap(.callStackExhausted) }
            r.pointee.frames[depth] = CallFrame(returnPC: pc + 1, fp: fp, function: r.pointee.function)
            stack.depth = depth + 1
            defer { stack.depth = depth }
            let savedTop = stack.top
            stack.top = newFp + Int(max(callee.pointee.parameterSlots, callee.pointee.resultSlots))
            defer { stack.top = savedTop }
            try callHost(callee, newFp, caller: r.pointee.context)
            r.pointee.reloadMemory()
            return true
        }
        try prepareCode(callee)
        return false
    }

    /// A tail call: the arguments move to the bottom of the current frame, which the
    /// callee takes over. Returns true when the callee was a host function that already
    /// ran, so the current frame must now return.
    @inline(__always)
    func tailEnter(_ r: UnsafeMutablePointer<Registers>, _ callee: UnsafeMutablePointer<FunctionRecord>,
                   _ pc: inout UnsafeMutablePointer<UInt64>, _ fp: inout UnsafeMutablePointer<UInt64>,
                   arguments: Int, count: Int, interrupt: UnsafeMutablePointer<Int>) throws(Unwind) -> Bool {
        if arguments != 0 { fp.update(from: fp + arguments, count: count) }
        if callee.pointee.code == nil {
            if try enterSlowPath(r, callee, pc: pc, fp: fp, newFp: fp) { return true }
        }
        guard fp + Int(callee.pointee.frameSlots) <= r.pointee.stackEnd else { throw .trap(.callStackExhausted) }
        zeroLocals(fp, callee)
        callee.pointee.callCount &+= 1
        if interrupt.pointee != 0 { try checkInterrupt() }
        r.pointee.function = callee
        pc = callee.pointee.code!
        if callee.pointee.context != r.pointee.context {
            r.pointee.switchTo(callee.pointee.context!)
        }
        return false
    }

    /// Pops the caller's frame.
    @inline(__always)
    func leave(_ r: UnsafeMutablePointer<Registers>, _ pc: inout UnsafeMutablePointer<UInt64>,
               _ fp: inout UnsafeMutablePointer<UInt64>) {
        let depth = r.pointee.depth - 1
        r.pointee.depth = depth
        let frame = r.pointee.frames[depth]
        pc = frame.returnPC
        fp = frame.fp
        r.pointee.function = frame.function
        if frame.function.pointee.context != r.pointee.context {
            r.pointee.switchTo(frame.function.pointee.context!)
        } else {
            r.pointee.reloadMemory()
        }
    }
}

/// Zeroes a new frame's locals (the slots after the parameters). Most functions have a
/// handful: they get plain stores, which beat a call to `memset`.
@inline(__always)
func zeroLocals(_ fp: UnsafeMutablePointer<UInt64>, _ function: UnsafeMutablePointer<FunctionRecord>) {
    let first = Int(function.pointee.parameterSlots)
    let p = fp + first
    switch Int(function.pointee.localSlots) - first {
    case ...0: break
    case 1: p[0] = 0
    case 2: p[0] = 0; p[1] = 0
    case 3: p[0] = 0; p[1] = 0; p[2] = 0
    case 4: p[0] = 0; p[1] = 0; p[2] = 0; p[3] = 0
    case let n: p.update(repeating: 0, count: n)
    }
}
