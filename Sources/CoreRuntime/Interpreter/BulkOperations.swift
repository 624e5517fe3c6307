import WasmFormat

/// Bulk memory and table operations, and the general memory access path.
extension Store {
    func memoryFill(_ m: UnsafeMutablePointer<MemoryRecord>, _ destination: UInt64, _ value: UInt64, _ count: UInt64) throws(Unwind) {
        let d = m.pointee.is64 ? destination : destination & 0xFFFF_FFFF
        let n = m.pointee.is64 ? count : count & 0xFFFF_FFFF
        guard d <= UInt64(m.pointee.byteCount), n <= UInt64(m.pointee.byteCount) - d else { throw .trap(.outOfBoundsMemoryAccess) }
        (m.pointee.base + Int(d)).initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: value), count: Int(n))
    }

    func memoryCopy(destination: UnsafeMutablePointer<MemoryRecord>, source: UnsafeMutablePointer<MemoryRecord>,
                    _ d: UInt64, _ s: UInt64, _ count: UInt64) throws(Unwind) {
        let d = destination.pointee.is64 ? d : d & 0xFFFF_FFFF
        let s = source.pointee.is64 ? s : s & 0xFFFF_FFFF
        // The length has the smaller of the two address types.
        let n = destination.pointee.is64 && source.pointee.is64 ? count : count & 0xFFFF_FFFF
        guard s <= UInt64(source.pointee.byteCount), n <= UInt64(source.pointee.byteCount) - s,
              d <= UInt64(destination.pointee.byteCount), n <= UInt64(destination.pointee.byteCount) - d else {
            throw .trap(.outOfBoundsMemoryAccess)
        }
        (destination.pointee.base + Int(d)).copyMemory(from: source.pointee.base + Int(s), byteCount: Int(n))
    }

    func memoryInit(_ m: UnsafeMutablePointer<MemoryRecord>, segment: SegmentRecord,
                    _ destination: UInt64, _ offset: UInt32, _ count: UInt32) throws(Unwind) {
        let d = m.pointee.is64 ? destination : destination & 0xFFFF_FFFF
        let n = UInt64(count), s = UInt64(offset)
        guard s <= UInt64(segment.count), n <= UInt64(segment.count) - s,
              d <= UInt64(m.pointee.byteCount), n <= UInt64(m.pointee.byteCount) - d else {
            throw .trap(.outOfBoundsMemoryAccess)
        }
        if n > 0, let base = segment.base {
            (m.pointee.base + Int(d)).copyMemory(from: base + Int(s), byteCount: Int(n))
        }
    }

    func tableFill(_ t: UnsafeMutablePointer<TableRecord>, start: UInt64, value: UInt64, count: UInt64) throws(Unwind) {
        let i = t.pointee.is64 ? start : start & 0xFFFF_FFFF
        let n = t.pointee.is64 ? count : count & 0xFFFF_FFFF
        guard i <= UInt64(t.pointee.count), n <= UInt64(t.pointee.count) - i else { throw .trap(.outOfBoundsTableAccess) }
        (t.pointee.elements + Int(i)).update(repeating: value, count: Int(n))
    }

    func tableCopy(destination: UnsafeMutablePointer<TableRecord>, source: UnsafeMutablePointer<TableRecord>,
                   _ d: UInt64, _ s: UInt64, _ count: UInt64) throws(Unwind) {
        let d = destination.pointee.is64 ? d : d & 0xFFFF_FFFF
        let s = source.pointee.is64 ? s : s & 0xFFFF_FFFF
        let n = destination.pointee.is64 && source.pointee.is64 ? count : count & 0xFFFF_FFFF
        guard s <= UInt64(source.pointee.count), n <= UInt64(source.pointee.count) - s,
              d <= UInt64(destination.pointee.count), n <= UInt64(destination.pointee.count) - d else {
            throw .trap(.outOfBoundsTableAccess)
        }
        (destination.pointee.elements + Int(d)).update(from: source.pointee.elements + Int(s), count: Int(n))
    }

    func tableInit(_ t: UnsafeMutablePointer<TableRecord>, segment: inout SegmentRecord,
                   _ destination: UInt64, _ offset: UInt32, _ count: UInt32) throws(Unwind) {
        let d = t.pointee.is64 ? destination : destination & 0xFFFF_FFFF
        let n = UInt64(count), s = UInt64(offset)
        guard s <= UInt64(segment.count), n <= UInt64(segment.count) - s,
              d <= UInt64(t.pointee.count), n <= UInt64(t.pointee.count) - d else {
            throw .trap(.outOfBoundsTableAccess)
        }
        if n > 0, let base = segment.base {
            let items = base.assumingMemoryBound(to: UInt64.self)
            (t.pointee.elements + Int(d)).update(from: items + Int(s), count: Int(n))
        }
    }

    /// Loads and stores of any memory and address type, vector and atomic accesses.
    /// Operands are consecutive slots from A: the address first, then the value(s);
    /// results go to A.
    func memoryAccess(_ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>,
                      context: UnsafeMutablePointer<InstanceContext>) throws(Unwind) {
        let base = Int(truncatingIfNeeded: (pc[0] >> 16) & 0xFFFF)
        let immediate = pc[2]
        let memory = context.pointee.memories[Int(immediate & 0xFF_FFFF)]
        let isLane = immediate & (1 << 31) != 0
        let lane = Int((immediate >> 24) & 0x7F)
        let raw = UInt32(truncatingIfNeeded: immediate >> 32)
        let address = memory.pointee.is64 ? fp[base] : fp[base] & 0xFFFF_FFFF
        let (ea, overflow) = address.addingReportingOverflow(pc[1])
        func check(_ width: UInt64) throws(Unwind) -> UnsafeMutableRawPointer {
            guard !overflow, ea <= UInt64(memory.pointee.byteCount), width <= UInt64(memory.pointee.byteCount) - ea else {
                throw .trap(.outOfBoundsMemoryAccess)
            }
            return memory.pointee.base + Int(ea)
        }
        if isLane {
            guard let op = MemoryLaneOp(rawValue: raw) else { throw .trap(.host("unknown lane memory operation")) }
            try VectorSemantics.laneAccess(op, lane: lane, fp: fp, base: base, check: check)
            return
        }
        try MemoryAccess.execute(raw, fp: fp, base: base, check: check)
    }
}
