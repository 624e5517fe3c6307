import WasmFormat

/// Blocks, branches, calls and exceptions.
extension Translator {
    mutating func markUnreachable() {
        guard !controls.isEmpty else { return }
        let height = controls[controls.count - 1].height
        while stack.count > height { _ = pop() }
        controls[controls.count - 1].unreachable = true
        bindLabel()
    }

    mutating func beginBlock(_ kind: Control.Kind, _ blockType: BlockType) {
        let signature = info.blockSignature(blockType)
        let n = signature.parameters.count
        prepareBlockEntry(parameterCount: n, includingConstants: kind != .block && kind != .tryTable && kind != .legacyTry)
        let height = stack.count - n
        let base = height < stack.count ? stack[height].home : UInt16(truncatingIfNeeded: nextHome)
        var control = Control(kind: kind, height: height, parameters: signature.parameters,
                              results: signature.results, base: base)
        if kind == .loop {
            control.loopStart = code.count
            bindLabel()
        }
        control.bodyStart = code.count
        // Results may need more room than parameters.
        maxSlot = max(maxSlot, Int(base) + signature.results.slotCount)
        controls.append(control)
    }

    mutating func beginIf(_ blockType: BlockType) {
        let signature = info.blockSignature(blockType)
        let n = signature.parameters.count
        // The condition is above the parameters. Anything copied home for the block must
        // be copied before the jump, on both paths; when nothing is, the jump may fuse
        // with the compare that made the condition.
        let fixup: (Int, Int)
        if blockEntryNeedsCopies(parameterCount: n, below: 1) {
            let conditionSlot = popSlot()
            prepareBlockEntry(parameterCount: n, includingConstants: true)
            let start = emit(.jumpIfNot, conditionSlot)
            word(0)
            fixup = (start, start + 1)
        } else {
            fixup = emitConditionalJump(whenTrue: false)
        }
        prepareBlockEntry(parameterCount: n, includingConstants: true)
        let height = stack.count - n
        let base = height < stack.count ? stack[height].home : UInt16(truncatingIfNeeded: nextHome)
        var control = Control(kind: .if, height: height, parameters: signature.parameters,
                              results: signature.results, base: base)
        control.elseFixup = fixup
        control.savedParameters = Array(stack[height...])
        maxSlot = max(maxSlot, Int(base) + signature.results.slotCount)
        controls.append(control)
    }

    mutating func elseBlock() {
        var control = controls.removeLast()
        closeArm(&control)
        if let fixup = control.elseFixup { patch(fixup, to: code.count) }
        control.elseFixup = nil
        for e in control.savedParameters {
            stack.append(e)
            if case .local(let s) = e.location, let i = localIndex(ofSlot: s) { pendingReads[i] += 1 }
        }
        control.kind = .else
        control.unreachable = false
        controls.append(control)
    }

    /// Ends one arm of a block (an `if`'s then-arm, a `try` body or catch block): its
    /// results go home and it jumps to the block's end; the stack is back at the block's
    /// height for the next arm.
    mutating func closeArm(_ control: inout Control) {
        if !control.unreachable {
            materializeTop(control.results.count)
            emit(.jump)
            control.fixups.append((code.count - 1, code.count))
            word(0)
        }
        while stack.count > control.height { _ = pop() }
        bindLabel()
    }

    mutating func endBlock() {
        let control = controls.removeLast()
        if !control.unreachable {
            materializeTop(control.results.count)
            // The function's fallthrough may return straight from the last instruction;
            // branches to the end still land on the copying return below.
            if control.kind == .function, forwardResultToReturnSlot(entryIndex: stack.count - 1) {
                emit(.ret)
                while stack.count > control.height { _ = pop() }
                if !control.fixups.isEmpty {
                    bindLabel()
                    for f in control.fixups { patch(f, to: code.count) }
                    emitReturnFromHome(results: control.results, base: control.base)
                }
                return
            }
        }
        while stack.count > control.height { _ = pop() }
        if control.kind == .function && control.unreachable { return }

        if control.kind == .tryTable {
            endTryTable(control)
        } else if control.kind == .legacyTry {
            endLegacyTry(control)
        } else {
            bindLabel()
            for f in control.fixups { patch(f, to: code.count) }
            if let f = control.elseFixup { patch(f, to: code.count) }
        }

        if control.kind == .function {
            emitReturnFromHome(results: control.results, base: control.base)
            return
        }
        for r in control.results { push(r) }
    }

