import WasmFormat

/// The canonical ABI's layout of value types: alignment and size in linear memory, and
/// the flat core types a value is passed as (CanonicalABI.md "Alignment", "Element Size",
/// "Flattening"). Pointers are 32-bit (memory64 lifting is not supported yet).
enum Layout {
    static let pointerSize = 4

    static func alignment(_ t: ValType) -> Int {
        switch t.despecialized {
        case .bool, .s8, .u8: 1
        case .s16, .u16: 2
        case .s32, .u32, .f32, .char, .errorContext, .own, .borrow, .stream, .future: 4
        case .s64, .u64, .f64: 8
        case .string, .list: pointerSize
        case .fixedSizeList(let e, _): alignment(e)
        case .record(let fields): fields.reduce(1) { max($0, alignment($1.type)) }
        case .variant(let cases): max(alignment(discriminant(cases.count)), maxCaseAlignment(cases))
        case .flags(let labels): flagsSize(labels.count)
        case .tuple, .enum, .option, .result, .map: 1  // despecialized above
        }
    }

    static func size(_ t: ValType) -> Int {
        switch t.despecialized {
        case .bool, .s8, .u8: return 1
        case .s16, .u16: return 2
        case .s32, .u32, .f32, .char, .errorContext, .own, .borrow, .stream, .future: return 4
        case .s64, .u64, .f64: return 8
        case .string, .list: return 2 * pointerSize
        case .fixedSizeList(let e, let n): return n * size(e)
        case .record(let fields):
            var s = 0
            for f in fields {
                s = alignTo(s, alignment(f.type))
                s += size(f.type)
            }
            return alignTo(s, alignment(t.despecialized))
        case .variant(let cases):
            var s = size(discriminant(cases.count))
            s = alignTo(s, maxCaseAlignment(cases))
            s += cases.reduce(0) { max($0, $1.type.map(size) ?? 0) }
            return alignTo(s, alignment(t.despecialized))
        case .flags(let labels): return flagsSize(labels.count)
        case .tuple, .enum, .option, .result, .map: return 0
        }
    }

    /// Offsets of a record's fields (a tuple's elements) from the record's start.
    static func fieldOffsets(_ types: [ValType]) -> [Int] {
        var s = 0
        return types.map { t in
            s = alignTo(s, alignment(t))
            defer { s += size(t) }
            return s
        }
    }

    /// Offset of a variant's payload from its start.
    static func payloadOffset(_ cases: [ValType.Case]) -> Int {
        alignTo(size(discriminant(cases.count)), maxCaseAlignment(cases))
    }

    static func alignTo(_ x: Int, _ a: Int) -> Int { (x + a - 1) / a * a }

    /// The smallest unsigned type that numbers the cases.
    static func discriminant(_ caseCount: Int) -> ValType {
        caseCount <= 256 ? .u8 : caseCount <= 65536 ? .u16 : .u32
    }

    static func maxCaseAlignment(_ cases: [ValType.Case]) -> Int {
        cases.reduce(1) { max($0, $1.type.map(alignment) ?? 1) }
    }

    static func flagsSize(_ count: Int) -> Int {
        count <= 8 ? 1 : count <= 16 ? 2 : 4
    }

    // MARK: Flattening

    static func flatten(_ t: ValType) -> [ValueType] {
        switch t.despecialized {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .char, .errorContext, .flags, .own, .borrow, .stream, .future: [.i32]
        case .s64, .u64: [.i64]
        case .f32: [.f32]
        case .f64: [.f64]
        case .string, .list: [.i32, .i32]
        case .fixedSizeList(let e, let n): Array(repeating: flatten(e), count: n).flatMap { $0 }
        case .record(let fields): fields.flatMap { flatten($0.type) }
        case .variant(let cases): flattenVariant(cases)
        case .tuple, .enum, .option, .result, .map: []
        }
    }

    /// `flatten(t).count` without building the list (every call asks it of its types).
    static func flatCount(_ t: ValType) -> Int {
        switch t {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .errorContext,
             .flags, .own, .borrow, .stream, .future, .enum: 1
        case .string, .list, .map: 2
        case .fixedSizeList(let e, let n): n * flatCount(e)
        case .record(let fields): fields.reduce(0) { $0 + flatCount($1.type) }
        case .tuple(let types): types.reduce(0) { $0 + flatCount($1) }
        case .variant, .option, .result: flatten(t).count
        }
    }

    static func flattenVariant(_ cases: [ValType.Case]) -> [ValueType] {
        var flat: [ValueType] = []
        for c in cases {
            guard let t = c.type else { continue }
            for (i, ft) in flatten(t).enumerated() {
                if i < flat.count { flat[i] = join(flat[i], ft) } else { flat.append(ft) }
            }
        }
        return flatten(discriminant(cases.count)) + flat
    }

    static func join(_ a: ValueType, _ b: ValueType) -> ValueType {
        if a == b { return a }
        if (a == .i32 && b == .f32) || (a == .f32 && b == .i32) { return .i32 }
        return .i64
    }

    static let maxFlatParameters = 16
    static let maxFlatResults = 1

    /// The core signature a component function type is lifted from or lowered to.
    static func coreSignature(of type: FuncType, lowering: Bool) -> FunctionType {
        var params = type.parameterTypes.flatMap(flatten)
        var results = type.resultTypes.flatMap(flatten)
        if params.count > maxFlatParameters { params = [.i32] }
        if results.count > maxFlatResults {
            if lowering {
                params.append(.i32)
                results = []
            } else {
                results = [.i32]
            }
        }
        return FunctionType(parameters: params, results: results)
    }
}
