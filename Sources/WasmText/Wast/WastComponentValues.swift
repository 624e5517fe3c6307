/// A value of a component-level type, as component scripts write arguments and
/// expected results: `(u32.const 7)`, `(str.const "hi")`, `(record.const (field "n"
/// u32.const 7))`, `(option.some (bool.const true))`, …
///
/// Top-level `(f32.const …)` and `(f64.const …)` stay core values (`WastValue.f32`,
/// `.f64`, and NaN patterns in expected results), which a component runner reads as
/// the component floats of the same bits; inside compound values they are
/// `.f32`/`.f64` here.
public indirect enum WastComponentValue: Hashable, Sendable {
    case bool(Bool)
    case s8(Int8), u8(UInt8), s16(Int16), u16(UInt16), s32(Int32), u32(UInt32), s64(Int64), u64(UInt64)
    /// Bit patterns, so NaN payloads and the sign of zero survive.
    case f32(UInt32), f64(UInt64)
    case char(Unicode.Scalar)
    case string(String)
    case list([WastComponentValue])
    case tuple([WastComponentValue])
    case record([Field])
    case variant(String, WastComponentValue?)
    case `enum`(String)
    case flags([String])
    case option(WastComponentValue?)
    case ok(WastComponentValue?)
    case error(WastComponentValue?)

    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: WastComponentValue
        public init(name: String, value: WastComponentValue) {
            self.name = name
            self.value = value
        }
    }
}
