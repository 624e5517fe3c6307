/// Validation of the type section: index bounds inside each recursion group, supertype
/// declarations (at most one, defined earlier, not final, structurally matching), the
/// implementation limits that keep later checks cheap, and the canonical index of every
/// type (iso-recursive equivalence).
extension TypeTable {
    static func build(_ groups: [RecGroup], offsets: [Int], features: WasmFeatures) throws(WasmError) -> TypeTable {
        var table = TypeTable()
        var total = 0
        for g in groups { total += g.types.count }
        guard total <= ModuleValidator.maximumTypes else {
            throw .invalid("too many types: \(total) (the limit is \(ModuleValidator.maximumTypes))", at: offsets.first ?? 0)
        }
        table.subtypes.reserveCapacity(total)
        table.entries.reserveCapacity(total)
        table.groupStarts.reserveCapacity(groups.count)
        var seen: [[UInt32]: UInt32] = [:]
        for (i, group) in groups.enumerated() {
            try table.appendGroup(group, at: i < offsets.count ? offsets[i] : 0, features: features, seen: &seen)
        }
        return table
    }

    private mutating func appendGroup(_ group: RecGroup, at offset: Int, features: WasmFeatures,
                                      seen: inout [[UInt32]: UInt32]) throws(WasmError) {
        let start = entries.count
        let end = start + group.types.count
        if group.isExplicit && !features.contains(.gc) {
            throw .unsupported(.gc, "recursion groups", at: offset)
        }
        groupStarts.append(UInt32(start))

        // Entries first: the subtype checks below need every member's kind, fields and
        // supertype, since members may refer to each other.
        for (k, st) in group.types.enumerated() {
            let x = start + k
            if (!st.isFinal || !st.supertypes.isEmpty) && !features.contains(.gc) {
                throw .unsupported(.gc, "subtype declarations", at: offset)
            }
            guard st.supertypes.count <= 1 else {
                throw .invalid("sub type \(x) declares \(st.supertypes.count) supertypes; at most one is allowed", at: offset)
            }
            var depth: UInt8 = 0
            var superIndex = Self.noSuper
            if let s = st.supertypes.first {
                guard Int(s) < end else { throw .invalid("unknown type \(s)", at: offset) }
                guard Int(s) < x else {
                    throw .invalid("forward use of type \(s) in sub type definition of type \(x): a supertype must be defined before its subtypes", at: offset)
                }
                let d = entries[Int(s)].depth
                guard Int(d) < ModuleValidator.maximumSubtypingDepth else {
                    throw .invalid("sub type \(x): subtyping chain deeper than \(ModuleValidator.maximumSubtypingDepth) levels", at: offset)
                }
                depth = d + 1
                superIndex = s
            }
            let poolStart = UInt32(pool.count)
            var entry = Entry(kind: .function, isFinal: st.isFinal, depth: depth, superIndex: superIndex,
                              canonical: UInt32(x), start: poolStart, count: 0, resultCount: 0)
            switch st.composite {
            case .function(let f):
                guard f.parameters.count <= ModuleValidator.maximumFunctionParameters else {
                    throw .invalid("type \(x) has \(f.parameters.count) parameters (the limit is \(ModuleValidator.maximumFunctionParameters))", at: offset)
                }
                guard f.results.count <= ModuleValidator.maximumFunctionResults else {
                    throw .invalid("type \(x) has \(f.results.count) results (the limit is \(ModuleValidator.maximumFunctionResults))", at: offset)
                }
                for p in f.parameters {
                    try Self.checkValueType(p, typeCount: end, features: features, at: offset)
                    pool.append(OperandType(p))
                    fieldFlags.append(0)
                }
                for r in f.results {
                    try Self.checkValueType(r, typeCount: end, features: features, at: offset)
                    pool.append(OperandType(r))
                    fieldFlags.append(0)
                }
                entry.count = UInt32(f.parameters.count)
                entry.resultCount = UInt32(f.results.count)
            case .struct(let fields):
                guard features.contains(.gc) else { throw .unsupported(.gc, "struct types", at: offset) }
                guard fields.count <= ModuleValidator.maximumStructFields else {
                    throw .invalid("struct type \(x) has \(fields.count) fields (the limit is \(ModuleValidator.maximumStructFields))", at: offset)
                }
                entry.kind = .struct
                for f in fields { try appendField(f, typeCount: end, features: features, at: offset) }
                entry.count = UInt32(fields.count)
            case .array(let f):
                guard features.contains(.gc) else { throw .unsupported(.gc, "array types", at: offset) }
                entry.kind = .array
                try appendField(f, typeCount: end, features: features, at: offset)
                entry.count = 1
            }
            entries.append(entry)
            subtypes.append(st)
        }

        // Canonical indices: a group equal to an earlier one maps member by member.
        let encoding = TypeCanonicalizer.encode(subtypes, start: start, count: group.types.count, table: self)
        var key = encoding.words
        key.append(UInt32.max)
        key.append(contentsOf: encoding.externals)
        if let first = seen[key] {
            for k in 0..<group.types.count { entries[start + k].canonical = first + UInt32(k) }
        } else {
            seen[key] = UInt32(start)
        }

        for x in start..<end {
            let sup = entries[x].superIndex
            guard sup != Self.noSuper else { continue }
            guard !entries[Int(sup)].isFinal else {
                throw .invalid("sub type \(x) does not match super type \(sup): type \(sup) is final", at: offset)
            }
            guard compositeMatches(sub: UInt32(x), sup: sup) else {
                throw .invalid("sub type \(x) does not match super type \(sup)", at: offset)
            }
        }
    }

