/// The parts of the canonical ABI (`CanonicalABI.md`) validation needs: in-memory size
/// and alignment (`elem_size`, `alignment`), flattening into core value types
/// (`flatten_type`, `flatten_functype`), and whether a type needs a memory or `realloc`.
///
/// Every defined value type gets its `ValueTypeLayout` when it enters the arena, computed
/// from its children's (which entered before it), so no computation here recurses through
/// a chain of types: a hostile chain of a million nested records costs a million steps,
/// not a million stack frames. Sizes saturate at `maximumValueSize`, and flat lists stop
/// at `flatLimit` entries (beyond it only "too many" matters).
struct ValueTypeLayout: Sendable {
    /// Size and alignment with 32-bit pointers, then with 64-bit pointers.
    var size32: Int, alignment32: Int, size64: Int, alignment64: Int
    /// The flat core types with 32-bit and 64-bit pointers; nil when longer than `flatLimit`.
    var flat32: [ValueType]?, flat64: [ValueType]?
    /// Whether lifting or lowering the type touches memory (it holds a string or a list).
    var needsMemory: Bool

    static let maximumValueSize = 1 << 28
    static let flatLimit = 17
    static let maximumFlatParameters = 16
    static let maximumFlatAsyncParameters = 4
    static let maximumFlatResults = 1

    func size(pointer64: Bool) -> Int { pointer64 ? size64 : size32 }
    func alignment(pointer64: Bool) -> Int { pointer64 ? alignment64 : alignment32 }
    func flat(pointer64: Bool) -> [ValueType]? { pointer64 ? flat64 : flat32 }

    static func primitive(_ p: PrimitiveValueType) -> ValueTypeLayout {
        switch p {
        case .bool, .s8, .u8: return scalar(1, .i32)
        case .s16, .u16: return scalar(2, .i32)
        case .s32, .u32, .char, .errorContext: return scalar(4, .i32)
        case .f32: return scalar(4, .f32)
        case .s64, .u64: return scalar(8, .i64)
        case .f64: return scalar(8, .f64)
        case .string: return pointerPair
        }
    }

    static func scalar(_ size: Int, _ flat: ValueType) -> ValueTypeLayout {
        ValueTypeLayout(size32: size, alignment32: size, size64: size, alignment64: size,
                        flat32: [flat], flat64: [flat], needsMemory: false)
    }

    /// Strings and lists: a pointer and a length.
    static let pointerPair = ValueTypeLayout(size32: 8, alignment32: 4, size64: 16, alignment64: 8,
                                             flat32: [.i32, .i32], flat64: [.i64, .i64], needsMemory: true)

    static func alignTo(_ n: Int, _ alignment: Int) -> Int {
        (n + alignment - 1) / alignment * alignment
    }

    static func capped(_ n: Int) -> Int { min(n, maximumValueSize) }

    static func concatenated(_ a: [ValueType]?, _ b: [ValueType]?) -> [ValueType]? {
        guard let a, let b, a.count + b.count <= flatLimit else { return nil }
        return a + b
    }

    /// A record (or tuple) of fields with these layouts.
    static func record(_ fields: [ValueTypeLayout]) -> ValueTypeLayout {
        var l = ValueTypeLayout(size32: 0, alignment32: 1, size64: 0, alignment64: 1, flat32: [], flat64: [], needsMemory: false)
        for f in fields {
            l.alignment32 = max(l.alignment32, f.alignment32)
            l.alignment64 = max(l.alignment64, f.alignment64)
            l.size32 = capped(alignTo(l.size32, f.alignment32) + f.size32)
            l.size64 = capped(alignTo(l.size64, f.alignment64) + f.size64)
            l.flat32 = concatenated(l.flat32, f.flat32)
            l.flat64 = concatenated(l.flat64, f.flat64)
            l.needsMemory = l.needsMemory || f.needsMemory
        }
        l.size32 = capped(alignTo(l.size32, l.alignment32))
        l.size64 = capped(alignTo(l.size64, l.alignment64))
        return l
    }

