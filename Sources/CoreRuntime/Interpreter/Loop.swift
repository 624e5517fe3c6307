/// The interpreter loop: one `switch` over `Op`, specialised per `ExecutionMode`.
///
/// NB: everything the hot path touches is a local (`pc`, `fp`, `ctx`, the cached memory 0
/// base and size) or a raw pointer; no class property is read per instruction, so there
/// is no reference counting and no exclusivity check in the loop. Calls and returns
/// save and restore these locals through the `CallFrame` stack.
extension Store {
    func loop<Mode: ExecutionMode>(_ mode: Mode.Type, _ state: inout ExecutionState) throws(Unwind) -> LoopExit {
        try withUnsafeTemporaryAllocation(of: Registers.self, capacity: 1) { (buffer) throws(Unwind) -> LoopExit in
            let r = buffer.baseAddress!
            r.initialize(to: Registers(function: state.function, depth: stack.depth))
            r.pointee.switchTo(state.function.pointee.context!)
            return try run(Mode.self, r, state: &state)
        }
    }

    /// Records where the loop is, for a resume, a probe or a backtrace.
    @inline(__always)
    func save(_ state: inout ExecutionState, _ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>,
              _ r: UnsafeMutablePointer<Registers>) {
        state.pc = pc
        state.fp = fp
        state.function = r.pointee.function
        stack.depth = r.pointee.depth
    }

