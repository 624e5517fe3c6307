import WasmFormat

/// The probe API: what a debugger or profiler switches on, and the hooks the
/// instrumented loop calls.
extension Store {
    /// Receives probe events (kept strongly; set to nil to release it).
    public var observer: ExecutionObserver? {
        get { probes.observer }
        set { probes.observer = newValue }
    }

    /// Report every instruction to `observer.instructionStep` before it executes.
    public var isStepping: Bool {
        get { probes.stepping }
        set { probes.stepping = newValue }
    }

    /// Report function entries and exits to the observer.
    public var reportsFunctionEvents: Bool {
        get { probes.functionEvents }
        set { probes.functionEvents = newValue }
    }

    /// Translate functions for debugging from now on: every wasm instruction becomes a
    /// step of its own and the operand stack stays in the frame. Functions already
    /// running keep their code; calls made after the change use the new translation.
    public var usesDebugTranslation: Bool {
        get { probes.debugTranslation }
        set {
            guard newValue != probes.debugTranslation else { return }
            probes.debugTranslation = newValue
            for instance in instances {
                for record in instance.ownedRecords {
                    record.pointee.code = nil
                    record.pointee.translated = nil
                }
            }
        }
    }

    // MARK: Breakpoints

    /// Sets a breakpoint on the instruction at byte `offset` of a wasm function.
    ///
    /// Fails when the function is a host function or no instruction starts at `offset`.
    /// The breakpoint is patched into the function's translated code, so it costs
    /// nothing until it is hit.
    @discardableResult
    public func addBreakpoint(in function: Function, offset: Int) throws(RuntimeError) -> Breakpoint {
        guard let context = function.record.pointee.context else {
            throw RuntimeError(.invalidModule, "\(function.debugName) is a host function: it has no instructions")
        }
        let module = context.pointee.instance.takeUnretainedValue().module
        return try addBreakpoint(in: module, function: function.record.pointee.index, offset: offset)
    }

    /// Sets a breakpoint on the instruction at byte `offset` of function `function` of a
    /// module, for every instance of it in this store, those made later included (a
    /// debugger sets them before instantiating).
    @discardableResult
    public func addBreakpoint(in module: CompiledModule, function index: UInt32, offset: Int) throws(RuntimeError) -> Breakpoint {
        let defined = Int(index) - module.info.importedFunctionCount
        guard defined >= 0, defined < module.module.codes.count else {
            throw RuntimeError(.invalidModule, "function \(index) is not defined in the module: it has no instructions")
        }
        guard let instructions = try? module.module.codes[defined].instructions(),
              instructions.contains(where: { $0.offset == offset }) else {
            throw RuntimeError(.invalidModule, "no instruction of function \(index) starts at offset \(offset)")
        }
        let location = BreakpointLocation(module: ObjectIdentifier(module), function: index, offset: offset)
        probes.breakpoints.insert(location)
        for t in module.existingTranslations(ofFunction: index) { arm(location, in: t) }
        return Breakpoint(function: index, offset: offset, module: location.module)
    }

    public func removeBreakpoint(_ breakpoint: Breakpoint) {
        let location = BreakpointLocation(module: breakpoint.module, function: breakpoint.function, offset: breakpoint.offset)
        guard probes.breakpoints.remove(location) != nil else { return }
        for address in probes.patchedFor.removeValue(forKey: location) ?? [] { disarm(address) }
    }

    public var breakpoints: [Breakpoint] {
        probes.breakpoints.map { Breakpoint(function: $0.function, offset: $0.offset, module: $0.module) }
    }

    /// Patches the breakpoints that fall in a function translated just now.
    func armBreakpoints(in translated: TranslatedFunction, module: CompiledModule, function: UInt32) {
        let id = ObjectIdentifier(module)
        for location in probes.breakpoints where location.module == id && location.function == function {
            arm(location, in: translated)
        }
    }

    private func arm(_ location: BreakpointLocation, in translated: TranslatedFunction) {
        guard let i = translated.codeIndex(ofWasmOffset: location.offset) else { return }
        let address = translated.code + i
        guard probes.patched[address] == nil else { return }
        probes.patched[address] = translated
        probes.patchedFor[location, default: []].append(address)
        if var shared = translated.patchedBreakpoints[i] {
            shared.stores += 1
            translated.patchedBreakpoints[i] = shared
        } else {
            translated.patchedBreakpoints[i] = (address.pointee, 1)
            address.pointee = Self.patch(address.pointee)
        }
    }

    /// Takes this store's breakpoint out of the code; the original instruction comes
    /// back unless another store still has a breakpoint there.
    func disarm(_ address: UnsafeMutablePointer<UInt64>) {
        guard let t = probes.patched.removeValue(forKey: address) else { return }
        if probes.pendingRearm?.address == address { probes.pendingRearm = nil }
        let i = address - t.code
        guard var shared = t.patchedBreakpoints[i] else { return }
        shared.stores -= 1
        if shared.stores == 0 {
            t.patchedBreakpoints[i] = nil
            address.pointee = shared.original
        } else {
            t.patchedBreakpoints[i] = shared
            address.pointee = Self.patch(shared.original)
        }
    }

    /// Every breakpoint of this store out of the shared code (when the store goes).
    func disarmAll() {
        for address in Array(probes.patched.keys) { disarm(address) }
    }

    private static func patch(_ word: UInt64) -> UInt64 {
        (word & ~0xFFFF) | UInt64(Op.breakpoint.rawValue)
    }