    /// Rewrites the instruction that just produced the only result so that it writes
    /// the result slot fp[0] itself; true when it did (the caller then emits `ret`).
    mutating func forwardResultToReturnSlot(entryIndex: Int) -> Bool {
        guard type.results.count == 1, let last, last.producedEntry == entryIndex, last.op.writesA,
              stack[entryIndex].location == .home else { return false }
        code[last.start] &= ~(0xFFFF << 16)
        self.last = nil
        return true
    }

    /// The function's end: results are in home slots from `base`; copy them to fp[0…].
    mutating func emitReturnFromHome(results: [ValueType], base: UInt16) {
        var source = Int(base)
        var dest = 0
        for r in results {
            if source != dest { emit(r == .v128 ? .copy128 : .copy, UInt16(dest), UInt16(source)) }
            source += r.slotCount
            dest += r.slotCount
        }
        emit(.ret)
    }

    /// `return`: the top entries are the results; copy them to fp[0…].
    mutating func emitReturn() {
        let results = type.results
        let n = results.count
        let resultSlots = results.slotCount
        // A result read from a local that a result copy would overwrite goes home first.
        for i in (stack.count - n)..<stack.count {
            if case .local(let s) = stack[i].location, Int(s) < resultSlots { materialize(at: i) }
        }
        if forwardResultToReturnSlot(entryIndex: stack.count - 1) {
            emit(.ret)
            return
        }
        var dest = 0
        for i in (stack.count - n)..<stack.count {
            emitMove(stack[i], to: UInt16(dest))
            dest += stack[i].wide ? 2 : 1
        }
        emit(.ret)
    }

    /// Copies an entry's value into `dest`, whatever its location.
    mutating func emitMove(_ e: Entry, to dest: UInt16) {
        switch e.location {
        case .home:
            if e.home != dest { emit(e.wide ? .copy128 : .copy, dest, e.home) }
        case .local(let s):
            if s != dest { emit(e.wide ? .copy128 : .copy, dest, s) }
        case .const(let v):
            emit(v <= UInt64(UInt32.max) ? .const32 : .const64, dest)
            word(v)
        case .const128(let v):
            emit(.const128, dest)
            word(v.low)
            word(v.high)
        }
    }

    /// Whether a branch to `label` must copy values (they are not already where the
    /// label expects them).
    func branchNeedsCopies(_ label: Int, skippingTop skip: Int = 0) -> Bool {
        let target = controls[controls.count - 1 - label]
        if target.kind == .function { return true }
        let n = target.labelTypes.count
        guard n > 0 else { return false }
        var dest = Int(target.base)
        for i in (stack.count - skip - n)..<(stack.count - skip) {
            let e = stack[i]
            if !(e.location == .home && Int(e.home) == dest) { return true }
            dest += e.wide ? 2 : 1
        }
        return false
    }

    /// Copies the values a branch to `label` carries into the label's slots (the top
    /// entries, below `skip` entries that stay) and jumps there.
    mutating func emitBranch(to label: Int, skippingTop skip: Int = 0) {
        let index = controls.count - 1 - label
        let target = controls[index]
        let n = target.labelTypes.count
        if target.kind == .function {
            // A branch to the function's label is a return.
            let saved = stack
            let savedReads = pendingReads
            stack.removeLast(skip)
            emitReturn()
            stack = saved
            pendingReads = savedReads
            return
        }
        var dest = Int(target.base)
        for i in (stack.count - skip - n)..<(stack.count - skip) {
            emitMove(stack[i], to: UInt16(dest))
            dest += stack[i].wide ? 2 : 1
        }
        emitJump(toLabelAt: index)
    }

    /// An unconditional jump to a label: backward to a loop, or forward (patched later).
    mutating func emitJump(toLabelAt index: Int) {
        let start = emit(.jump)
        if controls[index].kind == .loop {
            word(UInt64(bitPattern: Int64(controls[index].loopStart - start)))
        } else {
            controls[index].fixups.append((start, code.count))
            word(0)
        }
    }