    /// The loop proper. `pc` and `fp` are the only values that change per instruction and
    /// live in registers; the rest of the machine state is behind `r`.
    @inline(__always)
    private func run<Mode: ExecutionMode>(_ mode: Mode.Type, _ r: UnsafeMutablePointer<Registers>,
                                          state: inout ExecutionState) throws(Unwind) -> LoopExit {
        var pc = state.pc
        var fp = state.fp
        let entryDepth = state.entryDepth
        let interrupt = self.interruptFlag
        @inline(__always) func table(_ index: UInt64) -> UnsafeMutablePointer<TableRecord> {
            r.pointee.context.pointee.tables[Int(truncatingIfNeeded: index)]
        }
        do throws(Unwind) {
            while true {
                if Mode.instrumented {
                    save(&state, pc, fp, r)
                    switch try probeStep() {
                    case .proceed: break
                    case .switchMode: return .switchMode
                    }
                }
                let w = pc.pointee
                let a = Int(truncatingIfNeeded: (w >> 16) & 0xFFFF)
                let b = Int(truncatingIfNeeded: (w >> 32) & 0xFFFF)
                let c = Int(truncatingIfNeeded: w >> 48)
                switch unsafeBitCast(UInt16(truncatingIfNeeded: w), to: Op.self) {
                // MARK: Moves
                case .copy:
                    fp[a] = fp[b]
                    pc += 1
                case .copy128:
                    let lo = fp[b], hi = fp[b + 1]
                    fp[a] = lo
                    fp[a + 1] = hi
                    pc += 1
                case .const32, .const64:
                    fp[a] = pc[1]
                    pc += 2
                case .const128, .vectorConst:
                    fp[a] = pc[1]
                    fp[a + 1] = pc[2]
                    pc += 3

                // MARK: Control
                case .jump:
                    pc += Int(Int64(bitPattern: pc[1]))
                case .jumpIf:
                    pc += fp.i32(a) != 0 ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfNot:
                    pc += fp.i32(a) == 0 ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI32Eq:
                    pc += fp.i32(a) == fp.i32(b) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI32Ne:
                    pc += fp.i32(a) != fp.i32(b) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI32LtS:
                    pc += Int32(bitPattern: fp.i32(a)) < Int32(bitPattern: fp.i32(b)) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI32LtU:
                    pc += fp.i32(a) < fp.i32(b) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI32GtS:
                    pc += Int32(bitPattern: fp.i32(a)) > Int32(bitPattern: fp.i32(b)) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI32GtU:
                    pc += fp.i32(a) > fp.i32(b) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI32LeS:
                    pc += Int32(bitPattern: fp.i32(a)) <= Int32(bitPattern: fp.i32(b)) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI32LeU:
                    pc += fp.i32(a) <= fp.i32(b) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI32GeS:
                    pc += Int32(bitPattern: fp.i32(a)) >= Int32(bitPattern: fp.i32(b)) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI32GeU:
                    pc += fp.i32(a) >= fp.i32(b) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI32EqImm:
                    pc += fp.i32(a) == UInt32(truncatingIfNeeded: pc[2]) ? Int(Int64(bitPattern: pc[1])) : 3
                case .jumpIfI32NeImm:
                    pc += fp.i32(a) != UInt32(truncatingIfNeeded: pc[2]) ? Int(Int64(bitPattern: pc[1])) : 3
                case .jumpIfI32LtSImm:
                    pc += Int32(bitPattern: fp.i32(a)) < Int32(truncatingIfNeeded: pc[2]) ? Int(Int64(bitPattern: pc[1])) : 3
                case .jumpIfI32LtUImm:
                    pc += fp.i32(a) < UInt32(truncatingIfNeeded: pc[2]) ? Int(Int64(bitPattern: pc[1])) : 3
                case .jumpIfI32GtSImm:
                    pc += Int32(bitPattern: fp.i32(a)) > Int32(truncatingIfNeeded: pc[2]) ? Int(Int64(bitPattern: pc[1])) : 3
                case .jumpIfI32GtUImm:
                    pc += fp.i32(a) > UInt32(truncatingIfNeeded: pc[2]) ? Int(Int64(bitPattern: pc[1])) : 3
                case .jumpIfI32LeSImm:
                    pc += Int32(bitPattern: fp.i32(a)) <= Int32(truncatingIfNeeded: pc[2]) ? Int(Int64(bitPattern: pc[1])) : 3
                case .jumpIfI32LeUImm:
                    pc += fp.i32(a) <= UInt32(truncatingIfNeeded: pc[2]) ? Int(Int64(bitPattern: pc[1])) : 3
                case .jumpIfI32GeSImm:
                    pc += Int32(bitPattern: fp.i32(a)) >= Int32(truncatingIfNeeded: pc[2]) ? Int(Int64(bitPattern: pc[1])) : 3
                case .jumpIfI32GeUImm:
                    pc += fp.i32(a) >= UInt32(truncatingIfNeeded: pc[2]) ? Int(Int64(bitPattern: pc[1])) : 3
                case .jumpIfI64Eq:
                    pc += fp[a] == fp[b] ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI64Ne:
                    pc += fp[a] != fp[b] ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI64LtS:
                    pc += Int64(bitPattern: fp[a]) < Int64(bitPattern: fp[b]) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI64LtU:
                    pc += fp[a] < fp[b] ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI64GtS:
                    pc += Int64(bitPattern: fp[a]) > Int64(bitPattern: fp[b]) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI64GtU:
                    pc += fp[a] > fp[b] ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI64LeS:
                    pc += Int64(bitPattern: fp[a]) <= Int64(bitPattern: fp[b]) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI64LeU:
                    pc += fp[a] <= fp[b] ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI64GeS:
                    pc += Int64(bitPattern: fp[a]) >= Int64(bitPattern: fp[b]) ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI64GeU:
                    pc += fp[a] >= fp[b] ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI64Eqz:
                    pc += fp[a] == 0 ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfI64Nez:
                    pc += fp[a] != 0 ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfNull:
                    pc += fp[a] == 0 ? Int(Int64(bitPattern: pc[1])) : 2
                case .jumpIfNonNull:
                    pc += fp[a] != 0 ? Int(Int64(bitPattern: pc[1])) : 2
                case .brTable:
                    let count = pc[1]
                    let index = UInt64(fp.i32(a))
                    let entry = index < count ? index : count
                    pc += Int(Int64(bitPattern: pc[2 + Int(entry)]))
                case .loopHeader:
                    if interrupt.pointee != 0 { save(&state, pc, fp, r); try checkInterrupt() }
                    pc += 1
                case .ret:
                    if Mode.instrumented { save(&state, pc, fp, r); probeExit() }
                    if r.pointee.depth == entryDepth {
                        save(&state, pc, fp, r)
                        return .returned
                    }
                    leave(r, &pc, &fp)
                case .call:
                    let callee = r.pointee.context.pointee.functions[Int(truncatingIfNeeded: pc[1])]
                    try enter(Mode.self, r, callee, &pc, &fp, arguments: a, returnLength: 2)
                case .callIndirect:
                    let immediate = pc[1]
                    let t = table(immediate >> 32)
                    let index = t.pointee.is64 ? fp[b] : UInt64(fp.i32(b))
                    guard index < UInt64(t.pointee.count) else { throw .trap(.undefinedElement) }
                    let ref = t.pointee.elements[Int(index)]
                    guard ref != 0 else { throw .trap(.uninitializedElement) }
                    let callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(ref))!
                    let expected = r.pointee.context.pointee.typeIds[Int(immediate & 0xFFFF_FFFF)]
                    if callee.pointee.typeId != expected && !types.isSubtype(callee.pointee.typeId, of: expected) {
                        throw .trap(.indirectCallTypeMismatch)
                    }
                    try enter(Mode.self, r, callee, &pc, &fp, arguments: a, returnLength: 2)
                case .callRef:
                    let ref = fp[b]
                    guard ref != 0 else { throw .trap(.nullFunctionReference) }
                    try enter(Mode.self, r, UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(ref))!, &pc, &fp, arguments: a, returnLength: 2)
                case .returnCall:
                    let callee = r.pointee.context.pointee.functions[Int(truncatingIfNeeded: pc[1])]
                    if try tailEnter(r, callee, &pc, &fp, arguments: a, count: Int(pc[2])) {
                        if r.pointee.depth == entryDepth { save(&state, pc, fp, r); return .returned }
                        leave(r, &pc, &fp)
                    }
                case .returnCallIndirect:
                    let immediate = pc[1]
                    let t = table(immediate >> 32)
                    let index = t.pointee.is64 ? fp[b] : UInt64(fp.i32(b))
                    guard index < UInt64(t.pointee.count) else { throw .trap(.undefinedElement) }
                    let ref = t.pointee.elements[Int(index)]
                    guard ref != 0 else { throw .trap(.uninitializedElement) }
                    let callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(ref))!
                    let expected = r.pointee.context.pointee.typeIds[Int(immediate & 0xFFFF_FFFF)]
                    if callee.pointee.typeId != expected && !types.isSubtype(callee.pointee.typeId, of: expected) {
                        throw .trap(.indirectCallTypeMismatch)
                    }
                    if try tailEnter(r, callee, &pc, &fp, arguments: a, count: Int(pc[2])) {
                        if r.pointee.depth == entryDepth { save(&state, pc, fp, r); return .returned }
                        leave(r, &pc, &fp)
                    }
                case .returnCallRef:
                    let ref = fp[b]
                    guard ref != 0 else { throw .trap(.nullFunctionReference) }
                    let callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(ref))!
                    if try tailEnter(r, callee, &pc, &fp, arguments: a, count: Int(pc[2])) {
                        if r.pointee.depth == entryDepth { save(&state, pc, fp, r); return .returned }
                        leave(r, &pc, &fp)
                    }
                case .unreachable:
                    throw .trap(.unreachable)
                case .select:
                    fp[a] = fp.i32(Int(pc[1])) != 0 ? fp[b] : fp[c]
                    pc += 2
                case .select128:
                    let source = fp.i32(Int(pc[1])) != 0 ? b : c
                    let lo = fp[source], hi = fp[source + 1]
                    fp[a] = lo
                    fp[a + 1] = hi
                    pc += 2
                case .throwTag:
                    save(&state, pc, fp, r)
                    let exception = makeException(tag: Int(pc[1]), payload: fp + a, context: r.pointee.context)
                    try unwind(exception, state: &state, depth: &r.pointee.depth)
                    pc = state.pc; fp = state.fp
                    r.pointee.function = state.function
                    r.pointee.switchTo(state.function.pointee.context!)
                case .throwRef:
                    guard fp[a] != 0 else { throw .trap(.nullReference) }
                    save(&state, pc, fp, r)
                    try unwind(exception(fromReference: fp[a]), state: &state, depth: &r.pointee.depth)
                    pc = state.pc; fp = state.fp
                    r.pointee.function = state.function
                    r.pointee.switchTo(state.function.pointee.context!)
                case .breakpoint:
                    // The debugger runs, then the original instruction is put back until
                    // the instrumented loop has executed it and re-arms the breakpoint.
                    save(&state, pc, fp, r)
                    try hitBreakpoint()
                    return .switchMode

