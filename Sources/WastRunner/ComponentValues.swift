import ComponentRuntime
import WasmFormat
import WasmText

/// Component values of scripts (`(u32.const 7)`, `(record.const …)`) as runtime `Val`s,
/// and the comparison of results with what a script expects.
enum ComponentValues {
    /// A script argument as a value of type `t`; nil when it does not fit.
    static func val(_ w: WastValue, as t: ValType) -> Val? {
        switch w {
        case .component(let c): val(c, as: t)
        case .f32(let bits) where t == .f32: .f32(Float(bitPattern: bits))
        case .f64(let bits) where t == .f64: .f64(Double(bitPattern: bits))
        default: nil
        }
    }

    static func val(_ c: WastComponentValue, as t: ValType) -> Val? {
        switch (c, t) {
        case (.bool(let x), .bool): return .bool(x)
        case (.s8(let x), .s8): return .s8(x)
        case (.u8(let x), .u8): return .u8(x)
        case (.s16(let x), .s16): return .s16(x)
        case (.u16(let x), .u16): return .u16(x)
        case (.s32(let x), .s32): return .s32(x)
        case (.u32(let x), .u32): return .u32(x)
        case (.s64(let x), .s64): return .s64(x)
        case (.u64(let x), .u64): return .u64(x)
        case (.f32(let b), .f32): return .f32(Float(bitPattern: b))
        case (.f64(let b), .f64): return .f64(Double(bitPattern: b))
        case (.char(let x), .char): return .char(x)
        case (.string(let s), .string): return .string(s)
        case (.list(let items), .list(let e)), (.list(let items), .fixedSizeList(let e, _)):
            return all(items.map { val($0, as: e) }).map(Val.list)
        case (.tuple(let items), .tuple(let ts)) where items.count == ts.count:
            return all(zip(items, ts).map { val($0, as: $1) }).map(Val.tuple)
        case (.record(let fields), .record(let ts)) where fields.count == ts.count:
            var out: [Val.Field] = []
            for f in ts {
                guard let given = fields.first(where: { $0.name == f.name }), let v = val(given.value, as: f.type) else { return nil }
                out.append(.init(f.name, v))
            }
            return .record(out)
        case (.variant(let name, let payload), .variant(let cases)):
            guard let c = cases.first(where: { $0.name == name }) else { return nil }
            return payloadVal(payload, c.type).map { .variant(name, $0) }
        case (.enum(let name), .enum(let names)) where names.contains(name): return .enum(name)
        case (.flags(let set), .flags(let names)) where set.allSatisfy(names.contains): return .flags(names.filter(set.contains))
        case (.option(nil), .option): return .option(nil)
        case (.option(let v?), .option(let inner)): return val(v, as: inner).map { .option($0) }
        case (.ok(let v), .result(let ok, _)): return payloadVal(v, ok).map { .result(.ok($0)) }
        case (.error(let v), .result(_, let error)): return payloadVal(v, error).map { .result(.err($0)) }
        default: return nil
        }
    }

    /// A case payload: absent when the type has none. The outer optional is failure.
    private static func payloadVal(_ v: WastComponentValue?, _ t: ValType?) -> Val?? {
        switch (v, t) {
        case (nil, nil): return .some(nil)
        case (let v?, let t?): return val(v, as: t).map { .some($0) }
        default: return nil
        }
    }

    private static func all(_ xs: [Val?]) -> [Val]? {
        var out: [Val] = []
        for x in xs {
            guard let x else { return nil }
            out.append(x)
        }
        return out
    }

    /// Nil when the results are what the script expects, else why not.
    static func matches(_ values: [Val], _ types: [ValType], _ expected: [WastExpected]) -> String? {
        let shown = values.map(WAVE.format).joined(separator: ", ")
        guard values.count == expected.count else { return "got \(values.count) results (\(shown)), expected \(expected.count)" }
        for (i, (v, e)) in zip(values, expected).enumerated() {
            let ok: Bool
            switch (v, e) {
            case (.f32(let x), .f32(let bits)): ok = x.bitPattern == bits || (x.isNaN && Float(bitPattern: bits).isNaN)
            case (.f64(let x), .f64(let bits)): ok = x.bitPattern == bits || (x.isNaN && Double(bitPattern: bits).isNaN)
            case (.f32(let x), .f32NaN): ok = x.isNaN
            case (.f64(let x), .f64NaN): ok = x.isNaN
            case (_, .component(let c)):
                ok = val(c, as: types[i]).map { same(v, $0) } ?? false
            default: ok = false
            }
            if !ok { return "got \(shown), expected \(expected.map { "\($0)" }.joined(separator: ", "))" }
        }
        return nil
    }

    /// Equality where NaNs equal each other (the canonical ABI canonicalises them).
    static func same(_ a: Val, _ b: Val) -> Bool {
        switch (a, b) {
        case (.f32(let x), .f32(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case (.f64(let x), .f64(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
            return x.count == y.count && zip(x, y).allSatisfy(same)
        case (.record(let x), .record(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && same($0.value, $1.value) }
        case (.variant(let n, let x), .variant(let m, let y)): return n == m && optionalSame(x, y)
        case (.option(let x), .option(let y)): return optionalSame(x, y)
        case (.result(.ok(let x)), .result(.ok(let y))), (.result(.err(let x)), .result(.err(let y))): return optionalSame(x, y)
        default: return a == b
        }
    }

    private static func optionalSame(_ x: Val?, _ y: Val?) -> Bool {
        switch (x, y) {
        case (nil, nil): true
        case (let x?, let y?): same(x, y)
        default: false
        }
    }
}
