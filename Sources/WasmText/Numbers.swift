/// Numeric literals of the text format: integers of every width and IEEE floats with
/// their NaN payloads.
///
/// The grammar (signs, `0x`, `_` between digits, `inf`, `nan:0x…`) is checked here by
/// hand; the decimal and hexadecimal float conversions themselves are the standard
/// library's (`Float("…")`, `Double("…")`), which round to nearest-even exactly as the
/// spec requires, once the text has been reduced to a form they accept.
enum Numbers {
    enum Failure: Error, Equatable {
        /// Not a number of the requested kind at all ("unknown operator" in the reference
        /// interpreter, which lexes such text as an unknown keyword).
        case malformed
        /// A well-formed number that does not fit ("constant out of range").
        case outOfRange
    }

    // MARK: Integers

    /// Digits with optional single underscores between them, in base 10 or 16.
    /// Returns the magnitude and whether it overflowed 64 bits.
    static func magnitude(_ s: ArraySlice<UInt8>, hex: Bool) -> (value: UInt64, overflow: Bool)? {
        guard !s.isEmpty else { return nil }
        var value: UInt64 = 0
        var overflow = false
        var previousWasDigit = false
        let base: UInt64 = hex ? 16 : 10
        for c in s {
            if c == UInt8(ascii: "_") {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
                continue
            }
            let digit: UInt8
            if hex {
                guard let h = CharacterClass.hexValue(c) else { return nil }
                digit = h
            } else {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                digit = c - UInt8(ascii: "0")
            }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(UInt64(digit))
            if o1 || o2 { overflow = true }
            value = a
            previousWasDigit = true
        }
        guard previousWasDigit else { return nil }
        return (value, overflow)
    }

