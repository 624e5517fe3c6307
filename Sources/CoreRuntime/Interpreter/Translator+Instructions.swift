import WasmFormat

/// The mapping of each wasm instruction onto interpreter code.
extension Translator {
    mutating func translate(_ instruction: Instruction) throws(RuntimeError) {
        switch instruction {
        case .plain(let op): try translatePlain(op)
        case .block(let bt): beginBlock(.block, bt)
        case .loop(let bt): beginBlock(.loop, bt)
        case .if(let bt): beginIf(bt)
        case .tryTable(let bt, let catches): beginTryTable(bt, catches)
        case .throw(let tag): throwTag(tag)
        case .br(let l):
            emitBranch(to: Int(l))
            markUnreachable()
        case .brIf(let l): brIf(Int(l))
        case .brTable(let labels, let d): brTable(labels, default: d)
        case .brOnNull(let l): brOnNull(Int(l), onNull: true)
        case .brOnNonNull(let l): brOnNull(Int(l), onNull: false)
        case .call(let f): call(f)
        case .callIndirect(let t, let table): callIndirect(type: t, table: table, tail: false)
        case .returnCall(let f): returnCall(f)
        case .returnCallIndirect(let t, let table): callIndirect(type: t, table: table, tail: true)
        case .callRef(let t): callRef(type: t, tail: false)
        case .returnCallRef(let t): callRef(type: t, tail: true)
        case .selectTyped: select()

        case .localGet(let i):
            push(location: .local(localSlot[Int(i)]), type: localTypes[Int(i)])
        case .localSet(let i): setLocal(Int(i), tee: false)
        case .localTee(let i): setLocal(Int(i), tee: true)
        case .globalGet(let g):
            let type = info.globals[Int(g)].valueType
            let home = UInt16(truncatingIfNeeded: nextHome)
            emit(type == .v128 ? .globalGet128 : .globalGet, home)
            word(UInt64(g))
            pushResult(type)
        case .globalSet(let g):
            let wide = info.globals[Int(g)].valueType == .v128
            let s = popSlot()
            emit(wide ? .globalSet128 : .globalSet, s)
            word(UInt64(g))

        case .tableGet(let t):
            let index = popSlot()
            emit(.tableGet, UInt16(truncatingIfNeeded: nextHome), index)
            word(UInt64(t))
            pushResult(.ref(info.tables[Int(t)].elementType))
        case .tableSet(let t):
            let value = popSlot()
            let index = popSlot()
            emit(.tableSet, index, value)
            word(UInt64(t))
        case .tableSize(let t):
            emit(.tableSize, UInt16(truncatingIfNeeded: nextHome))
            word(UInt64(t))
            pushResult(info.tables[Int(t)].limits.addressType.valueType)
        case .tableGrow(let t):
            let delta = popSlot()
            let initial = popSlot()
            emit(.tableGrow, UInt16(truncatingIfNeeded: nextHome), initial, delta)
            word(UInt64(t))
            pushResult(info.tables[Int(t)].limits.addressType.valueType)
        case .tableFill(let t):
            let (a, b, c) = popThree()
            emit(.tableFill, a, b, c)
            word(UInt64(t))
        case .tableCopy(let d, let s):
            let (a, b, c) = popThree()
            emit(.tableCopy, a, b, c)
            word(UInt64(d) | UInt64(s) << 32)
        case .tableInit(let e, let t):
            let (a, b, c) = popThree()
            emit(.tableInit, a, b, c)
            word(UInt64(e) | UInt64(t) << 32)
        case .elemDrop(let e):
            emit(.elemDrop)
            word(UInt64(e))

        case .memory(let op, let memarg): memoryAccess(op, memarg)
        case .memoryLane(let op, let memarg, let lane): memoryLaneAccess(op, memarg, lane)
        case .memorySize(let m):
            emit(.memorySize, UInt16(truncatingIfNeeded: nextHome))
            word(UInt64(m))
            pushResult(info.memories[Int(m)].limits.addressType.valueType)
        case .memoryGrow(let m):
            let delta = popSlot()
            emit(.memoryGrow, UInt16(truncatingIfNeeded: nextHome), delta)
            word(UInt64(m))
            pushResult(info.memories[Int(m)].limits.addressType.valueType)
        case .memoryFill(let m):
            let (a, b, c) = popThree()
            emit(.memoryFill, a, b, c)
            word(UInt64(m))
        case .memoryCopy(let d, let s):
            let (a, b, c) = popThree()
            emit(.memoryCopy, a, b, c)
            word(UInt64(d) | UInt64(s) << 32)
        case .memoryInit(let d, let m):
            let (a, b, c) = popThree()
            emit(.memoryInit, a, b, c)
            word(UInt64(d) | UInt64(m) << 32)
        case .dataDrop(let d):
            emit(.dataDrop)
            word(UInt64(d))
        case .atomicFence:
            break

        case .i32Const(let v): push(location: .const(UInt64(UInt32(bitPattern: v))), type: .i32)
        case .i64Const(let v): push(location: .const(UInt64(bitPattern: v)), type: .i64)
        case .f32Const(let bits): push(location: .const(UInt64(bits)), type: .f32)
        case .f64Const(let bits): push(location: .const(bits), type: .f64)
        case .v128Const(let v): push(location: .const128(v), type: .v128)

        case .refNull(let h): push(location: .const(0), type: .ref(RefType(nullable: true, heapType: h)))
        case .refFunc(let f):
            emit(.refFunc, UInt16(truncatingIfNeeded: nextHome))
            word(UInt64(f))
            pushResult(.ref(RefType(nullable: false, heapType: .concrete(info.functionTypeIndices[Int(f)]))))

        case .i8x16Shuffle(let lanes):
            let b = popSlot()
            let a = popSlot()
            emit(.shuffle, UInt16(truncatingIfNeeded: nextHome), a, b)
            word(lanes.low)
            word(lanes.high)
            pushResult(.v128)
        case .lane(let op, let lane):
            let signature = op.signature
            var b: UInt16 = 0
            if signature.parameters.count == 2 { b = popSlot() }
            let a = popSlot()
            emit(.vectorLane, UInt16(truncatingIfNeeded: nextHome), a, b)
            word(UInt64(op.rawValue))
            word(UInt64(lane))
            pushResult(signature.results[0])

        case .legacyTry(let bt): beginLegacyTry(bt)
        case .legacyCatch(let tag): legacyCatch(tag: tag)
        case .legacyRethrow(let label): legacyRethrow(label)
        case .legacyDelegate(let label): legacyDelegate(label)
        case .refTest, .refCast, .brOnCast, .brOnCastFail, .structNew, .structNewDefault, .structGet,
             .structGetS, .structGetU, .structSet, .arrayNew, .arrayNewDefault, .arrayNewFixed,
             .arrayNewData, .arrayNewElem, .arrayGet, .arrayGetS, .arrayGetU, .arraySet, .arrayFill,
             .arrayCopy, .arrayInitData, .arrayInitElem:
            throw RuntimeError(.unsupported, "garbage collection instructions")
        }
    }

