/// The interpreter's machine state besides `pc` and `fp`: the current function and
/// instance, the cached base and size of memory 0, and the call depth.
struct Registers {
    var memoryBase = UnsafeMutableRawPointer(bitPattern: 8)!
    var memorySize: UInt64 = 0
    var context: UnsafeMutablePointer<InstanceContext>
    var function: UnsafeMutablePointer<FunctionRecord>
    var depth: Int

    init(function: UnsafeMutablePointer<FunctionRecord>, depth: Int) {
        self.function = function
        self.context = function.pointee.context!
        self.depth = depth
    }

    @inline(__always)
    mutating func switchTo(_ context: UnsafeMutablePointer<InstanceContext>) {
        self.context = context
        reloadMemory()
    }

    /// Memory 0 may have grown (or the instance changed): refresh the cache.
    @inline(__always)
    mutating func reloadMemory() {
        if context.pointee.memoryCount > 0 {
            let m = context.pointee.memories[0]
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
                                    arguments: Int, returnLength: Int) throws(Unwind) {
        let newFp = fp + arguments
        if callee.pointee.isHost || callee.pointee.code == nil {
            if try enterSlowPath(r, callee, pc: pc, fp: fp, newFp: newFp) {
                pc += returnLength
                return
            }
        }
        let depth = r.pointee.depth
        guard depth < stack.frameCapacity, newFp + Int(callee.pointee.frameSlots) <= stack.end else {
            throw .trap(.callStackExhausted)
        }
        stack.frames[depth] = CallFrame(returnPC: pc + returnLength, fp: fp, function: r.pointee.function)
        r.pointee.depth = depth + 1
        let locals = Int(callee.pointee.localSlots)
        var i = Int(callee.pointee.parameterSlots)
        while i < locals { newFp[i] = 0; i += 1 }
        callee.pointee.callCount &+= 1
        if interruptFlag.pointee != 0 { try checkInterrupt() }
        r.pointee.function = callee
        fp = newFp
        pc = callee.pointee.code!
        if callee.pointee.context != r.pointee.context {
            r.pointee.switchTo(callee.pointee.context!)
        }
        if Mode.instrumented { try probeEnter() }
    }

    /// Host callees and first calls. Returns true when the call is complete (a host
    /// function ran); false when the wasm callee is now ready to enter.
    @inline(never)
    func enterSlowPath(_ r: UnsafeMutablePointer<Registers>, _ callee: UnsafeMutablePointer<FunctionRecord>,
                       pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>,
                       newFp: UnsafeMutablePointer<UInt64>) throws(Unwind) -> Bool {
        if callee.pointee.isHost {
            stack.depth = r.pointee.depth
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
                   arguments: Int, count: Int) throws(Unwind) -> Bool {
        if arguments != 0 { fp.update(from: fp + arguments, count: count) }
        if callee.pointee.isHost || callee.pointee.code == nil {
            if try enterSlowPath(r, callee, pc: pc, fp: fp, newFp: fp) { return true }
        }
        guard fp + Int(callee.pointee.frameSlots) <= stack.end else { throw .trap(.callStackExhausted) }
        let locals = Int(callee.pointee.localSlots)
        var i = Int(callee.pointee.parameterSlots)
        while i < locals { fp[i] = 0; i += 1 }
        callee.pointee.callCount &+= 1
        if interruptFlag.pointee != 0 { try checkInterrupt() }
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
        let frame = stack.frames[depth]
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
