/// Appends the primitive encodings of the binary format to a byte buffer.
public struct ByteWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public var count: Int { bytes.count }

    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    public mutating func append<C: Collection<UInt8>>(contentsOf c: C) { bytes.append(contentsOf: c) }

    public mutating func unsigned(_ value: UInt64) {
        var v = value
        repeat {
            var b = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { b |= 0x80 }
            bytes.append(b)
        } while v != 0
    }

    public mutating func u32(_ value: UInt32) { unsigned(UInt64(value)) }

    public mutating func signed(_ value: Int64) {
        var v = value
        while true {
            let b = UInt8(v & 0x7F)
            v >>= 7
            let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0)
            bytes.append(done ? b : b | 0x80)
            if done { return }
        }
    }

    public mutating func fixedU32(_ v: UInt32) {
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(8 * i))) }
    }

    public mutating func fixedU64(_ v: UInt64) {
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) }
    }

    public mutating func name(_ s: String) {
        let utf8 = Array(s.utf8)
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Writes a length-prefixed section or subsection whose contents `body` produces.
    public mutating func sized(_ body: (inout ByteWriter) -> Void) {
        var inner = ByteWriter()
        body(&inner)
        u32(UInt32(inner.bytes.count))
        bytes.append(contentsOf: inner.bytes)
    }
}
