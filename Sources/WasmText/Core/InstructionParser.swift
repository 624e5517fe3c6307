import WasmFormat

/// Instruction sequences, plain and folded, with their block structure and labels.
///
/// The binary format is flat, so plain (unfolded) instructions need no recursion: block
/// nesting is a stack of frames. Folded instructions nest in the text and are parsed
/// recursively, with a depth limit so that hostile input gets an error, not a crash.
extension ModuleParser {
    /// The deepest folded nesting accepted. Each level costs a few stack frames; this
    /// keeps well under the 512 KiB stacks of secondary threads.
    static let maximumFoldedDepth = 300

    /// Instructions up to (not including) the `)` that ends the enclosing list.
    mutating func instructionSequence(_ scope: inout FunctionScope, _ out: inout InstructionList) throws(TextError) {
        let baseFrames = scope.frames.count
        while true {
            let t = cursor.peek()
            switch t.kind {
            case .rparen, .eof:
                if scope.frames.count > baseFrames {
                    throw cursor.error("unexpected token: a block opened here is not closed by `end`")
                }
                return
            case .lparen:
                try foldedInstruction(&scope, &out)
            case .atom:
                try plainInstruction(&scope, &out)
            default:
                throw cursor.unexpected("an instruction")
            }
        }
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

    // MARK: Folded instructions

    mutating func foldedInstruction(_ scope: inout FunctionScope, _ out: inout InstructionList) throws(TextError) {
        foldedDepth += 1
        defer { foldedDepth -= 1 }
        guard foldedDepth <= Self.maximumFoldedDepth else {
            throw cursor.error("folded instructions nested too deeply (more than \(Self.maximumFoldedDepth) levels)")
        }
        try cursor.expectLParen()
        let head = cursor.peek()
        guard head.kind == .atom else {
            if head.kind == .reserved { throw unknownWord(head, expected: "an instruction") }
            throw cursor.unexpected("an instruction")
        }
        cursor.next()
        switch head.text {
        case "block", "loop":
            let label = cursor.takeId()
            let bt = try blockType()
            out.append(head.text == "block" ? .block(bt) : .loop(bt), at: head.offset)
            scope.numberBlock(label: label)
            scope.open(.folded, label: label)
            try instructionSequence(&scope, &out)
            try closeFolded(&scope, &out)
        case "if":
            let label = cursor.takeId()
            let bt = try blockType()
            while cursor.isLParen, !cursor.isList("then") {
                try foldedInstruction(&scope, &out)
            }
            out.append(.if(bt), at: head.offset)
            scope.numberBlock(label: label)
            scope.open(.folded, label: label)
            guard cursor.takeList("then") else { throw cursor.unexpected("`(then …)`") }
            try instructionSequence(&scope, &out)
            try cursor.expectRParen()
            if cursor.isList("else") {
                out.append(.plain(.else), at: cursor.peek(1).offset)
                cursor.index += 2
                try instructionSequence(&scope, &out)
                try cursor.expectRParen()
            }
            try closeFolded(&scope, &out)
        case "try_table":
            let label = cursor.takeId()
            let bt = try blockType()
            let catches = try catchClauses(scope)
            out.append(.tryTable(bt, catches), at: head.offset)
            scope.numberBlock(label: label)
            scope.open(.folded, label: label)
            try instructionSequence(&scope, &out)
            try closeFolded(&scope, &out)
        case "try":
            try foldedLegacyTry(head, &scope, &out)
        default:
            let instruction = try operation(head, &scope)
            while cursor.isLParen {
                try foldedInstruction(&scope, &out)
            }
            try cursor.expectRParen()
            out.append(instruction, at: head.offset)
        }
    }

    /// The `)` of a folded block stands for its `end`.
    private mutating func closeFolded(_ scope: inout FunctionScope, _ out: inout InstructionList) throws(TextError) {
        let offset = cursor.offset
        try cursor.expectRParen()
        out.append(.plain(.end), at: offset)
        scope.close()
    }

    /// `(try $l? bt (do instr*) (catch $t instr*)* (catch_all instr*)?)` or
    /// `(try $l? bt (do instr*) (delegate $l))`, the legacy exception proposal.
    private mutating func foldedLegacyTry(_ head: Token, _ scope: inout FunctionScope, _ out: inout InstructionList) throws(TextError) {
        let label = cursor.takeId()
        let bt = try blockType()
        out.append(.legacyTry(bt), at: head.offset)
        scope.numberBlock(label: label)
        scope.open(.folded, label: label)
        guard cursor.takeList("do") else { throw cursor.unexpected("`(do …)`") }
        try instructionSequence(&scope, &out)
        try cursor.expectRParen()
        if cursor.isList("delegate") {
            let offset = cursor.peek(1).offset
            cursor.index += 2
            scope.close()
            let depth = try scope.labels.resolve(try cursor.expectIndex("a label"), in: cursor.source)
            out.append(.legacyDelegate(depth), at: offset)
            try cursor.expectRParen()
            try cursor.expectRParen()
            return
        }
        while cursor.isList("catch") {
            let offset = cursor.peek(1).offset
            cursor.index += 2
            out.append(.legacyCatch(tag: try index(in: names.tags)), at: offset)
            try instructionSequence(&scope, &out)
            try cursor.expectRParen()
        }
        if cursor.isList("catch_all") {
            out.append(.plain(.catchAll), at: cursor.peek(1).offset)
            cursor.index += 2
            try instructionSequence(&scope, &out)
            try cursor.expectRParen()
        }
        try closeFolded(&scope, &out)
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
    private mutating func catchClauses(_ scope: FunctionScope) throws(TextError) -> [CatchClause] {
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