    mutating func popThree() -> (UInt16, UInt16, UInt16) {
        let c = popSlot()
        let b = popSlot()
        let a = popSlot()
        return (a, b, c)
    }

    mutating func select() {
        let condition = popSlot()
        let b = popSlot()
        let aEntry = pop()
        let a = slot(of: aEntry)
        let home = UInt16(truncatingIfNeeded: nextHome)
        emit(aEntry.wide ? .select128 : .select, home, a, b)
        word(UInt64(condition))
        pushResult(aEntry.type)
    }

    mutating func setLocal(_ index: Int, tee: Bool) {
        let slot = localSlot[index]
        let type = localTypes[index]
        // `local.get x; local.set x` leaves x as it is.
        if stack.last?.location == .local(slot) && pendingReads[index] == 1 {
            let e = pop()
            if tee { push(location: .local(slot), type: type) }
            _ = e
            return
        }
        let topIndex = stack.count - 1
        if pendingReads[index] == 0, stack[topIndex].location == .home,
           let last, last.producedEntry == topIndex, last.op.writesA {
            // Forward the result: the instruction writes the local directly.
            code[last.start] = (code[last.start] & ~(0xFFFF << 16)) | UInt64(slot) << 16
            _ = pop()
            self.last = nil
        } else {
            let e = pop()
            flushReads(ofLocal: index)
            emitMove(e, to: slot)
            self.last = nil
        }
        if tee { push(location: .local(slot), type: type) }
    }

