import WasmFormat

/// Numeric semantics that need more than one machine instruction: float min/max,
/// rounding, and the trapping and saturating float-to-integer conversions.
enum Semantics {
    @inline(__always)
    static func min(_ x: Float, _ y: Float) -> Float {
        if x.isNaN || y.isNaN { return x + y }
        if x == y { return Float(bitPattern: x.bitPattern | y.bitPattern) }  // -0 < +0
        return x < y ? x : y
    }

    @inline(__always)
    static func max(_ x: Float, _ y: Float) -> Float {
        if x.isNaN || y.isNaN { return x + y }
        if x == y { return Float(bitPattern: x.bitPattern & y.bitPattern) }
        return x > y ? x : y
    }

    @inline(__always)
    static func min(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN { return x + y }
        if x == y { return Double(bitPattern: x.bitPattern | y.bitPattern) }
        return x < y ? x : y
    }

    @inline(__always)
    static func max(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN { return x + y }
        if x == y { return Double(bitPattern: x.bitPattern & y.bitPattern) }
        return x > y ? x : y
    }

    /// Truncation toward zero into a signed or unsigned integer of `bits` bits, trapping
    /// on NaN ("invalid conversion to integer") and out of range ("integer overflow").
    @inline(__always)
    static func truncate(_ x: Double, signed: Bool, bits: Int) throws(TrapReason) -> UInt64 {
        if x.isNaN { throw .invalidConversionToInteger }
        let t = x.rounded(.towardZero)
        if signed {
            let lower = -Double(sign: .plus, exponent: bits - 1, significand: 1)
            let upper = Double(sign: .plus, exponent: bits - 1, significand: 1)
            guard t >= lower && t < upper else { throw .integerOverflow }
            return UInt64(bitPattern: Int64(t))
        } else {
            let upper = Double(sign: .plus, exponent: bits, significand: 1)
            guard t > -1 && t < upper else { throw .integerOverflow }
            return UInt64(t)
        }
    }

    /// Saturating truncation: NaN gives 0, out of range clamps.
    @inline(__always)
    static func truncateSaturating(_ x: Double, signed: Bool, bits: Int) -> UInt64 {
        if x.isNaN { return 0 }
        let t = x.rounded(.towardZero)
        if signed {
            let lower = -Double(sign: .plus, exponent: bits - 1, significand: 1)
            let upper = Double(sign: .plus, exponent: bits - 1, significand: 1)
            if t < lower { return UInt64(bitPattern: bits == 64 ? Int64.min : Int64(Int32.min)) & mask(bits) }
            if t >= upper { return UInt64(bitPattern: bits == 64 ? Int64.max : Int64(Int32.max)) }
            return UInt64(bitPattern: Int64(t)) & mask(bits)
        } else {
            let upper = Double(sign: .plus, exponent: bits, significand: 1)
            if t <= -1 { return 0 }
            if t >= upper { return mask(bits) }
            return UInt64(t)
        }
    }

    @inline(__always)
    static func mask(_ bits: Int) -> UInt64 { bits == 64 ? UInt64.max : (UInt64(1) << UInt64(bits)) - 1 }

    /// f32 → f32 keeping a quiet NaN (Float's arithmetic already does for these).
    @inline(__always)
    static func nearest(_ x: Float) -> Float { x.rounded(.toNearestOrEven) }
    @inline(__always)
    static func nearest(_ x: Double) -> Double { x.rounded(.toNearestOrEven) }

    @inline(__always) static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 {
        let k = n & 31
        return k == 0 ? x : (x << k) | (x >> (32 - k))
    }
    @inline(__always) static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        let k = n & 31
        return k == 0 ? x : (x >> k) | (x << (32 - k))
    }
    @inline(__always) static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 {
        let k = n & 63
        return k == 0 ? x : (x << k) | (x >> (64 - k))
    }
    @inline(__always) static func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 {
        let k = n & 63
        return k == 0 ? x : (x >> k) | (x << (64 - k))
    }

    /// The wide-arithmetic proposal: 128-bit add/sub on (low, high) pairs and 64×64→128
    /// multiplication. Operands and results are consecutive slots from A (= B).
    static func wideArithmetic(_ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>) {
        let base = Int(truncatingIfNeeded: (pc[0] >> 16) & 0xFFFF)
        switch PlainOp(rawValue: UInt32(truncatingIfNeeded: pc[1])) {
        case .i64Add128:
            let (lo, carry) = fp[base].addingReportingOverflow(fp[base + 2])
            fp[base + 1] = fp[base + 1] &+ fp[base + 3] &+ (carry ? 1 : 0)
            fp[base] = lo
        case .i64Sub128:
            let (lo, borrow) = fp[base].subtractingReportingOverflow(fp[base + 2])
            fp[base + 1] = fp[base + 1] &- fp[base + 3] &- (borrow ? 1 : 0)
            fp[base] = lo
        case .i64MulWideS:
            let r = Int64(bitPattern: fp[base]).multipliedFullWidth(by: Int64(bitPattern: fp[base + 1]))
            fp[base] = r.low
            fp[base + 1] = UInt64(bitPattern: r.high)
        case .i64MulWideU:
            let r = fp[base].multipliedFullWidth(by: fp[base + 1])
            fp[base] = r.low
            fp[base + 1] = r.high
        default:
            break
        }
    }
}
