/// Validates one function body, one instruction at a time, with the algorithm of the spec's
/// validation appendix: an operand stack whose slots may be *bottom* (unknown, in
/// unreachable code) and a stack of control frames, each remembering its label types, the
/// operand height it started at, and whether its code has become unreachable.
///
/// It is built to run inside another pass: the interpreter's translator feeds it each
/// instruction before translating it and reads the stack types it needs from the public
/// observers (`operandStackHeight`, `operand(fromTop:)`, `isUnreachable`,
/// `controlFrame(atDepth:)`, …). One validator is meant to be reused for every function of
/// a module (`reset(definedFunction:)`), so its arrays keep their capacity and the common
/// path allocates nothing.
///
/// ```swift
/// let validated = try ModuleValidator().validateDeclarations(module)
/// var validator = try validated.makeFunctionValidator(definedFunction: 0)
/// var reader = InstructionReader(code: body.code, baseOffset: body.codeOffset)
/// while !reader.isAtEnd {
///     let offset = reader.offset
///     try validator.validate(try reader.read(), at: offset)
/// }
/// try validator.finish(at: body.codeOffset + body.code.count)
/// ```
///
/// Errors are `WasmError`s of kind `.invalid` (or `.malformed` for block structure the
/// binary grammar forbids, such as `else` outside `if`), located at the offset passed to
/// `validate` and carrying the function index.
public struct FunctionValidator {
    /// What opened a control frame.
    public enum FrameKind: UInt8, Sendable {
        /// The function body itself (or a constant expression).
        case function
        case block, loop, `if`, `else`, tryTable
        /// Legacy exception handling: `try`, and the handlers that follow it.
        case legacyTry, legacyCatch, legacyCatchAll
    }

    /// A read-only view of one control frame.
    public struct ControlFrame: Sendable {
        public var kind: FrameKind
        /// Operand stack height when the frame was entered (its parameters excluded).
        public var startHeight: Int
        /// True once the frame's code after an unconditional branch is being validated.
        public var isUnreachable: Bool
        public var parameterTypes: [OperandType]
        public var resultTypes: [OperandType]
        /// What a branch to this frame carries: the parameters of a loop, else the results.
        public var labelTypes: [OperandType] { kind == .loop ? parameterTypes : resultTypes }
    }

    /// A slice of label types: in the module's type pool, or (high bit of `start`) in this
    /// validator's own pool of single-value block types.
    struct TypeRange {
        var start: UInt32
        var count: UInt32
        static let empty = TypeRange(start: 0, count: 0)
        static let localBit: UInt32 = 1 << 31
    }

    struct Frame {
        var kind: FrameKind
        var unreachable: Bool
        var height: Int
        /// `initStack` height on entry: locals initialised inside are reset at the end.
        var initHeight: Int
        var params: TypeRange
        var results: TypeRange
        /// `labelPool` height on entry, restored when the frame ends.
        var poolMark: Int
        /// The `br_table` that last checked this frame's label (see `validateBrTable`).
        var brTableMark: UInt32
    }

    let context: ValidationContext
    let types: TypeTable
    let codes: [FunctionBody]
    let plainTable: [UInt32]
    let memoryTable: [UInt32]
    let laneTable: [UInt32]
    /// False when every feature is enabled, which skips feature checks entirely.
    let gating: Bool
    let features: WasmFeatures

    /// The function being validated (function index space), nil for constant expressions.
    public internal(set) var functionIndex: UInt32?
    /// True once the `end` closing the body has been validated.
    public internal(set) var isFinished = false

    var locals = LocalTable()
    /// Locals set since entering the frames still open (only non-defaultable ones).
    var initStack: [UInt32] = []
    var operands = OperandStack()
    var frames: [Frame] = []
    var labelPool: [OperandType] = []
    /// Cached `frames.last.height` and `.unreachable`, read by every pop.
    var frameHeight = 0
    var frameUnreachable = false
    var functionResults = TypeRange.empty
    /// Offset of the instruction being validated, for errors.
    var offset = 0
    var brTableEpoch: UInt32 = 0

