import CoreRuntime
import WasmFormat
import WasmText

/// Conversions between script values and runtime values, and result matching.
enum ValueMatching {
    struct Unsupported: Error {
        var what: String
    }

    static func value(_ v: WastValue) throws(Unsupported) -> Value {
        switch v {
        case .i32(let x): return .i32(x)
        case .i64(let x): return .i64(x)
        case .f32(let x): return .f32(x)
        case .f64(let x): return .f64(x)
        case .v128(let x): return .v128(x)
        case .refNull: return .ref(.null)
        case .refExtern(let n): return .ref(.extern(UInt64(n)))
        case .refHost: throw Unsupported(what: "ref.host (an anyref host value) needs garbage collection")
        case .component: throw Unsupported(what: "component values need the component runtime")
        }
    }

    /// Whether a result matches an expectation.
    static func matches(_ value: Value, _ expected: WastExpected) -> Bool {
        switch (expected, value) {
        case (.i32(let e), .i32(let v)): return e == v
        case (.i64(let e), .i64(let v)): return e == v
        case (.f32(let e), .f32(let v)): return e == v
        case (.f64(let e), .f64(let v)): return e == v
        case (.f32NaN(let n), .f32(let v)): return n.matches(f32: v)
        case (.f64NaN(let n), .f64(let v)): return n.matches(f64: v)
        case (.v128(let shape, let lanes), .v128(let v)):
            let bytes = v.bytes
            for (i, lane) in lanes.enumerated() {
                var bits: UInt64 = 0
                for k in 0..<shape.laneWidth { bits |= UInt64(bytes[i * shape.laneWidth + k]) << UInt64(8 * k) }
                switch lane {
                case .bits(let b):
                    if b != bits { return false }
                case .nan(let n):
                    let ok = shape.laneWidth == 4 ? n.matches(f32: UInt32(bits)) : n.matches(f64: bits)
                    if !ok { return false }
                }
            }
            return true
        case (.refNull, .ref(let r)): return r.isNull
        case (.ref(let kind), .ref(let r)):
            switch (kind, r) {
            case (.func, .function), (.extern, .extern), (.exn, .exception): return true
            case (.any, .extern): return true
            default: return false
            }
        case (.refFunc, .ref(let r)):
            if case .function = r { return true }
            return false
        case (.refExtern(let n), .ref(let r)): return r == .extern(UInt64(n))
        case (.either(let alternatives), _): return alternatives.contains { matches(value, $0) }
        default: return false
        }
    }

    static func describe(_ e: WastExpected) -> String {
        switch e {
        case .i32(let v): "i32:\(Int32(bitPattern: v))"
        case .i64(let v): "i64:\(Int64(bitPattern: v))"
        case .f32(let v): "f32:\(Float(bitPattern: v))"
        case .f64(let v): "f64:\(Double(bitPattern: v))"
        case .f32NaN(let n), .f64NaN(let n): "nan:\(n)"
        case .either(let a): "either(" + a.map(describe).joined(separator: ", ") + ")"
        default: "\(e)"
        }
    }
}
