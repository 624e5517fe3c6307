/// Decodes instructions one at a time from a function body or constant expression.
public struct InstructionReader {
    public var reader: ByteReader

    /// `code` is a slice of the module binary; offsets are reported relative to the
    /// binary's start, `baseOffset` being the offset of `code.startIndex`.
    public init(code: ArraySlice<UInt8>, baseOffset: Int) {
        // Rebase so that positions are module offsets: slices keep their parent's indices,
        // but a body re-encoded into a fresh array starts at 0.
        let shifted = baseOffset - code.startIndex
        self.reader = ByteReader(code)
        self.shift = shifted
    }

    public init(reader: ByteReader) {
        self.reader = reader
        self.shift = 0
    }

    private let shift: Int

    public var offset: Int { reader.offset + shift }
    public var isAtEnd: Bool { reader.isAtEnd }

    /// Errors are raised with reader positions and rebased once, in `read()`.
    private func fail(_ message: String, at position: Int) -> WasmError {
        .malformed(message, at: position)
    }

    /// Reads the next instruction.
    public mutating func read() throws(WasmError) -> Instruction {
        do {
            return try readUnshifted()
        } catch {
            var e = error
            e.offset += shift
            throw e
        }
    }

    private mutating func readUnshifted() throws(WasmError) -> Instruction {
        let start = reader.offset
        let op = try reader.readByte()
        switch op {
        case 0x02: return .block(try reader.readBlockType())
        case 0x03: return .loop(try reader.readBlockType())
        case 0x04: return .if(try reader.readBlockType())
        case 0x06: return .legacyTry(try reader.readBlockType())
        case 0x07: return .legacyCatch(tag: try reader.readU32())
        case 0x08: return .throw(tag: try reader.readU32())
        case 0x09: return .legacyRethrow(try reader.readU32())
        case 0x0C: return .br(try reader.readU32())
        case 0x0D: return .brIf(try reader.readU32())
        case 0x0E:
            let n = try reader.readCount(what: "br_table")
            var labels: [UInt32] = []
            labels.reserveCapacity(n)
            for _ in 0..<n { labels.append(try reader.readU32()) }
            return .brTable(labels, default: try reader.readU32())
        case 0x10: return .call(try reader.readU32())
        case 0x11:
            let t = try reader.readU32()
            return .callIndirect(type: t, table: try reader.readU32())
        case 0x12: return .returnCall(try reader.readU32())
        case 0x13:
            let t = try reader.readU32()
            return .returnCallIndirect(type: t, table: try reader.readU32())
        case 0x14: return .callRef(type: try reader.readU32())
        case 0x15: return .returnCallRef(type: try reader.readU32())
        case 0x18: return .legacyDelegate(try reader.readU32())
        case 0x1C:
            let n = try reader.readCount(what: "select types")
            var types: [ValueType] = []
            for _ in 0..<n { types.append(try reader.readValueType()) }
            return .selectTyped(types)
        case 0x1F:
            let bt = try reader.readBlockType()
            let n = try reader.readCount(what: "catch clauses")
            var catches: [CatchClause] = []
            for _ in 0..<n {
                let kindOffset = reader.offset
                guard let kind = CatchClause.Kind(rawValue: try reader.readByte()) else {
                    throw fail("malformed catch clause", at: kindOffset)
                }
                let tag: UInt32? = (kind == .catch || kind == .catchRef) ? try reader.readU32() : nil
                catches.append(CatchClause(kind: kind, tag: tag, label: try reader.readU32()))
            }
            return .tryTable(bt, catches)
        case 0x20: return .localGet(try reader.readU32())
        case 0x21: return .localSet(try reader.readU32())
        case 0x22: return .localTee(try reader.readU32())
        case 0x23: return .globalGet(try reader.readU32())
        case 0x24: return .globalSet(try reader.readU32())
        case 0x25: return .tableGet(try reader.readU32())
        case 0x26: return .tableSet(try reader.readU32())
        case 0x28...0x3E:
            let memOp = MemoryOp(rawValue: UInt32(op))!
            return .memory(memOp, try reader.readMemArg())
        case 0x3F: return .memorySize(try readMemoryIndexByte())
        case 0x40: return .memoryGrow(try readMemoryIndexByte())
        case 0x41: return .i32Const(try reader.readS32())
        case 0x42: return .i64Const(try reader.readS64())
        case 0x43: return .f32Const(try reader.readFixedU32())
        case 0x44: return .f64Const(try reader.readFixedU64())
        case 0xD0: return .refNull(try reader.readHeapType())
        case 0xD2: return .refFunc(try reader.readU32())
        case 0xD5: return .brOnNull(try reader.readU32())
        case 0xD6: return .brOnNonNull(try reader.readU32())
        case 0xFB: return try readGC(start: start)
        case 0xFC: return try readFC(start: start)
        case 0xFD: return try readSIMD(start: start)
        case 0xFE: return try readAtomic(start: start)
        default:
            if let plain = Self.oneBytePlainOps[Int(op)] { return .plain(plain) }
            throw fail("illegal opcode 0x\(String(op, radix: 16))", at: start)
        }
    }

