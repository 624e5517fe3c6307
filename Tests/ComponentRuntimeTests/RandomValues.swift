import ComponentRuntime

/// A small deterministic PRNG (SplitMix64) so that failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random types and values of them, for round-trip tests.
enum RandomValues {
    static let labels = ["a", "b-c", "true", "none", "x1", "long-name", "ok", "err", "z"]

    static func type(depth: Int, using g: inout SeededGenerator) -> ValType {
        let leaf = depth <= 0 || Int.random(in: 0..<3, using: &g) == 0
        let primitives: [ValType] = [.bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string]
        if leaf { return primitives.randomElement(using: &g)! }
        func names(_ n: Int) -> [String] { Array(labels.shuffled(using: &g).prefix(n)) }
        switch Int.random(in: 0..<9, using: &g) {
        case 0: return .list(type(depth: depth - 1, using: &g))
        case 1: return .record(names(Int.random(in: 1...3, using: &g)).map { .init($0, type(depth: depth - 1, using: &g)) })
        case 2: return .tuple((0..<Int.random(in: 1...3, using: &g)).map { _ in type(depth: depth - 1, using: &g) })
        case 3: return .variant(names(Int.random(in: 1...3, using: &g)).map { .init($0, Bool.random(using: &g) ? type(depth: depth - 1, using: &g) : nil) })
        case 4: return .enum(names(Int.random(in: 1...4, using: &g)))
        case 5: return .option(type(depth: depth - 1, using: &g))
        case 6: return .result(ok: Bool.random(using: &g) ? type(depth: depth - 1, using: &g) : nil,
                               error: Bool.random(using: &g) ? type(depth: depth - 1, using: &g) : nil)
        case 7: return .flags(names(Int.random(in: 1...5, using: &g)))
        default: return .fixedSizeList(type(depth: depth - 1, using: &g), Int.random(in: 1...3, using: &g))
        }
    }

    static func value(_ t: ValType, using g: inout SeededGenerator, allowNaN: Bool = true) -> Val {
        switch t {
        case .bool: return .bool(Bool.random(using: &g))
        case .s8: return .s8(Int8.random(in: .min ... .max, using: &g))
        case .u8: return .u8(UInt8.random(in: .min ... .max, using: &g))
        case .s16: return .s16(Int16.random(in: .min ... .max, using: &g))
        case .u16: return .u16(UInt16.random(in: .min ... .max, using: &g))
        case .s32: return .s32(Int32.random(in: .min ... .max, using: &g))
        case .u32: return .u32(UInt32.random(in: .min ... .max, using: &g))
        case .s64: return .s64(Int64.random(in: .min ... .max, using: &g))
        case .u64: return .u64(UInt64.random(in: .min ... .max, using: &g))
        case .f32: return .f32(float(using: &g, allowNaN: allowNaN).map(Float.init) ?? Float(bitPattern: UInt32.random(in: 0 ... .max, using: &g)))
        case .f64: return .f64(float(using: &g, allowNaN: allowNaN) ?? Double(Int.random(in: -5...5, using: &g)))
        case .char: return .char(scalar(using: &g))
        case .string: return .string(String(String.UnicodeScalarView((0..<Int.random(in: 0...6, using: &g)).map { _ in scalar(using: &g) })))
        case .list(let e): return .list((0..<Int.random(in: 0...3, using: &g)).map { _ in value(e, using: &g, allowNaN: allowNaN) })
        case .fixedSizeList(let e, let n): return .list((0..<n).map { _ in value(e, using: &g, allowNaN: allowNaN) })
        case .record(let fields): return .record(fields.map { .init($0.name, value($0.type, using: &g, allowNaN: allowNaN)) })
        case .tuple(let ts): return .tuple(ts.map { value($0, using: &g, allowNaN: allowNaN) })
        case .variant(let cases):
            let c = cases.randomElement(using: &g)!
            return .variant(c.name, c.type.map { value($0, using: &g, allowNaN: allowNaN) })
        case .enum(let names): return .enum(names.randomElement(using: &g)!)
        case .option(let inner): return .option(Bool.random(using: &g) ? value(inner, using: &g, allowNaN: allowNaN) : nil)
        case .result(let ok, let err):
            return Bool.random(using: &g)
                ? .result(.ok(ok.map { value($0, using: &g, allowNaN: allowNaN) }))
                : .result(.err(err.map { value($0, using: &g, allowNaN: allowNaN) }))
        case .flags(let names): return .flags(names.filter { _ in Bool.random(using: &g) })
        default: return .bool(false)
        }
    }

    static func float(using g: inout SeededGenerator, allowNaN: Bool) -> Double? {
        switch Int.random(in: 0..<8, using: &g) {
        case 0: return allowNaN ? .nan : 1
        case 1: return .infinity
        case 2: return -.infinity
        case 3: return -0.0
        case 4: return Double(Int.random(in: -1000...1000, using: &g)) / 8
        case 5: return Double.random(in: -1e30...1e30, using: &g)
        case 6: return Double.random(in: -1e-30...1e-30, using: &g)
        default: return nil
        }
    }

    static func scalar(using g: inout SeededGenerator) -> Unicode.Scalar {
        let pool: [Unicode.Scalar] = ["a", "Z", " ", "\"", "'", "\\", "\n", "\t", "\u{0}", "\u{7F}", "é", "ß", "😀", "\u{10FFFF}", "中", "{", "}", ","]
        return pool.randomElement(using: &g)!
    }
}

extension Val {
    /// Equality that treats NaNs of the same width as equal (Float's == does not).
    func sameAs(_ other: Val) -> Bool {
        switch (self, other) {
        case (.f32(let a), .f32(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.f64(let a), .f64(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameAs($1) }
        case (.record(let a), .record(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.value.sameAs($1.value) }
        case (.variant(let n, let p), .variant(let m, let q)):
            return n == m && optionalSame(p, q)
        case (.option(let p), .option(let q)): return optionalSame(p, q)
        case (.result(.ok(let p)), .result(.ok(let q))), (.result(.err(let p)), .result(.err(let q))): return optionalSame(p, q)
        default: return self == other
        }
    }

    private func optionalSame(_ a: Val?, _ b: Val?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let x?, let y?): x.sameAs(y)
        default: false
        }
    }
}
