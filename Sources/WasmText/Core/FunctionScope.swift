import WasmFormat

/// Instructions as the parser produces them: each with the source offset of its
/// mnemonic, which becomes the source map once the code is encoded.
struct InstructionList: Sendable {
    var instructions: [Instruction] = []
    var offsets: [Int] = []

    mutating func append(_ instruction: Instruction, at offset: Int) {
        instructions.append(instruction)
        offsets.append(offset)
    }
}

/// What code can name besides module items: locals and labels, plus the nesting of
/// unfolded blocks so that `else`, `end`, `catch` and `delegate` are checked where they
/// are written.
struct FunctionScope: Sendable {
    enum FrameKind: Sendable {
        case block, loop, `if`, `else`, tryTable, `try`, `catch`, catchAll
        /// A folded block: its end is its closing parenthesis, never an `end`.
        case folded
    }

    struct Frame: Sendable {
        var kind: FrameKind
        var label: String?
    }

    var locals = IndexSpace(kind: "local")
    var labels = LabelStack()
    var frames: [Frame] = []
    /// Label names by the ordinal of their block instruction, for the `name` section.
    var labelNames: [UInt32: String] = [:]
    var blockCount: UInt32 = 0

    /// A scope for a function body: the function's own block is label 0.
    static func function() -> FunctionScope {
        var s = FunctionScope()
        s.labels.push(nil)
        return s
    }

    mutating func open(_ kind: FrameKind, label: Token?) {
        frames.append(Frame(kind: kind, label: label?.text))
        labels.push(label?.text)
    }

    mutating func close() {
        frames.removeLast()
        labels.pop()
    }

    /// Counts a block-like instruction and remembers its label's name.
    mutating func numberBlock(label: Token?) {
        if let label { labelNames[blockCount] = label.text }
        blockCount += 1
    }
}
