/// Operand signatures of the operators with fixed numeric/vector types, packed into one
/// 32-bit word each and stored in flat tables indexed by opcode, built once per process from
/// the `signature` properties of `PlainOp`, `MemoryOp`, `LaneOp` and `MemoryLaneOp`.
///
/// Why: `OperandSignature` holds two arrays, so reading it per instruction would retain and
/// release; the packed word is read with one indexed load and decoded with shifts.
///
/// Layout of a packed word:
/// - bits 0–2: number of operands (at most 4), bits 3–4: number of results (at most 2);
/// - bits 8–19: operand kinds, 3 bits each, first (deepest) operand in the lowest bits;
/// - bits 20–25: result kinds, 3 bits each (the kinds are `OperandType.raw` values 1–5);
/// - bits 26–29: for plain operators, a feature code (see `feature(of:)`); for memory
///   operators, the natural alignment (log2);
/// - bit 30: the operator is atomic (memory operators);
/// - bit 31: no packed signature; the validator types the operator by hand.
///
/// Memory and lane-memory signatures leave out the address operand, whose type depends on
/// the memory (`i32` or `i64`).
enum OperatorSignatures {
    static let special: UInt32 = 1 << 31
    static let atomic: UInt32 = 1 << 30

    /// Position of an opcode in a table: prefix 0xFB, 0xFC, 0xFD, 0xFE or none, then the
    /// sub-opcode (all below 0x200).
    @inline(__always)
    static func slot(_ raw: UInt32) -> Int {
        Int(((raw >> 16) &+ 5) & 7) << 9 | Int(raw & 0x1FF)
    }

    static let tableSize = 6 << 9

    static let plain: [UInt32] = {
        var table = [UInt32](repeating: special, count: tableSize)
        for op in PlainOp.allCases {
            guard let s = op.signature else { continue }
            table[slot(op.rawValue)] = pack(s.parameters[...], s.results) | featureCode(op.rawValue) << 26
        }
        return table
    }()

    static let memory: [UInt32] = {
        var table = [UInt32](repeating: special, count: tableSize)
        for op in MemoryOp.allCases {
            let s = op.signature
            table[slot(op.rawValue)] = pack(s.parameters.dropFirst(), s.results)
                | op.naturalAlignment << 26 | (op.isAtomic ? atomic : 0)
        }
        return table
    }()

    static let lane: [UInt32] = {
        var table = [UInt32](repeating: special, count: tableSize)
        for op in LaneOp.allCases {
            let s = op.signature
            table[slot(op.rawValue)] = pack(s.parameters[...], s.results)
        }
        return table
    }()

    static func pack(_ parameters: ArraySlice<ValueType>, _ results: [ValueType]) -> UInt32 {
        var word = UInt32(parameters.count) | UInt32(results.count) << 3
        for (i, p) in parameters.enumerated() { word |= OperandType(p).raw << (8 + 3 * UInt32(i)) }
        for (i, r) in results.enumerated() { word |= OperandType(r).raw << (20 + 3 * UInt32(i)) }
        return word
    }

    /// The proposal a plain operator belongs to, as 1 + the bit index of its `WasmFeatures`
    /// flag (0: always available).
    static func featureCode(_ raw: UInt32) -> UInt32 {
        let feature: WasmFeatures
        switch raw >> 16 {
        case 0xFD: feature = raw & 0xFFFF >= 0x100 ? .relaxedSimd : .simd
        case 0xFB: feature = .gc
        case 0xFC where raw & 0xFFFF >= 0x13: feature = .wideArithmetic
        default: return 0
        }
        return UInt32(feature.rawValue.trailingZeroBitCount) + 1
    }

    /// The feature named by a feature code.
    static func feature(ofCode code: UInt32) -> WasmFeatures {
        WasmFeatures(rawValue: 1 << (code - 1))
    }
}