    /// Splits an optional sign and `0x` prefix off an integer literal.
    private static func integerParts(_ text: String) -> (negative: Bool, signed: Bool, value: UInt64, overflow: Bool)? {
        let b = Array(text.utf8)
        var i = 0
        var negative = false
        var signed = false
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            negative = b[i] == UInt8(ascii: "-")
            signed = true
            i += 1
        }
        var hex = false
        if i + 1 < b.count, b[i] == UInt8(ascii: "0"), b[i + 1] == UInt8(ascii: "x") {
            hex = true
            i += 2
        }
        guard let (value, overflow) = magnitude(b[i...], hex: hex) else { return nil }
        return (negative, signed, value, overflow)
    }

    /// An unsigned literal (no sign) below 2^bits: indices, alignments, offsets, limits.
    static func unsigned(_ text: String, bits: Int) throws(Failure) -> UInt64 {
        guard let p = integerParts(text), !p.signed else { throw .malformed }
        guard !p.overflow, bits == 64 || p.value < (UInt64(1) << UInt64(bits)) else { throw .outOfRange }
        return p.value
    }

    /// An `iN` literal: unsigned up to 2^N-1 or negative down to -2^(N-1). Returns the
    /// two's-complement bit pattern in the low `bits` bits.
    static func integer(_ text: String, bits: Int) throws(Failure) -> UInt64 {
        guard let p = integerParts(text) else { throw .malformed }
        guard !p.overflow else { throw .outOfRange }
        let mask: UInt64 = bits == 64 ? .max : (UInt64(1) << UInt64(bits)) - 1
        if p.negative {
            let limit = UInt64(1) << UInt64(bits - 1)
            guard p.value <= limit else { throw .outOfRange }
            return (0 &- p.value) & mask
        }
        guard p.value <= mask else { throw .outOfRange }
        return p.value
    }

    static func int32(_ text: String) throws(Failure) -> Int32 {
        Int32(truncatingIfNeeded: try integer(text, bits: 32))
    }

    static func int64(_ text: String) throws(Failure) -> Int64 {
        Int64(bitPattern: try integer(text, bits: 64))
    }

    /// Whether `text` is a number of some kind (integer or float, in or out of range):
    /// such a token in the wrong place is an unexpected token, not an unknown word.
    static func isNumber(_ text: String) -> Bool {
        do throws(Failure) {
            _ = try float64(text)
            return true
        } catch {
            return error == .outOfRange
        }
    }

    // MARK: Floats

    /// The bit pattern of an `f32` literal.
    static func float32(_ text: String) throws(Failure) -> UInt32 {
        let bits = try float(text, exponentBits: 8, mantissaBits: 23)
        return UInt32(truncatingIfNeeded: bits)
    }

    /// The bit pattern of an `f64` literal.
    static func float64(_ text: String) throws(Failure) -> UInt64 {
        try float(text, exponentBits: 11, mantissaBits: 52)
    }

    private static func float(_ text: String, exponentBits: Int, mantissaBits: Int) throws(Failure) -> UInt64 {
        let b = Array(text.utf8)
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        let signBit: UInt64 = negative ? UInt64(1) << UInt64(exponentBits + mantissaBits) : 0
        let exponentMask = ((UInt64(1) << UInt64(exponentBits)) - 1) << UInt64(mantissaBits)
        let rest = b[i...]
        if rest.elementsEqual("inf".utf8) { return signBit | exponentMask }
        if rest.elementsEqual("nan".utf8) {
            return signBit | exponentMask | (UInt64(1) << UInt64(mantissaBits - 1))
        }
        if rest.starts(with: "nan:0x".utf8) {
            guard let (payload, overflow) = magnitude(rest.dropFirst(6), hex: true) else { throw .malformed }
            guard !overflow, payload >= 1, payload < (UInt64(1) << UInt64(mantissaBits)) else { throw .outOfRange }
            return signBit | exponentMask | payload
        }
        guard let cleaned = cleanFloat(rest) else { throw .malformed }
        let magnitudeBits: UInt64
        if mantissaBits == 23 {
            guard let f = Float(cleaned) else { throw .malformed }
            guard f.isFinite else { throw .outOfRange }
            magnitudeBits = UInt64(f.bitPattern)
        } else {
            guard let d = Double(cleaned) else { throw .malformed }
            guard d.isFinite else { throw .outOfRange }
            magnitudeBits = d.bitPattern
        }
        return signBit | magnitudeBits
    }

    /// Checks an unsigned decimal or hex float against the grammar and returns it without
    /// underscores, in a form `Float.init?(_:)` parses. Nil if it is not a float literal.
    private static func cleanFloat(_ s: ArraySlice<UInt8>) -> String? {
        var out: [UInt8] = []
        var i = s.startIndex
        let hex = s.count >= 2 && s[i] == UInt8(ascii: "0") && s[i + 1] == UInt8(ascii: "x")
        if hex {
            out.append(contentsOf: "0x".utf8)
            i += 2
        }
        func isDigit(_ c: UInt8) -> Bool {
            hex ? CharacterClass.hexValue(c) != nil : (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
        }
        // Digits with underscores only between digits; `required` demands at least one.
        func digits(_ isDigit: (UInt8) -> Bool, required: Bool) -> Bool {
            var count = 0
            var previousWasDigit = false
            while i < s.endIndex {
                let c = s[i]
                if c == UInt8(ascii: "_") {
                    guard previousWasDigit, i + 1 < s.endIndex, isDigit(s[i + 1]) else { return false }
                    previousWasDigit = false
                } else if isDigit(c) {
                    out.append(c)
                    count += 1
                    previousWasDigit = true
                } else {
                    break
                }
                i += 1
            }
            return !required || count > 0
        }
        guard digits(isDigit, required: true) else { return nil }
        if i < s.endIndex, s[i] == UInt8(ascii: ".") {
            out.append(UInt8(ascii: "."))
            i += 1
            guard digits(isDigit, required: false) else { return nil }
        }
        if i < s.endIndex, hex ? (s[i] == UInt8(ascii: "p") || s[i] == UInt8(ascii: "P"))
                              : (s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E")) {
            out.append(hex ? UInt8(ascii: "p") : UInt8(ascii: "e"))
            i += 1
            if i < s.endIndex, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                out.append(s[i])
                i += 1
            }
            let decimal: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard digits(decimal, required: true) else { return nil }
        } else if hex {
            // The standard library wants an exponent on hex floats only sometimes; always
            // give it one.
            out.append(contentsOf: "p0".utf8)
        }
        guard i == s.endIndex else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}
