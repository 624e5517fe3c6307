/// Reads the primitive encodings of the binary format (bytes, LEB128 integers, floats,
/// names, vectors) from a slice of the input, tracking the absolute byte offset.
///
/// Every read is bounds-checked and fails with a `WasmError.malformed` that names what was
/// being read, so hostile input ends in an error, never a trap or an unbounded allocation.
public struct ByteReader {
    /// The whole input; `position` indexes into it directly.
    public let bytes: ArraySlice<UInt8>
    public private(set) var position: Int
    public let end: Int

    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
        self.end = bytes.endIndex
    }

    public init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// A reader over `bytes[start..<end]` that reports offsets relative to the whole input.
    public init(_ bytes: ArraySlice<UInt8>, from start: Int, to end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    /// The absolute byte offset of the next byte (offsets count from the slice's base
    /// storage, which for a whole binary is from its first byte).
    public var offset: Int { position }

    public var isAtEnd: Bool { position >= end }
    public var remaining: Int { end - position }

    public func error(_ message: String, at offset: Int? = nil) -> WasmError {
        .malformed(message, at: offset ?? position)
    }

    public mutating func readByte() throws(WasmError) -> UInt8 {
        guard position < end else { throw .malformed("unexpected end-of-file", at: position) }
        let b = bytes[position]
        position += 1
        return b
    }

    public func peekByte() -> UInt8? {
        position < end ? bytes[position] : nil
    }

    public mutating func readBytes(_ count: Int) throws(WasmError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw .malformed("unexpected end-of-file: \(count) bytes needed, \(remaining) left", at: position)
        }
        let slice = bytes[position..<(position + count)]
        position += count
        return slice
    }

    public mutating func skip(_ count: Int) throws(WasmError) {
        _ = try readBytes(count)
    }

    /// Reads an unsigned LEB128 of at most `bits` bits, rejecting overlong encodings and
    /// unused bits that are set ("integer too large", "integer representation too long").

    public mutating func readUnsigned(bits: Int) throws(WasmError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift = 0
        while true {
            let byte = try readByteForLEB(start)
            let payload = UInt64(byte & 0x7F)
            let remainingBits = bits - shift
            if remainingBits < 7 {
                // The last allowed byte: no continuation, and no bits beyond `bits`.
                if byte & 0x80 != 0 {
                    throw .malformed("integer representation too long", at: start)
                }
                if payload >> UInt64(remainingBits) != 0 {
                    throw .malformed("integer too large", at: start)
                }
            }
            result |= payload << UInt64(shift)
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift >= bits + 7 { throw .malformed("integer representation too long", at: start) }
        }
    }

    /// Reads a signed LEB128 of at most `bits` bits; the unused bits of the last byte must
    /// all equal the sign bit.

    public mutating func readSigned(bits: Int) throws(WasmError) -> Int64 {
        let start = position
        var result: Int64 = 0
        var shift = 0
        while true {
            let byte = try readByteForLEB(start)
            let payload = Int64(byte & 0x7F)
            let remainingBits = bits - shift
            if remainingBits < 7 {
                if byte & 0x80 != 0 {
                    throw .malformed("integer representation too long", at: start)
                }
                // Bits from the sign bit (remainingBits - 1) to bit 6 must all agree.
                let signAndAbove = payload >> Int64(remainingBits - 1)
                let mask: Int64 = (1 << Int64(7 - remainingBits + 1)) - 1
                if signAndAbove != 0 && signAndAbove != mask {
                    throw .malformed("integer too large", at: start)
                }
            }
            result |= payload << Int64(shift)
            shift += 7
            if byte & 0x80 == 0 {
                if shift < 64 && byte & 0x40 != 0 {
                    result |= -1 << Int64(shift)
                }
                return result
            }
            if shift >= bits + 7 { throw .malformed("integer representation too long", at: start) }
        }
    }

    mutating func readByteForLEB(_ start: Int) throws(WasmError) -> UInt8 {
        guard position < end else {
            throw .malformed(start == position ? "unexpected end-of-file" : "unexpected end-of-file inside a LEB128 integer", at: position)
        }
        let b = bytes[position]
        position += 1
        return b
    }

    // Fast paths: most LEB128s in code are one byte (indices, small constants, memarg
    // fields), and taking them without the general loop roughly halves instruction decoding.

    /// The next byte if it is a complete one-byte LEB128 (no continuation bit).
    @inline(__always)
    private mutating func readSingleByteLEB() -> UInt8? {
        guard position < end else { return nil }
        let b = bytes[position]
        guard b < 0x80 else { return nil }
        position += 1
        return b
    }

    @inline(__always)
    public mutating func readU32() throws(WasmError) -> UInt32 {
        if let b = readSingleByteLEB() { return UInt32(b) }
        return UInt32(truncatingIfNeeded: try readUnsigned(bits: 32))
    }

    @inline(__always)
    public mutating func readU64() throws(WasmError) -> UInt64 {
        if let b = readSingleByteLEB() { return UInt64(b) }
        return try readUnsigned(bits: 64)
    }

    @inline(__always)
    public mutating func readS32() throws(WasmError) -> Int32 {
        // Bit 6 is the sign of a one-byte signed LEB128.
        if let b = readSingleByteLEB() { return Int32(Int8(bitPattern: b << 1) >> 1) }
        return Int32(truncatingIfNeeded: try readSigned(bits: 32))
    }

    @inline(__always)
    public mutating func readS64() throws(WasmError) -> Int64 {
        if let b = readSingleByteLEB() { return Int64(Int8(bitPattern: b << 1) >> 1) }
        return try readSigned(bits: 64)
    }

    /// An s33, used for block types and heap types.
    public mutating func readS33() throws(WasmError) -> Int64 {
        try readSigned(bits: 33)
    }

    public mutating func readFixedU32() throws(WasmError) -> UInt32 {
        guard remaining >= 4 else { _ = try readBytes(4); return 0 }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[position + i]) << UInt32(8 * i) }
        position += 4
        return v
    }

    public mutating func readFixedU64() throws(WasmError) -> UInt64 {
        guard remaining >= 8 else { _ = try readBytes(8); return 0 }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << UInt64(8 * i) }
        position += 8
        return v
    }

    /// A vector length, checked against the bytes left so that a hostile count cannot
    /// make the caller reserve gigabytes (every element takes at least one byte).
    public mutating func readCount(minimumElementSize: Int = 1, what: String = "vector") throws(WasmError) -> Int {
        let start = position
        let n = Int(try readU32())
        if minimumElementSize > 0 && n > remaining / minimumElementSize {
            throw .malformed("unexpected end-of-file: \(what) length \(n) is longer than the remaining input", at: start)
        }
        return n
    }

    /// A name: a length-prefixed UTF-8 string ("malformed UTF-8 encoding" otherwise).
    public mutating func readName() throws(WasmError) -> String {
        let start = position
        let n = try readCount(what: "name")
        let raw = try readBytes(n)
        guard let s = String(validatingUTF8Bytes: raw) else {
            throw .malformed("malformed UTF-8 encoding", at: start)
        }
        return s
    }
}

extension String {
    /// Decodes UTF-8, returning nil for any ill-formed sequence (surrogates, overlongs, …).
    public init?(validatingUTF8Bytes bytes: some Collection<UInt8>) {
        // The standard library validates and copies in bulk (scalar-by-scalar appending
        // made names a visible part of decoding modules with large name sections).
        guard let s = String(validating: bytes, as: UTF8.self) else { return nil }
        self = s
    }
}