    init(context: ValidationContext, codes: [FunctionBody]) {
        self.context = context
        self.types = context.types
        self.codes = codes
        self.plainTable = OperatorSignatures.plain
        self.memoryTable = OperatorSignatures.memory
        self.laneTable = OperatorSignatures.lane
        self.features = context.features
        self.gating = context.features != .all
    }

    /// A validator for the body of the `index`-th function defined by `module` (imports not
    /// counted), ready for its first instruction.
    public init(module: ValidatedModule, definedFunction index: Int) throws(WasmError) {
        self.init(context: module.context, codes: module.module.codes)
        try reset(definedFunction: index)
    }

    /// Prepares the validator for another function of the same module, keeping the
    /// capacity of its stacks.
    public mutating func reset(definedFunction index: Int) throws(WasmError) {
        let imported = context.importedFunctionCount
        guard index >= 0, index < codes.count, imported + index < context.functionTypes.count else {
            throw .invalid("unknown function: no function body \(index)", at: 0)
        }
        let body = codes[index]
        let function = UInt32(imported + index)
        functionIndex = function
        offset = body.offset
        let typeIndex = context.functionTypes[Int(function)]

        initStack.removeAll(keepingCapacity: true)
        locals.reset(pool: types.pool, parameters: types.parameters(of: typeIndex))
        var total: UInt64 = 0
        for group in body.locals {
            total += UInt64(group.count)
            guard total <= FunctionBody.maximumLocals else {
                throw invalid("too many locals: more than \(FunctionBody.maximumLocals)")
            }
            try TypeTable.checkValueType(group.type, typeCount: types.count, features: features, at: body.offset)
            locals.declare(Int(group.count), OperandType(group.type))
        }
        let results = types.results(of: typeIndex)
        startFrames(results: TypeRange(start: UInt32(results.lowerBound), count: UInt32(results.count)))
    }

    /// Prepares the validator for a constant expression of type `result` (no locals).
    mutating func resetForConstantExpression(result: OperandType, at offset: Int) {
        functionIndex = nil
        self.offset = offset
        locals.reset(pool: [], parameters: 0..<0)
        initStack.removeAll(keepingCapacity: true)
        labelPool.removeAll(keepingCapacity: true)
        labelPool.append(result)
        startFrames(results: TypeRange(start: TypeRange.localBit, count: 1))
    }

    private mutating func startFrames(results: TypeRange) {
        operands.makeUnique()
        operands.removeAll()
        frames.removeAll(keepingCapacity: true)
        if functionIndex != nil { labelPool.removeAll(keepingCapacity: true) }
        isFinished = false
        brTableEpoch = 0
        functionResults = results
        openFrame(.function, params: .empty, results: results, poolMark: 0)
    }

    /// Checks that the body ended exactly with the `end` that closes the function.
    /// `offset` is where the body ends, for the error.
    public mutating func finish(at offset: Int) throws(WasmError) {
        self.offset = offset
        guard isFinished else {
            throw malformed("unexpected end of section or function: \(frames.count) block(s) not closed by END")
        }
    }

    // MARK: Observers

    /// The number of operands on the stack (all frames).
    public var operandStackHeight: Int { operands.count }

    /// The operand stack, bottom first.
    public var operandStack: [OperandType] { operands.array }

    /// The type `depth` slots below the top of the stack (0 is the top). Slots below the
    /// current frame's start are bottom when the frame is unreachable, which is what the
    /// spec's algorithm would pop there.
    public func operand(fromTop depth: Int) -> OperandType {
        let i = operands.count - 1 - depth
        if depth >= 0 && i >= frameHeight { return operands[i] }
        return .bottom
    }

    /// Whether the code being validated is unreachable (after `br`, `return`, `unreachable`,
    /// `throw`, … until the end of the innermost frame).
    public var isUnreachable: Bool { frameUnreachable }

    /// The number of open control frames, the function's own included.
    public var controlDepth: Int { frames.count }

