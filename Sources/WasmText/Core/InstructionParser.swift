import WasmFormat

/// Instruction sequences, plain and folded, with their block structure and labels.
///
/// Nothing here recurses, so no nesting of the input can exhaust the stack: plain
/// (unfolded) blocks are a stack of frames in the scope, and folded instructions, which
/// nest in the text, are a state machine over an explicit stack of `Nest` entries.
extension ModuleParser {
    /// What the folded-instruction machine is inside of.
    enum Nest {
        /// A sequence of instructions that ends at a `)`, with the number of open plain
        /// blocks when it started (they must all be closed by then).
        case sequence(SequenceKind, openFrames: Int)
        /// A folded operation waiting for its folded operands; emitted at its `)`.
        case operation(Instruction, offset: Int)
        /// The condition operands of a folded `if`, up to `(then`.
        case condition(BlockType, label: Token?, offset: Int)
    }

    /// Which list a sequence is the body of, which says what its `)` closes.
    enum SequenceKind {
        /// The sequence `instructionSequence` was asked for: its `)` is the caller's.
        case root
        /// `(block …)`, `(loop …)`, `(try_table …)`: the `)` is the `end`.
        case block
        /// `(then …)`, which may be followed by `(else …)`.
        case then
        /// `(else …)`.
        case `else`
        /// `(do …)` of a legacy `try`, followed by handlers or `(delegate …)`.
        case tryDo
        /// `(catch $t …)` of a legacy `try`.
        case tryCatch
        /// `(catch_all …)`, the last handler.
        case tryCatchAll
    }

    /// Instructions up to (not including) the `)` that ends the enclosing list.
    mutating func instructionSequence(_ scope: inout FunctionScope, _ out: inout InstructionList) throws(TextError) {
        var nest: [Nest] = [.sequence(.root, openFrames: scope.frames.count)]
        try run(&nest, &scope, &out)
    }

    /// Exactly one folded instruction (an offset or element expression abbreviation).
    mutating func foldedInstruction(_ scope: inout FunctionScope, _ out: inout InstructionList) throws(TextError) {
        var nest: [Nest] = []
        try openFolded(&nest, &scope, &out)
        try run(&nest, &scope, &out)
    }

    /// Runs the machine until the nest is empty.
    private mutating func run(_ nest: inout [Nest], _ scope: inout FunctionScope, _ out: inout InstructionList) throws(TextError) {
        while let top = nest.last {
            switch top {
            case .sequence(let kind, let openFrames):
                let t = cursor.peek()
                switch t.kind {
                case .rparen, .eof:
                    if scope.frames.count > openFrames {
                        throw cursor.error("unexpected token: a block opened here is not closed by `end`")
                    }
                    if kind == .root {
                        nest.removeLast()
                    } else {
                        try closeSequence(kind, &nest, &scope, &out)
                    }
                case .lparen:
                    try openFolded(&nest, &scope, &out)
                case .atom:
                    try plainInstruction(&scope, &out)
                default:
                    throw cursor.unexpected("an instruction")
                }
            case .operation(let instruction, let offset):
                if cursor.isLParen {
                    try openFolded(&nest, &scope, &out)
                } else {
                    try cursor.expectRParen()
                    out.append(instruction, at: offset)
                    nest.removeLast()
                }
            case .condition(let bt, let label, let offset):
                if cursor.isList("then") {
                    cursor.index += 2
                    out.append(.if(bt), at: offset)
                    scope.numberBlock(label: label)
                    scope.open(.folded, label: label)
                    nest[nest.count - 1] = .sequence(.then, openFrames: scope.frames.count)
                } else if cursor.isLParen {
                    try openFolded(&nest, &scope, &out)
                } else {
                    throw cursor.unexpected("`(then …)`")
                }
            }
        }
    }