    /// The operators without immediates encoded in one byte, by opcode: a table lookup is
    /// much cheaper than `PlainOp(rawValue:)` on every instruction.
    private static let oneBytePlainOps: [PlainOp?] = (0..<256).map { PlainOp(rawValue: UInt32($0)) }

    /// `memory.size` and `memory.grow` take a memory index (multi-memory); it used to be a
    /// reserved zero byte, which is the one-byte LEB128 of 0.
    private mutating func readMemoryIndexByte() throws(WasmError) -> UInt32 {
        try reader.readU32()
    }

    private mutating func readGC(start: Int) throws(WasmError) -> Instruction {
        let sub = try reader.readU32()
        func idx() throws(WasmError) -> UInt32 { try reader.readU32() }
        switch sub {
        case 0x00: return .structNew(try idx())
        case 0x01: return .structNewDefault(try idx())
        case 0x02: let t = try idx(); return .structGet(type: t, field: try idx())
        case 0x03: let t = try idx(); return .structGetS(type: t, field: try idx())
        case 0x04: let t = try idx(); return .structGetU(type: t, field: try idx())
        case 0x05: let t = try idx(); return .structSet(type: t, field: try idx())
        case 0x06: return .arrayNew(try idx())
        case 0x07: return .arrayNewDefault(try idx())
        case 0x08: let t = try idx(); return .arrayNewFixed(type: t, count: try idx())
        case 0x09: let t = try idx(); return .arrayNewData(type: t, data: try idx())
        case 0x0A: let t = try idx(); return .arrayNewElem(type: t, elem: try idx())
        case 0x0B: return .arrayGet(try idx())
        case 0x0C: return .arrayGetS(try idx())
        case 0x0D: return .arrayGetU(try idx())
        case 0x0E: return .arraySet(try idx())
        case 0x10: return .arrayFill(try idx())
        case 0x11: let d = try idx(); return .arrayCopy(destination: d, source: try idx())
        case 0x12: let t = try idx(); return .arrayInitData(type: t, data: try idx())
        case 0x13: let t = try idx(); return .arrayInitElem(type: t, elem: try idx())
        case 0x14: return .refTest(RefType(nullable: false, heapType: try reader.readHeapType()))
        case 0x15: return .refTest(RefType(nullable: true, heapType: try reader.readHeapType()))
        case 0x16: return .refCast(RefType(nullable: false, heapType: try reader.readHeapType()))
        case 0x17: return .refCast(RefType(nullable: true, heapType: try reader.readHeapType()))
        case 0x18, 0x19:
            let flagsOffset = reader.offset
            let flags = try reader.readByte()
            guard flags & ~3 == 0 else { throw fail("malformed br_on_cast flags", at: flagsOffset) }
            let label = try idx()
            let from = RefType(nullable: flags & 1 != 0, heapType: try reader.readHeapType())
            let to = RefType(nullable: flags & 2 != 0, heapType: try reader.readHeapType())
            return sub == 0x18 ? .brOnCast(label, from: from, to: to) : .brOnCastFail(label, from: from, to: to)
        default:
            if let plain = PlainOp(rawValue: 0xFB0000 | sub) { return .plain(plain) }
            throw fail("illegal opcode 0xfb \(sub)", at: start)
        }
    }

    private mutating func readFC(start: Int) throws(WasmError) -> Instruction {
        let sub = try reader.readU32()
        func idx() throws(WasmError) -> UInt32 { try reader.readU32() }
        switch sub {
        case 0x08: let d = try idx(); return .memoryInit(data: d, memory: try idx())
        case 0x09: return .dataDrop(try idx())
        case 0x0A: let d = try idx(); return .memoryCopy(destination: d, source: try idx())
        case 0x0B: return .memoryFill(try idx())
        case 0x0C: let e = try idx(); return .tableInit(elem: e, table: try idx())
        case 0x0D: return .elemDrop(try idx())
        case 0x0E: let d = try idx(); return .tableCopy(destination: d, source: try idx())
        case 0x0F: return .tableGrow(try idx())
        case 0x10: return .tableSize(try idx())
        case 0x11: return .tableFill(try idx())
        default:
            if let plain = PlainOp(rawValue: 0xFC0000 | sub) { return .plain(plain) }
            throw fail("illegal opcode 0xfc \(sub)", at: start)
        }
    }

