import WasmFormat

/// The output of translating one function body: the code and its side tables.
final class TranslatedFunction {
    let code: UnsafeMutablePointer<UInt64>
    let codeCount: Int
    /// Slots the frame needs: parameters, locals and the deepest operand stack.
    let frameSlots: Int
    let parameterSlots: Int
    /// Parameters and locals; the locals past the parameters are zeroed on entry.
    let localSlots: Int
    /// Code index → wasm byte offset, sorted by code index: one entry per instruction
    /// that starts a wasm instruction's translation.
    let offsets: [(code: Int32, wasm: Int32)]
    let handlers: [ExceptionHandler]
    /// Made by a debug translation (see `Translator.debug`).
    let isDebug: Bool
    /// Breakpoints patched into this code. Translations belong to the module, which
    /// stores share, so each patched instruction keeps its original word and how many
    /// stores set a breakpoint there; it is restored when the last one removes it.
    var patchedBreakpoints: [Int: (original: UInt64, stores: Int)] = [:]

    init(code: [UInt64], frameSlots: Int, parameterSlots: Int, localSlots: Int,
         offsets: [(code: Int32, wasm: Int32)], handlers: [ExceptionHandler], isDebug: Bool) {
        self.code = .allocate(capacity: max(code.count, 1))
        self.code.initialize(from: code, count: code.count)
        self.codeCount = code.count
        self.frameSlots = frameSlots
        self.parameterSlots = parameterSlots
        self.localSlots = localSlots
        self.offsets = offsets
        self.handlers = handlers
        self.isDebug = isDebug
    }

    deinit { code.deallocate() }

