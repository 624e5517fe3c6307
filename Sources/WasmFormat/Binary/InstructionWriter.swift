/// Encodes instructions and the types they mention into the binary format.
extension ByteWriter {
    public mutating func opcode(_ raw: UInt32) {
        if raw > 0xFF {
            byte(UInt8(raw >> 16))
            u32(raw & 0xFFFF)
        } else {
            byte(UInt8(raw))
        }
    }

    public mutating func heapType(_ h: HeapType) {
        switch h {
        case .abstract(let a): byte(a.rawValue)
        case .concrete(let i): signed(Int64(i))
        }
    }

    public mutating func refType(_ r: RefType) {
        // The one-byte shorthands stand for nullable abstract references.
        if r.nullable, case .abstract(let a) = r.heapType {
            byte(a.rawValue)
            return
        }
        byte(r.nullable ? 0x63 : 0x64)
        heapType(r.heapType)
    }

    public mutating func valueType(_ t: ValueType) {
        switch t {
        case .i32: byte(0x7F)
        case .i64: byte(0x7E)
        case .f32: byte(0x7D)
        case .f64: byte(0x7C)
        case .v128: byte(0x7B)
        case .ref(let r): refType(r)
        }
    }

    public mutating func blockType(_ b: BlockType) {
        switch b {
        case .empty: byte(0x40)
        case .value(let t): valueType(t)
        case .typeIndex(let i): signed(Int64(i))
        }
    }

    public mutating func memArg(_ m: MemArg) {
        // Bit 6 of the alignment field says that a memory index follows.
        if m.memory != 0 {
            u32(m.align | 0x40)
            u32(m.memory)
        } else {
            u32(m.align)
        }
        unsigned(m.offset)
    }

