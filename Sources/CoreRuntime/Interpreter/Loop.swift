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
            r.initialize(to: Registers(function: state.function, stack: stack))
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
                    switch try probeStep(r, pc, fp) {
                    case .proceed: break
                    case .switchMode: return .switchMode
                    }
                }
                let w = pc.pointee
                switch unsafeBitCast(UInt16(truncatingIfNeeded: w), to: Op.self) {
                // MARK: Moves
                case .copy:
                    fp[opA(w)] = fp[opB(w)]
                    pc += 1
                case .copy128:
                    let lo = fp[opB(w)], hi = fp[opB(w) + 1]
                    fp[opA(w)] = lo
                    fp[opA(w) + 1] = hi
                    pc += 1
                case .const32, .const64:
                    fp[opA(w)] = pc[1]
                    pc += 2
                case .const128, .vectorConst:
                    fp[opA(w)] = pc[1]
                    fp[opA(w) + 1] = pc[2]
                    pc += 3

                // MARK: Control
                case .jump:
                    pc = try jumpTarget(pc, r, interrupt)
                case .jumpIf:
                    pc = fp.i32(opA(w)) != 0 ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfNot:
                    pc = fp.i32(opA(w)) == 0 ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI32Eq:
                    pc = fp.i32(opA(w)) == fp.i32(opB(w)) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI32Ne:
                    pc = fp.i32(opA(w)) != fp.i32(opB(w)) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI32LtS:
                    pc = Int32(bitPattern: fp.i32(opA(w))) < Int32(bitPattern: fp.i32(opB(w))) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI32LtU:
                    pc = fp.i32(opA(w)) < fp.i32(opB(w)) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI32GtS:
                    pc = Int32(bitPattern: fp.i32(opA(w))) > Int32(bitPattern: fp.i32(opB(w))) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI32GtU:
                    pc = fp.i32(opA(w)) > fp.i32(opB(w)) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI32LeS:
                    pc = Int32(bitPattern: fp.i32(opA(w))) <= Int32(bitPattern: fp.i32(opB(w))) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI32LeU:
                    pc = fp.i32(opA(w)) <= fp.i32(opB(w)) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI32GeS:
                    pc = Int32(bitPattern: fp.i32(opA(w))) >= Int32(bitPattern: fp.i32(opB(w))) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI32GeU:
                    pc = fp.i32(opA(w)) >= fp.i32(opB(w)) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI32EqImm:
                    pc = fp.i32(opA(w)) == UInt32(truncatingIfNeeded: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI32NeImm:
                    pc = fp.i32(opA(w)) != UInt32(truncatingIfNeeded: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI32LtSImm:
                    pc = Int32(bitPattern: fp.i32(opA(w))) < Int32(truncatingIfNeeded: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI32LtUImm:
                    pc = fp.i32(opA(w)) < UInt32(truncatingIfNeeded: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI32GtSImm:
                    pc = Int32(bitPattern: fp.i32(opA(w))) > Int32(truncatingIfNeeded: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI32GtUImm:
                    pc = fp.i32(opA(w)) > UInt32(truncatingIfNeeded: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI32LeSImm:
                    pc = Int32(bitPattern: fp.i32(opA(w))) <= Int32(truncatingIfNeeded: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI32LeUImm:
                    pc = fp.i32(opA(w)) <= UInt32(truncatingIfNeeded: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI32GeSImm:
                    pc = Int32(bitPattern: fp.i32(opA(w))) >= Int32(truncatingIfNeeded: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI32GeUImm:
                    pc = fp.i32(opA(w)) >= UInt32(truncatingIfNeeded: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI64Eq:
                    pc = fp[opA(w)] == fp[opB(w)] ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI64Ne:
                    pc = fp[opA(w)] != fp[opB(w)] ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI64LtS:
                    pc = Int64(bitPattern: fp[opA(w)]) < Int64(bitPattern: fp[opB(w)]) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI64LtU:
                    pc = fp[opA(w)] < fp[opB(w)] ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI64GtS:
                    pc = Int64(bitPattern: fp[opA(w)]) > Int64(bitPattern: fp[opB(w)]) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI64GtU:
                    pc = fp[opA(w)] > fp[opB(w)] ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI64LeS:
                    pc = Int64(bitPattern: fp[opA(w)]) <= Int64(bitPattern: fp[opB(w)]) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI64LeU:
                    pc = fp[opA(w)] <= fp[opB(w)] ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI64GeS:
                    pc = Int64(bitPattern: fp[opA(w)]) >= Int64(bitPattern: fp[opB(w)]) ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI64GeU:
                    pc = fp[opA(w)] >= fp[opB(w)] ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI64EqImm: pc = fp[opA(w)] == pc[2] ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI64NeImm: pc = fp[opA(w)] != pc[2] ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI64LtSImm: pc = Int64(bitPattern: fp[opA(w)]) < Int64(bitPattern: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI64LtUImm: pc = fp[opA(w)] < pc[2] ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI64GtSImm: pc = Int64(bitPattern: fp[opA(w)]) > Int64(bitPattern: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI64GtUImm: pc = fp[opA(w)] > pc[2] ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI64LeSImm: pc = Int64(bitPattern: fp[opA(w)]) <= Int64(bitPattern: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI64LeUImm: pc = fp[opA(w)] <= pc[2] ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI64GeSImm: pc = Int64(bitPattern: fp[opA(w)]) >= Int64(bitPattern: pc[2]) ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI64GeUImm: pc = fp[opA(w)] >= pc[2] ? try jumpTarget(pc, r, interrupt) : pc + 3
                case .jumpIfI64Eqz:
                    pc = fp[opA(w)] == 0 ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfI64Nez:
                    pc = fp[opA(w)] != 0 ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfNull:
                    pc = fp[opA(w)] == 0 ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .jumpIfNonNull:
                    pc = fp[opA(w)] != 0 ? try jumpTarget(pc, r, interrupt) : pc + 2
                case .brTable:
                    let count = pc[1]
                    let index = UInt64(fp.i32(opA(w)))
                    let entry = index < count ? index : count
                    let offset = Int(Int64(bitPattern: pc[2 + Int(entry)]))
                    if offset <= 0 { try backEdge(r, interrupt) }
                    pc += offset
                case .ret:
                    if Mode.instrumented { save(&state, pc, fp, r); try probeExit(r, pc, fp) }
                    if r.pointee.depth == entryDepth {
                        save(&state, pc, fp, r)
                        return .returned
                    }
                    leave(r, &pc, &fp)
                case .call:
                    let callee = r.pointee.context.pointee.functions[Int(truncatingIfNeeded: pc[1])]
                    try enter(Mode.self, r, callee, &pc, &fp, arguments: opA(w), returnLength: 2, interrupt: interrupt)
                case .callIndirect:
                    let immediate = pc[1]
                    let t = table(immediate >> 32)
                    let index = t.pointee.is64 ? fp[opB(w)] : UInt64(fp.i32(opB(w)))
                    guard index < UInt64(t.pointee.count) else { throw .trap(.undefinedElement) }
                    let ref = t.pointee.elements[Int(index)]
                    guard ref != 0 else { throw .trap(.uninitializedElement) }
                    let callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(ref))!
                    let expected = r.pointee.context.pointee.typeIds[Int(immediate & 0xFFFF_FFFF)]
                    if callee.pointee.typeId != expected && !types.isSubtype(callee.pointee.typeId, of: expected) {
                        throw .trap(.indirectCallTypeMismatch)
                    }
                    try enter(Mode.self, r, callee, &pc, &fp, arguments: opA(w), returnLength: 2, interrupt: interrupt)
                case .callRef:
                    let ref = fp[opB(w)]
                    guard ref != 0 else { throw .trap(.nullFunctionReference) }
                    try enter(Mode.self, r, UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(ref))!, &pc, &fp, arguments: opA(w), returnLength: 2, interrupt: interrupt)
                case .returnCall:
                    let callee = r.pointee.context.pointee.functions[Int(truncatingIfNeeded: pc[1])]
                    if try tailEnter(r, callee, &pc, &fp, arguments: opA(w), count: Int(pc[2]), interrupt: interrupt) {
                        if r.pointee.depth == entryDepth { save(&state, pc, fp, r); return .returned }
                        leave(r, &pc, &fp)
                    }
                case .returnCallIndirect:
                    let immediate = pc[1]
                    let t = table(immediate >> 32)
                    let index = t.pointee.is64 ? fp[opB(w)] : UInt64(fp.i32(opB(w)))
                    guard index < UInt64(t.pointee.count) else { throw .trap(.undefinedElement) }
                    let ref = t.pointee.elements[Int(index)]
                    guard ref != 0 else { throw .trap(.uninitializedElement) }
                    let callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(ref))!
                    let expected = r.pointee.context.pointee.typeIds[Int(immediate & 0xFFFF_FFFF)]
                    if callee.pointee.typeId != expected && !types.isSubtype(callee.pointee.typeId, of: expected) {
                        throw .trap(.indirectCallTypeMismatch)
                    }
                    if try tailEnter(r, callee, &pc, &fp, arguments: opA(w), count: Int(pc[2]), interrupt: interrupt) {
                        if r.pointee.depth == entryDepth { save(&state, pc, fp, r); return .returned }
                        leave(r, &pc, &fp)
                    }
                case .returnCallRef:
                    let ref = fp[opB(w)]
                    guard ref != 0 else { throw .trap(.nullFunctionReference) }
                    let callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(ref))!
                    if try tailEnter(r, callee, &pc, &fp, arguments: opA(w), count: Int(pc[2]), interrupt: interrupt) {
                        if r.pointee.depth == entryDepth { save(&state, pc, fp, r); return .returned }
                        leave(r, &pc, &fp)
                    }
                case .unreachable:
                    throw .trap(.unreachable)
                case .select:
                    fp[opA(w)] = fp.i32(Int(pc[1])) != 0 ? fp[opB(w)] : fp[opC(w)]
                    pc += 2
                case .select128:
                    let source = fp.i32(Int(pc[1])) != 0 ? opB(w) : opC(w)
                    let lo = fp[source], hi = fp[source + 1]
                    fp[opA(w)] = lo
                    fp[opA(w) + 1] = hi
                    pc += 2
                case .throwTag:
                    save(&state, pc, fp, r)
                    let exception = makeException(tag: Int(pc[1]), payload: fp + opA(w), context: r.pointee.context)
                    try unwind(exception, state: &state, depth: &r.pointee.depth)
                    pc = state.pc; fp = state.fp
                    r.pointee.function = state.function
                    r.pointee.switchTo(state.function.pointee.context!)
                case .throwRef:
                    guard fp[opA(w)] != 0 else { throw .trap(.nullReference) }
                    save(&state, pc, fp, r)
                    try unwind(exception(fromReference: fp[opA(w)]), state: &state, depth: &r.pointee.depth)
                    pc = state.pc; fp = state.fp
                    r.pointee.function = state.function
                    r.pointee.switchTo(state.function.pointee.context!)
                case .breakpoint:
                    // The debugger runs, then the original instruction is put back until
                    // the instrumented loop has executed it and re-arms the breakpoint.
                    save(&state, pc, fp, r)
                    try hitBreakpoint(r, pc, fp)
                    return .switchMode

                case .nop:
                    pc += 1

                // MARK: Variables and references
                case .globalGet:
                    fp[opA(w)] = r.pointee.context.pointee.globals[Int(truncatingIfNeeded: pc[1])].pointee
                    pc += 2
                case .globalSet:
                    r.pointee.context.pointee.globals[Int(truncatingIfNeeded: pc[1])].pointee = fp[opA(w)]
                    pc += 2
                case .globalGet128:
                    let cell = r.pointee.context.pointee.globals[Int(truncatingIfNeeded: pc[1])]
                    fp[opA(w)] = cell[0]
                    fp[opA(w) + 1] = cell[1]
                    pc += 2
                case .globalSet128:
                    let cell = r.pointee.context.pointee.globals[Int(truncatingIfNeeded: pc[1])]
                    cell[0] = fp[opA(w)]
                    cell[1] = fp[opA(w) + 1]
                    pc += 2
                case .refNull:
                    fp[opA(w)] = 0
                    pc += 1
                case .refIsNull:
                    fp[opA(w)] = fp[opB(w)] == 0 ? 1 : 0
                    pc += 1
                case .refFunc:
                    fp[opA(w)] = UInt64(UInt(bitPattern: r.pointee.context.pointee.functions[Int(truncatingIfNeeded: pc[1])]))
                    pc += 2
                case .refAsNonNull:
                    guard fp[opB(w)] != 0 else { throw .trap(.nullReference) }
                    fp[opA(w)] = fp[opB(w)]
                    pc += 1
                case .refEq:
                    fp[opA(w)] = fp[opB(w)] == fp[opC(w)] ? 1 : 0
                    pc += 1

                // MARK: Tables
                case .tableGet:
                    let t = table(pc[1])
                    let index = t.pointee.is64 ? fp[opB(w)] : UInt64(fp.i32(opB(w)))
                    guard index < UInt64(t.pointee.count) else { throw .trap(.outOfBoundsTableAccess) }
                    fp[opA(w)] = t.pointee.elements[Int(index)]
                    pc += 2
                case .tableSet:
                    let t = table(pc[1])
                    let index = t.pointee.is64 ? fp[opA(w)] : UInt64(fp.i32(opA(w)))
                    guard index < UInt64(t.pointee.count) else { throw .trap(.outOfBoundsTableAccess) }
                    t.pointee.elements[Int(index)] = fp[opB(w)]
                    pc += 2
                case .tableSize:
                    fp[opA(w)] = UInt64(table(pc[1]).pointee.count)
                    pc += 2
                case .tableGrow:
                    let t = table(pc[1])
                    let delta = t.pointee.is64 ? fp[opC(w)] : UInt64(fp.i32(opC(w)))
                    if let old = Table.grow(t, by: delta, initial: fp[opB(w)]) {
                        fp[opA(w)] = old
                    } else {
                        fp[opA(w)] = t.pointee.is64 ? UInt64.max : UInt64(UInt32.max)
                    }
                    pc += 2
                case .tableFill:
                    try tableFill(table(pc[1]), start: fp[opA(w)], value: fp[opB(w)], count: fp[opC(w)])
                    pc += 2
                case .tableCopy:
                    let immediate = pc[1]
                    try tableCopy(destination: table(immediate & 0xFFFF_FFFF), source: table(immediate >> 32),
                                  fp[opA(w)], fp[opB(w)], fp[opC(w)])
                    pc += 2
                case .tableInit:
                    let immediate = pc[1]
                    try tableInit(table(immediate >> 32), segment: &r.pointee.context.pointee.elements[Int(immediate & 0xFFFF_FFFF)],
                                  fp[opA(w)], fp.i32(opB(w)), fp.i32(opC(w)))
                    pc += 2
                case .elemDrop:
                    r.pointee.context.pointee.elements[Int(truncatingIfNeeded: pc[1])].count = 0
                    pc += 2

                // MARK: Memory 0, 32-bit addresses
                case .load8S: fp[opA(w)] = try load8S(r, fp.i32(opB(w)), pc[1]); pc += 2
                case .load8U: fp[opA(w)] = try load8U(r, fp.i32(opB(w)), pc[1]); pc += 2
                case .load16S: fp[opA(w)] = try load16S(r, fp.i32(opB(w)), pc[1]); pc += 2
                case .load16U: fp[opA(w)] = try load16U(r, fp.i32(opB(w)), pc[1]); pc += 2
                case .load32S: fp[opA(w)] = try load32S(r, fp.i32(opB(w)), pc[1]); pc += 2
                case .load32U: fp[opA(w)] = try load32U(r, fp.i32(opB(w)), pc[1]); pc += 2
                case .load64: fp[opA(w)] = try load64(r, fp.i32(opB(w)), pc[1]); pc += 2
                case .load8SAdd: fp[opA(w)] = try load8S(r, fp.i32(opB(w)) &+ fp.i32(opC(w)), pc[1]); pc += 2
                case .load8UAdd: fp[opA(w)] = try load8U(r, fp.i32(opB(w)) &+ fp.i32(opC(w)), pc[1]); pc += 2
                case .load16SAdd: fp[opA(w)] = try load16S(r, fp.i32(opB(w)) &+ fp.i32(opC(w)), pc[1]); pc += 2
                case .load16UAdd: fp[opA(w)] = try load16U(r, fp.i32(opB(w)) &+ fp.i32(opC(w)), pc[1]); pc += 2
                case .load32SAdd: fp[opA(w)] = try load32S(r, fp.i32(opB(w)) &+ fp.i32(opC(w)), pc[1]); pc += 2
                case .load32UAdd: fp[opA(w)] = try load32U(r, fp.i32(opB(w)) &+ fp.i32(opC(w)), pc[1]); pc += 2
                case .load64Add: fp[opA(w)] = try load64(r, fp.i32(opB(w)) &+ fp.i32(opC(w)), pc[1]); pc += 2
                case .load8SAddImm: fp[opA(w)] = try load8S(r, fp.i32(opB(w)) &+ UInt32(truncatingIfNeeded: pc[2]), pc[1]); pc += 3
                case .load8UAddImm: fp[opA(w)] = try load8U(r, fp.i32(opB(w)) &+ UInt32(truncatingIfNeeded: pc[2]), pc[1]); pc += 3
                case .load16SAddImm: fp[opA(w)] = try load16S(r, fp.i32(opB(w)) &+ UInt32(truncatingIfNeeded: pc[2]), pc[1]); pc += 3
                case .load16UAddImm: fp[opA(w)] = try load16U(r, fp.i32(opB(w)) &+ UInt32(truncatingIfNeeded: pc[2]), pc[1]); pc += 3
                case .load32SAddImm: fp[opA(w)] = try load32S(r, fp.i32(opB(w)) &+ UInt32(truncatingIfNeeded: pc[2]), pc[1]); pc += 3
                case .load32UAddImm: fp[opA(w)] = try load32U(r, fp.i32(opB(w)) &+ UInt32(truncatingIfNeeded: pc[2]), pc[1]); pc += 3
                case .load64AddImm: fp[opA(w)] = try load64(r, fp.i32(opB(w)) &+ UInt32(truncatingIfNeeded: pc[2]), pc[1]); pc += 3
                case .store8:
                    let p = try effectiveAddress(r, fp.i32(opA(w)), pc[1], 1)
                    p.storeBytes(of: UInt8(truncatingIfNeeded: fp[opB(w)]), as: UInt8.self); pc += 2
                case .store16:
                    let p = try effectiveAddress(r, fp.i32(opA(w)), pc[1], 2)
                    p.storeBytes(of: UInt16(truncatingIfNeeded: fp[opB(w)]), as: UInt16.self); pc += 2
                case .store32:
                    let p = try effectiveAddress(r, fp.i32(opA(w)), pc[1], 4)
                    p.storeBytes(of: UInt32(truncatingIfNeeded: fp[opB(w)]), as: UInt32.self); pc += 2
                case .store64:
                    let p = try effectiveAddress(r, fp.i32(opA(w)), pc[1], 8)
                    p.storeBytes(of: fp[opB(w)], as: UInt64.self); pc += 2
                case .store8Add:
                    let p = try effectiveAddress(r, fp.i32(opA(w)) &+ fp.i32(opC(w)), pc[1], 1)
                    p.storeBytes(of: UInt8(truncatingIfNeeded: fp[opB(w)]), as: UInt8.self); pc += 2
                case .store16Add:
                    let p = try effectiveAddress(r, fp.i32(opA(w)) &+ fp.i32(opC(w)), pc[1], 2)
                    p.storeBytes(of: UInt16(truncatingIfNeeded: fp[opB(w)]), as: UInt16.self); pc += 2
                case .store32Add:
                    let p = try effectiveAddress(r, fp.i32(opA(w)) &+ fp.i32(opC(w)), pc[1], 4)
                    p.storeBytes(of: UInt32(truncatingIfNeeded: fp[opB(w)]), as: UInt32.self); pc += 2
                case .store64Add:
                    let p = try effectiveAddress(r, fp.i32(opA(w)) &+ fp.i32(opC(w)), pc[1], 8)
                    p.storeBytes(of: fp[opB(w)], as: UInt64.self); pc += 2
                case .store8AddImm:
                    let p = try effectiveAddress(r, fp.i32(opA(w)) &+ UInt32(truncatingIfNeeded: pc[2]), pc[1], 1)
                    p.storeBytes(of: UInt8(truncatingIfNeeded: fp[opB(w)]), as: UInt8.self); pc += 3
                case .store16AddImm:
                    let p = try effectiveAddress(r, fp.i32(opA(w)) &+ UInt32(truncatingIfNeeded: pc[2]), pc[1], 2)
                    p.storeBytes(of: UInt16(truncatingIfNeeded: fp[opB(w)]), as: UInt16.self); pc += 3
                case .store32AddImm:
                    let p = try effectiveAddress(r, fp.i32(opA(w)) &+ UInt32(truncatingIfNeeded: pc[2]), pc[1], 4)
                    p.storeBytes(of: UInt32(truncatingIfNeeded: fp[opB(w)]), as: UInt32.self); pc += 3
                case .store64AddImm:
                    let p = try effectiveAddress(r, fp.i32(opA(w)) &+ UInt32(truncatingIfNeeded: pc[2]), pc[1], 8)
                    p.storeBytes(of: fp[opB(w)], as: UInt64.self); pc += 3
                case .memoryAccess:
                    try memoryAccess(pc, fp: fp, context: r.pointee.context)
                    pc += 3
                case .memorySize:
                    let m = r.pointee.context.pointee.memories[Int(truncatingIfNeeded: pc[1])]
                    fp[opA(w)] = m.pointee.pageCount
                    pc += 2
                case .memoryGrow:
                    let m = r.pointee.context.pointee.memories[Int(truncatingIfNeeded: pc[1])]
                    let delta = m.pointee.is64 ? fp[opB(w)] : UInt64(fp.i32(opB(w)))
                    if let old = Memory.grow(m, by: delta) {
                        fp[opA(w)] = old
                    } else {
                        fp[opA(w)] = m.pointee.is64 ? UInt64.max : UInt64(UInt32.max)
                    }
                    r.pointee.reloadMemory()
                    pc += 2
                case .memoryFill:
                    try memoryFill(r.pointee.context.pointee.memories[Int(truncatingIfNeeded: pc[1])], fp[opA(w)], fp[opB(w)], fp[opC(w)])
                    pc += 2
                case .memoryCopy:
                    let immediate = pc[1]
                    try memoryCopy(destination: r.pointee.context.pointee.memories[Int(immediate & 0xFFFF_FFFF)],
                                   source: r.pointee.context.pointee.memories[Int(immediate >> 32)], fp[opA(w)], fp[opB(w)], fp[opC(w)])
                    pc += 2
                case .memoryInit:
                    let immediate = pc[1]
                    try memoryInit(r.pointee.context.pointee.memories[Int(immediate >> 32)],
                                   segment: r.pointee.context.pointee.datas[Int(immediate & 0xFFFF_FFFF)], fp[opA(w)], fp.i32(opB(w)), fp.i32(opC(w)))
                    pc += 2
                case .dataDrop:
                    r.pointee.context.pointee.datas[Int(truncatingIfNeeded: pc[1])].count = 0
                    pc += 2

                // MARK: i32
                case .i32Add: fp.setI32(opA(w), fp.i32(opB(w)) &+ fp.i32(opC(w))); pc += 1
                case .i32Sub: fp.setI32(opA(w), fp.i32(opB(w)) &- fp.i32(opC(w))); pc += 1
                case .i32Mul: fp.setI32(opA(w), fp.i32(opB(w)) &* fp.i32(opC(w))); pc += 1
                case .i32DivS:
                    let x = Int32(bitPattern: fp.i32(opB(w))), y = Int32(bitPattern: fp.i32(opC(w)))
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    guard !(x == Int32.min && y == -1) else { throw .trap(.integerOverflow) }
                    fp.setI32(opA(w), UInt32(bitPattern: x / y)); pc += 1
                case .i32DivU:
                    let y = fp.i32(opC(w))
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp.setI32(opA(w), fp.i32(opB(w)) / y); pc += 1
                case .i32RemS:
                    let x = Int32(bitPattern: fp.i32(opB(w))), y = Int32(bitPattern: fp.i32(opC(w)))
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp.setI32(opA(w), y == -1 ? 0 : UInt32(bitPattern: x % y)); pc += 1
                case .i32RemU:
                    let y = fp.i32(opC(w))
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp.setI32(opA(w), fp.i32(opB(w)) % y); pc += 1
                case .i32And: fp.setI32(opA(w), fp.i32(opB(w)) & fp.i32(opC(w))); pc += 1
                case .i32Or: fp.setI32(opA(w), fp.i32(opB(w)) | fp.i32(opC(w))); pc += 1
                case .i32Xor: fp.setI32(opA(w), fp.i32(opB(w)) ^ fp.i32(opC(w))); pc += 1
                case .i32Shl: fp.setI32(opA(w), fp.i32(opB(w)) << (fp.i32(opC(w)) & 31)); pc += 1
                case .i32ShrS: fp.setI32(opA(w), UInt32(bitPattern: Int32(bitPattern: fp.i32(opB(w))) >> (fp.i32(opC(w)) & 31))); pc += 1
                case .i32ShrU: fp.setI32(opA(w), fp.i32(opB(w)) >> (fp.i32(opC(w)) & 31)); pc += 1
                case .i32Rotl: fp.setI32(opA(w), Semantics.rotl(fp.i32(opB(w)), fp.i32(opC(w)))); pc += 1
                case .i32Rotr: fp.setI32(opA(w), Semantics.rotr(fp.i32(opB(w)), fp.i32(opC(w)))); pc += 1
                case .i32Eq: fp.setBool(opA(w), fp.i32(opB(w)) == fp.i32(opC(w))); pc += 1
                case .i32Ne: fp.setBool(opA(w), fp.i32(opB(w)) != fp.i32(opC(w))); pc += 1
                case .i32LtS: fp.setBool(opA(w), Int32(bitPattern: fp.i32(opB(w))) < Int32(bitPattern: fp.i32(opC(w)))); pc += 1
                case .i32LtU: fp.setBool(opA(w), fp.i32(opB(w)) < fp.i32(opC(w))); pc += 1
                case .i32GtS: fp.setBool(opA(w), Int32(bitPattern: fp.i32(opB(w))) > Int32(bitPattern: fp.i32(opC(w)))); pc += 1
                case .i32GtU: fp.setBool(opA(w), fp.i32(opB(w)) > fp.i32(opC(w))); pc += 1
                case .i32LeS: fp.setBool(opA(w), Int32(bitPattern: fp.i32(opB(w))) <= Int32(bitPattern: fp.i32(opC(w)))); pc += 1
                case .i32LeU: fp.setBool(opA(w), fp.i32(opB(w)) <= fp.i32(opC(w))); pc += 1
                case .i32GeS: fp.setBool(opA(w), Int32(bitPattern: fp.i32(opB(w))) >= Int32(bitPattern: fp.i32(opC(w)))); pc += 1
                case .i32GeU: fp.setBool(opA(w), fp.i32(opB(w)) >= fp.i32(opC(w))); pc += 1
                case .i32AddImm: fp.setI32(opA(w), fp.i32(opB(w)) &+ UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32SubImm: fp.setI32(opA(w), fp.i32(opB(w)) &- UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32MulImm: fp.setI32(opA(w), fp.i32(opB(w)) &* UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32AndImm: fp.setI32(opA(w), fp.i32(opB(w)) & UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32OrImm: fp.setI32(opA(w), fp.i32(opB(w)) | UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32XorImm: fp.setI32(opA(w), fp.i32(opB(w)) ^ UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32ShlImm: fp.setI32(opA(w), fp.i32(opB(w)) << (UInt32(truncatingIfNeeded: pc[1]) & 31)); pc += 2
                case .i32ShrSImm:
                    fp.setI32(opA(w), UInt32(bitPattern: Int32(bitPattern: fp.i32(opB(w))) >> (UInt32(truncatingIfNeeded: pc[1]) & 31))); pc += 2
                case .i32ShrUImm: fp.setI32(opA(w), fp.i32(opB(w)) >> (UInt32(truncatingIfNeeded: pc[1]) & 31)); pc += 2
                case .i32EqImm: fp.setBool(opA(w), fp.i32(opB(w)) == UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32NeImm: fp.setBool(opA(w), fp.i32(opB(w)) != UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32LtSImm: fp.setBool(opA(w), Int32(bitPattern: fp.i32(opB(w))) < Int32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32LtUImm: fp.setBool(opA(w), fp.i32(opB(w)) < UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32GtSImm: fp.setBool(opA(w), Int32(bitPattern: fp.i32(opB(w))) > Int32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32GtUImm: fp.setBool(opA(w), fp.i32(opB(w)) > UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32LeSImm: fp.setBool(opA(w), Int32(bitPattern: fp.i32(opB(w))) <= Int32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32LeUImm: fp.setBool(opA(w), fp.i32(opB(w)) <= UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32GeSImm: fp.setBool(opA(w), Int32(bitPattern: fp.i32(opB(w))) >= Int32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32GeUImm: fp.setBool(opA(w), fp.i32(opB(w)) >= UInt32(truncatingIfNeeded: pc[1])); pc += 2
                case .i32RotlImm: fp.setI32(opA(w), Semantics.rotl(fp.i32(opB(w)), UInt32(truncatingIfNeeded: pc[1]))); pc += 2
                case .i32RotrImm: fp.setI32(opA(w), Semantics.rotr(fp.i32(opB(w)), UInt32(truncatingIfNeeded: pc[1]))); pc += 2
                case .i32Eqz: fp.setBool(opA(w), fp.i32(opB(w)) == 0); pc += 1
                case .i32Clz: fp.setI32(opA(w), UInt32(fp.i32(opB(w)).leadingZeroBitCount)); pc += 1
                case .i32Ctz: fp.setI32(opA(w), UInt32(fp.i32(opB(w)).trailingZeroBitCount)); pc += 1
                case .i32Popcnt: fp.setI32(opA(w), UInt32(fp.i32(opB(w)).nonzeroBitCount)); pc += 1
                case .i32Extend8S: fp.setI32(opA(w), UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: fp[opB(w)])))); pc += 1
                case .i32Extend16S: fp.setI32(opA(w), UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: fp[opB(w)])))); pc += 1
                case .i32WrapI64: fp.setI32(opA(w), UInt32(truncatingIfNeeded: fp[opB(w)])); pc += 1

                // MARK: i64
                case .i64Add: fp[opA(w)] = fp[opB(w)] &+ fp[opC(w)]; pc += 1
                case .i64Sub: fp[opA(w)] = fp[opB(w)] &- fp[opC(w)]; pc += 1
                case .i64Mul: fp[opA(w)] = fp[opB(w)] &* fp[opC(w)]; pc += 1
                case .i64DivS:
                    let x = Int64(bitPattern: fp[opB(w)]), y = Int64(bitPattern: fp[opC(w)])
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    guard !(x == Int64.min && y == -1) else { throw .trap(.integerOverflow) }
                    fp[opA(w)] = UInt64(bitPattern: x / y); pc += 1
                case .i64DivU:
                    let y = fp[opC(w)]
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp[opA(w)] = fp[opB(w)] / y; pc += 1
                case .i64RemS:
                    let x = Int64(bitPattern: fp[opB(w)]), y = Int64(bitPattern: fp[opC(w)])
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp[opA(w)] = y == -1 ? 0 : UInt64(bitPattern: x % y); pc += 1
                case .i64RemU:
                    let y = fp[opC(w)]
                    guard y != 0 else { throw .trap(.integerDivideByZero) }
                    fp[opA(w)] = fp[opB(w)] % y; pc += 1
                case .i64And: fp[opA(w)] = fp[opB(w)] & fp[opC(w)]; pc += 1
                case .i64Or: fp[opA(w)] = fp[opB(w)] | fp[opC(w)]; pc += 1
                case .i64Xor: fp[opA(w)] = fp[opB(w)] ^ fp[opC(w)]; pc += 1
                case .i64Shl: fp[opA(w)] = fp[opB(w)] << (fp[opC(w)] & 63); pc += 1
                case .i64ShrS: fp[opA(w)] = UInt64(bitPattern: Int64(bitPattern: fp[opB(w)]) >> (fp[opC(w)] & 63)); pc += 1
                case .i64ShrU: fp[opA(w)] = fp[opB(w)] >> (fp[opC(w)] & 63); pc += 1
                case .i64Rotl: fp[opA(w)] = Semantics.rotl(fp[opB(w)], fp[opC(w)]); pc += 1
                case .i64Rotr: fp[opA(w)] = Semantics.rotr(fp[opB(w)], fp[opC(w)]); pc += 1
                case .i64Eq: fp.setBool(opA(w), fp[opB(w)] == fp[opC(w)]); pc += 1
                case .i64Ne: fp.setBool(opA(w), fp[opB(w)] != fp[opC(w)]); pc += 1
                case .i64LtS: fp.setBool(opA(w), Int64(bitPattern: fp[opB(w)]) < Int64(bitPattern: fp[opC(w)])); pc += 1
                case .i64LtU: fp.setBool(opA(w), fp[opB(w)] < fp[opC(w)]); pc += 1
                case .i64GtS: fp.setBool(opA(w), Int64(bitPattern: fp[opB(w)]) > Int64(bitPattern: fp[opC(w)])); pc += 1
                case .i64GtU: fp.setBool(opA(w), fp[opB(w)] > fp[opC(w)]); pc += 1
                case .i64LeS: fp.setBool(opA(w), Int64(bitPattern: fp[opB(w)]) <= Int64(bitPattern: fp[opC(w)])); pc += 1
                case .i64LeU: fp.setBool(opA(w), fp[opB(w)] <= fp[opC(w)]); pc += 1
                case .i64GeS: fp.setBool(opA(w), Int64(bitPattern: fp[opB(w)]) >= Int64(bitPattern: fp[opC(w)])); pc += 1
                case .i64GeU: fp.setBool(opA(w), fp[opB(w)] >= fp[opC(w)]); pc += 1
                case .i64AddImm: fp[opA(w)] = fp[opB(w)] &+ pc[1]; pc += 2
                case .i64SubImm: fp[opA(w)] = fp[opB(w)] &- pc[1]; pc += 2
                case .i64MulImm: fp[opA(w)] = fp[opB(w)] &* pc[1]; pc += 2
                case .i64AndImm: fp[opA(w)] = fp[opB(w)] & pc[1]; pc += 2
                case .i64OrImm: fp[opA(w)] = fp[opB(w)] | pc[1]; pc += 2
                case .i64XorImm: fp[opA(w)] = fp[opB(w)] ^ pc[1]; pc += 2
                case .i64ShlImm: fp[opA(w)] = fp[opB(w)] << (pc[1] & 63); pc += 2
                case .i64ShrSImm: fp[opA(w)] = UInt64(bitPattern: Int64(bitPattern: fp[opB(w)]) >> (pc[1] & 63)); pc += 2
                case .i64ShrUImm: fp[opA(w)] = fp[opB(w)] >> (pc[1] & 63); pc += 2
                case .i64EqImm: fp.setBool(opA(w), fp[opB(w)] == pc[1]); pc += 2
                case .i64NeImm: fp.setBool(opA(w), fp[opB(w)] != pc[1]); pc += 2
                case .i64LtSImm: fp.setBool(opA(w), Int64(bitPattern: fp[opB(w)]) < Int64(bitPattern: pc[1])); pc += 2
                case .i64LtUImm: fp.setBool(opA(w), fp[opB(w)] < pc[1]); pc += 2
                case .i64GtSImm: fp.setBool(opA(w), Int64(bitPattern: fp[opB(w)]) > Int64(bitPattern: pc[1])); pc += 2
                case .i64GtUImm: fp.setBool(opA(w), fp[opB(w)] > pc[1]); pc += 2
                case .i64LeSImm: fp.setBool(opA(w), Int64(bitPattern: fp[opB(w)]) <= Int64(bitPattern: pc[1])); pc += 2
                case .i64LeUImm: fp.setBool(opA(w), fp[opB(w)] <= pc[1]); pc += 2
                case .i64GeSImm: fp.setBool(opA(w), Int64(bitPattern: fp[opB(w)]) >= Int64(bitPattern: pc[1])); pc += 2
                case .i64GeUImm: fp.setBool(opA(w), fp[opB(w)] >= pc[1]); pc += 2
                case .i64RotlImm: fp[opA(w)] = Semantics.rotl(fp[opB(w)], pc[1]); pc += 2
                case .i64RotrImm: fp[opA(w)] = Semantics.rotr(fp[opB(w)], pc[1]); pc += 2
                case .i64Eqz: fp.setBool(opA(w), fp[opB(w)] == 0); pc += 1
                case .i64Clz: fp[opA(w)] = UInt64(fp[opB(w)].leadingZeroBitCount); pc += 1
                case .i64Ctz: fp[opA(w)] = UInt64(fp[opB(w)].trailingZeroBitCount); pc += 1
                case .i64Popcnt: fp[opA(w)] = UInt64(fp[opB(w)].nonzeroBitCount); pc += 1
                case .i64Extend8S: fp[opA(w)] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: fp[opB(w)]))); pc += 1
                case .i64Extend16S: fp[opA(w)] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: fp[opB(w)]))); pc += 1
                case .i64Extend32S: fp[opA(w)] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: fp[opB(w)]))); pc += 1
                case .i64ExtendI32S: fp[opA(w)] = UInt64(bitPattern: Int64(Int32(bitPattern: fp.i32(opB(w))))); pc += 1
                case .i64ExtendI32U: fp[opA(w)] = UInt64(fp.i32(opB(w))); pc += 1

                // MARK: f32
                case .f32Add: fp.setF32(opA(w), fp.f32(opB(w)) + fp.f32(opC(w))); pc += 1
                case .f32Sub: fp.setF32(opA(w), fp.f32(opB(w)) - fp.f32(opC(w))); pc += 1
                case .f32Mul: fp.setF32(opA(w), fp.f32(opB(w)) * fp.f32(opC(w))); pc += 1
                case .f32Div: fp.setF32(opA(w), fp.f32(opB(w)) / fp.f32(opC(w))); pc += 1
                case .f32Min: fp.setF32(opA(w), Semantics.min(fp.f32(opB(w)), fp.f32(opC(w)))); pc += 1
                case .f32Max: fp.setF32(opA(w), Semantics.max(fp.f32(opB(w)), fp.f32(opC(w)))); pc += 1
                case .f32Copysign:
                    fp.setI32(opA(w), (fp.i32(opB(w)) & 0x7FFF_FFFF) | (fp.i32(opC(w)) & 0x8000_0000)); pc += 1
                case .f32Eq: fp.setBool(opA(w), fp.f32(opB(w)) == fp.f32(opC(w))); pc += 1
                case .f32Ne: fp.setBool(opA(w), fp.f32(opB(w)) != fp.f32(opC(w))); pc += 1
                case .f32Lt: fp.setBool(opA(w), fp.f32(opB(w)) < fp.f32(opC(w))); pc += 1
                case .f32Gt: fp.setBool(opA(w), fp.f32(opB(w)) > fp.f32(opC(w))); pc += 1
                case .f32Le: fp.setBool(opA(w), fp.f32(opB(w)) <= fp.f32(opC(w))); pc += 1
                case .f32Ge: fp.setBool(opA(w), fp.f32(opB(w)) >= fp.f32(opC(w))); pc += 1
                case .f32Abs: fp.setI32(opA(w), fp.i32(opB(w)) & 0x7FFF_FFFF); pc += 1
                case .f32Neg: fp.setI32(opA(w), fp.i32(opB(w)) ^ 0x8000_0000); pc += 1
                case .f32Ceil: fp.setF32(opA(w), fp.f32(opB(w)).rounded(.up)); pc += 1
                case .f32Floor: fp.setF32(opA(w), fp.f32(opB(w)).rounded(.down)); pc += 1
                case .f32Trunc: fp.setF32(opA(w), fp.f32(opB(w)).rounded(.towardZero)); pc += 1
                case .f32Nearest: fp.setF32(opA(w), Semantics.nearest(fp.f32(opB(w)))); pc += 1
                case .f32Sqrt: fp.setF32(opA(w), fp.f32(opB(w)).squareRoot()); pc += 1

                // MARK: f64
                case .f64Add: fp.setF64(opA(w), fp.f64(opB(w)) + fp.f64(opC(w))); pc += 1
                case .f64Sub: fp.setF64(opA(w), fp.f64(opB(w)) - fp.f64(opC(w))); pc += 1
                case .f64Mul: fp.setF64(opA(w), fp.f64(opB(w)) * fp.f64(opC(w))); pc += 1
                case .f64Div: fp.setF64(opA(w), fp.f64(opB(w)) / fp.f64(opC(w))); pc += 1
                case .f64Min: fp.setF64(opA(w), Semantics.min(fp.f64(opB(w)), fp.f64(opC(w)))); pc += 1
                case .f64Max: fp.setF64(opA(w), Semantics.max(fp.f64(opB(w)), fp.f64(opC(w)))); pc += 1
                case .f64Copysign:
                    fp[opA(w)] = (fp[opB(w)] & 0x7FFF_FFFF_FFFF_FFFF) | (fp[opC(w)] & 0x8000_0000_0000_0000); pc += 1
                case .f64Eq: fp.setBool(opA(w), fp.f64(opB(w)) == fp.f64(opC(w))); pc += 1
                case .f64Ne: fp.setBool(opA(w), fp.f64(opB(w)) != fp.f64(opC(w))); pc += 1
                case .f64Lt: fp.setBool(opA(w), fp.f64(opB(w)) < fp.f64(opC(w))); pc += 1
                case .f64Gt: fp.setBool(opA(w), fp.f64(opB(w)) > fp.f64(opC(w))); pc += 1
                case .f64Le: fp.setBool(opA(w), fp.f64(opB(w)) <= fp.f64(opC(w))); pc += 1
                case .f64Ge: fp.setBool(opA(w), fp.f64(opB(w)) >= fp.f64(opC(w))); pc += 1
                case .f64Abs: fp[opA(w)] = fp[opB(w)] & 0x7FFF_FFFF_FFFF_FFFF; pc += 1
                case .f64Neg: fp[opA(w)] = fp[opB(w)] ^ 0x8000_0000_0000_0000; pc += 1
                case .f64Ceil: fp.setF64(opA(w), fp.f64(opB(w)).rounded(.up)); pc += 1
                case .f64Floor: fp.setF64(opA(w), fp.f64(opB(w)).rounded(.down)); pc += 1
                case .f64Trunc: fp.setF64(opA(w), fp.f64(opB(w)).rounded(.towardZero)); pc += 1
                case .f64Nearest: fp.setF64(opA(w), Semantics.nearest(fp.f64(opB(w)))); pc += 1
                case .f64Sqrt: fp.setF64(opA(w), fp.f64(opB(w)).squareRoot()); pc += 1

                // MARK: Conversions
                case .i32TruncF32S:
                    do { fp[opA(w)] = try Semantics.truncate(Double(fp.f32(opB(w))), signed: true, bits: 32) & 0xFFFF_FFFF } catch { throw .trap(error) }
                    pc += 1
                case .i32TruncF32U:
                    do { fp[opA(w)] = try Semantics.truncate(Double(fp.f32(opB(w))), signed: false, bits: 32) } catch { throw .trap(error) }
                    pc += 1
                case .i32TruncF64S:
                    do { fp[opA(w)] = try Semantics.truncate(fp.f64(opB(w)), signed: true, bits: 32) & 0xFFFF_FFFF } catch { throw .trap(error) }
                    pc += 1
                case .i32TruncF64U:
                    do { fp[opA(w)] = try Semantics.truncate(fp.f64(opB(w)), signed: false, bits: 32) } catch { throw .trap(error) }
                    pc += 1
                case .i64TruncF32S:
                    do { fp[opA(w)] = try Semantics.truncate(Double(fp.f32(opB(w))), signed: true, bits: 64) } catch { throw .trap(error) }
                    pc += 1
                case .i64TruncF32U:
                    do { fp[opA(w)] = try Semantics.truncate(Double(fp.f32(opB(w))), signed: false, bits: 64) } catch { throw .trap(error) }
                    pc += 1
                case .i64TruncF64S:
                    do { fp[opA(w)] = try Semantics.truncate(fp.f64(opB(w)), signed: true, bits: 64) } catch { throw .trap(error) }
                    pc += 1
                case .i64TruncF64U:
                    do { fp[opA(w)] = try Semantics.truncate(fp.f64(opB(w)), signed: false, bits: 64) } catch { throw .trap(error) }
                    pc += 1
                case .i32TruncSatF32S: fp[opA(w)] = Semantics.truncateSaturating(Double(fp.f32(opB(w))), signed: true, bits: 32); pc += 1
                case .i32TruncSatF32U: fp[opA(w)] = Semantics.truncateSaturating(Double(fp.f32(opB(w))), signed: false, bits: 32); pc += 1
                case .i32TruncSatF64S: fp[opA(w)] = Semantics.truncateSaturating(fp.f64(opB(w)), signed: true, bits: 32); pc += 1
                case .i32TruncSatF64U: fp[opA(w)] = Semantics.truncateSaturating(fp.f64(opB(w)), signed: false, bits: 32); pc += 1
                case .i64TruncSatF32S: fp[opA(w)] = Semantics.truncateSaturating(Double(fp.f32(opB(w))), signed: true, bits: 64); pc += 1
                case .i64TruncSatF32U: fp[opA(w)] = Semantics.truncateSaturating(Double(fp.f32(opB(w))), signed: false, bits: 64); pc += 1
                case .i64TruncSatF64S: fp[opA(w)] = Semantics.truncateSaturating(fp.f64(opB(w)), signed: true, bits: 64); pc += 1
                case .i64TruncSatF64U: fp[opA(w)] = Semantics.truncateSaturating(fp.f64(opB(w)), signed: false, bits: 64); pc += 1
                case .f32ConvertI32S: fp.setF32(opA(w), Float(Int32(bitPattern: fp.i32(opB(w))))); pc += 1
                case .f32ConvertI32U: fp.setF32(opA(w), Float(fp.i32(opB(w)))); pc += 1
                case .f32ConvertI64S: fp.setF32(opA(w), Float(Int64(bitPattern: fp[opB(w)]))); pc += 1
                case .f32ConvertI64U: fp.setF32(opA(w), Float(fp[opB(w)])); pc += 1
                case .f32DemoteF64: fp.setF32(opA(w), Float(fp.f64(opB(w)))); pc += 1
                case .f64ConvertI32S: fp.setF64(opA(w), Double(Int32(bitPattern: fp.i32(opB(w))))); pc += 1
                case .f64ConvertI32U: fp.setF64(opA(w), Double(fp.i32(opB(w)))); pc += 1
                case .f64ConvertI64S: fp.setF64(opA(w), Double(Int64(bitPattern: fp[opB(w)]))); pc += 1
                case .f64ConvertI64U: fp.setF64(opA(w), Double(fp[opB(w)])); pc += 1
                case .f64PromoteF32: fp.setF64(opA(w), Double(fp.f32(opB(w)))); pc += 1

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

/// The operand fields of an instruction's first word (see `Op`).
@inline(__always) func opA(_ w: UInt64) -> Int { Int(truncatingIfNeeded: (w >> 16) & 0xFFFF) }
@inline(__always) func opB(_ w: UInt64) -> Int { Int(truncatingIfNeeded: (w >> 32) & 0xFFFF) }
@inline(__always) func opC(_ w: UInt64) -> Int { Int(truncatingIfNeeded: w >> 48) }

/// Bounds-checks an access of `width` bytes at `address + offset` in memory 0 and returns
/// where it is in host memory. The sum is 64-bit, so it cannot wrap: a 32-bit address
/// plus a 32-bit offset stays below 2^33.
@inline(__always)
func effectiveAddress(_ r: UnsafeMutablePointer<Registers>, _ address: UInt32, _ offset: UInt64,
                      _ width: UInt64) throws(Unwind) -> UnsafeMutableRawPointer {
    let ea = UInt64(address) &+ offset
    guard ea &+ width <= r.pointee.memorySize else { throw .trap(.outOfBoundsMemoryAccess) }
    return r.pointee.memoryBase + Int(ea)
}

@inline(__always) func load8S(_ r: UnsafeMutablePointer<Registers>, _ a: UInt32, _ o: UInt64) throws(Unwind) -> UInt64 {
    UInt64(bitPattern: Int64(try effectiveAddress(r, a, o, 1).load(as: Int8.self)))
}
@inline(__always) func load8U(_ r: UnsafeMutablePointer<Registers>, _ a: UInt32, _ o: UInt64) throws(Unwind) -> UInt64 {
    UInt64(try effectiveAddress(r, a, o, 1).load(as: UInt8.self))
}
@inline(__always) func load16S(_ r: UnsafeMutablePointer<Registers>, _ a: UInt32, _ o: UInt64) throws(Unwind) -> UInt64 {
    UInt64(bitPattern: Int64(try effectiveAddress(r, a, o, 2).loadUnaligned(as: Int16.self)))
}
@inline(__always) func load16U(_ r: UnsafeMutablePointer<Registers>, _ a: UInt32, _ o: UInt64) throws(Unwind) -> UInt64 {
    UInt64(try effectiveAddress(r, a, o, 2).loadUnaligned(as: UInt16.self))
}
@inline(__always) func load32S(_ r: UnsafeMutablePointer<Registers>, _ a: UInt32, _ o: UInt64) throws(Unwind) -> UInt64 {
    UInt64(bitPattern: Int64(try effectiveAddress(r, a, o, 4).loadUnaligned(as: Int32.self)))
}
@inline(__always) func load32U(_ r: UnsafeMutablePointer<Registers>, _ a: UInt32, _ o: UInt64) throws(Unwind) -> UInt64 {
    UInt64(try effectiveAddress(r, a, o, 4).loadUnaligned(as: UInt32.self))
}
@inline(__always) func load64(_ r: UnsafeMutablePointer<Registers>, _ a: UInt32, _ o: UInt64) throws(Unwind) -> UInt64 {
    try effectiveAddress(r, a, o, 8).loadUnaligned(as: UInt64.self)
}

/// The target of a taken jump (offset in word 1). A backward (or self) jump closes a loop
/// iteration: it counts it and checks the interrupt flag, so that no loop runs unchecked.
@inline(__always)
func jumpTarget(_ pc: UnsafeMutablePointer<UInt64>, _ r: UnsafeMutablePointer<Registers>,
                _ interrupt: UnsafeMutablePointer<Int>) throws(Unwind) -> UnsafeMutablePointer<UInt64> {
    let offset = Int(Int64(bitPattern: pc[1]))
    if offset <= 0 { try backEdge(r, interrupt) }
    return pc + offset
}

@inline(__always)
func backEdge(_ r: UnsafeMutablePointer<Registers>, _ interrupt: UnsafeMutablePointer<Int>) throws(Unwind) {
    r.pointee.backEdgeBudget &-= 1
    if r.pointee.backEdgeBudget < 0 { try backEdgeBudgetSpent(r, interrupt) }
}

/// Every `Registers.backEdgeInterval` loop iterations: credit them to the running
/// function's loop counter and check the interrupt flag. Checking every iteration would
/// cost more than the loop bodies of tight loops; a few thousand iterations are
/// microseconds, so an interrupt is still seen at once.
@inline(never)
func backEdgeBudgetSpent(_ r: UnsafeMutablePointer<Registers>, _ interrupt: UnsafeMutablePointer<Int>) throws(Unwind) {
    r.pointee.function.pointee.loopCount &+= UInt64(Registers.backEdgeInterval)
    r.pointee.backEdgeBudget = Registers.backEdgeInterval
    if interrupt.pointee != 0 {
        interrupt.pointee = 0
        throw .trap(.interrupted)
    }
}