    /// Emits a jump whose offset word is the instruction's second word and records it
    /// against a label.
    mutating func linkJump(start: Int, toLabelAt index: Int) {
        if controls[index].kind == .loop {
            code[start + 1] = UInt64(bitPattern: Int64(controls[index].loopStart - start))
        } else {
            controls[index].fixups.append((start, start + 1))
        }
    }

    /// Pops an i32 condition and emits a jump taken when it is `whenTrue`, fusing the
    /// compare that produced it when possible. Returns the fixup for the jump's target.
    mutating func emitConditionalJump(whenTrue: Bool) -> (Int, Int) {
        let conditionIndex = stack.count - 1
        let condition = pop()
        if condition.location == .home, let last, last.producedEntry == conditionIndex,
           let fused = fusedJump(for: last, whenTrue: whenTrue) {
            // Rewrite the compare in place as a compare-and-jump.
            let a = UInt16(truncatingIfNeeded: code[last.start] >> 32)
            let b = UInt16(truncatingIfNeeded: code[last.start] >> 48)
            let immediate: UInt64? = last.op.hasImmediate ? code[last.start + 1] : nil
            code.removeSubrange(last.start...)
            let start = emit(fused, a, b)
            word(0)
            if let immediate { word(immediate) }
            return (start, start + 1)
        }
        let slot = slot(of: condition)
        let start = emit(whenTrue ? .jumpIf : .jumpIfNot, slot)
        word(0)
        return (start, start + 1)
    }

    /// The compare-and-jump that replaces `compare` + conditional jump.
    func fusedJump(for last: LastInstruction, whenTrue: Bool) -> Op? {
        // Integer comparisons negate exactly; floats do not (NaN), so they are not fused.
        let pairs: [(Op, Op, Op)] = [
            (.i32Eq, .jumpIfI32Eq, .jumpIfI32Ne), (.i32Ne, .jumpIfI32Ne, .jumpIfI32Eq),
            (.i32LtS, .jumpIfI32LtS, .jumpIfI32GeS), (.i32LtU, .jumpIfI32LtU, .jumpIfI32GeU),
            (.i32GtS, .jumpIfI32GtS, .jumpIfI32LeS), (.i32GtU, .jumpIfI32GtU, .jumpIfI32LeU),
            (.i32LeS, .jumpIfI32LeS, .jumpIfI32GtS), (.i32LeU, .jumpIfI32LeU, .jumpIfI32GtU),
            (.i32GeS, .jumpIfI32GeS, .jumpIfI32LtS), (.i32GeU, .jumpIfI32GeU, .jumpIfI32LtU),
            (.i32EqImm, .jumpIfI32EqImm, .jumpIfI32NeImm), (.i32NeImm, .jumpIfI32NeImm, .jumpIfI32EqImm),
            (.i32LtSImm, .jumpIfI32LtSImm, .jumpIfI32GeSImm), (.i32LtUImm, .jumpIfI32LtUImm, .jumpIfI32GeUImm),
            (.i32GtSImm, .jumpIfI32GtSImm, .jumpIfI32LeSImm), (.i32GtUImm, .jumpIfI32GtUImm, .jumpIfI32LeUImm),
            (.i32LeSImm, .jumpIfI32LeSImm, .jumpIfI32GtSImm), (.i32LeUImm, .jumpIfI32LeUImm, .jumpIfI32GtUImm),
            (.i32GeSImm, .jumpIfI32GeSImm, .jumpIfI32LtSImm), (.i32GeUImm, .jumpIfI32GeUImm, .jumpIfI32LtUImm),
            (.i64Eq, .jumpIfI64Eq, .jumpIfI64Ne), (.i64Ne, .jumpIfI64Ne, .jumpIfI64Eq),
            (.i64LtS, .jumpIfI64LtS, .jumpIfI64GeS), (.i64LtU, .jumpIfI64LtU, .jumpIfI64GeU),
            (.i64GtS, .jumpIfI64GtS, .jumpIfI64LeS), (.i64GtU, .jumpIfI64GtU, .jumpIfI64LeU),
            (.i64LeS, .jumpIfI64LeS, .jumpIfI64GtS), (.i64LeU, .jumpIfI64LeU, .jumpIfI64GtU),
            (.i64GeS, .jumpIfI64GeS, .jumpIfI64LtS), (.i64GeU, .jumpIfI64GeU, .jumpIfI64LtU),
            (.i64EqImm, .jumpIfI64EqImm, .jumpIfI64NeImm), (.i64NeImm, .jumpIfI64NeImm, .jumpIfI64EqImm),
            (.i64LtSImm, .jumpIfI64LtSImm, .jumpIfI64GeSImm), (.i64LtUImm, .jumpIfI64LtUImm, .jumpIfI64GeUImm),
            (.i64GtSImm, .jumpIfI64GtSImm, .jumpIfI64LeSImm), (.i64GtUImm, .jumpIfI64GtUImm, .jumpIfI64LeUImm),
            (.i64LeSImm, .jumpIfI64LeSImm, .jumpIfI64GtSImm), (.i64LeUImm, .jumpIfI64LeUImm, .jumpIfI64GtUImm),
            (.i64GeSImm, .jumpIfI64GeSImm, .jumpIfI64LtSImm), (.i64GeUImm, .jumpIfI64GeUImm, .jumpIfI64LtUImm),
        ]
        for (compare, ifTrue, ifFalse) in pairs where compare == last.op {
            return whenTrue ? ifTrue : ifFalse
        }
        switch last.op {
        case .i32Eqz: return whenTrue ? .jumpIfNot : .jumpIf
        case .i64Eqz: return whenTrue ? .jumpIfI64Eqz : .jumpIfI64Nez
        default: return nil
        }
    }

