/// Blocks, branches, calls and exception handling (3.0 `try_table` and the legacy forms).
extension FunctionValidator {
    /// The operators without immediates that have no packed signature.
    mutating func validateSpecial(_ op: PlainOp) throws(WasmError) {
        switch op {
        case .nop: break
        case .unreachable: markUnreachable()
        case .end: try validateEnd()
        case .else: try validateElse()
        case .drop: _ = try popAny()
        case .select: try validateSelect()
        case .return:
            try pop(functionResults)
            markUnreachable()
        case .throwRef:
            try require(.exceptions, "throw_ref")
            try pop(.exnref)
            markUnreachable()
        case .catchAll: try validateLegacyCatchAll()
        case .refIsNull:
            try require(.referenceTypes, "ref.is_null")
            _ = try popReference()
            operands.append(.i32)
        case .refAsNonNull:
            try require(.functionReferences, "ref.as_non_null")
            operands.append(try popReference().withNullable(false))
        case .refEq:
            try require(.gc, "ref.eq")
            let eqref = OperandType.ref(.eq, nullable: true)
            try pop(eqref)
            try pop(eqref)
            operands.append(.i32)
        case .arrayLen, .anyConvertExtern, .externConvertAny, .refI31, .i31GetS, .i31GetU:
            try validateReferencePlain(op)
        default:
            // Every other operator has a packed signature.
            throw invalid("unsupported operator \(op.name)")
        }
    }

    // MARK: Blocks

    /// The parameter and result types of a block type. A single value type is kept in the
    /// validator's own pool, which the block gives back at its `end`.
    mutating func blockSignature(_ bt: BlockType) throws(WasmError) -> (TypeRange, TypeRange) {
        switch bt {
        case .empty:
            return (.empty, .empty)
        case .value(let v):
            switch v {
            case .i32, .i64, .f32, .f64: break
            default: try TypeTable.checkValueType(v, typeCount: types.count, features: features, at: offset)
            }
            let start = UInt32(labelPool.count) | TypeRange.localBit
            labelPool.append(OperandType(v))
            return (.empty, TypeRange(start: start, count: 1))
        case .typeIndex(let t):
            let ft = try functionType(t)
            return (parameterRange(ofType: ft), resultRange(ofType: ft))
        }
    }

    /// Enters `block`, `loop`, `if` (popping its condition) or `try`. As everywhere, the
    /// immediates are checked before the operands, which decides the error reported when
    /// both are wrong (the reference interpreter's order).
    mutating func enterBlock(_ kind: FrameKind, _ bt: BlockType) throws(WasmError) {
        let mark = labelPool.count
        let (params, results) = try blockSignature(bt)
        if kind == .if { try popNumeric(OperandType.i32.raw) }
        try pop(params)
        try pushFrame(kind, params: params, results: results, poolMark: mark)
    }

    mutating func validateEnd() throws(WasmError) {
        let f = try popFrame()
        if f.kind == .if {
            // Without `else` the parameters flow through unchanged, so they must be results.
            var ok = f.params.count == f.results.count
            if ok {
                for i in 0..<Int(f.params.count) where !types.isSubtype(type(f.params, i), type(f.results, i)) {
                    ok = false
                }
            }
            guard ok else {
                throw invalid("type mismatch: an if without else must return its parameters, but it takes \(describe(f.params)) and returns \(describe(f.results))")
            }
        }
        if frames.isEmpty {
            isFinished = true
            return
        }
        try push(f.results)
        labelPool.removeLast(labelPool.count - f.poolMark)
    }

    mutating func validateElse() throws(WasmError) {
        guard frames[frames.count - 1].kind == .if else {
            throw malformed("else found outside an if block")
        }
        let f = try popFrame()
        try pushFrame(.else, params: f.params, results: f.results, poolMark: f.poolMark)
    }

    // MARK: Branches

