import ComponentRuntime

/// The simplest value of a type (zero, empty, `none`, the first case): what a stub
/// returns when none was given, so `--stub-missing` can satisfy any import that needs no
/// resource. Nil when the type has no such value (a resource handle, a stream).
func defaultValue(of type: ValType) -> Val? {
    switch type {
    case .bool: return .bool(false)
    case .s8: return .s8(0)
    case .u8: return .u8(0)
    case .s16: return .s16(0)
    case .u16: return .u16(0)
    case .s32: return .s32(0)
    case .u32: return .u32(0)
    case .s64: return .s64(0)
    case .u64: return .u64(0)
    case .f32: return .f32(0)
    case .f64: return .f64(0)
    case .char: return .char("a")
    case .string: return .string("")
    case .list, .map: return .list([])
    case .fixedSizeList(let element, let count):
        guard let v = defaultValue(of: element) else { return nil }
        return .list(Array(repeating: v, count: count))
    case .record(let fields):
        var values: [Val.Field] = []
        for f in fields {
            guard let v = defaultValue(of: f.type) else { return nil }
            values.append(Val.Field(f.name, v))
        }
        return .record(values)
    case .tuple(let types):
        var values: [Val] = []
        for t in types {
            guard let v = defaultValue(of: t) else { return nil }
            values.append(v)
        }
        return .tuple(values)
    case .variant(let cases):
        for c in cases {
            guard let payload = c.type else { return .variant(c.name, nil) }
            if let v = defaultValue(of: payload) { return .variant(c.name, v) }
        }
        return nil
    case .enum(let names): return names.first.map { .enum($0) }
    case .option: return .option(nil)
    case .result(let ok, _):
        guard let ok else { return .result(.ok(nil)) }
        return defaultValue(of: ok).map { .result(.ok($0)) }
    case .flags: return .flags([])
    case .own, .borrow, .stream, .future, .errorContext: return nil
    }
}
