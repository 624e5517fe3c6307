import WasmFormat

/// Text mnemonics of the instructions whose immediates follow a fixed pattern, built
/// from the opcode tables of `WasmFormat` so that a new opcode there is a new mnemonic
/// here without touching the parser.
enum Mnemonics {
    /// Instructions without immediates. The structural `else`, `end` and `catch_all`
    /// and the two forms of `select` are the parser's business, not this table's.
    static let plain: [String: PlainOp] = {
        var d: [String: PlainOp] = [:]
        for op in PlainOp.allCases where op != .else && op != .end && op != .catchAll && op != .select {
            d[op.name] = op
        }
        return d
    }()

    /// Loads, stores and atomics: `memidx? memarg`.
    static let memory: [String: MemoryOp] = {
        var d: [String: MemoryOp] = [:]
        for op in MemoryOp.allCases { d[op.name] = op }
        return d
    }()

    /// Lane extracts and replaces: `laneidx`.
    static let lane: [String: LaneOp] = {
        var d: [String: LaneOp] = [:]
        for op in LaneOp.allCases { d[op.name] = op }
        return d
    }()

    /// Single-lane loads and stores: `memidx? memarg laneidx`.
    static let memoryLane: [String: MemoryLaneOp] = {
        var d: [String: MemoryLaneOp] = [:]
        for op in MemoryLaneOp.allCases { d[op.name] = op }
        return d
    }()
}