    private mutating func appendField(_ f: FieldType, typeCount: Int, features: WasmFeatures, at offset: Int) throws(WasmError) {
        var flags: UInt8 = f.mutable ? Self.mutableField : 0
        switch f.storage {
        case .i8: flags |= Self.packedI8
        case .i16: flags |= Self.packedI16
        case .value(let v): try Self.checkValueType(v, typeCount: typeCount, features: features, at: offset)
        }
        pool.append(OperandType(f.storage.unpacked))
        fieldFlags.append(flags)
    }

    /// Checks that a value type only names types below `typeCount` and only uses enabled
    /// features.
    static func checkValueType(_ v: ValueType, typeCount: Int, features: WasmFeatures, at offset: Int) throws(WasmError) {
        switch v {
        case .i32, .i64, .f32, .f64: return
        case .v128:
            if !features.contains(.simd) { throw .unsupported(.simd, "the v128 type", at: offset) }
        case .ref(let r):
            try checkRefType(r, typeCount: typeCount, features: features, at: offset)
        }
    }

    static func checkRefType(_ r: RefType, typeCount: Int, features: WasmFeatures, at offset: Int) throws(WasmError) {
        try checkHeapType(r.heapType, typeCount: typeCount, features: features, at: offset)
        if !r.nullable && !features.contains(.functionReferences) && !features.contains(.gc) {
            throw .unsupported(.functionReferences, "non-nullable reference types", at: offset)
        }
    }

    static func checkHeapType(_ h: HeapType, typeCount: Int, features: WasmFeatures, at offset: Int) throws(WasmError) {
        switch h {
        case .concrete(let i):
            guard Int(i) < typeCount else { throw .invalid("unknown type \(i)", at: offset) }
            if !features.contains(.functionReferences) && !features.contains(.gc) {
                throw .unsupported(.functionReferences, "typed references", at: offset)
            }
        case .abstract(let a):
            switch a {
            case .func:
                break // funcref tables are as old as WebAssembly.
            case .extern:
                if !features.contains(.referenceTypes) {
                    throw .unsupported(.referenceTypes, "reference types", at: offset)
                }
            case .exn, .noexn:
                if !features.contains(.exceptions) { throw .unsupported(.exceptions, "exnref", at: offset) }
            case .any, .eq, .i31, .struct, .array, .none, .nofunc, .noextern:
                if !features.contains(.gc) { throw .unsupported(.gc, "the \(a.name) heap type", at: offset) }
            }
        }
    }
}

extension WasmError {
    /// A module uses a feature the validator was told not to accept.
    static func unsupported(_ feature: WasmFeatures, _ what: String, at offset: Int, function: UInt32? = nil) -> WasmError {
        WasmError(.unsupported, "\(what) need the \(feature.name) feature, which is not enabled", offset: offset, function: function)
    }
}