    // MARK: Memory

    mutating func memoryAccess(_ op: MemoryOp, _ memarg: MemArg) {
        let signature = op.signature
        let fast = memarg.memory == 0 && !info.memories.isEmpty && info.memories[0].limits.addressType == .i32
            && memarg.offset <= UInt64(UInt32.max)
        if fast, let access = FastAccess(op) {
            let isLoad = access.isLoad
            let addressIndex = stack.count - (isLoad ? 1 : 2)
            // An address an `i32.add` just computed is folded into the access.
            var fused: (op: Op, index: UInt16?, immediate: UInt64?, base: UInt16)?
            // (A store's constant value is copied to its home slot first, which must not
            // be one of the add's operands.)
            if stack[addressIndex].location == .home, let last, last.producedEntry == addressIndex,
               isLoad || !stack[stack.count - 1].location.isConstant
                || !last.reads(stack[stack.count - 1].home, in: code),
               last.op == .i32Add || last.op == .i32AddImm {
                let word = code[last.start]
                let base = UInt16(truncatingIfNeeded: word >> 32)
                if last.op == .i32Add {
                    fused = (access.added, UInt16(truncatingIfNeeded: word >> 48), nil, base)
                } else {
                    fused = (access.addedImmediate, nil, code[last.start + 1], base)
                }
                code.removeSubrange(last.start...)
                self.last = nil
            }
            if isLoad {
                let address = pop()
                let home = UInt16(truncatingIfNeeded: nextHome)
                if let fused {
                    emit(fused.op, home, fused.base, fused.index ?? 0)
                    word(memarg.offset)
                    if let immediate = fused.immediate { word(immediate) }
                } else {
                    let addressSlot = slot(of: address)
                    emit(access.plain, home, addressSlot)
                    word(memarg.offset)
                }
                pushResult(signature.results[0])
            } else {
                let value = popSlot()
                let address = pop()
                if let fused {
                    emit(fused.op, fused.base, value, fused.index ?? 0)
                    word(memarg.offset)
                    if let immediate = fused.immediate { word(immediate) }
                } else {
                    emit(access.plain, slot(of: address), value)
                    word(memarg.offset)
                }
                bindLabel()
            }
            return
        }
        // The general path: operands are contiguous home slots from A.
        let n = signature.parameters.count
        materializeTop(n)
        let base = stack[stack.count - n].home
        for _ in 0..<n { _ = pop() }
        emit(.memoryAccess, base)
        word(memarg.offset)
        word(UInt64(memarg.memory) | UInt64(op.rawValue) << 32)
        for r in signature.results { pushResult(r) }
    }

    mutating func memoryLaneAccess(_ op: MemoryLaneOp, _ memarg: MemArg, _ lane: UInt8) {
        let signature = op.signature
        materializeTop(2)
        let base = stack[stack.count - 2].home
        _ = pop()
        _ = pop()
        emit(.memoryAccess, base)
        word(memarg.offset)
        word(UInt64(memarg.memory) | UInt64(op.rawValue) << 32 | UInt64(lane) << 24 | 1 << 31)
        for r in signature.results { pushResult(r) }
    }

    // MARK: Instructions without immediates