                // MARK: Variables and references
                case .globalGet:
                    fp[a] = r.pointee.context.pointee.globals[Int(truncatingIfNeeded: pc[1])].pointee
                    pc += 2
                case .globalSet:
                    r.pointee.context.pointee.globals[Int(truncatingIfNeeded: pc[1])].pointee = fp[a]
                    pc += 2
                case .globalGet128:
                    let cell = r.pointee.context.pointee.globals[Int(truncatingIfNeeded: pc[1])]
                    fp[a] = cell[0]
                    fp[a + 1] = cell[1]
                    pc += 2
                case .globalSet128:
                    let cell = r.pointee.context.pointee.globals[Int(truncatingIfNeeded: pc[1])]
                    cell[0] = fp[a]
                    cell[1] = fp[a + 1]
                    pc += 2
                case .refNull:
                    fp[a] = 0
                    pc += 1
                case .refIsNull:
                    fp[a] = fp[b] == 0 ? 1 : 0
                    pc += 1
                case .refFunc:
                    fp[a] = UInt64(UInt(bitPattern: r.pointee.context.pointee.functions[Int(truncatingIfNeeded: pc[1])]))
                    pc += 2
                case .refAsNonNull:
                    guard fp[b] != 0 else { throw .trap(.nullReference) }
                    fp[a] = fp[b]
                    pc += 1
                case .refEq:
                    fp[a] = fp[b] == fp[c] ? 1 : 0
                    pc += 1

                // MARK: Tables
                case .tableGet:
                    let t = table(pc[1])
                    let index = t.pointee.is64 ? fp[b] : UInt64(fp.i32(b))
                    guard index < UInt64(t.pointee.count) else { throw .trap(.outOfBoundsTableAccess) }
                    fp[a] = t.pointee.elements[Int(index)]
                    pc += 2
                case .tableSet:
                    let t = table(pc[1])
                    let index = t.pointee.is64 ? fp[a] : UInt64(fp.i32(a))
                    guard index < UInt64(t.pointee.count) else { throw .trap(.outOfBoundsTableAccess) }
                    t.pointee.elements[Int(index)] = fp[b]
                    pc += 2
                case .tableSize:
                    fp[a] = UInt64(table(pc[1]).pointee.count)
                    pc += 2
                case .tableGrow:
                    let t = table(pc[1])
                    let delta = t.pointee.is64 ? fp[c] : UInt64(fp.i32(c))
                    if let old = Table.grow(t, by: delta, initial: fp[b]) {
                        fp[a] = old
                    } else {
                        fp[a] = t.pointee.is64 ? UInt64.max : UInt64(UInt32.max)
                    }
                    pc += 2
                case .tableFill:
                    try tableFill(table(pc[1]), start: fp[a], value: fp[b], count: fp[c])
                    pc += 2
                case .tableCopy:
                    let immediate = pc[1]
                    try tableCopy(destination: table(immediate & 0xFFFF_FFFF), source: table(immediate >> 32),
                                  fp[a], fp[b], fp[c])
                    pc += 2
                case .tableInit:
                    let immediate = pc[1]
                    try tableInit(table(immediate >> 32), segment: &r.pointee.context.pointee.elements[Int(immediate & 0xFFFF_FFFF)],
                                  fp[a], fp.i32(b), fp.i32(c))
                    pc += 2
                case .elemDrop:
                    r.pointee.context.pointee.elements[Int(truncatingIfNeeded: pc[1])].count = 0
                    pc += 2