    mutating func brIf(_ label: Int) {
        let index = controls.count - 1 - label
        if branchNeedsCopies(label, skippingTop: 1) {
            let skip = emitConditionalJump(whenTrue: false)
            emitBranch(to: label)
            bindLabel()
            patch(skip, to: code.count)
        } else {
            let fixup = emitConditionalJump(whenTrue: true)
            linkJump(start: fixup.0, toLabelAt: index)
        }
    }

    mutating func brTable(_ labels: [UInt32], default defaultLabel: UInt32) {
        let index = popSlot()
        let all = labels + [defaultLabel]
        let start = emit(.brTable, index)
        word(UInt64(labels.count))
        let tableStart = code.count
        for _ in all { word(0) }
        // Targets that need copies get a stub after the table.
        for (k, label) in all.enumerated() {
            let l = Int(label)
            let targetIndex = controls.count - 1 - l
            if branchNeedsCopies(l) {
                bindLabel()
                code[tableStart + k] = UInt64(bitPattern: Int64(code.count - start))
                emitBranch(to: l)
            } else if controls[targetIndex].kind == .loop {
                code[tableStart + k] = UInt64(bitPattern: Int64(controls[targetIndex].loopStart - start))
            } else {
                controls[targetIndex].fixups.append((start, tableStart + k))
            }
        }
        markUnreachable()
    }

    /// `br_on_null` / `br_on_non_null`: branch on the reference on top of the stack.
    mutating func brOnNull(_ label: Int, onNull: Bool) {
        let refIndex = stack.count - 1
        let refSlot = slot(of: stack[refIndex])
        let index = controls.count - 1 - label
        // br_on_null carries the values below the reference; br_on_non_null carries the
        // reference too.
        let skip = onNull ? 1 : 0
        if branchNeedsCopies(label, skippingTop: skip) {
            let start = emit(onNull ? .jumpIfNonNull : .jumpIfNull, refSlot)
            word(0)
            emitBranch(to: label, skippingTop: skip)
            bindLabel()
            patch((start, start + 1), to: code.count)
        } else {
            let start = emit(onNull ? .jumpIfNull : .jumpIfNonNull, refSlot)
            word(0)
            linkJump(start: start, toLabelAt: index)
        }
        if !onNull { _ = pop() }
    }

    // MARK: Calls

    /// Makes the top `count` entries contiguous in their home slots and returns the first
    /// slot (where a callee's frame starts).
    mutating func prepareArguments(_ count: Int) -> UInt16 {
        materializeTop(count)
        return count > 0 ? stack[stack.count - count].home : UInt16(truncatingIfNeeded: nextHome)
    }