    /// The wasm byte offset of the instruction whose translation contains `codeIndex`.
    ///
    /// Several wasm instructions can share a code index: one with no code of its own (a
    /// lazy `local.get`, a `local.set` folded into the instruction before) begins where
    /// the next one's code does. The last of them is the one the code carries out; the
    /// others have, in effect, already happened, so that is the offset reported.
    func wasmOffset(ofCodeIndex codeIndex: Int) -> Int? {
        var lo = 0, hi = offsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(offsets[mid].code) <= codeIndex { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : Int(offsets[lo - 1].wasm)
    }

    /// The first code index of the translation of the wasm instruction at `wasmOffset`.
    /// An instruction with no code of its own (a lazy `local.get`) maps to the next
    /// instruction's code, where its effect happens.
    func codeIndex(ofWasmOffset wasmOffset: Int) -> Int? {
        offsets.first { Int($0.wasm) == wasmOffset }.map { Int($0.code) }
    }

    /// Whether the translation of some wasm instruction begins at `codeIndex`.
    func isInstructionStart(_ codeIndex: Int) -> Bool {
        var lo = 0, hi = offsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(offsets[mid].code) < codeIndex { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets.count && Int(offsets[lo].code) == codeIndex
    }
}

/// A `try_table` region (or the body of a legacy `try`) and where each of its catch
/// clauses lands.
struct ExceptionHandler {
    struct Catch {
        var kind: CatchClause.Kind
        var tag: UInt32?
        /// Code index of the landing stub, which branches to the clause's label.
        var landing: Int
        /// Frame slot where the payload (and then the exnref, for the `_ref` kinds) goes.
        var base: UInt16
        /// A legacy `catch`: the slot that keeps the exception for `rethrow`.
        var exceptionSlot: UInt16? = nil
    }
    var start: Int
    var end: Int
    var catches: [Catch]
    /// A legacy `try`'s handler, which a `delegate` names.
    var id: Int? = nil
    /// A legacy `try … delegate`: exceptions in the range go on to the handler with this
    /// id (skipping those in between), or to the caller when it is negative.
    var delegate: Int? = nil
}

/// Translates a validated function body into interpreter code (see `Op`).
///
/// One pass, abstractly interpreting the operand stack: each stack entry lives in a fixed
/// "home" slot given by its depth, but may also stand for a local or a constant that has
/// not been copied there yet ("lazy"). Consumers read locals in place and take constants
/// as immediates; a lazy entry is copied home only when something needs it in its slot
/// (a call's arguments, a block boundary, a local that is about to change).
struct Translator {
    let info: ModuleInfo
    let functionIndex: UInt32
    let type: FunctionType
    /// A debug translation: no lazy operands, no fused or forwarded instructions, and
    /// code for every wasm instruction, so that stepping stops at each one and the
    /// operand stack can be read from the frame.
    let debug: Bool
    /// When set, the operand stack as it is before the instruction at this byte offset is
    /// kept in `capturedStack` (for debuggers showing a frame's operand stack).
    var captureOffset: Int?
    var capturedStack: [Entry]?

    var code: [UInt64] = []
    var stack: [Entry] = []
    var controls: [Control] = []
    var localSlot: [UInt16] = []
    var localTypes: [ValueType] = []
    /// For each local, how many lazy stack entries refer to it.
    var pendingReads: [Int32] = []
    var localSlotCount = 0
    var maxSlot = 0
    var offsets: [(code: Int32, wasm: Int32)] = []
    var handlers: [ExceptionHandler] = []
    /// Legacy exception handling: each `catch` block keeps its exception in a slot of its
    /// own for `rethrow`, reserved after the locals (above them a call's frame would
    /// overwrite it). How many there are is known at the end: a function that has more
    /// than were reserved is translated again with enough.
    var reservedExceptionSlots = 0
    var exceptionSlotBase = 0
    var legacyCatchCount = 0
    /// Ids of `try` and `try_table` handlers, which a `delegate` names.
    var nextHandlerID = 0
    /// The last instruction emitted, while nothing (no label) has come after it: what
    /// result forwarding and compare/branch fusion may rewrite.
    var last: LastInstruction?
    /// Depth of blocks entered while skipping unreachable code.
    var deadDepth = 0

    struct Entry {
        enum Location: Equatable {
            case home
            case local(UInt16)
            case const(UInt64)
            case const128(V128)
        }
        var location: Location
        var type: ValueType
        var home: UInt16

        var wide: Bool { type == .v128 }
    }

    struct Control {
        enum Kind { case function, block, loop, `if`, `else`, tryTable, legacyTry }
        var kind: Kind
        /// Stack entries below the block's parameters.
        var height: Int
        var parameters: [ValueType]
        var results: [ValueType]
        /// Home slot of the first parameter/result.
        var base: UInt16
        var loopStart: Int = 0
        /// Jumps to patch with the block's end: (instruction start, offset word index).
        var fixups: [(Int, Int)] = []
        var elseFixup: (Int, Int)?
        var unreachable = false
        /// For `if`: the parameter entries, restored at `else`.
        var savedParameters: [Entry] = []
        var catches: [CatchClause] = []
        var bodyStart: Int = 0
        /// A legacy `try`: its handler's id, where its body ended (at the first `catch`),
        /// its clauses, and in a `catch` block the number of its exception slot.
        var handlerID = 0
        var tryBodyEnd: Int?
        var legacyClauses: [ExceptionHandler.Catch] = []
        var catchNumber: Int?

        /// Types a branch to this label carries.
        var labelTypes: [ValueType] { kind == .loop ? parameters : results }
    }

    struct LastInstruction {
        var start: Int
        var op: Op
        /// Stack index of the entry the instruction produced in its A slot, if any.
        var producedEntry: Int?
    }

    init(info: ModuleInfo, functionIndex: UInt32, debug: Bool = false) {
        self.info = info
        self.functionIndex = functionIndex
        self.type = info.functionType(ofFunction: functionIndex)
        self.debug = debug
    }

    // MARK: Entry point

    mutating func translate(_ body: FunctionBody) throws(RuntimeError) -> TranslatedFunction {
        var slot = 0
        for p in type.parameters {
            localSlot.append(UInt16(truncatingIfNeeded: slot))
            localTypes.append(p)
            slot += p.slotCount
        }
        let parameterSlots = slot
        for group in body.locals {
            for _ in 0..<group.count {
                localSlot.append(UInt16(truncatingIfNeeded: slot))
                localTypes.append(group.type)
                slot += group.type.slotCount
            }
        }
        exceptionSlotBase = slot
        slot += reservedExceptionSlots
        localSlotCount = slot
        guard slot < Int(UInt16.max) - 1024 else {
            throw RuntimeError(.unsupported, "function \(functionIndex) has too many locals for the interpreter")
        }
        pendingReads = Array(repeating: 0, count: localSlot.count)
        maxSlot = max(slot, type.results.slotCount)
        controls.append(Control(kind: .function, height: 0, parameters: [], results: type.results,
                                base: UInt16(localSlotCount)))

        var reader = InstructionReader(code: body.code, baseOffset: body.codeOffset)
        do {
            while !reader.isAtEnd {
                let offset = reader.offset
                let instruction = try reader.read()
                if deadDepth > 0 || controls.last?.unreachable == true {
                    skipDead(instruction)
                    continue
                }
                if offset == captureOffset { capturedStack = stack }
                let start = code.count
                offsets.append((Int32(start), Int32(truncatingIfNeeded: offset)))
                try translate(instruction)
                if debug && code.count == start && !controls.isEmpty { emit(.nop) }
                if controls.isEmpty { break }
            }
        } catch let e as WasmError {
            throw RuntimeError(.invalidModule, e.description)
        } catch let e as RuntimeError {
            throw e
        } catch {
            throw RuntimeError(.invalidModule, "\(error)")
        }
        if legacyCatchCount > reservedExceptionSlots {
            var again = Translator(info: info, functionIndex: functionIndex, debug: debug)
            again.reservedExceptionSlots = legacyCatchCount
            again.captureOffset = captureOffset
            defer { capturedStack = again.capturedStack }
            return try again.translate(body)
        }
        guard maxSlot < Int(UInt16.max) - 16 else {
            throw RuntimeError(.unsupported, "function \(functionIndex) needs more than 65000 frame slots")
        }
        return TranslatedFunction(code: code, frameSlots: maxSlot + 2, parameterSlots: parameterSlots,
                                  localSlots: localSlotCount, offsets: offsets, handlers: handlers, isDebug: debug)
    }

    /// Skips code after an unconditional branch until the `else` or `end` that makes it
    /// reachable again, keeping track of nested blocks.
    mutating func skipDead(_ instruction: Instruction) {
        switch instruction {
        case .block, .loop, .if, .tryTable, .legacyTry:
            deadDepth += 1
        case .plain(.end):
            if deadDepth > 0 { deadDepth -= 1 } else { endBlock() }
        case .plain(.else):
            if deadDepth == 0 { elseBlock() }
        case .legacyCatch(let tag):
            if deadDepth == 0 { legacyCatch(tag: tag) }
        case .plain(.catchAll):
            if deadDepth == 0 { legacyCatch(tag: nil) }
        case .legacyDelegate(let label):
            if deadDepth > 0 { deadDepth -= 1 } else { legacyDelegate(label) }
        default:
            break
        }
    }

    // MARK: Emitting

    @discardableResult
    mutating func emit(_ op: Op, _ a: UInt16 = 0, _ b: UInt16 = 0, _ c: UInt16 = 0) -> Int {
        let start = code.count
        code.append(UInt64(op.rawValue) | UInt64(a) << 16 | UInt64(b) << 32 | UInt64(c) << 48)
        // A debug translation never rewrites what it emitted.
        last = debug ? nil : LastInstruction(start: start, op: op, producedEntry: nil)
        return start
    }

    mutating func word(_ w: UInt64) { code.append(w) }

    /// Marks a position other code jumps to: nothing before it may be rewritten.
    mutating func bindLabel() { last = nil }

    mutating func patch(_ fixup: (Int, Int), to target: Int) {
        code[fixup.1] = UInt64(bitPattern: Int64(target - fixup.0))
    }

    // MARK: Operand stack

    var nextHome: Int {
        guard let top = stack.last else { return Int(controls.last?.base ?? UInt16(localSlotCount)) }
        return Int(top.home) + (top.wide ? 2 : 1)
    }

    /// Pushes an entry in its home slot and returns that slot.
    @discardableResult
    mutating func push(_ type: ValueType) -> UInt16 {
        push(location: .home, type: type)
    }

    /// Pushes an entry. In debug translations nothing stays lazy: a local or constant is
    /// copied home at once, so every wasm instruction has code and the operand stack is
    /// always in its home slots.
    @discardableResult
    mutating func push(location: Entry.Location, type: ValueType) -> UInt16 {
        let home = nextHome
        maxSlot = max(maxSlot, home + type.slotCount)
        if case .local(let s) = location, let i = localIndex(ofSlot: s) { pendingReads[i] += 1 }
        stack.append(Entry(location: location, type: type, home: UInt16(truncatingIfNeeded: home)))
        if debug && location != .home { materialize(at: stack.count - 1) }
        return UInt16(truncatingIfNeeded: home)
    }

    /// Pushes the result of the instruction just emitted (its A operand), recording that
    /// the result may be forwarded straight into a local.
    @discardableResult
    mutating func pushResult(_ type: ValueType) -> UInt16 {
        let slot = push(type)
        last?.producedEntry = stack.count - 1
        return slot
    }

    mutating func pop() -> Entry {
        let e = stack.removeLast()
        if case .local(let s) = e.location, let i = localIndex(ofSlot: s) { pendingReads[i] -= 1 }
        return e
    }

    func localIndex(ofSlot slot: UInt16) -> Int? {
        // Locals are laid out in order, so a binary search finds the index.
        var lo = 0, hi = localSlot.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if localSlot[mid] < slot { lo = mid + 1 } else { hi = mid }
        }
        return lo < localSlot.count && localSlot[lo] == slot ? lo : nil
    }

    /// The slot to read an entry from, copying a constant home first (locals are read
    /// where they are).
    mutating func slot(of entry: Entry) -> UInt16 {
        switch entry.location {
        case .home: return entry.home
        case .local(let s): return s
        case .const, .const128:
            emitMaterialize(entry)
            return entry.home
        }
    }

    /// Pops an operand and returns the slot to read it from.
    mutating func popSlot() -> UInt16 {
        let e = pop()
        return slot(of: e)
    }

    mutating func emitMaterialize(_ entry: Entry) {
        switch entry.location {
        case .home: break
        case .local(let s): emit(entry.wide ? .copy128 : .copy, entry.home, s)
        case .const(let v):
            if v <= UInt64(UInt32.max) {
                emit(.const32, entry.home)
            } else {
                emit(.const64, entry.home)
            }
            word(v)
        case .const128(let v):
            emit(.const128, entry.home)
            word(v.low)
            word(v.high)
        }
    }

    /// Copies the entry at stack index `i` to its home slot.
    mutating func materialize(at i: Int) {
        let e = stack[i]
        guard e.location != .home else { return }
        emitMaterialize(e)
        if case .local(let s) = e.location, let li = localIndex(ofSlot: s) { pendingReads[li] -= 1 }
        stack[i].location = .home
    }

    /// Copies lazy reads of local `index` home, before the local changes.
    mutating func flushReads(ofLocal index: Int) {
        guard pendingReads[index] > 0 else { return }
        let s = localSlot[index]
        for i in stack.indices where stack[i].location == .local(s) { materialize(at: i) }
    }

    /// Makes the top `count` entries live in their home slots.
    mutating func materializeTop(_ count: Int) {
        for i in (stack.count - count)..<stack.count { materialize(at: i) }
    }

    /// Whether `prepareBlockEntry` would emit copies for the entries below the top `skip`.
    func blockEntryNeedsCopies(parameterCount: Int, below skip: Int) -> Bool {
        let end = stack.count - skip
        for i in 0..<end {
            switch stack[i].location {
            case .local: return true
            case .const, .const128: if i >= end - parameterCount { return true }
            case .home: break
            }
        }
        return false
    }

    /// At a block boundary: lazy locals anywhere on the stack are copied home (a local set
    /// inside the block must not change them), and so are the block's parameters.
    mutating func prepareBlockEntry(parameterCount: Int, includingConstants: Bool) {
        for i in stack.indices {
            let isParameter = i >= stack.count - parameterCount
            switch stack[i].location {
            case .local: materialize(at: i)
            case .const, .const128: if isParameter && includingConstants { materialize(at: i) }
            case .home: break
            }
        }
        bindLabel()
    }
}