    /// `br_table`: every label must have the default label's arity and accept the values on
    /// the stack. Each distinct frame is checked once per instruction (marked with the
    /// instruction's epoch), so a huge table of repeated labels costs one pass over it.
    mutating func validateBrTable(_ labels: [UInt32], _ defaultLabel: UInt32) throws(WasmError) {
        let d = try frameIndex(label: defaultLabel)
        for l in labels where Int(l) >= frames.count { throw unknownLabel(l) }
        try popNumeric(OperandType.i32.raw)
        let defaultTypes = labelTypes(frames[d])
        brTableEpoch &+= 1
        if brTableEpoch == 0 {
            for i in frames.indices { frames[i].brTableMark = 0 }
            brTableEpoch = 1
        }
        for l in labels {
            let i = try frameIndex(label: l)
            if frames[i].brTableMark == brTableEpoch { continue }
            frames[i].brTableMark = brTableEpoch
            let r = labelTypes(frames[i])
            guard r.count == defaultTypes.count else {
                throw invalid("type mismatch: br_table label \(l) carries \(r.count) value(s) but the default label \(defaultLabel) carries \(defaultTypes.count)")
            }
            try checkTop(r)
        }
        try pop(defaultTypes)
        markUnreachable()
    }

    mutating func validateBrOnNull(_ l: UInt32) throws(WasmError) {
        try require(.functionReferences, "br_on_null")
        let i = try frameIndex(label: l)
        let rt = try popReference()
        let label = labelTypes(frames[i])
        try pop(label)
        try push(label)
        operands.append(rt.withNullable(false))
    }

    /// The label's last type receives the non-null reference; the types before it are
    /// passed through.
    mutating func validateBrOnNonNull(_ l: UInt32) throws(WasmError) {
        try require(.functionReferences, "br_on_non_null")
        let i = try frameIndex(label: l)
        let rt = try popReference()
        let label = labelTypes(frames[i])
        try branchWithReference(rt.withNullable(false), to: label, label: l)
    }

    /// `br_on_cast` and `br_on_cast_fail` with source type `from` and target type `to`.
    mutating func validateBrOnCast(_ l: UInt32, _ from: RefType, _ to: RefType, fail: Bool) throws(WasmError) {
        try require(.gc, fail ? "br_on_cast_fail" : "br_on_cast")
        try TypeTable.checkRefType(from, typeCount: types.count, features: features, at: offset)
        try TypeTable.checkRefType(to, typeCount: types.count, features: features, at: offset)
        let t1 = OperandType(from), t2 = OperandType(to)
        guard types.isSubtype(t2, t1) else {
            throw invalid("type mismatch: the cast's target type \(t2) is not a subtype of its source type \(t1)")
        }
        let i = try frameIndex(label: l)
        let label = labelTypes(frames[i])
        // What is left when the cast to `t2` fails: `t1`, non-null if `t2` takes null.
        let difference = t1.withNullable(t1.isNullable && !t2.isNullable)
        try pop(t1)
        try branchWithReference(fail ? difference : t2, to: label, label: l)
        operands.append(fail ? t2 : difference)
    }

    /// A conditional branch that sends `reference` as the last value of `label` and the
    /// label's other types from the stack.
    private mutating func branchWithReference(_ reference: OperandType, to label: TypeRange, label l: UInt32) throws(WasmError) {
        guard label.count >= 1 else {
            throw invalid("type mismatch: branch carries \(reference) but label \(l) takes no values")
        }
        let last = type(label, Int(label.count) - 1)
        guard types.isSubtype(reference, last) else {
            throw invalid("type mismatch: branch carries \(reference) but label \(l) expects \(last)")
        }
        let prefix = TypeRange(start: label.start, count: label.count - 1)
        try pop(prefix)
        try push(prefix)
    }

    // MARK: Calls