    mutating func finishCall(argumentBase: UInt16, _ signature: FunctionType) {
        for _ in signature.parameters { _ = pop() }
        for r in signature.results { push(r) }
        maxSlot = max(maxSlot, Int(argumentBase) + max(signature.parameters.slotCount, signature.results.slotCount))
        bindLabel()
    }

    mutating func call(_ function: UInt32) {
        let signature = info.functionType(ofFunction: function)
        let base = prepareArguments(signature.parameters.count)
        emit(.call, base)
        word(UInt64(function))
        finishCall(argumentBase: base, signature)
    }

    mutating func callIndirect(type typeIndex: UInt32, table: UInt32, tail: Bool) {
        let signature = info.functionType(atTypeIndex: typeIndex)
        let indexEntry = pop()
        let base = prepareArguments(signature.parameters.count)
        let indexSlot = slot(of: indexEntry)
        emit(tail ? .returnCallIndirect : .callIndirect, base, indexSlot)
        word(UInt64(typeIndex) | UInt64(table) << 32)
        if tail {
            word(UInt64(signature.parameters.slotCount))
            markUnreachable()
        } else {
            finishCall(argumentBase: base, signature)
        }
    }

    mutating func callRef(type typeIndex: UInt32, tail: Bool) {
        let signature = info.functionType(atTypeIndex: typeIndex)
        let refEntry = pop()
        let base = prepareArguments(signature.parameters.count)
        let refSlot = slot(of: refEntry)
        emit(tail ? .returnCallRef : .callRef, base, refSlot)
        word(UInt64(typeIndex))
        if tail {
            word(UInt64(signature.parameters.slotCount))
            markUnreachable()
        } else {
            finishCall(argumentBase: base, signature)
        }
    }

    mutating func returnCall(_ function: UInt32) {
        let signature = info.functionType(ofFunction: function)
        let base = prepareArguments(signature.parameters.count)
        emit(.returnCall, base)
        word(UInt64(function))
        word(UInt64(signature.parameters.slotCount))
        markUnreachable()
    }

    // MARK: Exceptions

    mutating func throwTag(_ tag: UInt32) {
        let signature = info.functionType(atTypeIndex: info.tags[Int(tag)])
        let base = prepareArguments(signature.parameters.count)
        emit(.throwTag, base)
        word(UInt64(tag))
        markUnreachable()
    }

    mutating func beginTryTable(_ blockType: BlockType, _ catches: [CatchClause]) {
        beginBlock(.tryTable, blockType)
        controls[controls.count - 1].catches = catches
        controls[controls.count - 1].handlerID = nextHandlerID
        nextHandlerID += 1
    }

    /// Closes a `try_table`: the normal path jumps over one landing stub per catch clause;
    /// each stub branches to its clause's label, where the unwinder has put the payload.
    mutating func endTryTable(_ control: Control) {
        let bodyEnd = code.count
        let over = emit(.jump)
        word(0)
        var catches: [ExceptionHandler.Catch] = []
        for clause in control.catches {
            bindLabel()
            let landing = code.count
            let label = Int(clause.label)
            let targetIndex = controls.count - 1 - label
            let target = controls[targetIndex]
            if target.kind == .function {
                // The payload lands in the function's result home slots; return from there.
                emitReturnFromHome(results: target.results, base: target.base)
            } else {
                emitJump(toLabelAt: targetIndex)
            }
            catches.append(.init(kind: clause.kind, tag: clause.tag, landing: landing, base: target.base))
        }
        handlers.append(ExceptionHandler(start: control.bodyStart, end: bodyEnd, catches: catches, id: control.handlerID))
        bindLabel()
        patch((over, over + 1), to: code.count)
        for f in control.fixups { patch(f, to: code.count) }
    }
}

/// Legacy exception handling (`try`, `catch`, `catch_all`, `rethrow`, `delegate`), the
/// proposal Wasm 3.0 replaced with `try_table`, on the same unwinder: the `try` body is a
/// handler range, each `catch` block starts at a landing the unwinder enters with the
/// payload in place and the exception kept in a slot of its own for `rethrow`.
extension Translator {
    mutating func beginLegacyTry(_ blockType: BlockType) {
        beginBlock(.legacyTry, blockType)
        controls[controls.count - 1].handlerID = nextHandlerID
        nextHandlerID += 1
    }

