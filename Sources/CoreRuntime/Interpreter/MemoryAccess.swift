import WasmFormat

/// The general memory access path: any memory index and address type, vector loads and
/// stores, and atomics (which behave as plain accesses in a single-threaded store, apart
/// from their alignment trap).
enum MemoryAccess {
    typealias Check = (UInt64) throws(Unwind) -> UnsafeMutableRawPointer

    static func execute(_ raw: UInt32, fp: UnsafeMutablePointer<UInt64>, base: Int, check: Check) throws(Unwind) {
        guard let op = MemoryOp(rawValue: raw) else { throw .trap(.host("unknown memory operation \(raw)")) }
        let width = UInt64(1) << UInt64(op.naturalAlignment)
        if op.isAtomic {
            let p = try check(width)
            // Memories are page-aligned, so the host address is aligned when the effective
            // address is.
            guard UInt(bitPattern: p) % UInt(width) == 0 else { throw .trap(.unalignedAtomic) }
            try atomic(op, p, fp: fp, base: base)
            return
        }
        switch op {
        case .i32Load, .f32Load: fp[base] = UInt64(try check(4).loadUnaligned(as: UInt32.self))
        case .i64Load, .f64Load: fp[base] = try check(8).loadUnaligned(as: UInt64.self)
        case .i32Load8S: fp[base] = UInt64(UInt32(bitPattern: Int32(try check(1).load(as: Int8.self))))
        case .i32Load8U: fp[base] = UInt64(try check(1).load(as: UInt8.self))
        case .i32Load16S: fp[base] = UInt64(UInt32(bitPattern: Int32(try check(2).loadUnaligned(as: Int16.self))))
        case .i32Load16U: fp[base] = UInt64(try check(2).loadUnaligned(as: UInt16.self))
        case .i64Load8S: fp[base] = UInt64(bitPattern: Int64(try check(1).load(as: Int8.self)))
        case .i64Load8U: fp[base] = UInt64(try check(1).load(as: UInt8.self))
        case .i64Load16S: fp[base] = UInt64(bitPattern: Int64(try check(2).loadUnaligned(as: Int16.self)))
        case .i64Load16U: fp[base] = UInt64(try check(2).loadUnaligned(as: UInt16.self))
        case .i64Load32S: fp[base] = UInt64(bitPattern: Int64(try check(4).loadUnaligned(as: Int32.self)))
        case .i64Load32U: fp[base] = UInt64(try check(4).loadUnaligned(as: UInt32.self))
        case .i32Store, .f32Store: try check(4).storeBytes(of: UInt32(truncatingIfNeeded: fp[base + 1]), as: UInt32.self)
        case .i64Store, .f64Store: try check(8).storeBytes(of: fp[base + 1], as: UInt64.self)
        case .i32Store8, .i64Store8: try check(1).storeBytes(of: UInt8(truncatingIfNeeded: fp[base + 1]), as: UInt8.self)
        case .i32Store16, .i64Store16: try check(2).storeBytes(of: UInt16(truncatingIfNeeded: fp[base + 1]), as: UInt16.self)
        case .i64Store32: try check(4).storeBytes(of: UInt32(truncatingIfNeeded: fp[base + 1]), as: UInt32.self)
        case .v128Load:
            let p = try check(16)
            fp[base] = p.loadUnaligned(as: UInt64.self)
            fp[base + 1] = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        case .v128Store:
            let p = try check(16)
            p.storeBytes(of: fp[base + 1], as: UInt64.self)
            p.storeBytes(of: fp[base + 2], toByteOffset: 8, as: UInt64.self)
        case .v128Load8x8S, .v128Load8x8U, .v128Load16x4S, .v128Load16x4U, .v128Load32x2S, .v128Load32x2U:
            let bytes = try check(8).loadUnaligned(as: UInt64.self)
            let (laneBits, signed): (Int, Bool) = switch op {
            case .v128Load8x8S: (8, true)
            case .v128Load8x8U: (8, false)
            case .v128Load16x4S: (16, true)
            case .v128Load16x4U: (16, false)
            case .v128Load32x2S: (32, true)
            default: (32, false)
            }
            let lanes = 64 / laneBits
            var out: [UInt64] = [0, 0]
            let outBits = laneBits * 2
            for i in 0..<lanes {
                var lane = (bytes >> UInt64(i * laneBits)) & ((1 << UInt64(laneBits)) - 1)
                if signed && lane & (1 << UInt64(laneBits - 1)) != 0 { lane |= ~((1 << UInt64(laneBits)) - 1) }
                lane &= outBits == 64 ? UInt64.max : (1 << UInt64(outBits)) - 1
                let bit = i * outBits
                out[bit / 64] |= lane << UInt64(bit % 64)
            }
            fp[base] = out[0]
            fp[base + 1] = out[1]
        case .v128Load8Splat:
            let v = UInt64(try check(1).load(as: UInt8.self)) * 0x0101_0101_0101_0101
            fp[base] = v; fp[base + 1] = v
        case .v128Load16Splat:
            let v = UInt64(try check(2).loadUnaligned(as: UInt16.self)) * 0x0001_0001_0001_0001
            fp[base] = v; fp[base + 1] = v
        case .v128Load32Splat:
            let v = UInt64(try check(4).loadUnaligned(as: UInt32.self)) * 0x0000_0001_0000_0001
            fp[base] = v; fp[base + 1] = v
        case .v128Load64Splat:
            let v = try check(8).loadUnaligned(as: UInt64.self)
            fp[base] = v; fp[base + 1] = v
        case .v128Load32Zero:
            fp[base] = UInt64(try check(4).loadUnaligned(as: UInt32.self)); fp[base + 1] = 0
        case .v128Load64Zero:
            fp[base] = try check(8).loadUnaligned(as: UInt64.self); fp[base + 1] = 0
        default:
            throw .trap(.host("unsupported memory operation \(op.name)"))
        }
    }