                // MARK: Memory 0, 32-bit addresses
                case .i32Load:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea &+ 4 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64((r.pointee.memoryBase + Int(ea)).loadUnaligned(as: UInt32.self))
                    pc += 2
                case .i64Load:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea &+ 8 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = (r.pointee.memoryBase + Int(ea)).loadUnaligned(as: UInt64.self)
                    pc += 2
                case .f32Load:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea &+ 4 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64((r.pointee.memoryBase + Int(ea)).loadUnaligned(as: UInt32.self))
                    pc += 2
                case .f64Load:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea &+ 8 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = (r.pointee.memoryBase + Int(ea)).loadUnaligned(as: UInt64.self)
                    pc += 2
                case .i32Load8S:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea < r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64(UInt32(bitPattern: Int32((r.pointee.memoryBase + Int(ea)).load(as: Int8.self))))
                    pc += 2
                case .i32Load8U:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea < r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64((r.pointee.memoryBase + Int(ea)).load(as: UInt8.self))
                    pc += 2
                case .i32Load16S:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea &+ 2 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64(UInt32(bitPattern: Int32((r.pointee.memoryBase + Int(ea)).loadUnaligned(as: Int16.self))))
                    pc += 2
                case .i32Load16U:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea &+ 2 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64((r.pointee.memoryBase + Int(ea)).loadUnaligned(as: UInt16.self))
                    pc += 2
                case .i64Load8S:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea < r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64(bitPattern: Int64((r.pointee.memoryBase + Int(ea)).load(as: Int8.self)))
                    pc += 2
                case .i64Load8U:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea < r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64((r.pointee.memoryBase + Int(ea)).load(as: UInt8.self))
                    pc += 2
                case .i64Load16S:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea &+ 2 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64(bitPattern: Int64((r.pointee.memoryBase + Int(ea)).loadUnaligned(as: Int16.self)))
                    pc += 2
                case .i64Load16U:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea &+ 2 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64((r.pointee.memoryBase + Int(ea)).loadUnaligned(as: UInt16.self))
                    pc += 2
                case .i64Load32S:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea &+ 4 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64(bitPattern: Int64((r.pointee.memoryBase + Int(ea)).loadUnaligned(as: Int32.self)))
                    pc += 2
                case .i64Load32U:
                    let ea = UInt64(fp.i32(b)) &+ pc[1]
                    guard ea &+ 4 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    fp[a] = UInt64((r.pointee.memoryBase + Int(ea)).loadUnaligned(as: UInt32.self))
                    pc += 2
                case .i32Store, .f32Store:
                    let ea = UInt64(fp.i32(a)) &+ pc[1]
                    guard ea &+ 4 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    if Mode.instrumented { save(&state, pc, fp, r); try probeStore(ea, 4) }
                    (r.pointee.memoryBase + Int(ea)).storeBytes(of: fp.i32(b), as: UInt32.self)
                    pc += 2
                case .i64Store, .f64Store:
                    let ea = UInt64(fp.i32(a)) &+ pc[1]
                    guard ea &+ 8 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    if Mode.instrumented { save(&state, pc, fp, r); try probeStore(ea, 8) }
                    (r.pointee.memoryBase + Int(ea)).storeBytes(of: fp[b], as: UInt64.self)
                    pc += 2
                case .i32Store8, .i64Store8:
                    let ea = UInt64(fp.i32(a)) &+ pc[1]
                    guard ea < r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    if Mode.instrumented { save(&state, pc, fp, r); try probeStore(ea, 1) }
                    (r.pointee.memoryBase + Int(ea)).storeBytes(of: UInt8(truncatingIfNeeded: fp[b]), as: UInt8.self)
                    pc += 2
                case .i32Store16, .i64Store16:
                    let ea = UInt64(fp.i32(a)) &+ pc[1]
                    guard ea &+ 2 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    if Mode.instrumented { save(&state, pc, fp, r); try probeStore(ea, 2) }
                    (r.pointee.memoryBase + Int(ea)).storeBytes(of: UInt16(truncatingIfNeeded: fp[b]), as: UInt16.self)
                    pc += 2
                case .i64Store32:
                    let ea = UInt64(fp.i32(a)) &+ pc[1]
                    guard ea &+ 4 <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
                    if Mode.instrumented { save(&state, pc, fp, r); try probeStore(ea, 4) }
                    (r.pointee.memoryBase + Int(ea)).storeBytes(of: UInt32(truncatingIfNeeded: fp[b]), as: UInt32.self)
                    pc += 2
                case .memoryAccess:
                    if Mode.instrumented { save(&state, pc, fp, r) }
                    try memoryAccess(pc, fp: fp, context: r.pointee.context, instrumented: Mode.instrumented)
                    pc += 3
                case .memorySize:
                    let m = r.pointee.context.pointee.memories[Int(truncatingIfNeeded: pc[1])]
                    fp[a] = m.pointee.pageCount
                    pc += 2
                case .memoryGrow:
                    let m = r.pointee.context.pointee.memories[Int(truncatingIfNeeded: pc[1])]
                    let delta = m.pointee.is64 ? fp[b] : UInt64(fp.i32(b))
                    if let old = Memory.grow(m, by: delta) {
                        fp[a] = old
                    } else {
                        fp[a] = m.pointee.is64 ? UInt64.max : UInt64(UInt32.max)
                    }
                    r.pointee.reloadMemory()
                    pc += 2
                case .memoryFill:
                    try memoryFill(r.pointee.context.pointee.memories[Int(truncatingIfNeeded: pc[1])], fp[a], fp[b], fp[c])
                    pc += 2
                case .memoryCopy:
                    let immediate = pc[1]
                    try memoryCopy(destination: r.pointee.context.pointee.memories[Int(immediate & 0xFFFF_FFFF)],
                                   source: r.pointee.context.pointee.memories[Int(immediate >> 32)], fp[a], fp[b], fp[c])
                    pc += 2
                case .memoryInit:
                    let immediate = pc[1]
                    try memoryInit(r.pointee.context.pointee.memories[Int(immediate >> 32)],
                                   segment: r.pointee.context.pointee.datas[Int(immediate & 0xFFFF_FFFF)], fp[a], fp.i32(b), fp.i32(c))
                    pc += 2
                case .dataDrop:
                    r.pointee.context.pointee.datas[Int(truncatingIfNeeded: pc[1])].count = 0
                    pc += 2