    /// `catch TAG` or `catch_all`: ends the body (or the previous catch block) like
    /// `else`, and starts a catch block whose stack holds the payload.
    mutating func legacyCatch(tag: UInt32?) {
        var control = controls.removeLast()
        if control.tryBodyEnd == nil { control.tryBodyEnd = code.count }
        closeArm(&control)
        let number = legacyCatchCount
        legacyCatchCount += 1
        // NB: a first translation, which reserved too few slots, only counts; see `translate`.
        let slot = UInt16(truncatingIfNeeded: exceptionSlotBase + min(number, max(0, reservedExceptionSlots - 1)))
        control.legacyClauses.append(.init(kind: tag == nil ? .catchAll : .catch, tag: tag, landing: code.count,
                                           base: control.base, exceptionSlot: slot))
        control.catchNumber = number
        control.unreachable = false
        controls.append(control)
        if let tag {
            for p in info.functionType(atTypeIndex: info.tags[Int(tag)]).parameters { push(p) }
        }
    }

    /// `end` of a legacy `try`: its handler, even without clauses, so that a `delegate`
    /// to it finds where to go on from.
    mutating func endLegacyTry(_ control: Control) {
        handlers.append(ExceptionHandler(start: control.bodyStart, end: control.tryBodyEnd ?? code.count,
                                         catches: control.legacyClauses, id: control.handlerID))
        bindLabel()
        for f in control.fixups { patch(f, to: code.count) }
    }

    /// `delegate L`: the `try` ends, and exceptions of its body are thrown again inside
    /// the block at label L: the nearest handler from there outwards takes them — a `try`
    /// still in its body or a `try_table` — or the caller when there is none. Its handler
    /// goes in now, before those of the enclosing handlers it skips.
    mutating func legacyDelegate(_ label: UInt32) {
        var target = -1
        var i = controls.count - 2 - Int(label)
        while i >= 0 {
            if (controls[i].kind == .legacyTry && controls[i].tryBodyEnd == nil) || controls[i].kind == .tryTable {
                target = controls[i].handlerID
                break
            }
            i -= 1
        }
        let control = controls[controls.count - 1]
        handlers.append(ExceptionHandler(start: control.bodyStart, end: code.count, catches: [],
                                         id: control.handlerID, delegate: target))
        controls[controls.count - 1].kind = .block
        endBlock()
    }

    /// `rethrow L`: throws again the exception of the catch block at label L.
    mutating func legacyRethrow(_ label: UInt32) {
        let number = controls[controls.count - 1 - Int(label)].catchNumber ?? 0
        emit(.throwRef, UInt16(truncatingIfNeeded: exceptionSlotBase + min(number, max(0, reservedExceptionSlots - 1))))
        markUnreachable()
    }
}

extension Op {
    /// Whether the second word is an immediate operand (the `…Imm` arithmetic forms).
    var hasImmediate: Bool {
        switch self {
        case .i32AddImm, .i32SubImm, .i32MulImm, .i32AndImm, .i32OrImm, .i32XorImm, .i32ShlImm, .i32ShrSImm, .i32ShrUImm,
             .i32RotlImm, .i32RotrImm, .i64RotlImm, .i64RotrImm,
             .i32EqImm, .i32NeImm, .i32LtSImm, .i32LtUImm, .i32GtSImm, .i32GtUImm, .i32LeSImm, .i32LeUImm, .i32GeSImm, .i32GeUImm,
             .i64AddImm, .i64SubImm, .i64MulImm, .i64AndImm, .i64OrImm, .i64XorImm, .i64ShlImm, .i64ShrSImm, .i64ShrUImm,
             .i64EqImm, .i64NeImm, .i64LtSImm, .i64LtUImm, .i64GtSImm, .i64GtUImm, .i64LeSImm, .i64LeUImm, .i64GeSImm, .i64GeUImm:
            true
        default:
            false
        }
    }
}