    mutating func translatePlain(_ op: PlainOp) throws(RuntimeError) {
        switch op {
        case .unreachable:
            emit(.unreachable)
            markUnreachable()
        case .nop:
            break
        case .else:
            elseBlock()
        case .end:
            endBlock()
        case .return:
            emitReturn()
            markUnreachable()
        case .drop:
            _ = pop()
        case .select:
            select()
        case .throwRef:
            let s = popSlot()
            emit(.throwRef, s)
            markUnreachable()
        case .refIsNull: unary(.refIsNull, result: .i32)
        case .refAsNonNull:
            var type = stack[stack.count - 1].type
            if case .ref(let r) = type { type = .ref(RefType(nullable: false, heapType: r.heapType)) }
            unary(.refAsNonNull, result: type)
        case .refEq: binary(.refEq, result: .i32)
        case .catchAll:
            legacyCatch(tag: nil)
        case .arrayLen, .anyConvertExtern, .externConvertAny, .refI31, .i31GetS, .i31GetU:
            throw RuntimeError(.unsupported, "garbage collection instructions")
        case .i64Add128, .i64Sub128, .i64MulWideS, .i64MulWideU:
            wideArithmetic(op)
        case .i32ReinterpretF32, .i64ReinterpretF64, .f32ReinterpretI32, .f64ReinterpretI64:
            // Slots hold bit patterns: a reinterpretation changes nothing.
            break
        default:
            if let scalar = Self.scalarOp(op) {
                let signature = op.signature!
                if signature.parameters.count == 2 {
                    binary(scalar, result: signature.results[0])
                } else {
                    unary(scalar, result: signature.results[0])
                }
            } else {
                vector(op)
            }
        }
    }

    mutating func unary(_ op: Op, result: ValueType) {
        let src = popSlot()
        emit(op, UInt16(truncatingIfNeeded: nextHome), src)
        pushResult(result)
    }

    mutating func binary(_ op: Op, result: ValueType) {
        var rhs = stack[stack.count - 1]
        var lhs = stack[stack.count - 2]
        var op = op
        // A constant on the left of a commutative or mirrorable operator moves right.
        if case .const = lhs.location, rhs.location.isConstant == false, let mirrored = op.mirrored {
            swap(&lhs, &rhs)
            op = mirrored
        }
        if case .const(let v) = rhs.location, let immediateForm = op.immediateForm {
            _ = pop()
            _ = pop()
            let lhsSlot = slot(of: lhs)
            emit(immediateForm, UInt16(truncatingIfNeeded: nextHome), lhsSlot)
            word(v)
            pushResult(result)
            return
        }
        _ = pop()
        _ = pop()
        let lhsSlot = slot(of: lhs)
        let rhsSlot = slot(of: rhs)
        emit(op, UInt16(truncatingIfNeeded: nextHome), lhsSlot, rhsSlot)
        pushResult(result)
    }

    mutating func vector(_ op: PlainOp) {
        let signature = op.signature!
        let n = signature.parameters.count
        var slots: [UInt16] = []
        for _ in 0..<n { slots.append(popSlot()) }
        slots.reverse()
        let home = UInt16(truncatingIfNeeded: nextHome)
        emit(.vector, home, n > 0 ? slots[0] : 0, n > 1 ? slots[1] : 0)
        word(UInt64(op.rawValue))
        word(n > 2 ? UInt64(slots[2]) : 0)
        pushResult(signature.results[0])
    }

    mutating func wideArithmetic(_ op: PlainOp) {
        let signature = op.signature!
        let n = signature.parameters.count
        materializeTop(n)
        let base = stack[stack.count - n].home
        for _ in 0..<n { _ = pop() }
        emit(.wide, base, base)
        word(UInt64(op.rawValue))
        word(0)
        for r in signature.results { push(r) }
        bindLabel()
    }

    /// The interpreter opcode for a scalar numeric wasm operator.
    static func scalarOp(_ op: PlainOp) -> Op? {
        scalarOps[op]
    }