                // MARK: i32
                case .i32Add: fp.setI32(a, fp.i32(b) &+ fp.i32(c)); pc += 1
                case .i32Sub: fp.setI32(a, fp.i32(b) &- fp.i32(c)); pc += 1
                case .i32Mul: fp.setI32(a, fp.i32(b) &* fp.i32(c)); pc += 1
                case .i32DivS:
                    let x = Int32(bitPattern: fp.i32(b)), y = Int32(bitPattern: fp.i32(c))
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    guard !(x == Int32.min && y == -1) else { throw .trap(.integerOverflow) }
                    fp.setI32(a, UInt32(bitPattern: x / y)); pc += 1
                case .i32DivU:
                    let y = fp.i32(c)
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp.setI32(a, fp.i32(b) / y); pc += 1
                case .i32RemS:
                    let x = Int32(bitPattern: fp.i32(b)), y = Int32(bitPattern: fp.i32(c))
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp.setI32(a, y == -1 ? 0 : UInt32(bitPattern: x % y)); pc += 1
                case .i32RemU:
                    let y = fp.i32(c)
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp.setI32(a, fp.i32(b) % y); pc += 1
                case .i32And: fp.setI32(a, fp.i32(b) & fp.i32(c)); pc += 1
                case .i32Or: fp.setI32(a, fp.i32(b) | fp.i32(c)); pc += 1
                case .i32Xor: fp.setI32(a, fp.i32(b) ^ fp.i32(c)); pc += 1
                case .i32Shl: fp.setI32(a, fp.i32(b) << (fp.i32(c) & 31)); pc += 1
                case .i32ShrS: fp.setI32(a, UInt32(bitPattern: Int32(bitPattern: fp.i32(b)) >> (fp.i32(c) & 31))); pc += 1
                case .i32ShrU: fp.setI32(a, fp.i32(b) >> (fp.i32(c) & 31)); pc += 1
                case .i32Rotl: fp.setI32(a, Semantics.rotl(fp.i32(b), fp.i32(c))); pc += 1
                case .i32Rotr: fp.setI32(a, Semantics.rotr(fp.i32(b), fp.i32(c))); pc += 1
                case .i32Eq: fp.setBool(a, fp.i32(b) == fp.i32(c)); pc += 1
                case .i32Ne: fp.setBool(a, fp.i32(b) != fp.i32(c)); pc += 1
                case .i32LtS: fp.setBool(a, Int32(bitPattern: fp.i32(b)) < Int32(bitPattern: fp.i32(c))); pc += 1
                case .i32LtU: fp.setBool(a, fp.i32(b) < fp.i32(c)); pc += 1
                case .i32GtS: fp.setBool(a, Int32(bitPattern: fp.i32(b)) > Int32(bitPattern: fp.i32(c))); pc += 1
                case .i32GtU: fp.setBool(a, fp.i32(b) > fp.i32(c)); pc += 1
                case .i32LeS: fp.setBool(a, Int32(bitPattern: fp.i32(b)) <= Int32(bitPattern: fp.i32(c))); pc += 1
                case .i32LeU: fp.setBool(a, fp.i32(b) <= fp.i32(c)); pc += 1
                case .i32GeS: fp.setBool(a, Int32(bitPattern: fp.i32(b)) >= Int32(bitPattern: fp.i32(c))); pc += 1
                case .i32GeU: fp.setBool(a, fp.i32(b) >= fp.i32(c)); pc += 1
                case .i32AddImm: fp.setI32(a, fp.i32(b) &+ UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32SubImm: fp.setI32(a, fp.i32(b) &- UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32MulImm: fp.setI32(a, fp.i32(b) &* UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32AndImm: fp.setI32(a, fp.i32(b) & UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32OrImm: fp.setI32(a, fp.i32(b) | UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32XorImm: fp.setI32(a, fp.i32(b) ^ UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32ShlImm: fp.setI32(a, fp.i32(b) << (UInt32(truncatingIfNeeded: pc[1]) & 31)); pc += 2
                case .i32ShrSImm:
                    fp.setI32(a, UInt32(bitPattern: Int32(bitPattern: fp.i32(b)) >> (UInt32(truncatingIfNeeded: pc[1]) & 31))); pc += 2
                case .i32ShrUImm: fp.setI32(a, fp.i32(b) >> (UInt32(truncatingIfNeeded: pc[1]) & 31)); pc += 2
                case .i32EqImm: fp.setBool(a, fp.i32(b) == UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32NeImm: fp.setBool(a, fp.i32(b) != UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32LtSImm: fp.setBool(a, Int32(bitPattern: fp.i32(b)) < Int32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32LtUImm: fp.setBool(a, fp.i32(b) < UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32GtSImm: fp.setBool(a, Int32(bitPattern: fp.i32(b)) > Int32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32GtUImm: fp.setBool(a, fp.i32(b) > UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32LeSImm: fp.setBool(a, Int32(bitPattern: fp.i32(b)) <= Int32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32LeUImm: fp.setBool(a, fp.i32(b) <= UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32GeSImm: fp.setBool(a, Int32(bitPattern: fp.i32(b)) >= Int32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32GeUImm: fp.setBool(a, fp.i32(b) >= UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32Eqz: fp.setBool(a, fp.i32(b) == 0); pc += 1
                case .i32Clz: fp.setI32(a, UInt32(fp.i32(b).leadingZeroBitCount)); pc += 1
                case .i32Ctz: fp.setI32(a, UInt32(fp.i32(b).trailingZeroBitCount)); pc += 1
                case .i32Popcnt: fp.setI32(a, UInt32(fp.i32(b).nonzeroBitCount)); pc += 1
                case .i32Extend8S: fp.setI32(a, UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: fp[b])))); pc += 1
                case .i32Extend16S: fp.setI32(a, UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: fp[b])))); pc += 1
                case .i32WrapI64: fp.setI32(a, UInt32(truncatingIfNeeded: fp[b])); pc += 1

                // MARK: i64
                case .i64Add: fp[a] = fp[b] &+ fp[c]; pc += 1
                case .i64Sub: fp[a] = fp[b] &- fp[c]; pc += 1
                case .i64Mul: fp[a] = fp[b] &* fp[c]; pc += 1
                case .i64DivS:
                    let x = Int64(bitPattern: fp[b]), y = Int64(bitPattern: fp[c])
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    guard !(x == Int64.min && y == -1) else { throw .trap(.integerOverflow) }
                    fp[a] = UInt64(bitPattern: x / y); pc += 1
                case .i64DivU:
                    let y = fp[c]
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp[a] = fp[b] / y; pc += 1
                case .i64RemS:
                    let x = Int64(bitPattern: fp[b]), y = Int64(bitPattern: fp[c])
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp[a] = y == -1 ? 0 : UInt64(bitPattern: x % y); pc += 1
                case .i64RemU:
                    let y = fp[c]
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp[a] = fp[b] % y; pc += 1
                case .i64And: fp[a] = fp[b] & fp[c]; pc += 1
                case .i64Or: fp[a] = fp[b] | fp[c]; pc += 1
                case .i64Xor: fp[a] = fp[b] ^ fp[c]; pc += 1
                case .i64Shl: fp[a] = fp[b] << (fp[c] & 63); pc += 1
                case .i64ShrS: fp[a] = UInt64(bitPattern: Int64(bitPattern: fp[b]) >> (fp[c] & 63)); pc += 1
                case .i64ShrU: fp[a] = fp[b] >> (fp[c] & 63); pc += 1
                case .i64Rotl: fp[a] = Semantics.rotl(fp[b], fp[c]); pc += 1
                case .i64Rotr: fp[a] = Semantics.rotr(fp[b], fp[c]); pc += 1
                case .i64Eq: fp.setBool(a, fp[b] == fp[c]); pc += 1
                case .i64Ne: fp.setBool(a, fp[b] != fp[c]); pc += 1
                case .i64LtS: fp.setBool(a, Int64(bitPattern: fp[b]) < Int64(bitPattern: fp[c])); pc += 1
                case .i64LtU: fp.setBool(a, fp[b] < fp[c]); pc += 1
                case .i64GtS: fp.setBool(a, Int64(bitPattern: fp[b]) > Int64(bitPattern: fp[c])); pc += 1
                case .i64GtU: fp.setBool(a, fp[b] > fp[c]); pc += 1
                case .i64LeS: fp.setBool(a, Int64(bitPattern: fp[b]) <= Int64(bitPattern: fp[c])); pc += 1
                case .i64LeU: fp.setBool(a, fp[b] <= fp[c]); pc += 1
                case .i64GeS: fp.setBool(a, Int64(bitPattern: fp[b]) >= Int64(bitPattern: fp[c])); pc += 1
                case .i64GeU: fp.setBool(a, fp[b] >= fp[c]); pc += 1
                case .i64AddImm: fp[a] = fp[b] &+ pc[1]; pc += 2
                case .i64SubImm: fp[a] = fp[b] &- pc[1]; pc += 2
                case .i64MulImm: fp[a] = fp[b] &* pc[1]; pc += 2
                case .i64AndImm: fp[a] = fp[b] & pc[1]; pc += 2
                case .i64OrImm: fp[a] = fp[b] | pc[1]; pc += 2
                case .i64XorImm: fp[a] = fp[b] ^ pc[1]; pc += 2
                case .i64ShlImm: fp[a] = fp[b] << (pc[1] & 63); pc += 2
                case .i64ShrSImm: fp[a] = UInt64(bitPattern: Int64(bitPattern: fp[b]) >> (pc[1] & 63)); pc += 2
                case .i64ShrUImm: fp[a] = fp[b] >> (pc[1] & 63); pc += 2
                case .i64EqImm: fp.setBool(a, fp[b] == pc[1]); pc += 2
                case .i64NeImm: fp.setBool(a, fp[b] != pc[1]); pc += 2
                case .i64LtSImm: fp.setBool(a, Int64(bitPattern: fp[b]) < Int64(bitPattern: pc[1])); pc += 2
                case .i64LtUImm: fp.setBool(a, fp[b] < pc[1]); pc += 2
                case .i64GtSImm: fp.setBool(a, Int64(bitPattern: fp[b]) > Int64(bitPattern: pc[1])); pc += 2
                case .i64GtUImm: fp.setBool(a, fp[b] > pc[1]); pc += 2
                case .i64LeSImm: fp.setBool(a, Int64(bitPattern: fp[b]) <= Int64(bitPattern: pc[1])); pc += 2
                case .i64LeUImm: fp.setBool(a, fp[b] <= pc[1]); pc += 2
                case .i64GeSImm: fp.setBool(a, Int64(bitPattern: fp[b]) >= Int64(bitPattern: pc[1])); pc += 2
                case .i64GeUImm: fp.setBool(a, fp[b] >= pc[1]); pc += 2
                case .i64Eqz: fp.setBool(a, fp[b] == 0); pc += 1
                case .i64Clz: fp[a] = UInt64(fp[b].leadingZeroBitCount); pc += 1
                case .i64Ctz: fp[a] = UInt64(fp[b].trailingZeroBitCount); pc += 1
                case .i64Popcnt: fp[a] = UInt64(fp[b].nonzeroBitCount); pc += 1
                case .i64Extend8S: fp[a] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: fp[b]))); pc += 1
                case .i64Extend16S: fp[a] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: fp[b]))); pc += 1
                case .i64Extend32S: fp[a] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: fp[b]))); pc += 1
                case .i64ExtendI32S: fp[a] = UInt64(bitPattern: Int64(Int32(bitPattern: fp.i32(b)))); pc += 1
                case .i64ExtendI32U: fp[a] = UInt64(fp.i32(b)); pc += 1

                // MARK: f32
                case .f32Add: fp.setF32(a, fp.f32(b) + fp.f32(c)); pc += 1
                case .f32Sub: fp.setF32(a, fp.f32(b) - fp.f32(c)); pc += 1
                case .f32Mul: fp.setF32(a, fp.f32(b) * fp.f32(c)); pc += 1
                case .f32Div: fp.setF32(a, fp.f32(b) / fp.f32(c)); pc += 1
                case .f32Min: fp.setF32(a, Semantics.min(fp.f32(b), fp.f32(c))); pc += 1
                case .f32Max: fp.setF32(a, Semantics.max(fp.f32(b), fp.f32(c))); pc += 1
                case .f32Copysign:
                    fp.setI32(a, (fp.i32(b) & 0x7FFF_FFFF) | (fp.i32(c) & 0x8000_0000)); pc += 1
                case .f32Eq: fp.setBool(a, fp.f32(b) == fp.f32(c)); pc += 1
                case .f32Ne: fp.setBool(a, fp.f32(b) != fp.f32(c)); pc += 1
                case .f32Lt: fp.setBool(a, fp.f32(b) < fp.f32(c)); pc += 1
                case .f32Gt: fp.setBool(a, fp.f32(b) > fp.f32(c)); pc += 1
                case .f32Le: fp.setBool(a, fp.f32(b) <= fp.f32(c)); pc += 1
                case .f32Ge: fp.setBool(a, fp.f32(b) >= fp.f32(c)); pc += 1
                case .f32Abs: fp.setI32(a, fp.i32(b) & 0x7FFF_FFFF); pc += 1
                case .f32Neg: fp.setI32(a, fp.i32(b) ^ 0x8000_0000); pc += 1
                case .f32Ceil: fp.setF32(a, fp.f32(b).rounded(.up)); pc += 1
                case .f32Floor: fp.setF32(a, fp.f32(b).rounded(.down)); pc += 1
                case .f32Trunc: fp.setF32(a, fp.f32(b).rounded(.towardZero)); pc += 1
                case .f32Nearest: fp.setF32(a, Semantics.nearest(fp.f32(b))); pc += 1
                case .f32Sqrt: fp.setF32(a, fp.f32(b).squareRoot()); pc += 1

                // MARK: f64
                case .f64Add: fp.setF64(a, fp.f64(b) + fp.f64(c)); pc += 1
                case .f64Sub: fp.setF64(a, fp.f64(b) - fp.f64(c)); pc += 1
                case .f64Mul: fp.setF64(a, fp.f64(b) * fp.f64(c)); pc += 1
                case .f64Div: fp.setF64(a, fp.f64(b) / fp.f64(c)); pc += 1
                case .f64Min: fp.setF64(a, Semantics.min(fp.f64(b), fp.f64(c))); pc += 1
                case .f64Max: fp.setF64(a, Semantics.max(fp.f64(b), fp.f64(c))); pc += 1
                case .f64Copysign:
                    fp[a] = (fp[b] & 0x7FFF_FFFF_FFFF_FFFF) | (fp[c] & 0x8000_0000_0000_0000); pc += 1
                case .f64Eq: fp.setBool(a, fp.f64(b) == fp.f64(c)); pc += 1
                case .f64Ne: fp.setBool(a, fp.f64(b) != fp.f64(c)); pc += 1
                case .f64Lt: fp.setBool(a, fp.f64(b) < fp.f64(c)); pc += 1
                case .f64Gt: fp.setBool(a, fp.f64(b) > fp.f64(c)); pc += 1
                case .f64Le: fp.setBool(a, fp.f64(b) <= fp.f64(c)); pc += 1
                case .f64Ge: fp.setBool(a, fp.f64(b) >= fp.f64(c)); pc += 1
                case .f64Abs: fp[a] = fp[b] & 0x7FFF_FFFF_FFFF_FFFF; pc += 1
                case .f64Neg: fp[a] = fp[b] ^ 0x8000_0000_0000_0000; pc += 1
                case .f64Ceil: fp.setF64(a, fp.f64(b).rounded(.up)); pc += 1
                case .f64Floor: fp.setF64(a, fp.f64(b).rounded(.down)); pc += 1
                case .f64Trunc: fp.setF64(a, fp.f64(b).rounded(.towardZero)); pc += 1
                case .f64Nearest: fp.setF64(a, Semantics.nearest(fp.f64(b))); pc += 1
                case .f64Sqrt: fp.setF64(a, fp.f64(b).squareRoot()); pc += 1

                // MARK: Conversions
                case .i32TruncF32S:
                    do { fp[a] = try Semantics.truncate(Double(fp.f32(b)), signed: true, bits: 32) & 0xFFFF_FFFF } catch { throw .trap(error) }
                    pc += 1
                case .i32TruncF32U:
                    do { fp[a] = try Semantics.truncate(Double(fp.f32(b)), signed: false, bits: 32) } catch { throw .trap(error) }
                    pc += 1
                case .i32TruncF64S:
                    do { fp[a] = try Semantics.truncate(fp.f64(b), signed: true, bits: 32) & 0xFFFF_FFFF } catch { throw .trap(error) }
                    pc += 1
                case .i32TruncF64U:
                    do { fp[a] = try Semantics.truncate(fp.f64(b), signed: false, bits: 32) } catch { throw .trap(error) }
                    pc += 1
                case .i64TruncF32S:
                    do { fp[a] = try Semantics.truncate(Double(fp.f32(b)), signed: true, bits: 64) } catch { throw .trap(error) }
                    pc += 1
                case .i64TruncF32U:
                    do { fp[a] = try Semantics.truncate(Double(fp.f32(b)), signed: false, bits: 64) } catch { throw .trap(error) }
                    pc += 1
                case .i64TruncF64S:
                    do { fp[a] = try Semantics.truncate(fp.f64(b), signed: true, bits: 64) } catch { throw .trap(error) }
                    pc += 1
                case .i64TruncF64U:
                    do { fp[a] = try Semantics.truncate(fp.f64(b), signed: false, bits: 64) } catch { throw .trap(error) }
                    pc += 1
                case .i32TruncSatF32S: fp[a] = Semantics.truncateSaturating(Double(fp.f32(b)), signed: true, bits: 32); pc += 1
                case .i32TruncSatF32U: fp[a] = Semantics.truncateSaturating(Double(fp.f32(b)), signed: false, bits: 32); pc += 1
                case .i32TruncSatF64S: fp[a] = Semantics.truncateSaturating(fp.f64(b), signed: true, bits: 32); pc += 1
                case .i32TruncSatF64U: fp[a] = Semantics.truncateSaturating(fp.f64(b), signed: false, bits: 32); pc += 1
                case .i64TruncSatF32S: fp[a] = Semantics.truncateSaturating(Double(fp.f32(b)), signed: true, bits: 64); pc += 1
                case .i64TruncSatF32U: fp[a] = Semantics.truncateSaturating(Double(fp.f32(b)), signed: false, bits: 64); pc += 1
                case .i64TruncSatF64S: fp[a] = Semantics.truncateSaturating(fp.f64(b), signed: true, bits: 64); pc += 1
                case .i64TruncSatF64U: fp[a] = Semantics.truncateSaturating(fp.f64(b), signed: false, bits: 64); pc += 1
                case .f32ConvertI32S: fp.setF32(a, Float(Int32(bitPattern: fp.i32(b)))); pc += 1
                case .f32ConvertI32U: fp.setF32(a, Float(fp.i32(b))); pc += 1
                case .f32ConvertI64S: fp.setF32(a, Float(Int64(bitPattern: fp[b]))); pc += 1
                case .f32ConvertI64U: fp.setF32(a, Float(fp[b])); pc += 1
                case .f32DemoteF64: fp.setF32(a, Float(fp.f64(b))); pc += 1
                case .f64ConvertI32S: fp.setF64(a, Double(Int32(bitPattern: fp.i32(b)))); pc += 1
                case .f64ConvertI32U: fp.setF64(a, Double(fp.i32(b))); pc += 1
                case .f64ConvertI64S: fp.setF64(a, Double(Int64(bitPattern: fp[b]))); pc += 1
                case .f64ConvertI64U: fp.setF64(a, Double(fp[b])); pc += 1
                case .f64PromoteF32: fp.setF64(a, Double(fp.f32(b))); pc += 1

                // MARK: Out of line
                case .vector:
                    try VectorSemantics.execute(pc, fp: fp)
                    pc += 3
                case .vectorLane:
                    VectorSemantics.executeLane(pc, fp: fp)
                    pc += 3
                case .shuffle:
                    VectorSemantics.shuffle(pc, fp: fp)
                    pc += 3
                case .wide:
                    Semantics.wideArithmetic(pc, fp: fp)
                    pc += 3
                }
            }
        } catch {
            save(&state, pc, fp, r)
            throw error
        }
    }
}
