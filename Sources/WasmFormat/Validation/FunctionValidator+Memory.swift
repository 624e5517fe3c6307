/// Loads, stores, atomics, vector lanes, and the bulk memory and table operators.
///
/// Memory64 and table64: the address operands take the memory's or table's address type;
/// a copy between two of different address types counts its length in the smaller one.
extension FunctionValidator {
    @inline(__always)
    func memoryAddress(_ m: UInt32) throws(WasmError) -> OperandType {
        guard Int(m) < context.memoryAddresses.count else { throw invalid("unknown memory \(m)") }
        return context.memoryAddresses[Int(m)]
    }

    func table(_ x: UInt32) throws(WasmError) -> (element: OperandType, address: OperandType) {
        guard Int(x) < context.tableElements.count else { throw invalid("unknown table \(x)") }
        return (context.tableElements[Int(x)], context.tableAddresses[Int(x)])
    }

    /// The smaller of two address types.
    func smaller(_ a: OperandType, _ b: OperandType) -> OperandType {
        a == .i64 && b == .i64 ? .i64 : .i32
    }

    func checkOffset(_ memarg: MemArg, _ address: OperandType) throws(WasmError) {
        if address == .i32 && memarg.offset > UInt64(UInt32.max) {
            throw invalid("offset out of range: \(memarg.offset) does not fit a 32-bit memory")
        }
    }

    @inline(__always)
    mutating func validateMemoryAccess(_ op: MemoryOp, _ memarg: MemArg) throws(WasmError) {
        let sig = memoryTable[OperatorSignatures.slot(op.rawValue)]
        let address = try memoryAddress(memarg.memory)
        let natural = sig >> 26 & 0xF
        if sig & OperatorSignatures.atomic != 0 {
            try require(.threads, op.name)
            guard memarg.align == natural else {
                throw invalid("atomic alignment must be natural: \(op.name) needs alignment \(1 << natural), not 2^\(memarg.align)")
            }
        } else {
            guard memarg.align <= natural else {
                throw invalid("alignment must not be larger than natural: \(op.name) accesses \(1 << natural) byte(s), alignment is 2^\(memarg.align)")
            }
            if gating && op.rawValue >> 16 == 0xFD { try require(.simd, op.name) }
        }
        if memarg.offset > UInt64(UInt32.max) { try checkOffset(memarg, address) }
        var n = sig & 7
        while n > 0 {
            n -= 1
            try popNumeric(sig >> (8 + 3 * n) & 7)
        }
        try popNumeric(address.raw)
        if sig >> 3 & 3 != 0 { operands.append(OperandType(raw: sig >> 20 & 7)) }
    }

    mutating func validateMemoryLane(_ op: MemoryLaneOp, _ memarg: MemArg, _ lane: UInt8) throws(WasmError) {
        try require(.simd, op.name)
        let address = try memoryAddress(memarg.memory)
        guard memarg.align <= op.naturalAlignment else {
            throw invalid("alignment must not be larger than natural: \(op.name) accesses \(1 << op.naturalAlignment) byte(s), alignment is 2^\(memarg.align)")
        }
        guard lane < op.laneCount else {
            throw invalid("invalid lane index \(lane): \(op.name) has \(op.laneCount) lanes")
        }
        try checkOffset(memarg, address)
        try popNumeric(OperandType.v128.raw)
        try popNumeric(address.raw)
        if op.rawValue <= MemoryLaneOp.v128Load64Lane.rawValue { operands.append(.v128) }
    }

    mutating func validateLane(_ op: LaneOp, _ lane: UInt8) throws(WasmError) {
        try require(.simd, op.name)
        guard lane < op.laneCount else {
            throw invalid("invalid lane index \(lane): \(op.name) has \(op.laneCount) lanes")
        }
        let sig = laneTable[OperatorSignatures.slot(op.rawValue)]
        var n = sig & 7
        while n > 0 {
            n -= 1
            try popNumeric(sig >> (8 + 3 * n) & 7)
        }
        operands.append(OperandType(raw: sig >> 20 & 7))
    }

    mutating func validateShuffle(_ lanes: V128) throws(WasmError) {
        try require(.simd, "i8x16.shuffle")
        for word in [lanes.low, lanes.high] {
            for k in 0..<8 {
                let lane = UInt8(truncatingIfNeeded: word >> (8 * UInt64(k)))
                guard lane < 32 else {
                    throw invalid("invalid lane index \(lane): i8x16.shuffle selects from 32 lanes")
                }
            }
        }
        try popNumeric(OperandType.v128.raw)
        try popNumeric(OperandType.v128.raw)
        operands.append(.v128)
    }