    /// `(` and the head of a folded instruction: emits what comes before the operands
    /// and pushes what the rest of the list needs.
    private mutating func openFolded(_ nest: inout [Nest], _ scope: inout FunctionScope, _ out: inout InstructionList) throws(TextError) {
        try cursor.expectLParen()
        let head = cursor.peek()
        guard head.kind == .atom else {
            if head.kind == .reserved { throw unknownWord(head, expected: "an instruction") }
            throw cursor.unexpected("an instruction")
        }
        cursor.next()
        switch head.text {
        case "block", "loop", "try_table":
            let label = cursor.takeId()
            let bt = try blockType()
            let instruction: Instruction
            switch head.text {
            case "block": instruction = .block(bt)
            case "loop": instruction = .loop(bt)
            default: instruction = .tryTable(bt, try catchClauses(scope))
            }
            out.append(instruction, at: head.offset)
            scope.numberBlock(label: label)
            scope.open(.folded, label: label)
            nest.append(.sequence(.block, openFrames: scope.frames.count))
        case "if":
            let label = cursor.takeId()
            let bt = try blockType()
            nest.append(.condition(bt, label: label, offset: head.offset))
        case "try":
            let label = cursor.takeId()
            let bt = try blockType()
            out.append(.legacyTry(bt), at: head.offset)
            scope.numberBlock(label: label)
            scope.open(.folded, label: label)
            guard cursor.takeList("do") else { throw cursor.unexpected("`(do …)`") }
            nest.append(.sequence(.tryDo, openFrames: scope.frames.count))
        default:
            nest.append(.operation(try operation(head, &scope), offset: head.offset))
        }
    }

    /// At the `)` of a sequence: what it closes, and what may follow it.
    private mutating func closeSequence(_ kind: SequenceKind, _ nest: inout [Nest], _ scope: inout FunctionScope, _ out: inout InstructionList) throws(TextError) {
        let closing = cursor.offset
        try cursor.expectRParen()
        switch kind {
        case .root:
            break
        case .block:
            out.append(.plain(.end), at: closing)
            scope.close()
            nest.removeLast()
        case .then:
            if cursor.isList("else") {
                out.append(.plain(.else), at: cursor.peek(1).offset)
                cursor.index += 2
                nest[nest.count - 1] = .sequence(.else, openFrames: scope.frames.count)
            } else {
                try closeFoldedBlock(&nest, &scope, &out)
            }
        case .else, .tryCatchAll:
            try closeFoldedBlock(&nest, &scope, &out)
        case .tryDo, .tryCatch:
            if kind == .tryDo, cursor.isList("delegate") {
                // `delegate` ends the try block; its label counts from outside it.
                let offset = cursor.peek(1).offset
                cursor.index += 2
                scope.close()
                let depth = try scope.labels.resolve(try cursor.expectIndex("a label"), in: cursor.source)
                out.append(.legacyDelegate(depth), at: offset)
                try cursor.expectRParen()
                try cursor.expectRParen()
                nest.removeLast()
            } else if cursor.isList("catch") {
                let offset = cursor.peek(1).offset
                cursor.index += 2
                out.append(.legacyCatch(tag: try index(in: names.tags)), at: offset)
                nest[nest.count - 1] = .sequence(.tryCatch, openFrames: scope.frames.count)
            } else if cursor.isList("catch_all") {
                out.append(.plain(.catchAll), at: cursor.peek(1).offset)
                cursor.index += 2
                nest[nest.count - 1] = .sequence(.tryCatchAll, openFrames: scope.frames.count)
            } else {
                try closeFoldedBlock(&nest, &scope, &out)
            }
        }
    }

    /// The `)` of a folded `if` or `try`, after its last clause: the block's `end`.
    private mutating func closeFoldedBlock(_ nest: inout [Nest], _ scope: inout FunctionScope, _ out: inout InstructionList) throws(TextError) {
        let offset = cursor.offset
        try cursor.expectRParen()
        out.append(.plain(.end), at: offset)
        scope.close()
        nest.removeLast()
    }

    // MARK: Plain instructions