    /// Appends one instruction.
    public mutating func instruction(_ instruction: Instruction) {
        switch instruction {
        case .plain(let op): opcode(op.rawValue)
        case .block(let b): byte(0x02); blockType(b)
        case .loop(let b): byte(0x03); blockType(b)
        case .if(let b): byte(0x04); blockType(b)
        case .tryTable(let b, let catches):
            byte(0x1F); blockType(b)
            u32(UInt32(catches.count))
            for c in catches {
                byte(c.kind.rawValue)
                if let tag = c.tag { u32(tag) }
                u32(c.label)
            }
        case .throw(let tag): byte(0x08); u32(tag)
        case .br(let l): byte(0x0C); u32(l)
        case .brIf(let l): byte(0x0D); u32(l)
        case .brTable(let labels, let def):
            byte(0x0E)
            u32(UInt32(labels.count))
            for l in labels { u32(l) }
            u32(def)
        case .brOnNull(let l): byte(0xD5); u32(l)
        case .brOnNonNull(let l): byte(0xD6); u32(l)
        case .brOnCast(let l, let from, let to), .brOnCastFail(let l, let from, let to):
            if case .brOnCast = instruction { opcode(0xFB0018) } else { opcode(0xFB0019) }
            byte((from.nullable ? 1 : 0) | (to.nullable ? 2 : 0))
            u32(l)
            heapType(from.heapType)
            heapType(to.heapType)
        case .call(let f): byte(0x10); u32(f)
        case .callIndirect(let t, let table): byte(0x11); u32(t); u32(table)
        case .returnCall(let f): byte(0x12); u32(f)
        case .returnCallIndirect(let t, let table): byte(0x13); u32(t); u32(table)
        case .callRef(let t): byte(0x14); u32(t)
        case .returnCallRef(let t): byte(0x15); u32(t)
        case .selectTyped(let types):
            byte(0x1C)
            u32(UInt32(types.count))
            for t in types { valueType(t) }
        case .legacyTry(let b): byte(0x06); blockType(b)
        case .legacyCatch(let tag): byte(0x07); u32(tag)
        case .legacyRethrow(let l): byte(0x09); u32(l)
        case .legacyDelegate(let l): byte(0x18); u32(l)
        case .localGet(let i): byte(0x20); u32(i)
        case .localSet(let i): byte(0x21); u32(i)
        case .localTee(let i): byte(0x22); u32(i)
        case .globalGet(let i): byte(0x23); u32(i)
        case .globalSet(let i): byte(0x24); u32(i)
        case .tableGet(let i): byte(0x25); u32(i)
        case .tableSet(let i): byte(0x26); u32(i)
        case .tableInit(let e, let t): opcode(0xFC000C); u32(e); u32(t)
        case .elemDrop(let e): opcode(0xFC000D); u32(e)
        case .tableCopy(let d, let s): opcode(0xFC000E); u32(d); u32(s)
        case .tableGrow(let t): opcode(0xFC000F); u32(t)
        case .tableSize(let t): opcode(0xFC0010); u32(t)
        case .tableFill(let t): opcode(0xFC0011); u32(t)
        case .memory(let op, let m): opcode(op.rawValue); memArg(m)
        case .memoryLane(let op, let m, let lane): opcode(op.rawValue); memArg(m); byte(lane)
        case .memorySize(let m): byte(0x3F); u32(m)
        case .memoryGrow(let m): byte(0x40); u32(m)
        case .memoryInit(let d, let m): opcode(0xFC0008); u32(d); u32(m)
        case .dataDrop(let d): opcode(0xFC0009); u32(d)
        case .memoryCopy(let d, let s): opcode(0xFC000A); u32(d); u32(s)
        case .memoryFill(let m): opcode(0xFC000B); u32(m)
        case .atomicFence: opcode(0xFE0003); byte(0)
        case .i32Const(let v): byte(0x41); signed(Int64(v))
        case .i64Const(let v): byte(0x42); signed(v)
        case .f32Const(let bits): byte(0x43); fixedU32(bits)
        case .f64Const(let bits): byte(0x44); fixedU64(bits)
        case .v128Const(let v): opcode(0xFD000C); fixedU64(v.low); fixedU64(v.high)
        case .refNull(let h): byte(0xD0); heapType(h)
        case .refFunc(let f): byte(0xD2); u32(f)
        case .refTest(let r): opcode(r.nullable ? 0xFB0015 : 0xFB0014); heapType(r.heapType)
        case .refCast(let r): opcode(r.nullable ? 0xFB0017 : 0xFB0016); heapType(r.heapType)
        case .structNew(let t): opcode(0xFB0000); u32(t)
        case .structNewDefault(let t): opcode(0xFB0001); u32(t)
        case .structGet(let t, let f): opcode(0xFB0002); u32(t); u32(f)
        case .structGetS(let t, let f): opcode(0xFB0003); u32(t); u32(f)
        case .structGetU(let t, let f): opcode(0xFB0004); u32(t); u32(f)
        case .structSet(let t, let f): opcode(0xFB0005); u32(t); u32(f)
        case .arrayNew(let t): opcode(0xFB0006); u32(t)
        case .arrayNewDefault(let t): opcode(0xFB0007); u32(t)
        case .arrayNewFixed(let t, let n): opcode(0xFB0008); u32(t); u32(n)
        case .arrayNewData(let t, let d): opcode(0xFB0009); u32(t); u32(d)
        case .arrayNewElem(let t, let e): opcode(0xFB000A); u32(t); u32(e)
        case .arrayGet(let t): opcode(0xFB000B); u32(t)
        case .arrayGetS(let t): opcode(0xFB000C); u32(t)
        case .arrayGetU(let t): opcode(0xFB000D); u32(t)
        case .arraySet(let t): opcode(0xFB000E); u32(t)
        case .arrayFill(let t): opcode(0xFB0010); u32(t)
        case .arrayCopy(let d, let s): opcode(0xFB0011); u32(d); u32(s)
        case .arrayInitData(let t, let d): opcode(0xFB0012); u32(t); u32(d)
        case .arrayInitElem(let t, let e): opcode(0xFB0013); u32(t); u32(e)
        case .i8x16Shuffle(let lanes): opcode(0xFD000D); fixedU64(lanes.low); fixedU64(lanes.high)
        case .lane(let op, let lane): opcode(op.rawValue); byte(lane)
        }
    }

    /// Appends a constant expression followed by `end`.
    public mutating func constantExpression(_ e: ConstantExpression) {
        for i in e.instructions { instruction(i) }
        byte(0x0B)
    }
}