    /// The type index `t` if it names a function type.
    func functionType(_ t: UInt32) throws(WasmError) -> UInt32 {
        guard Int(t) < types.count else { throw invalid("unknown type \(t)") }
        guard types.entries[Int(t)].kind == .function else {
            throw invalid("type mismatch: type \(t) is not a function type")
        }
        return t
    }

    @inline(__always)
    mutating func validateCall(_ f: UInt32) throws(WasmError) {
        guard Int(f) < context.functionTypes.count else { throw invalid("unknown function \(f)") }
        let t = context.functionTypes[Int(f)]
        try pop(parameterRange(ofType: t))
        try push(resultRange(ofType: t))
    }

    mutating func validateReturnCall(_ f: UInt32) throws(WasmError) {
        try require(.tailCall, "return_call")
        guard Int(f) < context.functionTypes.count else { throw invalid("unknown function \(f)") }
        let t = context.functionTypes[Int(f)]
        try checkTailCallResults(t)
        try pop(parameterRange(ofType: t))
        markUnreachable()
    }

    mutating func validateCallIndirect(type t: UInt32, table x: UInt32, tail: Bool) throws(WasmError) {
        if tail { try require(.tailCall, "return_call_indirect") }
        guard Int(x) < context.tableElements.count else { throw invalid("unknown table \(x)") }
        let element = context.tableElements[Int(x)]
        guard types.isSubtype(element, .funcref) else {
            throw invalid("type mismatch: call_indirect needs a table of function references, but table \(x) holds \(element)")
        }
        let ft = try functionType(t)
        try popNumeric(context.tableAddresses[Int(x)].raw)
        try pop(parameterRange(ofType: ft))
        if tail {
            try checkTailCallResults(ft)
            markUnreachable()
        } else {
            try push(resultRange(ofType: ft))
        }
    }

    mutating func validateCallRef(_ t: UInt32, tail: Bool) throws(WasmError) {
        try require(.functionReferences, tail ? "return_call_ref" : "call_ref")
        if tail { try require(.tailCall, "return_call_ref") }
        let ft = try functionType(t)
        try pop(.ref(typeIndex: ft, nullable: true))
        try pop(parameterRange(ofType: ft))
        if tail {
            try checkTailCallResults(ft)
            markUnreachable()
        } else {
            try push(resultRange(ofType: ft))
        }
    }

    /// A tail call returns the callee's results from the caller, so they must match the
    /// caller's result types.
    func checkTailCallResults(_ t: UInt32) throws(WasmError) {
        let callee = resultRange(ofType: t)
        var ok = callee.count == functionResults.count
        if ok {
            for i in 0..<Int(callee.count) where !types.isSubtype(type(callee, i), type(functionResults, i)) {
                ok = false
            }
        }
        guard ok else {
            throw invalid("type mismatch: the tail-called function returns \(describe(callee)) but this function returns \(describe(functionResults))")
        }
    }

    // MARK: Select

    mutating func validateSelect() throws(WasmError) {
        try popNumeric(OperandType.i32.raw)
        let t1 = try popAny()
        let t2 = try popAny()
        let numeric = (t1.isNumeric || t1.isBottom) && (t2.isNumeric || t2.isBottom)
        let vector = (t1.isVector || t1.isBottom) && (t2.isVector || t2.isBottom)
        guard numeric || vector else {
            throw invalid("type mismatch: select without a type needs numeric or vector operands, found \(t2) and \(t1)")
        }
        guard t1 == t2 || t1.isBottom || t2.isBottom else {
            throw invalid("type mismatch: select operands have different types, \(t2) and \(t1)")
        }
        operands.append(t1.isBottom ? t2 : t1)
    }

    mutating func validateTypedSelect(_ ts: [ValueType]) throws(WasmError) {
        try require(.referenceTypes, "typed select")
        guard ts.count == 1 else {
            throw invalid("invalid result arity: select must name exactly one result type, not \(ts.count)")
        }
        try TypeTable.checkValueType(ts[0], typeCount: types.count, features: features, at: offset)
        let t = OperandType(ts[0])
        try popNumeric(OperandType.i32.raw)
        try pop(t)
        try pop(t)
        operands.append(t)
    }