    /// The frame `depth` levels out (0 is the innermost), as a branch label would count.
    /// Like the other frame observers, requires `0 <= depth < controlDepth`.
    public func controlFrame(atDepth depth: Int) -> ControlFrame {
        let f = frames[frames.count - 1 - depth]
        return ControlFrame(kind: f.kind, startHeight: f.height, isUnreachable: f.unreachable,
                            parameterTypes: typeArray(f.params), resultTypes: typeArray(f.results))
    }

    /// How many values a branch to label `depth` carries.
    public func labelArity(atDepth depth: Int) -> Int {
        Int(labelTypes(frames[frames.count - 1 - depth]).count)
    }

    /// The `index`-th type a branch to label `depth` carries (no allocation, unlike
    /// `controlFrame(atDepth:)`).
    public func labelType(atDepth depth: Int, _ index: Int) -> OperandType {
        type(labelTypes(frames[frames.count - 1 - depth]), index)
    }

    /// What opened the frame `depth` levels out.
    public func frameKind(atDepth depth: Int) -> FrameKind {
        frames[frames.count - 1 - depth].kind
    }

    /// Operand stack height when the frame `depth` levels out was entered.
    public func frameStartHeight(atDepth depth: Int) -> Int {
        frames[frames.count - 1 - depth].height
    }

    /// The number of locals, parameters included.
    public var localCount: Int { locals.count }

    /// The type of local `index`, or nil if there is none.
    public func localType(_ index: Int) -> OperandType? {
        index >= 0 ? locals.type(index) : nil
    }

    // MARK: Type ranges

    @inline(__always)
    func type(_ r: TypeRange, _ i: Int) -> OperandType {
        if r.start & TypeRange.localBit != 0 {
            return labelPool[Int(r.start & ~TypeRange.localBit) + i]
        }
        return types.pool[Int(r.start) + i]
    }

    func typeArray(_ r: TypeRange) -> [OperandType] {
        (0..<Int(r.count)).map { type(r, $0) }
    }

    @inline(__always)
    func labelTypes(_ f: Frame) -> TypeRange { f.kind == .loop ? f.params : f.results }

    @inline(__always)
    func parameterRange(ofType t: UInt32) -> TypeRange {
        let e = types.entries[Int(t)]
        return TypeRange(start: e.start, count: e.count)
    }

    @inline(__always)
    func resultRange(ofType t: UInt32) -> TypeRange {
        let e = types.entries[Int(t)]
        return TypeRange(start: e.start + e.count, count: e.resultCount)
    }

    // MARK: Operand stack

    @inline(__always)
    mutating func push(_ t: OperandType) {
        operands.append(t)
    }

    /// Pushes the types of `r`. This is where one small instruction can push many values
    /// (a call returning 1000 results is two bytes), so it enforces the height limit that
    /// keeps a hostile body from growing the stack by orders of magnitude over its size.
    @inline(__always)
    mutating func push(_ r: TypeRange) throws(WasmError) {
        guard operands.count <= ModuleValidator.maximumOperandStackHeight - Int(r.count) else {
            throw invalid("operand stack too deep: more than \(ModuleValidator.maximumOperandStackHeight) values")
        }
        for i in 0..<Int(r.count) { operands.append(type(r, i)) }
    }

    /// Pops a value of a number or vector kind (given as `OperandType.raw`), which has no
    /// subtypes but bottom.
    @inline(__always)
    mutating func popNumeric(_ expected: UInt32) throws(WasmError) {
        if operands.count > frameHeight {
            let t = operands.removeLast()
            if t.raw == expected || t.raw == 0 { return }
            throw mismatch(expected: OperandType(raw: expected), found: t)
        }
        if !frameUnreachable { throw mismatch(expected: OperandType(raw: expected), found: nil) }
    }

    /// Pops a value that must match `expected`, returning its actual type.
    @inline(__always) @discardableResult
    mutating func pop(_ expected: OperandType) throws(WasmError) -> OperandType {
        if operands.count > frameHeight {
            let t = operands.removeLast()
            if t.raw == expected.raw || t.raw == 0 || types.isSubtypeSlow(t, expected) { return t }
            throw mismatch(expected: expected, found: t)
        }
        if frameUnreachable { return .bottom }
        throw mismatch(expected: expected, found: nil)
    }

