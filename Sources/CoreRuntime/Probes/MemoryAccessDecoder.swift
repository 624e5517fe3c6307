import WasmFormat

/// The memory accesses an interpreter instruction is about to make, worked out from its
/// operands (for memory watches, which the instrumented loop checks before each
/// instruction so that the memory handlers themselves carry no probe code).
enum MemoryAccessDecoder {
    struct Access {
        var memory: Int
        var address: UInt64
        var size: UInt64
        var isWrite: Bool
    }

    static func accesses(at pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>,
                         context: UnsafeMutablePointer<InstanceContext>) -> [Access] {
        let w = pc[0]
        guard let op = Op(rawValue: UInt16(truncatingIfNeeded: w)) else { return [] }
        let a = opA(w), b = opB(w), c = opC(w)
        func u32(_ slot: Int) -> UInt64 { fp[slot] & 0xFFFF_FFFF }
        func wrapped(_ x: UInt64, _ y: UInt64) -> UInt64 { (x &+ y) & 0xFFFF_FFFF }
        func load(_ size: UInt64, _ address: UInt64) -> [Access] { [Access(memory: 0, address: address &+ pc[1], size: size, isWrite: false)] }
        func store(_ size: UInt64, _ address: UInt64) -> [Access] { [Access(memory: 0, address: address &+ pc[1], size: size, isWrite: true)] }
        switch op {
        case .load8S, .load8U: return load(1, u32(b))
        case .load16S, .load16U: return load(2, u32(b))
        case .load32S, .load32U: return load(4, u32(b))
        case .load64: return load(8, u32(b))
        case .load8SAdd, .load8UAdd: return load(1, wrapped(u32(b), u32(c)))
        case .load16SAdd, .load16UAdd: return load(2, wrapped(u32(b), u32(c)))
        case .load32SAdd, .load32UAdd: return load(4, wrapped(u32(b), u32(c)))
        case .load64Add: return load(8, wrapped(u32(b), u32(c)))
        case .load8SAddImm, .load8UAddImm: return load(1, wrapped(u32(b), pc[2]))
        case .load16SAddImm, .load16UAddImm: return load(2, wrapped(u32(b), pc[2]))
        case .load32SAddImm, .load32UAddImm: return load(4, wrapped(u32(b), pc[2]))
        case .load64AddImm: return load(8, wrapped(u32(b), pc[2]))
        case .store8: return store(1, u32(a))
        case .store16: return store(2, u32(a))
        case .store32: return store(4, u32(a))
        case .store64: return store(8, u32(a))
        case .store8Add: return store(1, wrapped(u32(a), u32(c)))
        case .store16Add: return store(2, wrapped(u32(a), u32(c)))
        case .store32Add: return store(4, wrapped(u32(a), u32(c)))
        case .store64Add: return store(8, wrapped(u32(a), u32(c)))
        case .store8AddImm: return store(1, wrapped(u32(a), pc[2]))
        case .store16AddImm: return store(2, wrapped(u32(a), pc[2]))
        case .store32AddImm: return store(4, wrapped(u32(a), pc[2]))
        case .store64AddImm: return store(8, wrapped(u32(a), pc[2]))
        case .memoryAccess:
            let memory = Int(pc[2] & 0xFF_FFFF)
            let is64 = context.pointee.memories[memory].pointee.is64
            let address = (is64 ? fp[a] : u32(a)) &+ pc[1]
            let raw = UInt32(truncatingIfNeeded: pc[2] >> 32)
            if pc[2] & (1 << 31) != 0, let laneOp = MemoryLaneOp(rawValue: raw) {
                let isWrite = laneOp.signature.results.isEmpty
                return [Access(memory: memory, address: address, size: 1 << UInt64(laneOp.naturalAlignment), isWrite: isWrite)]
            }
            guard let memOp = MemoryOp(rawValue: raw) else { return [] }
            let signature = memOp.signature
            let isWrite = signature.results.isEmpty || memOp.isAtomic && signature.parameters.count > 1
            return [Access(memory: memory, address: address, size: 1 << UInt64(memOp.naturalAlignment), isWrite: isWrite)]
        case .memoryFill:
            return [Access(memory: Int(pc[1]), address: fp[a], size: fp[c], isWrite: true)]
        case .memoryCopy:
            return [Access(memory: Int(pc[1] >> 32), address: fp[b], size: fp[c], isWrite: false),
                    Access(memory: Int(pc[1] & 0xFFFF_FFFF), address: fp[a], size: fp[c], isWrite: true)]
        case .memoryInit:
            return [Access(memory: Int(pc[1] >> 32), address: fp[a], size: u32(c), isWrite: true)]
        default:
            return []
        }
    }
}
