/// One WebAssembly instruction with its immediates.
///
/// This is the currency between the layers: the binary decoder produces it, the text
/// parser produces it, the encoder consumes it, and the validator and the interpreter's
/// translator read it. Instructions without immediates are grouped under `.plain` so that
/// the hundreds of numeric and vector operators share one table (`PlainOp`).
public enum Instruction: Hashable, Sendable {
    // Control.
    case plain(PlainOp)
    case block(BlockType)
    case loop(BlockType)
    case `if`(BlockType)
    case tryTable(BlockType, [CatchClause])
    case `throw`(tag: UInt32)
    case br(UInt32)
    case brIf(UInt32)
    case brTable([UInt32], default: UInt32)
    case brOnNull(UInt32)
    case brOnNonNull(UInt32)
    case brOnCast(UInt32, from: RefType, to: RefType)
    case brOnCastFail(UInt32, from: RefType, to: RefType)
    case call(UInt32)
    case callIndirect(type: UInt32, table: UInt32)
    case returnCall(UInt32)
    case returnCallIndirect(type: UInt32, table: UInt32)
    case callRef(type: UInt32)
    case returnCallRef(type: UInt32)
    case selectTyped([ValueType])

    // Legacy exception handling (the pre-3.0 proposal, kept for `core-proposals/`).
    case legacyTry(BlockType)
    case legacyCatch(tag: UInt32)
    case legacyRethrow(UInt32)
    case legacyDelegate(UInt32)

    // Variables.
    case localGet(UInt32)
    case localSet(UInt32)
    case localTee(UInt32)
    case globalGet(UInt32)
    case globalSet(UInt32)

    // Tables.
    case tableGet(UInt32)
    case tableSet(UInt32)
    case tableSize(UInt32)
    case tableGrow(UInt32)
    case tableFill(UInt32)
    case tableCopy(destination: UInt32, source: UInt32)
    case tableInit(elem: UInt32, table: UInt32)
    case elemDrop(UInt32)

    // Memories.
    case memory(MemoryOp, MemArg)
    case memoryLane(MemoryLaneOp, MemArg, lane: UInt8)
    case memorySize(UInt32)
    case memoryGrow(UInt32)
    case memoryFill(UInt32)
    case memoryCopy(destination: UInt32, source: UInt32)
    case memoryInit(data: UInt32, memory: UInt32)
    case dataDrop(UInt32)
    case atomicFence

    // Constants. Floats are kept as bit patterns so NaN payloads survive.
    case i32Const(Int32)
    case i64Const(Int64)
    case f32Const(UInt32)
    case f64Const(UInt64)
    case v128Const(V128)

    // References.
    case refNull(HeapType)
    case refFunc(UInt32)
    case refTest(RefType)
    case refCast(RefType)

    // Aggregates (GC).
    case structNew(UInt32)
    case structNewDefault(UInt32)
    case structGet(type: UInt32, field: UInt32)
    case structGetS(type: UInt32, field: UInt32)
    case structGetU(type: UInt32, field: UInt32)
    case structSet(type: UInt32, field: UInt32)
    case arrayNew(UInt32)
    case arrayNewDefault(UInt32)
    case arrayNewFixed(type: UInt32, count: UInt32)
    case arrayNewData(type: UInt32, data: UInt32)
    case arrayNewElem(type: UInt32, elem: UInt32)
    case arrayGet(UInt32)
    case arrayGetS(UInt32)
    case arrayGetU(UInt32)
    case arraySet(UInt32)
    case arrayFill(UInt32)
    case arrayCopy(destination: UInt32, source: UInt32)
    case arrayInitData(type: UInt32, data: UInt32)
    case arrayInitElem(type: UInt32, elem: UInt32)

    // Vectors with immediates (the rest are `.plain`).
    case i8x16Shuffle(V128)
    case lane(LaneOp, UInt8)
}

extension Instruction {
    /// Whether this is an instruction of the garbage-collection proposal (aggregates,
    /// casts, `i31`, conversions between `any` and `extern`), which a runtime may not
    /// execute yet.
    public var isGarbageCollection: Bool {
        switch self {
        case .structNew, .structNewDefault, .structGet, .structGetS, .structGetU, .structSet,
             .arrayNew, .arrayNewDefault, .arrayNewFixed, .arrayNewData, .arrayNewElem, .arrayGet,
             .arrayGetS, .arrayGetU, .arraySet, .arrayFill, .arrayCopy, .arrayInitData, .arrayInitElem,
             .refTest, .refCast, .brOnCast, .brOnCastFail,
             .plain(.arrayLen), .plain(.anyConvertExtern), .plain(.externConvertAny),
             .plain(.refI31), .plain(.i31GetS), .plain(.i31GetU):
            true
        default:
            false
        }
    }
}

/// The type of a block: nothing, one result, or a function type by index.
public enum BlockType: Hashable, Sendable {
    case empty
    case value(ValueType)
    case typeIndex(UInt32)
}

/// One handler of `try_table`.
public struct CatchClause: Hashable, Sendable {
    public enum Kind: UInt8, Hashable, Sendable {
        case `catch` = 0, catchRef = 1, catchAll = 2, catchAllRef = 3

        public var name: String {
            switch self {
            case .catch: "catch"
            case .catchRef: "catch_ref"
            case .catchAll: "catch_all"
            case .catchAllRef: "catch_all_ref"
            }
        }
    }

    public var kind: Kind
    /// The tag index, for `catch` and `catch_ref` only.
    public var tag: UInt32?
    public var label: UInt32

    public init(kind: Kind, tag: UInt32?, label: UInt32) {
        self.kind = kind
        self.tag = tag
        self.label = label
    }
}

/// The `memarg` immediate. `align` is log2 of the alignment as encoded.
public struct MemArg: Hashable, Sendable {
    public var align: UInt32
    public var offset: UInt64
    public var memory: UInt32

    public init(align: UInt32, offset: UInt64, memory: UInt32 = 0) {
        self.align = align
        self.offset = offset
        self.memory = memory
    }
}

/// A 128-bit vector value, little-endian: byte 0 of the vector is the low byte of `low`.
public struct V128: Hashable, Sendable {
    public var low: UInt64
    public var high: UInt64

    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    public init(bytes: [UInt8]) {
        precondition(bytes.count == 16)
        var lo: UInt64 = 0, hi: UInt64 = 0
        for i in 0..<8 {
            lo |= UInt64(bytes[i]) << (8 * UInt64(i))
            hi |= UInt64(bytes[i + 8]) << (8 * UInt64(i))
        }
        self.init(low: lo, high: hi)
    }

    public var bytes: [UInt8] {
        (0..<16).map { i in
            let word = i < 8 ? low : high
            return UInt8(truncatingIfNeeded: word >> (8 * UInt64(i % 8)))
        }
    }
}