    /// A variant with `count` cases whose payloads (where present) have these layouts.
    static func variant(count: Int, payloads: [ValueTypeLayout]) -> ValueTypeLayout {
        let discriminant = count <= 1 << 8 ? 1 : count <= 1 << 16 ? 2 : 4
        func sized(_ pointer64: Bool) -> (Int, Int) {
            let payloadAlignment = payloads.map { $0.alignment(pointer64: pointer64) }.max() ?? 1
            let alignment = max(discriminant, payloadAlignment)
            let s = alignTo(discriminant, payloadAlignment) + (payloads.map { $0.size(pointer64: pointer64) }.max() ?? 0)
            return (capped(alignTo(s, alignment)), alignment)
        }
        func flat(_ pointer64: Bool) -> [ValueType]? {
            var joined: [ValueType] = []
            for p in payloads {
                guard let f = p.flat(pointer64: pointer64) else { return nil }
                for (i, t) in f.enumerated() {
                    if i < joined.count { joined[i] = join(joined[i], t) } else { joined.append(t) }
                }
            }
            return joined.count + 1 <= flatLimit ? [.i32] + joined : nil
        }
        let (s32, a32) = sized(false), (s64, a64) = sized(true)
        return ValueTypeLayout(size32: s32, alignment32: a32, size64: s64, alignment64: a64,
                               flat32: flat(false), flat64: flat(true),
                               needsMemory: payloads.contains { $0.needsMemory })
    }

    static func join(_ a: ValueType, _ b: ValueType) -> ValueType {
        if a == b { return a }
        if (a == .i32 && b == .f32) || (a == .f32 && b == .i32) { return .i32 }
        return .i64
    }

    /// The layout of a defined value type, given its children's layouts.
    static func of(_ d: DefinedValueType, _ child: (ComponentValueType) -> ValueTypeLayout) -> ValueTypeLayout {
        switch d {
        case .primitive(let p): return primitive(p)
        case .list, .map: return pointerPair
        case .fixedSizeList(let e, let n):
            let el = child(e)
            var l = el
            l.size32 = capped(el.size32.multipliedReportingOverflow(by: Int(n)).overflow ? maximumValueSize : el.size32 * Int(n))
            l.size64 = capped(el.size64.multipliedReportingOverflow(by: Int(n)).overflow ? maximumValueSize : el.size64 * Int(n))
            func repeated(_ f: [ValueType]?) -> [ValueType]? {
                guard let f, f.count * Int(n) <= flatLimit else { return nil }
                return Array([[ValueType]](repeating: f, count: Int(n)).joined())
            }
            l.flat32 = repeated(el.flat32)
            l.flat64 = repeated(el.flat64)
            return l
        case .record(let fs): return record(fs.map { child($0.type) })
        case .tuple(let ts): return record(ts.map(child))
        case .variant(let cs): return variant(count: cs.count, payloads: cs.compactMap(\.type).map(child))
        case .enum(let names): return variant(count: names.count, payloads: [])
        case .option(let t): return variant(count: 2, payloads: [child(t)])
        case .result(let ok, let error): return variant(count: 2, payloads: [ok, error].compactMap { $0 }.map(child))
        case .flags(let names):
            let s = names.count <= 8 ? 1 : names.count <= 16 ? 2 : 4
            return scalar(s, .i32)
        case .own, .borrow, .stream, .future: return scalar(4, .i32)
        }
    }
}

/// `flatten_functype` over the layouts of a function's parameters and result.
struct CanonicalSignature {
    let parameters: [ValueTypeLayout]
    let result: ValueTypeLayout?
    let pointer64: Bool

    var pointerType: ValueType { pointer64 ? .i64 : .i32 }

    /// The flat parameters, or nil when there are more than `flatLimit`.
    var flatParameters: [ValueType]? {
        var out: [ValueType] = []
        for p in parameters {
            guard let f = p.flat(pointer64: pointer64) else { return nil }
            out += f
            if out.count > ValueTypeLayout.flatLimit { return nil }
        }
        return out
    }

    var flatResults: [ValueType]? {
        guard let result else { return [] }
        return result.flat(pointer64: pointer64)
    }

    /// The core signature of a lifted (`lift: true`) or lowered function.
    func coreType(lift: Bool, async: Bool, callback: Bool) -> FunctionType {
        var params = flatParameters ?? Array(repeating: .i32, count: ValueTypeLayout.flatLimit)
        var results = flatResults ?? Array(repeating: .i32, count: ValueTypeLayout.flatLimit)
        if !async {
            if params.count > ValueTypeLayout.maximumFlatParameters { params = [pointerType] }
            if results.count > ValueTypeLayout.maximumFlatResults {
                if lift {
                    results = [pointerType]
                } else {
                    params.append(pointerType)
                    results = []
                }
            }
        } else if lift {
            if params.count > ValueTypeLayout.maximumFlatParameters { params = [pointerType] }
            results = callback ? [.i32] : []
        } else {
            if params.count > ValueTypeLayout.maximumFlatAsyncParameters { params = [pointerType] }
            if !results.isEmpty { params.append(pointerType) }
            results = [.i32]
        }
        return FunctionType(parameters: params, results: results)
    }
}
