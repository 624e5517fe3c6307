/// The type of one operand-stack slot as the validator tracks it: a value type packed into
/// 32 bits, or *bottom*, the unknown type of a slot popped from the polymorphic stack of
/// unreachable code.
///
/// Why not `ValueType`: the operand stack is pushed and popped for every instruction of
/// every function, and a flat array of trivially-copyable 4-byte values with bit-equality as
/// the fast path of type matching keeps that loop free of enum comparisons and allocation.
///
/// Layout of `raw`:
/// - bits 0–2: kind — 0 bottom, 1 `i32`, 2 `i64`, 3 `f32`, 4 `f64`, 5 `v128`, 6 reference;
/// - bit 3: nullable (references);
/// - bit 4: the heap type is a type index (references);
/// - bits 8–31: the abstract heap type's binary code, `botHeap`, or the type index.
///
/// Type indices therefore fit in 24 bits, which is why the validator limits a module to
/// `ModuleValidator.maximumTypes` types (the same limit as wasmparser's).
public struct OperandType: Hashable, Sendable, CustomStringConvertible {
    public let raw: UInt32

    @inline(__always) init(raw: UInt32) { self.raw = raw }

    static let kindMask: UInt32 = 0x7
    static let nullableBit: UInt32 = 1 << 3
    static let concreteBit: UInt32 = 1 << 4
    static let refKind: UInt32 = 6
    /// The heap payload of the bottom heap type, below every other heap type. It only
    /// arises from popping bottom where a reference was expected (`ref.as_non_null`,
    /// `br_on_null`, casts in unreachable code).
    static let botHeap: UInt32 = 0xFF

    /// The unknown type of unreachable code; it matches every type.
    public static let bottom = OperandType(raw: 0)
    public static let i32 = OperandType(raw: 1)
    public static let i64 = OperandType(raw: 2)
    public static let f32 = OperandType(raw: 3)
    public static let f64 = OperandType(raw: 4)
    public static let v128 = OperandType(raw: 5)

    /// A reference to an abstract heap type.
    @inline(__always)
    static func ref(_ heap: AbstractHeapType, nullable: Bool) -> OperandType {
        OperandType(raw: refKind | (nullable ? nullableBit : 0) | UInt32(heap.rawValue) << 8)
    }

    /// A reference to the defined type `index` (which must be below 2^24).
    @inline(__always)
    static func ref(typeIndex index: UInt32, nullable: Bool) -> OperandType {
        OperandType(raw: refKind | concreteBit | (nullable ? nullableBit : 0) | index << 8)
    }

    /// `(ref bot)`, the type of a non-null reference popped from an unknown slot.
    static let nonNullBottomRef = OperandType(raw: refKind | botHeap << 8)

    public static let funcref = OperandType.ref(.func, nullable: true)
    public static let externref = OperandType.ref(.extern, nullable: true)
    public static let exnref = OperandType.ref(.exn, nullable: true)

    /// Packs a value type. Type indices must already be known to be in range (the
    /// validator checks them against the module's types, which number below 2^24).
    init(_ type: ValueType) {
        switch type {
        case .i32: self = .i32
        case .i64: self = .i64
        case .f32: self = .f32
        case .f64: self = .f64
        case .v128: self = .v128
        case .ref(let r): self.init(r)
        }
    }

    init(_ r: RefType) {
        switch r.heapType {
        case .abstract(let a): self = .ref(a, nullable: r.nullable)
        case .concrete(let i): self = .ref(typeIndex: i, nullable: r.nullable)
        }
    }

    @inline(__always) var kind: UInt32 { raw & Self.kindMask }

    public var isBottom: Bool { raw == 0 }
    /// A number type (`i32`, `i64`, `f32`, `f64`).
    public var isNumeric: Bool { kind >= 1 && kind <= 4 }
    public var isVector: Bool { kind == 5 }
    public var isReference: Bool { kind == Self.refKind }
    /// True for nullable references (false for everything else).
    public var isNullable: Bool { isReference && raw & Self.nullableBit != 0 }
    /// True when the heap type is a type index.
    var isConcrete: Bool { raw & Self.concreteBit != 0 }
    /// True for a reference whose heap type is the bottom heap type.
    var hasBottomHeap: Bool { isReference && !isConcrete && heapPayload == Self.botHeap }

    /// The heap payload: an abstract heap type code, `botHeap`, or a type index.
    @inline(__always) var heapPayload: UInt32 { raw >> 8 }

    /// The type index of a concrete reference.
    public var typeIndex: UInt32? { isReference && isConcrete ? heapPayload : nil }

    var abstractHeap: AbstractHeapType? {
        guard isReference, !isConcrete, heapPayload <= 0xFF else { return nil }
        return AbstractHeapType(rawValue: UInt8(heapPayload))
    }

    /// The same reference type with its nullability changed.
    @inline(__always)
    func withNullable(_ nullable: Bool) -> OperandType {
        OperandType(raw: nullable ? raw | Self.nullableBit : raw & ~Self.nullableBit)
    }

    /// The value type this slot holds, or nil for bottom and for references to the bottom
    /// heap type (which only exist in unreachable code and have no syntax).
    public var valueType: ValueType? {
        switch kind {
        case 1: return .i32
        case 2: return .i64
        case 3: return .f32
        case 4: return .f64
        case 5: return .v128
        case Self.refKind:
            if isConcrete {
                return .ref(RefType(nullable: isNullable, heapType: .concrete(heapPayload)))
            }
            guard let a = abstractHeap else { return nil }
            return .ref(RefType(nullable: isNullable, heapType: .abstract(a)))
        default: return nil
        }
    }

    /// The text-format spelling (`i32`, `funcref`, `(ref null 3)`, …), or `unknown` for
    /// bottom: what error messages show.
    public var description: String {
        switch kind {
        case 0: return "unknown"
        case 1: return "i32"
        case 2: return "i64"
        case 3: return "f32"
        case 4: return "f64"
        case 5: return "v128"
        default:
            let heap: String
            if isConcrete {
                heap = String(heapPayload)
            } else if let a = abstractHeap {
                if isNullable { return "\(a.name)ref" }
                heap = a.name
            } else {
                heap = "bot"
            }
            return isNullable ? "(ref null \(heap))" : "(ref \(heap))"
        }
    }
}

extension ValueType {
    /// The text-format spelling, for messages.
    var text: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .ref(let r): r.text
        }
    }
}

extension RefType {
    /// The text-format spelling, for messages.
    var text: String {
        let heap: String
        switch heapType {
        case .abstract(let a):
            if nullable { return "\(a.name)ref" }
            heap = a.name
        case .concrete(let i):
            heap = String(i)
        }
        return nullable ? "(ref null \(heap))" : "(ref \(heap))"
    }
}
