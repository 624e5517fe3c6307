/// The defined types of one module, flattened into arrays the validator can index in O(1),
/// and the subtype relation between them.
///
/// Built once per module by `TypeTable.build` (which also validates the type section);
/// afterwards it is read-only and shared by every function validator of the module, so
/// instructions never re-derive a function type or walk a `SubType` tree.
struct TypeTable: Sendable {
    enum Kind: UInt8, Sendable {
        case function, `struct`, array
    }

    struct Entry: Sendable {
        var kind: Kind
        var isFinal: Bool
        /// Length of the declared supertype chain above this type (0 for none).
        var depth: UInt8
        /// The declared supertype, or `noSuper`.
        var superIndex: UInt32
        /// The smallest type index of this module equivalent to this one (iso-recursive
        /// equivalence); two indices denote the same type exactly when these are equal.
        var canonical: UInt32
        /// Start of this type's slots in `pool`: parameters then results for a function,
        /// the fields for a struct, the element for an array.
        var start: UInt32
        /// Parameters, fields, or 1 for an array.
        var count: UInt32
        /// Results of a function type; 0 otherwise.
        var resultCount: UInt32
    }

    static let noSuper = UInt32.max

    /// Flag bits of `fieldFlags`.
    static let mutableField: UInt8 = 1
    static let packedI8: UInt8 = 2
    static let packedI16: UInt8 = 4

    var subtypes: [SubType] = []
    var entries: [Entry] = []
    /// Operand types of function parameters and results, and the unpacked types of fields.
    var pool: [OperandType] = []
    /// Parallel to `pool`: mutability and packing of struct and array fields.
    var fieldFlags: [UInt8] = []
    /// Start index of every rec group, in order (for canonical keys).
    var groupStarts: [UInt32] = []

    var count: Int { entries.count }

    // MARK: Lookups

    @inline(__always)
    func parameters(of type: UInt32) -> Range<Int> {
        let e = entries[Int(type)]
        return Int(e.start)..<Int(e.start + e.count)
    }

    @inline(__always)
    func results(of type: UInt32) -> Range<Int> {
        let e = entries[Int(type)]
        let s = Int(e.start + e.count)
        return s..<(s + Int(e.resultCount))
    }

    // MARK: Subtyping

    /// `a <: b` for operand types (bottom matches everything).
    @inline(__always)
    func isSubtype(_ a: OperandType, _ b: OperandType) -> Bool {
        if a.raw == b.raw || a.raw == 0 { return true }
        return isSubtypeSlow(a, b)
    }

    func isSubtypeSlow(_ a: OperandType, _ b: OperandType) -> Bool {
        guard a.isReference, b.isReference else { return false }
        if a.isNullable && !b.isNullable { return false }
        return isHeapSubtype(a, b)
    }

    /// Heap-type part of reference subtyping (nullability ignored).
    func isHeapSubtype(_ a: OperandType, _ b: OperandType) -> Bool {
        if a.raw >> 4 == b.raw >> 4 { return true }
        if a.isConcrete {
            if b.isConcrete { return isConcreteSubtype(a.heapPayload, b.heapPayload) }
            guard let bh = b.abstractHeap else { return false }
            switch entries[Int(a.heapPayload)].kind {
            case .function: return bh == .func
            case .struct: return bh == .struct || bh == .eq || bh == .any
            case .array: return bh == .array || bh == .eq || bh == .any
            }
        }
        if a.heapPayload == OperandType.botHeap { return true }
        guard let ah = a.abstractHeap else { return false }
        if b.isConcrete {
            return ah == (entries[Int(b.heapPayload)].kind == .function ? .nofunc : .none)
        }
        guard let bh = b.abstractHeap else { return false }
        return Self.isAbstractSubtype(ah, bh)
    }

    /// Subtyping between abstract heap types: the four hierarchies of 3.0.
    static func isAbstractSubtype(_ a: AbstractHeapType, _ b: AbstractHeapType) -> Bool {
        if a == b { return true }
        switch b {
        case .any: return a == .eq || a == .i31 || a == .struct || a == .array || a == .none
        case .eq: return a == .i31 || a == .struct || a == .array || a == .none
        case .i31, .struct, .array: return a == .none
        case .func: return a == .nofunc
        case .extern: return a == .noextern
        case .exn: return a == .noexn
        case .none, .nofunc, .noextern, .noexn: return false
        }
    }

    /// `a <: b` between defined types: some declared ancestor of `a` (or `a` itself) is
    /// equivalent to `b`. Equivalent types have equal depths, so one walk suffices and its
    /// length is bounded by the subtyping depth limit.
    func isConcreteSubtype(_ a: UInt32, _ b: UInt32) -> Bool {
        let eb = entries[Int(b)]
        var x = entries[Int(a)]
        if x.canonical == eb.canonical { return true }
        while x.depth > eb.depth {
            x = entries[Int(x.superIndex)]
        }
        return x.canonical == eb.canonical
    }

    /// Type equality up to equivalence (`a <: b` and `b <: a`).
    func isEquivalent(_ a: OperandType, _ b: OperandType) -> Bool {
        if a.raw == b.raw { return true }
        guard a.isReference, b.isReference, a.isConcrete, b.isConcrete,
              a.isNullable == b.isNullable else { return false }
        return entries[Int(a.heapPayload)].canonical == entries[Int(b.heapPayload)].canonical
    }

    /// The top of the hierarchy a reference type's heap type belongs to, as a nullable
    /// reference: what `ref.test` and `ref.cast` accept as operand.
    func topReference(of t: OperandType) -> OperandType {
        if t.isConcrete {
            return .ref(entries[Int(t.heapPayload)].kind == .function ? .func : .any, nullable: true)
        }
        guard let a = t.abstractHeap else { return t.withNullable(true) }
        return .ref(a.top, nullable: true)
    }

    /// Field matching for declared subtypes: immutable fields are covariant, mutable ones
    /// invariant; packed storage must agree exactly.
    func fieldMatches(sub: Int, sup: Int) -> Bool {
        let fs = fieldFlags[sub], ft = fieldFlags[sup]
        if fs != ft { return false }
        if fs & Self.mutableField != 0 { return isEquivalent(pool[sub], pool[sup]) }
        return isSubtype(pool[sub], pool[sup])
    }

    /// Whether the composite type of `sub` matches that of `sup` (its declared supertype).
    func compositeMatches(sub: UInt32, sup: UInt32) -> Bool {
        let s = entries[Int(sub)], t = entries[Int(sup)]
        guard s.kind == t.kind else { return false }
        switch s.kind {
        case .function:
            guard s.count == t.count, s.resultCount == t.resultCount else { return false }
            for i in 0..<Int(s.count) where !isSubtype(pool[Int(t.start) + i], pool[Int(s.start) + i]) {
                return false
            }
            let sr = Int(s.start + s.count), tr = Int(t.start + t.count)
            for i in 0..<Int(s.resultCount) where !isSubtype(pool[sr + i], pool[tr + i]) {
                return false
            }
            return true
        case .struct:
            guard s.count >= t.count else { return false }
            for i in 0..<Int(t.count) where !fieldMatches(sub: Int(s.start) + i, sup: Int(t.start) + i) {
                return false
            }
            return true
        case .array:
            return fieldMatches(sub: Int(s.start), sup: Int(t.start))
        }
    }
}