    private mutating func readSIMD(start: Int) throws(WasmError) -> Instruction {
        let sub = try reader.readU32()
        let code = 0xFD0000 | sub
        switch sub {
        case 0x0C:
            return .v128Const(V128(low: try reader.readFixedU64(), high: try reader.readFixedU64()))
        case 0x0D:
            return .i8x16Shuffle(V128(low: try reader.readFixedU64(), high: try reader.readFixedU64()))
        default:
            break
        }
        if sub <= 0xFFFF {
            if let op = MemoryOp(rawValue: code) { return .memory(op, try reader.readMemArg()) }
            if let op = MemoryLaneOp(rawValue: code) {
                let m = try reader.readMemArg()
                return .memoryLane(op, m, lane: try reader.readByte())
            }
            if let op = LaneOp(rawValue: code) { return .lane(op, try reader.readByte()) }
            if let plain = PlainOp(rawValue: code) { return .plain(plain) }
        }
        throw fail("illegal opcode 0xfd \(sub)", at: start)
    }

    private mutating func readAtomic(start: Int) throws(WasmError) -> Instruction {
        let sub = try reader.readU32()
        if sub == 0x03 {
            let zeroOffset = reader.offset
            guard try reader.readByte() == 0 else { throw fail("malformed atomic.fence: expected a zero byte", at: zeroOffset) }
            return .atomicFence
        }
        if sub <= 0xFFFF, let op = MemoryOp(rawValue: 0xFE0000 | sub) {
            return .memory(op, try reader.readMemArg())
        }
        throw fail("illegal opcode 0xfe \(sub)", at: start)
    }
}

extension ByteReader {
    public mutating func readHeapType() throws(WasmError) -> HeapType {
        let start = offset
        guard let first = peekByte() else { throw error("unexpected end of input") }
        if first & 0xC0 == 0x40, let abs = AbstractHeapType(rawValue: first) {
            _ = try readByte()
            return .abstract(abs)
        }
        let v = try readS33()
        guard v >= 0 else { throw error("malformed heap type", at: start) }
        guard v <= Int64(UInt32.max) else { throw error("type index too large", at: start) }
        return .concrete(UInt32(v))
    }

    public mutating func readRefType() throws(WasmError) -> RefType {
        let start = offset
        let b = try readByte()
        switch b {
        case 0x63: return RefType(nullable: true, heapType: try readHeapType())
        case 0x64: return RefType(nullable: false, heapType: try readHeapType())
        default:
            if let abs = AbstractHeapType(rawValue: b) {
                return RefType(nullable: true, heapType: .abstract(abs))
            }
            throw error("malformed reference type 0x\(String(b, radix: 16))", at: start)
        }
    }

    public mutating func readValueType() throws(WasmError) -> ValueType {
        let start = offset
        guard let b = peekByte() else { throw error("unexpected end of input") }
        switch b {
        case 0x7F: _ = try readByte(); return .i32
        case 0x7E: _ = try readByte(); return .i64
        case 0x7D: _ = try readByte(); return .f32
        case 0x7C: _ = try readByte(); return .f64
        case 0x7B: _ = try readByte(); return .v128
        case 0x63, 0x64: return .ref(try readRefType())
        default:
            if AbstractHeapType(rawValue: b) != nil { return .ref(try readRefType()) }
            throw error("malformed value type 0x\(String(b, radix: 16))", at: start)
        }
    }

    public mutating func readBlockType() throws(WasmError) -> BlockType {
        let start = offset
        guard let b = peekByte() else { throw error("unexpected end of input") }
        if b == 0x40 {
            _ = try readByte()
            return .empty
        }
        // Value types are single negative bytes (or 0x63/0x64 prefixes); type indices
        // are non-negative s33s.
        if b & 0xC0 == 0x40 { return .value(try readValueType()) }
        let v = try readS33()
        guard v >= 0 else { throw error("malformed block type", at: start) }
        guard v <= Int64(UInt32.max) else { throw error("type index too large", at: start) }
        return .typeIndex(UInt32(v))
    }

    public mutating func readMemArg() throws(WasmError) -> MemArg {
        let start = offset
        var flags = try readU32()
        var memory: UInt32 = 0
        if flags & 0x40 != 0 {
            flags &= ~0x40
            memory = try readU32()
        }
        guard flags < 64 else { throw error("malformed memop alignment flags", at: start) }
        let off = try readU64()
        return MemArg(align: flags, offset: off, memory: memory)
    }
}