    static let scalarOps: [PlainOp: Op] = {
        let pairs: [(PlainOp, Op)] = [
            (.i32Add, .i32Add), (.i32Sub, .i32Sub), (.i32Mul, .i32Mul), (.i32DivS, .i32DivS), (.i32DivU, .i32DivU),
            (.i32RemS, .i32RemS), (.i32RemU, .i32RemU), (.i32And, .i32And), (.i32Or, .i32Or), (.i32Xor, .i32Xor),
            (.i32Shl, .i32Shl), (.i32ShrS, .i32ShrS), (.i32ShrU, .i32ShrU), (.i32Rotl, .i32Rotl), (.i32Rotr, .i32Rotr),
            (.i32Eq, .i32Eq), (.i32Ne, .i32Ne), (.i32LtS, .i32LtS), (.i32LtU, .i32LtU), (.i32GtS, .i32GtS),
            (.i32GtU, .i32GtU), (.i32LeS, .i32LeS), (.i32LeU, .i32LeU), (.i32GeS, .i32GeS), (.i32GeU, .i32GeU),
            (.i32Eqz, .i32Eqz), (.i32Clz, .i32Clz), (.i32Ctz, .i32Ctz), (.i32Popcnt, .i32Popcnt),
            (.i32Extend8S, .i32Extend8S), (.i32Extend16S, .i32Extend16S), (.i32WrapI64, .i32WrapI64),
            (.i64Add, .i64Add), (.i64Sub, .i64Sub), (.i64Mul, .i64Mul), (.i64DivS, .i64DivS), (.i64DivU, .i64DivU),
            (.i64RemS, .i64RemS), (.i64RemU, .i64RemU), (.i64And, .i64And), (.i64Or, .i64Or), (.i64Xor, .i64Xor),
            (.i64Shl, .i64Shl), (.i64ShrS, .i64ShrS), (.i64ShrU, .i64ShrU), (.i64Rotl, .i64Rotl), (.i64Rotr, .i64Rotr),
            (.i64Eq, .i64Eq), (.i64Ne, .i64Ne), (.i64LtS, .i64LtS), (.i64LtU, .i64LtU), (.i64GtS, .i64GtS),
            (.i64GtU, .i64GtU), (.i64LeS, .i64LeS), (.i64LeU, .i64LeU), (.i64GeS, .i64GeS), (.i64GeU, .i64GeU),
            (.i64Eqz, .i64Eqz), (.i64Clz, .i64Clz), (.i64Ctz, .i64Ctz), (.i64Popcnt, .i64Popcnt),
            (.i64Extend8S, .i64Extend8S), (.i64Extend16S, .i64Extend16S), (.i64Extend32S, .i64Extend32S),
            (.i64ExtendI32S, .i64ExtendI32S), (.i64ExtendI32U, .i64ExtendI32U),
            (.f32Add, .f32Add), (.f32Sub, .f32Sub), (.f32Mul, .f32Mul), (.f32Div, .f32Div), (.f32Min, .f32Min),
            (.f32Max, .f32Max), (.f32Copysign, .f32Copysign), (.f32Eq, .f32Eq), (.f32Ne, .f32Ne), (.f32Lt, .f32Lt),
            (.f32Gt, .f32Gt), (.f32Le, .f32Le), (.f32Ge, .f32Ge), (.f32Abs, .f32Abs), (.f32Neg, .f32Neg),
            (.f32Ceil, .f32Ceil), (.f32Floor, .f32Floor), (.f32Trunc, .f32Trunc), (.f32Nearest, .f32Nearest), (.f32Sqrt, .f32Sqrt),
            (.f64Add, .f64Add), (.f64Sub, .f64Sub), (.f64Mul, .f64Mul), (.f64Div, .f64Div), (.f64Min, .f64Min),
            (.f64Max, .f64Max), (.f64Copysign, .f64Copysign), (.f64Eq, .f64Eq), (.f64Ne, .f64Ne), (.f64Lt, .f64Lt),
            (.f64Gt, .f64Gt), (.f64Le, .f64Le), (.f64Ge, .f64Ge), (.f64Abs, .f64Abs), (.f64Neg, .f64Neg),
            (.f64Ceil, .f64Ceil), (.f64Floor, .f64Floor), (.f64Trunc, .f64Trunc), (.f64Nearest, .f64Nearest), (.f64Sqrt, .f64Sqrt),
            (.i32TruncF32S, .i32TruncF32S), (.i32TruncF32U, .i32TruncF32U), (.i32TruncF64S, .i32TruncF64S), (.i32TruncF64U, .i32TruncF64U),
            (.i64TruncF32S, .i64TruncF32S), (.i64TruncF32U, .i64TruncF32U), (.i64TruncF64S, .i64TruncF64S), (.i64TruncF64U, .i64TruncF64U),
            (.i32TruncSatF32S, .i32TruncSatF32S), (.i32TruncSatF32U, .i32TruncSatF32U), (.i32TruncSatF64S, .i32TruncSatF64S),
            (.i32TruncSatF64U, .i32TruncSatF64U), (.i64TruncSatF32S, .i64TruncSatF32S), (.i64TruncSatF32U, .i64TruncSatF32U),
            (.i64TruncSatF64S, .i64TruncSatF64S), (.i64TruncSatF64U, .i64TruncSatF64U),
            (.f32ConvertI32S, .f32ConvertI32S), (.f32ConvertI32U, .f32ConvertI32U), (.f32ConvertI64S, .f32ConvertI64S),
            (.f32ConvertI64U, .f32ConvertI64U), (.f32DemoteF64, .f32DemoteF64),
            (.f64ConvertI32S, .f64ConvertI32S), (.f64ConvertI32U, .f64ConvertI32U), (.f64ConvertI64S, .f64ConvertI64S),
            (.f64ConvertI64U, .f64ConvertI64U), (.f64PromoteF32, .f64PromoteF32),
        ]
        return Dictionary(uniqueKeysWithValues: pairs)
    }()
}