    static func atomic(_ op: MemoryOp, _ p: UnsafeMutableRawPointer, fp: UnsafeMutablePointer<UInt64>, base: Int) throws(Unwind) {
        let width = Int(1) << Int(op.naturalAlignment)
        func load() -> UInt64 {
            switch width {
            case 1: UInt64(p.load(as: UInt8.self))
            case 2: UInt64(p.load(as: UInt16.self))
            case 4: UInt64(p.load(as: UInt32.self))
            default: p.load(as: UInt64.self)
            }
        }
        func store(_ v: UInt64) {
            switch width {
            case 1: p.storeBytes(of: UInt8(truncatingIfNeeded: v), as: UInt8.self)
            case 2: p.storeBytes(of: UInt16(truncatingIfNeeded: v), as: UInt16.self)
            case 4: p.storeBytes(of: UInt32(truncatingIfNeeded: v), as: UInt32.self)
            default: p.storeBytes(of: v, as: UInt64.self)
            }
        }
        let name = op.name
        if name.hasSuffix(".load") || name.contains(".load8") || name.contains(".load16") || name.contains(".load32") {
            fp[base] = load()
            return
        }
        if name.contains(".store") {
            store(fp[base + 1])
            return
        }
        switch op {
        case .memoryAtomicNotify:
            fp[base] = 0  // no other thread waits
            return
        case .memoryAtomicWait32, .memoryAtomicWait64:
            // Single-threaded: a wait can only time out or find a different value.
            let current = load()
            let expected = width == 4 ? fp[base + 1] & 0xFFFF_FFFF : fp[base + 1]
            if current != expected { fp[base] = 1; return }
            throw .trap(.host("memory.atomic.wait would block forever: no other thread can notify"))
        default:
            break
        }
        let mask: UInt64 = width == 8 ? .max : (1 << UInt64(width * 8)) - 1
        let old = load()
        let operand = fp[base + 1] & mask
        if name.contains("cmpxchg") {
            let replacement = fp[base + 2] & mask
            if old == operand { store(replacement) }
        } else if name.hasSuffix(".add") || name.hasSuffix(".add_u") {
            store(old &+ operand)
        } else if name.hasSuffix(".sub") || name.hasSuffix(".sub_u") {
            store(old &- operand)
        } else if name.hasSuffix(".and") || name.hasSuffix(".and_u") {
            store(old & operand)
        } else if name.hasSuffix(".or") || name.hasSuffix(".or_u") {
            store(old | operand)
        } else if name.hasSuffix(".xor") || name.hasSuffix(".xor_u") {
            store(old ^ operand)
        } else if name.hasSuffix(".xchg") || name.hasSuffix(".xchg_u") {
            store(operand)
        }
        fp[base] = old
    }
}
