import WasmFormat

/// A WebAssembly value as the embedder sees it: arguments, results, global values.
///
/// Floats are kept as bit patterns so that NaN payloads survive a round trip through the
/// host, which the spec tests check (`nan:canonical`, `nan:arithmetic`).
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case i32(UInt32)
    case i64(UInt64)
    case f32(UInt32)
    case f64(UInt64)
    case v128(V128)
    case ref(Reference)

    public static func float(_ f: Float) -> Value { .f32(f.bitPattern) }
    public static func double(_ d: Double) -> Value { .f64(d.bitPattern) }

    /// The zero value of a type (null for references), used for locals and globals.
    public static func defaultValue(of type: ValueType) -> Value {
        switch type {
        case .i32: .i32(0)
        case .i64: .i64(0)
        case .f32: .f32(0)
        case .f64: .f64(0)
        case .v128: .v128(V128(low: 0, high: 0))
        case .ref: .ref(.null)
        }
    }

    public var description: String {
        switch self {
        case .i32(let v): "i32:\(Int32(bitPattern: v))"
        case .i64(let v): "i64:\(Int64(bitPattern: v))"
        case .f32(let b): "f32:\(Float(bitPattern: b))"
        case .f64(let b): "f64:\(Double(bitPattern: b))"
        case .v128(let v): "v128:0x" + v.bytes.reversed().map { b in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        case .ref(let r): r.description
        }
    }
}

/// A reference value.
public enum Reference: Hashable, Sendable, CustomStringConvertible {
    case null
    case function(Function)
    /// An opaque host reference (`externref`), identified by a number the host chose.
    case extern(UInt64)
    /// A caught exception (`exnref`).
    case exception(ExceptionReference)

    public var isNull: Bool { self == .null }

    public var description: String {
        switch self {
        case .null: "null"
        case .function(let f): "func:\(f.debugName)"
        case .extern(let n): "extern:\(n)"
        case .exception: "exn"
        }
    }
}