    /// Pops any value.
    @inline(__always)
    mutating func popAny() throws(WasmError) -> OperandType {
        if operands.count > frameHeight { return operands.removeLast() }
        if frameUnreachable { return .bottom }
        throw invalid("type mismatch: expected a value, but the stack is empty")
    }

    /// Pops a reference of any type; bottom becomes `(ref bot)`, as in the spec's `pop_ref`.
    mutating func popReference() throws(WasmError) -> OperandType {
        let t = try popAny()
        if t.isReference { return t }
        if t.isBottom { return .nonNullBottomRef }
        throw invalid("type mismatch: expected a reference, found \(t)")
    }

    /// Pops values matching the types of `r` (the last type is on top). In unreachable
    /// code only the values actually on the stack are examined; the rest would be bottom.
    mutating func pop(_ r: TypeRange) throws(WasmError) {
        let count = Int(r.count)
        let available = operands.count - frameHeight
        let stop = frameUnreachable && count > available ? count - available : 0
        var i = count
        while i > stop {
            i -= 1
            try pop(type(r, i))
        }
    }

    /// Pops `count` values matching `t`, touching only the slots that exist (the rest are
    /// bottom in unreachable code), so a huge count costs nothing.
    mutating func pop(_ t: OperandType, count: UInt32) throws(WasmError) {
        let available = operands.count - frameHeight
        if Int(count) > available && !frameUnreachable {
            throw invalid("type mismatch: expected \(count) values of type \(t), but the stack has \(available)")
        }
        for _ in 0..<min(Int(count), available) { try pop(t) }
    }

    /// Checks, without popping, that the top of the stack matches `r` (for `br_table`).
    func checkTop(_ r: TypeRange) throws(WasmError) {
        let n = Int(r.count)
        let available = operands.count - frameHeight
        // In unreachable code the slots below the frame are bottom and match anything.
        for i in (frameUnreachable && n > available ? n - available : 0)..<n {
            let slot = operands.count - n + i
            let expected = type(r, i)
            if slot >= frameHeight {
                let t = operands[slot]
                guard types.isSubtype(t, expected) else { throw mismatch(expected: expected, found: t) }
            } else if !frameUnreachable {
                throw mismatch(expected: expected, found: nil)
            }
        }
    }

    // MARK: Control frames

    mutating func pushFrame(_ kind: FrameKind, params: TypeRange, results: TypeRange, poolMark: Int) throws(WasmError) {
        openFrame(kind, params: params, results: results, poolMark: poolMark)
        try push(params)
    }

    /// Records a new frame starting at the current height (its parameters not pushed yet).
    mutating func openFrame(_ kind: FrameKind, params: TypeRange, results: TypeRange, poolMark: Int) {
        frames.append(Frame(kind: kind, unreachable: false, height: operands.count, initHeight: initStack.count,
                            params: params, results: results, poolMark: poolMark, brTableMark: 0))
        frameHeight = operands.count
        frameUnreachable = false
    }

    /// Ends the innermost frame: its results must be exactly what is left on the stack.
    /// Locals initialised inside it become uninitialised again.
    mutating func popFrame() throws(WasmError) -> Frame {
        let f = frames[frames.count - 1]
        try pop(f.results)
        guard operands.count == f.height else {
            throw invalid("type mismatch: \(operands.count - f.height) value(s) left on the stack at the end of the block, which returns \(describe(f.results))")
        }
        frames.removeLast()
        while initStack.count > f.initHeight {
            locals.uninitialize(Int(initStack.removeLast()))
        }
        if let top = frames.last {
            frameHeight = top.height
            frameUnreachable = top.unreachable
        }
        return f
    }

    /// The rest of the current frame is unreachable: drop its operands; pops below its
    /// start now yield bottom.
    @inline(__always)
    mutating func markUnreachable() {
        operands.removeLast(operands.count - frameHeight)
        frameUnreachable = true
        frames[frames.count - 1].unreachable = true
    }

    /// The frame a branch to `label` targets.
    @inline(__always)
    func frameIndex(label: UInt32) throws(WasmError) -> Int {
        guard Int(label) < frames.count else { throw unknownLabel(label) }
        return frames.count - 1 - Int(label)
    }