    /// Puts a breakpoint whose instruction ran once back in place, if any store still
    /// has one there.
    func rearmPendingBreakpoint() {
        guard let (address, t) = probes.pendingRearm else { return }
        probes.pendingRearm = nil
        if let shared = t.patchedBreakpoints[address - t.code] { address.pointee = Self.patch(shared.original) }
    }

    // MARK: Memory watches

    /// Watches a range of a memory; returns an id for `removeWatch`.
    @discardableResult
    public func addWatch(_ watch: MemoryWatch) -> Int {
        probes.nextWatchID += 1
        probes.watches[probes.nextWatchID] = watch
        return probes.nextWatchID
    }

    public func removeWatch(_ id: Int) {
        probes.watches[id] = nil
    }

    // MARK: Hooks called by the loop

    /// Before each instruction in the instrumented loop.
    func probeStep(_ r: UnsafeMutablePointer<Registers>, _ pc: UnsafeMutablePointer<UInt64>,
                   _ fp: UnsafeMutablePointer<UInt64>) throws(Unwind) -> ProbeDecision {
        if let pending = probes.pendingRearm, pending.address != pc { rearmPendingBreakpoint() }
        if probes.fuelEnabled {
            guard let f = fuel, f > 0 else { throw .trap(.outOfFuel) }
            fuel = f - 1
        }
        if !probes.watches.isEmpty { try checkWatches(r, pc, fp) }
        if probes.stepping, pc != probes.lastStepPC, isInstructionStart(pc, of: r.pointee.function) {
            probes.lastStepPC = pc
            try notify(r, pc, fp) { try $0.instructionStep($1) }
        }
        return probes.isActive ? .proceed : .switchMode
    }

    /// After a wasm function is entered (instrumented loop only).
    func probeEnter(_ r: UnsafeMutablePointer<Registers>, _ pc: UnsafeMutablePointer<UInt64>,
                    _ fp: UnsafeMutablePointer<UInt64>) throws(Unwind) {
        guard probes.functionEvents else { return }
        try notify(r, pc, fp) { try $0.functionEntered($1) }
    }

    /// Before a wasm function returns (instrumented loop only).
    func probeExit(_ r: UnsafeMutablePointer<Registers>, _ pc: UnsafeMutablePointer<UInt64>,
                   _ fp: UnsafeMutablePointer<UInt64>) throws(Unwind) {
        guard probes.functionEvents else { return }
        try notify(r, pc, fp) { try $0.functionExiting($1) }
    }

    /// A patched breakpoint was reached: put the original instruction back for one
    /// execution (the loop resumes in instrumented mode, which re-arms it), then report
    /// it if it is this store's (another store running the same module may have set it).
    func hitBreakpoint(_ r: UnsafeMutablePointer<Registers>, _ pc: UnsafeMutablePointer<UInt64>,
                       _ fp: UnsafeMutablePointer<UInt64>) throws(Unwind) {
        guard let t = r.pointee.function.pointee.translated?.takeUnretainedValue(),
              let shared = t.patchedBreakpoints[pc - t.code] else {
            preconditionFailure("a breakpoint instruction nobody patched")
        }
        pc.pointee = shared.original
        probes.pendingRearm = (pc, t)
        // Not this store's, or a step already stopped right here.
        guard probes.patched[pc] != nil, !(probes.stepping && probes.lastStepPC == pc) else { return }
        probes.lastStepPC = pc
        try notify(r, pc, fp) { try $0.breakpointHit($1) }
    }

    /// Calls the observer with a view of the current frame. Nested invocations the
    /// observer makes start above this frame.
    private func notify(_ r: UnsafeMutablePointer<Registers>, _ pc: UnsafeMutablePointer<UInt64>,
                        _ fp: UnsafeMutablePointer<UInt64>,
                        _ event: (ExecutionObserver, FrameView) throws -> Void) throws(Unwind) {
        guard let observer = probes.observer else { return }
        let frame = FrameView(store: self, record: r.pointee.function, pc: pc, fp: fp, depth: r.pointee.depth)
        let savedTop = stack.top
        let savedDepth = stack.depth
        stack.top = fp + Int(r.pointee.function.pointee.frameSlots)
        stack.depth = r.pointee.depth
        defer {
            stack.top = savedTop
            stack.depth = savedDepth
        }
        do {
            try event(observer, frame)
        } catch let t as Trap {
            throw .hostTrap(t)
        } catch {
            throw .trap(.host("stopped by the observer: \(error)"))
        }
    }

    private func isInstructionStart(_ pc: UnsafeMutablePointer<UInt64>, of function: UnsafeMutablePointer<FunctionRecord>) -> Bool {
        guard let t = function.pointee.translated?.takeUnretainedValue() else { return false }
        return t.isInstructionStart(pc - t.code)
    }

    /// Reports the accesses of the instruction at `pc` that touch a watched range.
    private func checkWatches(_ r: UnsafeMutablePointer<Registers>, _ pc: UnsafeMutablePointer<UInt64>,
                              _ fp: UnsafeMutablePointer<UInt64>) throws(Unwind) {
        for access in MemoryAccessDecoder.accesses(at: pc, fp: fp, context: r.pointee.context) {
            for watch in probes.watches.values where watch.memory == access.memory
                && (access.isWrite ? watch.onWrite : watch.onRead) && watch.overlaps(access.address, access.size) {
                probes.lastStepPC = pc
                try notify(r, pc, fp) { try $0.memoryAccess($1, address: access.address, size: Int(access.size), isWrite: access.isWrite) }
                break
            }
        }
    }
}

extension Function {
    /// How many times the function was entered.
    public var callCount: UInt64 { record.pointee.callCount }
    /// How many loop iterations ran in it (counted in batches of a few thousand).
    public var loopCount: UInt64 { record.pointee.loopCount }
}