extension Translator.Entry.Location {
    var isConstant: Bool {
        switch self {
        case .const, .const128: true
        default: false
        }
    }
}

extension Op {
    /// The form taking the right operand as an immediate (second word), if there is one.
    var immediateForm: Op? {
        switch self {
        case .i32Add: .i32AddImm
        case .i32Sub: .i32SubImm
        case .i32Mul: .i32MulImm
        case .i32And: .i32AndImm
        case .i32Or: .i32OrImm
        case .i32Xor: .i32XorImm
        case .i32Shl: .i32ShlImm
        case .i32ShrS: .i32ShrSImm
        case .i32ShrU: .i32ShrUImm
        case .i32Rotl: .i32RotlImm
        case .i32Rotr: .i32RotrImm
        case .i32Eq: .i32EqImm
        case .i32Ne: .i32NeImm
        case .i32LtS: .i32LtSImm
        case .i32LtU: .i32LtUImm
        case .i32GtS: .i32GtSImm
        case .i32GtU: .i32GtUImm
        case .i32LeS: .i32LeSImm
        case .i32LeU: .i32LeUImm
        case .i32GeS: .i32GeSImm
        case .i32GeU: .i32GeUImm
        case .i64Add: .i64AddImm
        case .i64Sub: .i64SubImm
        case .i64Mul: .i64MulImm
        case .i64And: .i64AndImm
        case .i64Or: .i64OrImm
        case .i64Xor: .i64XorImm
        case .i64Shl: .i64ShlImm
        case .i64ShrS: .i64ShrSImm
        case .i64ShrU: .i64ShrUImm
        case .i64Rotl: .i64RotlImm
        case .i64Rotr: .i64RotrImm
        case .i64Eq: .i64EqImm
        case .i64Ne: .i64NeImm
        case .i64LtS: .i64LtSImm
        case .i64LtU: .i64LtUImm
        case .i64GtS: .i64GtSImm
        case .i64GtU: .i64GtUImm
        case .i64LeS: .i64LeSImm
        case .i64LeU: .i64LeUImm
        case .i64GeS: .i64GeSImm
        case .i64GeU: .i64GeUImm
        default: nil
        }
    }

