/// Structural encodings of recursion groups, the basis of type equivalence.
///
/// WebAssembly 3.0 types are iso-recursive: two defined types are equivalent when they sit
/// at the same position of recursion groups that are structurally identical once the
/// references *inside* each group are read as group-relative indices and the references
/// *outside* each group are compared by equivalence of the referenced types.
///
/// The encoding is a flat list of 32-bit words (relative references inline) plus the list of
/// external references in order of appearance. Inside one module the externals are given by
/// their canonical index, so equal (words, externals) means equal groups and a dictionary
/// finds every duplicate group in one pass; across modules they become `CanonicalTypeKey`s.
enum TypeCanonicalizer {
    struct Encoding {
        var words: [UInt32] = []
        /// Module-local type indices referenced from the group but defined outside it, in
        /// order of appearance, already mapped to their canonical representatives.
        var externals: [UInt32] = []
    }

    /// Bit marking a concrete reference as group-relative (payload: position in the group).
    static let relativeBit: UInt32 = 1 << 5
    /// Storage words of packed fields.
    static let i8Word: UInt32 = 7 | 1 << 8
    static let i16Word: UInt32 = 7 | 2 << 8

    /// Encodes the group `types[start ..< start + count]`. Every type index it contains must
    /// already be below `start + count`, and the entries of earlier types in `table` must
    /// have their canonical index set.
    static func encode(_ types: [SubType], start: Int, count: Int, table: TypeTable) -> Encoding {
        var e = Encoding()
        e.words.reserveCapacity(count * 4)
        let end = start + count

        func heapWord(_ index: UInt32) -> UInt32 {
            let i = Int(index)
            if i >= start && i < end { return relativeBit | UInt32(i - start) << 8 }
            e.externals.append(table.entries[i].canonical)
            return 0
        }
        func valueWord(_ v: ValueType) -> UInt32 {
            switch v {
            case .i32: return 1
            case .i64: return 2
            case .f32: return 3
            case .f64: return 4
            case .v128: return 5
            case .ref(let r):
                let base = OperandType.refKind | (r.nullable ? OperandType.nullableBit : 0)
                switch r.heapType {
                case .abstract(let a): return base | UInt32(a.rawValue) << 8
                case .concrete(let i): return base | OperandType.concreteBit | heapWord(i)
                }
            }
        }
        func fieldWords(_ f: FieldType) {
            switch f.storage {
            case .i8: e.words.append(i8Word)
            case .i16: e.words.append(i16Word)
            case .value(let v): e.words.append(valueWord(v))
            }
            e.words.append(f.mutable ? 1 : 0)
        }

        for k in 0..<count {
            let st = types[start + k]
            let kind: UInt32
            switch st.composite {
            case .function: kind = 0
            case .struct: kind = 1
            case .array: kind = 2
            }
            e.words.append(kind | (st.isFinal ? 4 : 0) | UInt32(st.supertypes.count) << 3)
            for s in st.supertypes { e.words.append(heapWord(s)) }
            switch st.composite {
            case .function(let f):
                e.words.append(UInt32(f.parameters.count))
                e.words.append(UInt32(f.results.count))
                for p in f.parameters { e.words.append(valueWord(p)) }
                for r in f.results { e.words.append(valueWord(r)) }
            case .struct(let fields):
                e.words.append(UInt32(fields.count))
                for f in fields { fieldWords(f) }
            case .array(let f):
                fieldWords(f)
            }
        }
        return e
    }
}