    private mutating func plainInstruction(_ scope: inout FunctionScope, _ out: inout InstructionList) throws(TextError) {
        let t = cursor.next()
        switch t.text {
        case "block", "loop", "if", "try":
            let label = cursor.takeId()
            let bt = try blockType()
            let instruction: Instruction
            let kind: FunctionScope.FrameKind
            switch t.text {
            case "block": instruction = .block(bt); kind = .block
            case "loop": instruction = .loop(bt); kind = .loop
            case "if": instruction = .if(bt); kind = .if
            default: instruction = .legacyTry(bt); kind = .try
            }
            out.append(instruction, at: t.offset)
            scope.numberBlock(label: label)
            scope.open(kind, label: label)
        case "try_table":
            let label = cursor.takeId()
            let bt = try blockType()
            let catches = try catchClauses(scope)
            out.append(.tryTable(bt, catches), at: t.offset)
            scope.numberBlock(label: label)
            scope.open(.tryTable, label: label)
        case "else":
            guard let top = scope.frames.last, top.kind == .if else {
                throw cursor.error("unexpected token `else` outside an `if`", at: t.offset)
            }
            try checkLabel(closing: top)
            out.append(.plain(.else), at: t.offset)
            scope.frames[scope.frames.count - 1].kind = .else
        case "end":
            guard let top = scope.frames.last, top.kind != .folded else {
                throw cursor.error("unexpected token `end` without an open block", at: t.offset)
            }
            try checkLabel(closing: top)
            out.append(.plain(.end), at: t.offset)
            scope.close()
        case "catch", "catch_all":
            guard let top = scope.frames.last, top.kind == .try || top.kind == .catch else {
                throw cursor.error("unexpected token `\(t.text)` outside a `try`", at: t.offset)
            }
            if t.text == "catch" {
                out.append(.legacyCatch(tag: try index(in: names.tags)), at: t.offset)
            } else {
                out.append(.plain(.catchAll), at: t.offset)
            }
            scope.frames[scope.frames.count - 1].kind = t.text == "catch" ? .catch : .catchAll
        case "delegate":
            guard let top = scope.frames.last, top.kind == .try else {
                throw cursor.error("unexpected token `delegate` outside a `try`", at: t.offset)
            }
            // `delegate` ends the try block; its label counts from outside it.
            scope.close()
            out.append(.legacyDelegate(try scope.labels.resolve(try cursor.expectIndex("a label"), in: cursor.source)), at: t.offset)
        default:
            out.append(try operation(t, &scope), at: t.offset)
        }
    }

    /// The optional `$label` after `end` or `else` must repeat the block's label.
    private mutating func checkLabel(closing frame: FunctionScope.Frame) throws(TextError) {
        guard let id = cursor.takeId() else { return }
        guard frame.label == id.text else {
            throw cursor.error("mismatching label: `$\(id.text)` does not match the label of the block it closes", at: id.offset)
        }
    }

    // MARK: Block types and handlers

    /// `(type $t)? (param t*)* (result t*)*` after a block keyword: nothing, one result,
    /// or a type index (an implicit type is added when no index is written).
    mutating func blockType() throws(TextError) -> BlockType {
        let use = try typeUse(allowNames: false)
        if use.index == nil, use.params.isEmpty {
            if use.results.isEmpty { return .empty }
            if use.results.count == 1 { return .value(use.results[0]) }
        }
        return .typeIndex(try resolve(use).index)
    }

    /// The handlers of `try_table`; their labels are resolved outside the new block.
    mutating func catchClauses(_ scope: FunctionScope) throws(TextError) -> [CatchClause] {
        var clauses: [CatchClause] = []
        while cursor.isLParen, let head = cursor.atom(1) {
            let kind: CatchClause.Kind
            switch head {
            case "catch": kind = .catch
            case "catch_ref": kind = .catchRef
            case "catch_all": kind = .catchAll
            case "catch_all_ref": kind = .catchAllRef
            default: return clauses
            }
            cursor.index += 2
            var tag: UInt32?
            if kind == .catch || kind == .catchRef { tag = try index(in: names.tags) }
            let label = try scope.labels.resolve(try cursor.expectIndex("a label"), in: cursor.source)
            try cursor.expectRParen()
            clauses.append(CatchClause(kind: kind, tag: tag, label: label))
        }
        return clauses
    }
}
