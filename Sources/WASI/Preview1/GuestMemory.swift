import CoreRuntime

/// A preview 1 `errno`: what every `wasi_snapshot_preview1` function returns, thrown
/// inside the host and returned at its edge.
struct Errno: Error {
    let code: UInt16

    static let success = Errno(code: 0)
    static let badf = Errno(code: 8)
    static let fault = Errno(code: 21)
    static let inval = Errno(code: 28)
    static let io = Errno(code: 29)
    static let nametoolong = Errno(code: 37)
    static let nosys = Errno(code: 52)
    static let notdir = Errno(code: 54)
    static let notsup = Errno(code: 58)
    static let overflow = Errno(code: 61)
    static let perm = Errno(code: 63)
    static let spipe = Errno(code: 70)
    static let notcapable = Errno(code: 76)

    init(code: UInt16) {
        self.code = code
    }

    init(_ e: FileError) {
        code = e.preview1Errno
    }
}

/// The calling instance's linear memory, read and written little-endian with every
/// access bounds-checked: an address out of range is `fault`, never a host crash.
struct GuestMemory {
    let memory: Memory

    init(_ caller: Caller) throws(Errno) {
        guard let m = caller.memory() else { throw .fault }
        memory = m
    }

    private func pointer(_ address: UInt32, _ count: Int) throws(Errno) -> UnsafeMutableRawPointer {
        let size = UInt64(memory.byteCount)
        guard UInt64(address) + UInt64(count) <= size else { throw .fault }
        return memory.bytes.baseAddress! + Int(address)
    }

    func u8(_ address: UInt32) throws(Errno) -> UInt8 { try pointer(address, 1).load(as: UInt8.self) }
    func u16(_ address: UInt32) throws(Errno) -> UInt16 { UInt16(littleEndian: try pointer(address, 2).loadUnaligned(as: UInt16.self)) }
    func u32(_ address: UInt32) throws(Errno) -> UInt32 { UInt32(littleEndian: try pointer(address, 4).loadUnaligned(as: UInt32.self)) }
    func u64(_ address: UInt32) throws(Errno) -> UInt64 { UInt64(littleEndian: try pointer(address, 8).loadUnaligned(as: UInt64.self)) }

    func store(_ v: UInt8, at address: UInt32) throws(Errno) { try pointer(address, 1).storeBytes(of: v, as: UInt8.self) }
    func store(_ v: UInt16, at address: UInt32) throws(Errno) { try pointer(address, 2).storeBytes(of: v.littleEndian, toByteOffset: 0, as: UInt16.self) }
    func store(_ v: UInt32, at address: UInt32) throws(Errno) { try pointer(address, 4).storeBytes(of: v.littleEndian, toByteOffset: 0, as: UInt32.self) }
    func store(_ v: UInt64, at address: UInt32) throws(Errno) { try pointer(address, 8).storeBytes(of: v.littleEndian, toByteOffset: 0, as: UInt64.self) }

    /// The guest's bytes at `address` (`count` of them), in place.
    func buffer(_ address: UInt32, _ count: UInt32) throws(Errno) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: try pointer(address, Int(count)), count: Int(count))
    }

    func write(_ bytes: some Collection<UInt8>, at address: UInt32) throws(Errno) {
        try buffer(address, UInt32(bytes.count)).copyBytes(from: bytes)
    }

    /// A path or name the guest passes as (pointer, length).
    func string(_ address: UInt32, _ count: UInt32) throws(Errno) -> String {
        let b = try buffer(address, count)
        guard let s = String(validating: b, as: UTF8.self) else { throw Errno(.illegalByteSequence) }
        return s
    }

    /// The buffers of an `iovec` array: (pointer, length) pairs.
    func iovecs(_ address: UInt32, _ count: UInt32) throws(Errno) -> [UnsafeMutableRawBufferPointer] {
        var out: [UnsafeMutableRawBufferPointer] = []
        for i in 0..<count {
            let entry = address &+ i &* 8
            out.append(try buffer(try u32(entry), try u32(entry &+ 4)))
        }
        return out
    }

    /// Writes the `argv`/`environ` layout: NUL-terminated strings packed from `buffer`, a
    /// pointer to each at `pointers`.
    func storeStrings(_ strings: [String], pointers: UInt32, buffer: UInt32) throws(Errno) {
        var p = buffer
        for (i, s) in strings.enumerated() {
            try store(p, at: pointers &+ UInt32(i) &* 4)
            let bytes = Array(s.utf8) + [0]
            try write(bytes, at: p)
            p &+= UInt32(bytes.count)
        }
    }
}