    // MARK: Errors

    @inline(never)
    func invalid(_ message: String) -> WasmError {
        .invalid(message, at: offset, function: functionIndex)
    }

    @inline(never)
    func malformed(_ message: String) -> WasmError {
        WasmError(.malformed, message, offset: offset, function: functionIndex)
    }

    @inline(never)
    func mismatch(expected: OperandType, found: OperandType?) -> WasmError {
        if let found {
            return invalid("type mismatch: expected \(expected), found \(found)")
        }
        return invalid("type mismatch: expected \(expected), but the stack is empty")
    }

    @inline(never)
    func unknownLabel(_ label: UInt32) -> WasmError {
        invalid("unknown label \(label): only \(frames.count) block(s) enclose this branch")
    }

    @inline(never)
    func unsupported(_ feature: WasmFeatures, _ what: String) -> WasmError {
        .unsupported(feature, what, at: offset, function: functionIndex)
    }

    @inline(__always)
    func require(_ feature: WasmFeatures, _ what: @autoclosure () -> String) throws(WasmError) {
        if gating && !features.contains(feature) { throw unsupported(feature, what()) }
    }

    func describe(_ r: TypeRange) -> String {
        "[" + typeArray(r).map(\.description).joined(separator: " ") + "]"
    }

    // MARK: Dispatch

    /// Validates one instruction at byte `offset` (used only for errors).
    public mutating func validate(_ instruction: Instruction, at offset: Int) throws(WasmError) {
        self.offset = offset
        if isFinished { throw malformed("operators remaining after end of function") }
        operands.makeUnique()
        switch instruction {
        case .plain(let op):
            let sig = plainTable[OperatorSignatures.slot(op.rawValue)]
            if sig & OperatorSignatures.special == 0 {
                try applyPacked(sig, op)
            } else {
                try validateSpecial(op)
            }
        case .localGet(let i):
            guard let t = locals.type(Int(i)) else { throw unknownLocal(i) }
            guard locals.isInitialized(Int(i)) else { throw invalid("uninitialized local \(i)") }
            operands.append(t)
        case .localSet(let i):
            guard let t = locals.type(Int(i)) else { throw unknownLocal(i) }
            try pop(t)
            if locals.initialize(Int(i)) { initStack.append(i) }
        case .localTee(let i):
            guard let t = locals.type(Int(i)) else { throw unknownLocal(i) }
            try pop(t)
            if locals.initialize(Int(i)) { initStack.append(i) }
            operands.append(t)
        case .globalGet(let i):
            guard Int(i) < context.globalTypes.count else { throw invalid("unknown global \(i)") }
            operands.append(context.globalTypes[Int(i)])
        case .globalSet(let i):
            guard Int(i) < context.globalTypes.count else { throw invalid("unknown global \(i)") }
            guard context.globalMutable[Int(i)] else { throw invalid("immutable global \(i) cannot be set") }
            try pop(context.globalTypes[Int(i)])
        case .i32Const: operands.append(.i32)
        case .i64Const: operands.append(.i64)
        case .f32Const: operands.append(.f32)
        case .f64Const: operands.append(.f64)
        case .memory(let op, let memarg): try validateMemoryAccess(op, memarg)
        case .block(let bt): try enterBlock(.block, bt)
        case .loop(let bt): try enterBlock(.loop, bt)
        case .if(let bt): try enterBlock(.if, bt)
        case .br(let l):
            let f = try frameIndex(label: l)
            try pop(labelTypes(frames[f]))
            markUnreachable()
        case .brIf(let l):
            let f = try frameIndex(label: l)
            try popNumeric(OperandType.i32.raw)
            let label = labelTypes(frames[f])
            try pop(label)
            try push(label)
        case .brTable(let labels, let defaultLabel): try validateBrTable(labels, defaultLabel)
        case .call(let f): try validateCall(f)
        case .callIndirect(let t, let table): try validateCallIndirect(type: t, table: table, tail: false)
        default:
            try validateOther(instruction)
        }
    }

