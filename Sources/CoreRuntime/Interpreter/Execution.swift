import WasmFormat

extension Store {
    /// Calls a function from the host: checks and places the arguments, runs the
    /// interpreter until the function returns, and reads the results.
    func invoke(_ function: UnsafeMutablePointer<FunctionRecord>, _ arguments: [Value]) throws(Trap) -> [Value] {
        let type = types.functionType(of: function.pointee.typeId)
        guard arguments.count == type.parameters.count else {
            throw Trap(.host("expected \(type.parameters.count) arguments, got \(arguments.count)"))
        }
        for (v, t) in zip(arguments, type.parameters) where !v.matches(t) {
            throw Trap(.host("argument type mismatch: expected \(t), got \(v)"))
        }
        if function.pointee.isHost {
            var caller = Caller(store: self, context: nil)
            do {
                return try hostFunctions[Int(function.pointee.index)].body(&caller, arguments)
            } catch let t as Trap {
                throw t
            } catch {
                throw Trap(.host("\(error)"))
            }
        }
        guard stack.reentry < stack.maxReentry else { throw Trap(.callStackExhausted) }
        let fp = stack.top
        let slotsNeeded = max(type.parameters.slotCount, type.results.slotCount)
        guard fp + slotsNeeded < stack.end else { throw Trap(.callStackExhausted) }
        write(arguments, to: fp)
        let savedTop = stack.top
        stack.reentry += 1
        defer {
            stack.reentry -= 1
            stack.top = savedTop
        }
        try run(function, fp: fp)
        return read(type.results, from: fp)
    }

    /// Runs `function` with its frame at `fp` until it returns.
    func run(_ function: UnsafeMutablePointer<FunctionRecord>, fp: UnsafeMutablePointer<UInt64>) throws(Trap) {
        let entryDepth = stack.depth
        do throws(Unwind) {
            try prepareCode(function)
            guard fp + Int(function.pointee.frameSlots) <= stack.end else { throw Unwind.trap(.callStackExhausted) }
            zeroLocals(fp, function)
            function.pointee.callCount &+= 1
        } catch {
            throw trap(from: error)
        }
        var state = ExecutionState(pc: function.pointee.code!, fp: fp, function: function, entryDepth: entryDepth)
        // A breakpoint whose instruction was about to run again is re-armed however the
        // run ends.
        defer { if entryDepth == 0 { rearmPendingBreakpoint() } }
        do throws(Unwind) {
            if probes.functionEvents { try probeEnterEntry(state) }
            while true {
                let exit = probes.isActive
                    ? try loop(InstrumentedMode.self, &state)
                    : try loop(FastMode.self, &state)
                if exit == .returned { break }
            }
        } catch {
            let trap = makeTrap(error, state: state, entryDepth: entryDepth)
            stack.depth = entryDepth
            throw trap
        }
        stack.depth = entryDepth
    }

    /// Turns a loop failure into a `Trap` with the wasm backtrace of this run.
    func makeTrap(_ unwind: Unwind, state: ExecutionState, entryDepth: Int) -> Trap {
        var frames: [BacktraceFrame] = [backtraceFrame(state.function, pc: state.pc)]
        var d = stack.depth
        while d > entryDepth {
            d -= 1
            let f = stack.frames[d]
            frames.append(backtraceFrame(f.function, pc: f.returnPC - 1))
        }
        switch unwind {
        case .trap(let reason):
            return Trap(reason, backtrace: frames)
        case .hostTrap(var t):
            t.backtrace += frames
            return t
        case .exception(let e):
            return Trap(.uncaughtException, backtrace: frames, exception: ExceptionReference(index: e.index))
        }
    }

    func backtraceFrame(_ function: UnsafeMutablePointer<FunctionRecord>, pc: UnsafeMutablePointer<UInt64>) -> BacktraceFrame {
        let index = function.pointee.index
        var offset: Int?
        if let translated = function.pointee.translated?.takeUnretainedValue() {
            offset = translated.wasmOffset(ofCodeIndex: pc - translated.code)
        }
        return BacktraceFrame(functionIndex: index, functionName: name(of: function) == "func \(index)" ? nil : name(of: function),
                              offset: offset)
    }

    /// Translates a wasm function on its first call.
    func prepareCode(_ function: UnsafeMutablePointer<FunctionRecord>) throws(Unwind) {
        guard function.pointee.code == nil, let ctx = function.pointee.context else { return }
        let module = ctx.pointee.instance.takeUnretainedValue().module
        let translated: TranslatedFunction
        do throws(RuntimeError) {
            translated = try module.translation(ofFunction: function.pointee.index, debug: probes.debugTranslation)
        } catch {
            throw .trap(.host("cannot run function \(function.pointee.index): \(error)"))
        }
        function.pointee.translated = Unmanaged.passUnretained(translated)
        function.pointee.code = translated.code
        function.pointee.frameSlots = Int32(translated.frameSlots)
        function.pointee.localSlots = Int32(translated.localSlots)
        if !probes.breakpoints.isEmpty { armBreakpoints(in: translated, module: module, function: function.pointee.index) }
    }

    /// Called when the interrupt flag is set (loop back-edges and calls).
    func checkInterrupt() throws(Unwind) {
        if interruptFlag.pointee != 0 {
            interruptFlag.pointee = 0
            throw .trap(.interrupted)
        }
    }
}

extension Store {
    /// The function-entry event of the frame an invocation starts with.
    func probeEnterEntry(_ state: ExecutionState) throws(Unwind) {
        try withUnsafeTemporaryAllocation(of: Registers.self, capacity: 1) { (buffer) throws(Unwind) in
            let r = buffer.baseAddress!
            r.initialize(to: Registers(function: state.function, stack: stack))
            try probeEnter(r, state.pc, state.fp)
        }
    }
}