    /// The operator with its operands swapped (`a < b` is `b > a`), for integer ops.
    var mirrored: Op? {
        switch self {
        case .i32Add, .i32Mul, .i32And, .i32Or, .i32Xor, .i32Eq, .i32Ne,
             .i64Add, .i64Mul, .i64And, .i64Or, .i64Xor, .i64Eq, .i64Ne: self
        case .i32LtS: .i32GtS
        case .i32LtU: .i32GtU
        case .i32GtS: .i32LtS
        case .i32GtU: .i32LtU
        case .i32LeS: .i32GeS
        case .i32LeU: .i32GeU
        case .i32GeS: .i32LeS
        case .i32GeU: .i32LeU
        case .i64LtS: .i64GtS
        case .i64LtU: .i64GtU
        case .i64GtS: .i64LtS
        case .i64GtU: .i64LtU
        case .i64LeS: .i64GeS
        case .i64LeU: .i64GeU
        case .i64GeS: .i64LeS
        case .i64GeU: .i64LeU
        default: nil
        }
    }

    /// Whether the instruction's only effect on the frame is writing its result to slot
    /// A (so the result can be forwarded into a local by rewriting A).
    var writesA: Bool {
        switch self {
        case .copy, .copy128, .const32, .const64, .const128, .globalGet, .globalGet128, .refFunc, .refIsNull,
             .refAsNonNull, .refEq, .select, .select128, .tableGet, .tableSize, .tableGrow, .memorySize, .memoryGrow,
             .load8S, .load8U, .load16S, .load16U, .load32S, .load32U, .load64,
             .load8SAdd, .load8UAdd, .load16SAdd, .load16UAdd, .load32SAdd, .load32UAdd, .load64Add,
             .load8SAddImm, .load8UAddImm, .load16SAddImm, .load16UAddImm, .load32SAddImm, .load32UAddImm, .load64AddImm,
             .vector, .vectorLane, .shuffle:
            true
        default:
            // The arithmetic block of `Op` (plain and immediate forms) all write A.
            rawValue >= Op.i32Add.rawValue && rawValue <= Op.f64PromoteF32.rawValue
        }
    }
}

/// How a scalar access to memory 0 maps onto the fast memory ops: the plain form and the
/// forms with an `i32.add` (of a register or a constant) folded into the address.
struct FastAccess {
    let plain: Op
    let added: Op
    let addedImmediate: Op
    let isLoad: Bool

    init?(_ op: MemoryOp) {
        switch op {
        case .i32Load8S, .i64Load8S: (plain, added, addedImmediate, isLoad) = (.load8S, .load8SAdd, .load8SAddImm, true)
        case .i32Load8U, .i64Load8U: (plain, added, addedImmediate, isLoad) = (.load8U, .load8UAdd, .load8UAddImm, true)
        case .i32Load16S, .i64Load16S: (plain, added, addedImmediate, isLoad) = (.load16S, .load16SAdd, .load16SAddImm, true)
        case .i32Load16U, .i64Load16U: (plain, added, addedImmediate, isLoad) = (.load16U, .load16UAdd, .load16UAddImm, true)
        case .i64Load32S: (plain, added, addedImmediate, isLoad) = (.load32S, .load32SAdd, .load32SAddImm, true)
        case .i32Load, .f32Load, .i64Load32U: (plain, added, addedImmediate, isLoad) = (.load32U, .load32UAdd, .load32UAddImm, true)
        case .i64Load, .f64Load: (plain, added, addedImmediate, isLoad) = (.load64, .load64Add, .load64AddImm, true)
        case .i32Store8, .i64Store8: (plain, added, addedImmediate, isLoad) = (.store8, .store8Add, .store8AddImm, false)
        case .i32Store16, .i64Store16: (plain, added, addedImmediate, isLoad) = (.store16, .store16Add, .store16AddImm, false)
        case .i32Store, .f32Store, .i64Store32: (plain, added, addedImmediate, isLoad) = (.store32, .store32Add, .store32AddImm, false)
        case .i64Store, .f64Store: (plain, added, addedImmediate, isLoad) = (.store64, .store64Add, .store64AddImm, false)
        default: return nil
        }
    }
}

extension Translator.LastInstruction {
    /// Whether the instruction reads slot `s` (its B or C operand).
    func reads(_ s: UInt16, in code: [UInt64]) -> Bool {
        let word = code[start]
        let b = UInt16(truncatingIfNeeded: word >> 32), c = UInt16(truncatingIfNeeded: word >> 48)
        return b == s || (!op.hasImmediate && c == s)
    }
}