    /// The instructions outside the hot path of ordinary code, kept out of line so that
    /// `validate` stays small (its stack frame is set up for every instruction).
    @inline(never)
    private mutating func validateOther(_ instruction: Instruction) throws(WasmError) {
        switch instruction {
        case .plain, .localGet, .localSet, .localTee, .globalGet, .globalSet, .i32Const, .i64Const,
             .f32Const, .f64Const, .memory, .block, .loop, .if, .br, .brIf, .brTable, .call, .callIndirect:
            break // Handled by `validate`, which never forwards them here.
        case .tryTable(let bt, let catches): try validateTryTable(bt, catches)
        case .throw(let tag):
            try require(.exceptions, "throw")
            let t = try tagType(tag)
            try pop(parameterRange(ofType: t))
            markUnreachable()
        case .brOnNull(let l): try validateBrOnNull(l)
        case .brOnNonNull(let l): try validateBrOnNonNull(l)
        case .brOnCast(let l, let from, let to): try validateBrOnCast(l, from, to, fail: false)
        case .brOnCastFail(let l, let from, let to): try validateBrOnCast(l, from, to, fail: true)
        case .returnCall(let f): try validateReturnCall(f)
        case .returnCallIndirect(let t, let table): try validateCallIndirect(type: t, table: table, tail: true)
        case .callRef(let t): try validateCallRef(t, tail: false)
        case .returnCallRef(let t): try validateCallRef(t, tail: true)
        case .selectTyped(let ts): try validateTypedSelect(ts)
        case .legacyTry(let bt):
            try require(.legacyExceptions, "try")
            try enterBlock(.legacyTry, bt)
        case .legacyCatch(let tag): try validateLegacyCatch(tag: tag)
        case .legacyRethrow(let l): try validateRethrow(l)
        case .legacyDelegate(let l): try validateDelegate(l)
        case .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop:
            try validateTableInstruction(instruction)
        case .memoryLane(let op, let memarg, let lane): try validateMemoryLane(op, memarg, lane)
        case .memorySize, .memoryGrow, .memoryFill, .memoryCopy, .memoryInit, .dataDrop, .atomicFence:
            try validateBulkMemory(instruction)
        case .v128Const:
            try require(.simd, "v128.const")
            operands.append(.v128)
        case .i8x16Shuffle(let lanes): try validateShuffle(lanes)
        case .lane(let op, let lane): try validateLane(op, lane)
        case .refNull(let ht):
            try TypeTable.checkHeapType(ht, typeCount: types.count, features: features, at: offset)
            operands.append(OperandType(RefType(nullable: true, heapType: ht)))
        case .refFunc(let f): try validateRefFunc(f)
        case .refTest(let rt): try validateRefTest(rt, cast: false)
        case .refCast(let rt): try validateRefTest(rt, cast: true)
        case .structNew, .structNewDefault, .structGet, .structGetS, .structGetU, .structSet:
            try validateStructInstruction(instruction)
        case .arrayNew, .arrayNewDefault, .arrayNewFixed, .arrayNewData, .arrayNewElem, .arrayGet,
             .arrayGetS, .arrayGetU, .arraySet, .arrayFill, .arrayCopy, .arrayInitData, .arrayInitElem:
            try validateArrayInstruction(instruction)
        }
    }

    /// An operator typed by its packed signature (see `OperatorSignatures`).
    @inline(__always)
    private mutating func applyPacked(_ sig: UInt32, _ op: PlainOp) throws(WasmError) {
        if gating && sig >> 26 & 0xF != 0 {
            try require(OperatorSignatures.feature(ofCode: sig >> 26 & 0xF), op.name)
        }
        var n = sig & 7
        while n > 0 {
            n -= 1
            try popNumeric(sig >> (8 + 3 * n) & 7)
        }
        let results = sig >> 3 & 3
        if results >= 1 { operands.append(OperandType(raw: sig >> 20 & 7)) }
        if results == 2 { operands.append(OperandType(raw: sig >> 23 & 7)) }
    }

    @inline(never)
    private func unknownLocal(_ i: UInt32) -> WasmError {
        invalid("unknown local \(i)")
    }
}
