import WasmFormat

/// A heap type as a script writes it after `ref.null`.
public enum WastHeapType: Hashable, Sendable {
    case abstract(AbstractHeapType)
    /// A type index: meaningful only relative to a module, so runners usually treat it
    /// as "some concrete type".
    case index(UInt32)
    case named(String)
}

/// A concrete value: an argument of `invoke`, or an exact expected result.
public enum WastValue: Hashable, Sendable {
    case i32(UInt32)
    case i64(UInt64)
    /// Floats are bit patterns, so NaN payloads and the sign of zero survive.
    case f32(UInt32)
    case f64(UInt64)
    case v128(V128)
    /// `(ref.null ht)`.
    case refNull(WastHeapType)
    /// `(ref.extern n)`: the host reference number n, as an `externref`.
    case refExtern(UInt32)
    /// `(ref.host n)`: the host reference number n, as an `anyref`.
    case refHost(UInt32)
    /// A component-level value (`(u32.const 7)`, `(str.const "…")`, …), for scripts
    /// that invoke components.
    case component(WastComponentValue)
}

/// Which NaNs an expected float accepts.
public enum WastNaN: Hashable, Sendable {
    /// `nan:canonical`: a quiet NaN with an all-zero payload besides the quiet bit
    /// (either sign).
    case canonical
    /// `nan:arithmetic`: any quiet NaN (the top payload bit set, either sign).
    case arithmetic

    public func matches(f32 bits: UInt32) -> Bool {
        let magnitude = bits & 0x7FFF_FFFF
        switch self {
        case .canonical: return magnitude == 0x7FC0_0000
        case .arithmetic: return magnitude & 0x7FC0_0000 == 0x7FC0_0000
        }
    }

    public func matches(f64 bits: UInt64) -> Bool {
        let magnitude = bits & 0x7FFF_FFFF_FFFF_FFFF
        switch self {
        case .canonical: return magnitude == 0x7FF8_0000_0000_0000
        case .arithmetic: return magnitude & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
        }
    }
}

/// The lane shape of a `v128.const`.
public enum WastVectorShape: String, Hashable, Sendable {
    case i8x16, i16x8, i32x4, i64x2, f32x4, f64x2

    public var laneCount: Int {
        switch self {
        case .i8x16: 16
        case .i16x8: 8
        case .i32x4, .f32x4: 4
        case .i64x2, .f64x2: 2
        }
    }

    /// Bytes per lane.
    public var laneWidth: Int { 16 / laneCount }
}

/// One lane of an expected vector.
public enum WastLane: Hashable, Sendable {
    /// The lane's bits, zero-extended (compared exactly).
    case bits(UInt64)
    /// A NaN pattern, in a float lane.
    case nan(WastNaN)
}

/// An expected result of `assert_return`: a value or a pattern values must match.
public indirect enum WastExpected: Hashable, Sendable {
    case i32(UInt32)
    case i64(UInt64)
    case f32(UInt32)
    case f64(UInt64)
    case f32NaN(WastNaN)
    case f64NaN(WastNaN)
    /// A vector compared lane by lane in `shape`.
    case v128(WastVectorShape, [WastLane])
    /// `(ref.null ht)`, or `(ref.null)` (nil): a null reference (of that type).
    case refNull(WastHeapType?)
    /// `(ref.func)`, `(ref.extern)`, `(ref.any)`, `(ref.eq)`, `(ref.i31)`,
    /// `(ref.struct)`, `(ref.array)`, `(ref.exn)`: any non-null reference of that kind.
    case ref(AbstractHeapType)
    /// `(ref.func $f)` or `(ref.func n)`: a reference to that function of the module.
    case refFunc(IndexOrName)
    /// `(ref.extern n)`: the host reference n.
    case refExtern(UInt32)
    /// `(ref.host n)`.
    case refHost(UInt32)
    /// `(either r*)`: any one of the alternatives.
    case either([WastExpected])
    /// A component-level value, compared exactly.
    case component(WastComponentValue)

    public enum IndexOrName: Hashable, Sendable {
        case index(UInt32)
        case name(String)
    }
}

extension WastExpected {
    /// The value an exact expectation stands for, nil for patterns.
    public var exactValue: WastValue? {
        switch self {
        case .i32(let v): .i32(v)
        case .i64(let v): .i64(v)
        case .f32(let v): .f32(v)
        case .f64(let v): .f64(v)
        case .v128(let shape, let lanes):
            Self.vector(shape, lanes).map { .v128($0) }
        case .refNull(let h?): .refNull(h)
        case .refExtern(let n): .refExtern(n)
        case .refHost(let n): .refHost(n)
        case .component(let v): .component(v)
        default: nil
        }
    }

    private static func vector(_ shape: WastVectorShape, _ lanes: [WastLane]) -> V128? {
        var bytes: [UInt8] = []
        for lane in lanes {
            guard case .bits(let b) = lane else { return nil }
            for i in 0..<shape.laneWidth { bytes.append(UInt8(truncatingIfNeeded: b >> UInt64(8 * i))) }
        }
        return bytes.count == 16 ? V128(bytes: bytes) : nil
    }
}