    /// Data segment `d` for `memory.init`, `data.drop` and the array operators: indices into
    /// the data section may only appear in code when the data count section announces it.
    func checkDataSegment(_ d: UInt32) throws(WasmError) {
        guard let count = context.dataCount else {
            throw malformed("data count section required: data segment \(d) is used in code but the module has no data count section")
        }
        guard d < count else { throw invalid("unknown data segment \(d)") }
    }

    func checkElementSegment(_ e: UInt32) throws(WasmError) -> OperandType {
        guard Int(e) < context.elementTypes.count else { throw invalid("unknown elem segment \(e)") }
        return context.elementTypes[Int(e)]
    }

    mutating func validateBulkMemory(_ instruction: Instruction) throws(WasmError) {
        switch instruction {
        case .memorySize(let m):
            operands.append(try memoryAddress(m))
        case .memoryGrow(let m):
            let at = try memoryAddress(m)
            try popNumeric(at.raw)
            operands.append(at)
        case .memoryFill(let m):
            try require(.bulkMemory, "memory.fill")
            let at = try memoryAddress(m)
            try popNumeric(at.raw)
            try popNumeric(OperandType.i32.raw)
            try popNumeric(at.raw)
        case .memoryCopy(let destination, let source):
            try require(.bulkMemory, "memory.copy")
            let d = try memoryAddress(destination)
            let s = try memoryAddress(source)
            try popNumeric(smaller(d, s).raw)
            try popNumeric(s.raw)
            try popNumeric(d.raw)
        case .memoryInit(let data, let m):
            try require(.bulkMemory, "memory.init")
            let at = try memoryAddress(m)
            try checkDataSegment(data)
            try popNumeric(OperandType.i32.raw)
            try popNumeric(OperandType.i32.raw)
            try popNumeric(at.raw)
        case .dataDrop(let data):
            try require(.bulkMemory, "data.drop")
            try checkDataSegment(data)
        case .atomicFence:
            try require(.threads, "atomic.fence")
        default:
            break
        }
    }

    mutating func validateTableInstruction(_ instruction: Instruction) throws(WasmError) {
        switch instruction {
        case .tableGet(let x):
            try require(.referenceTypes, "table.get")
            let t = try table(x)
            try popNumeric(t.address.raw)
            operands.append(t.element)
        case .tableSet(let x):
            try require(.referenceTypes, "table.set")
            let t = try table(x)
            try pop(t.element)
            try popNumeric(t.address.raw)
        case .tableSize(let x):
            try require(.referenceTypes, "table.size")
            operands.append(try table(x).address)
        case .tableGrow(let x):
            try require(.referenceTypes, "table.grow")
            let t = try table(x)
            try popNumeric(t.address.raw)
            try pop(t.element)
            operands.append(t.address)
        case .tableFill(let x):
            try require(.referenceTypes, "table.fill")
            let t = try table(x)
            try popNumeric(t.address.raw)
            try pop(t.element)
            try popNumeric(t.address.raw)
        case .tableCopy(let destination, let source):
            try require(.bulkMemory, "table.copy")
            let d = try table(destination)
            let s = try table(source)
            guard types.isSubtype(s.element, d.element) else {
                throw invalid("type mismatch: table.copy from table \(source) of \(s.element) into table \(destination) of \(d.element)")
            }
            try popNumeric(smaller(d.address, s.address).raw)
            try popNumeric(s.address.raw)
            try popNumeric(d.address.raw)
        case .tableInit(let e, let x):
            try require(.bulkMemory, "table.init")
            let t = try table(x)
            let element = try checkElementSegment(e)
            guard types.isSubtype(element, t.element) else {
                throw invalid("type mismatch: table.init of elem segment \(e) of \(element) into table \(x) of \(t.element)")
            }
            try popNumeric(OperandType.i32.raw)
            try popNumeric(OperandType.i32.raw)
            try popNumeric(t.address.raw)
        case .elemDrop(let e):
            try require(.bulkMemory, "elem.drop")
            _ = try checkElementSegment(e)
        default:
            break
        }
    }
}