    // MARK: Exceptions

    /// The type index (a function type) of tag `tag`.
    func tagType(_ tag: UInt32) throws(WasmError) -> UInt32 {
        guard Int(tag) < context.tagTypes.count else { throw invalid("unknown tag \(tag)") }
        return context.tagTypes[Int(tag)]
    }

    /// `try_table`: the handlers' labels count from outside the block.
    mutating func validateTryTable(_ bt: BlockType, _ catches: [CatchClause]) throws(WasmError) {
        try require(.exceptions, "try_table")
        let mark = labelPool.count
        let (params, results) = try blockSignature(bt)
        for c in catches { try validateCatchClause(c) }
        try pop(params)
        try pushFrame(.tryTable, params: params, results: results, poolMark: mark)
    }

    private func validateCatchClause(_ c: CatchClause) throws(WasmError) {
        let i = try frameIndex(label: c.label)
        let label = labelTypes(frames[i])
        var provided = TypeRange.empty
        switch c.kind {
        case .catch, .catchRef:
            guard let tag = c.tag else { throw malformed("\(c.kind.name) clause without a tag") }
            provided = parameterRange(ofType: try tagType(tag))
        case .catchAll, .catchAllRef:
            break
        }
        let withReference = c.kind == .catchRef || c.kind == .catchAllRef
        let count = Int(provided.count) + (withReference ? 1 : 0)
        var ok = count == Int(label.count)
        if ok {
            for k in 0..<Int(provided.count) where !types.isSubtype(type(provided, k), type(label, k)) {
                ok = false
            }
            if withReference && !types.isSubtype(.ref(.exn, nullable: false), type(label, count - 1)) {
                ok = false
            }
        }
        guard ok else {
            var sent = typeArray(provided).map(\.description)
            if withReference { sent.append("(ref exn)") }
            throw invalid("type mismatch: \(c.kind.name) sends [\(sent.joined(separator: " "))] but label \(c.label) expects \(describe(label))")
        }
    }

    mutating func validateLegacyCatch(tag: UInt32) throws(WasmError) {
        try require(.legacyExceptions, "catch")
        let kind = frames[frames.count - 1].kind
        guard kind == .legacyTry || kind == .legacyCatch else {
            throw malformed("catch found outside a try block")
        }
        let t = try tagType(tag)
        let f = try popFrame()
        try pushFrame(.legacyCatch, params: parameterRange(ofType: t), results: f.results, poolMark: f.poolMark)
    }

    mutating func validateLegacyCatchAll() throws(WasmError) {
        try require(.legacyExceptions, "catch_all")
        let kind = frames[frames.count - 1].kind
        guard kind == .legacyTry || kind == .legacyCatch else {
            throw malformed("catch_all found outside a try block")
        }
        let f = try popFrame()
        try pushFrame(.legacyCatchAll, params: .empty, results: f.results, poolMark: f.poolMark)
    }

    /// `delegate` ends a `try`; its label counts from outside that `try`.
    mutating func validateDelegate(_ l: UInt32) throws(WasmError) {
        try require(.legacyExceptions, "delegate")
        guard frames[frames.count - 1].kind == .legacyTry else {
            throw malformed("delegate found outside a try block")
        }
        let f = try popFrame()
        guard Int(l) < frames.count else { throw unknownLabel(l) }
        try push(f.results)
        labelPool.removeLast(labelPool.count - f.poolMark)
    }

    mutating func validateRethrow(_ l: UInt32) throws(WasmError) {
        try require(.legacyExceptions, "rethrow")
        let i = try frameIndex(label: l)
        let kind = frames[i].kind
        guard kind == .legacyCatch || kind == .legacyCatchAll else {
            throw invalid("invalid rethrow label \(l): it does not name a catch block")
        }
        markUnreachable()
    }
}
