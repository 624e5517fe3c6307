import WasmFormat

/// Types in text: value, reference and heap types, function/struct/array definitions
/// with their `sub`/`rec` wrappers, limits, and the table, memory and global types.
extension ModuleParser {
    /// The reference-type keywords: `funcref` is `(ref null func)`, and so on.
    static let referenceAbbreviations: [String: AbstractHeapType] = [
        "funcref": .func, "externref": .extern, "anyref": .any, "eqref": .eq,
        "i31ref": .i31, "structref": .struct, "arrayref": .array, "nullref": .none,
        "nullfuncref": .nofunc, "nullexternref": .noextern, "exnref": .exn, "nullexnref": .noexn,
    ]

    static let abstractHeapTypes: [String: AbstractHeapType] = {
        var d: [String: AbstractHeapType] = [:]
        for h in AbstractHeapType.allCases { d[h.name] = h }
        return d
    }()

    static let numericTypes: [String: ValueType] = [
        "i32": .i32, "i64": .i64, "f32": .f32, "f64": .f64, "v128": .v128,
    ]

    /// Whether a value type starts here (used where value types and other things mix).
    func isValueTypeAhead() -> Bool {
        if let a = cursor.atom() {
            return Self.numericTypes[a] != nil || Self.referenceAbbreviations[a] != nil
        }
        return cursor.isList("ref")
    }

    mutating func valueType() throws(TextError) -> ValueType {
        if let a = cursor.atom() {
            if let t = Self.numericTypes[a] {
                cursor.next()
                return t
            }
            if let h = Self.referenceAbbreviations[a] {
                cursor.next()
                return .ref(RefType(nullable: true, heapType: .abstract(h)))
            }
        }
        if cursor.isList("ref") { return .ref(try refType()) }
        throw cursor.unexpected("a value type")
    }

    /// `funcref`-style keywords or `(ref null? heaptype)`.
    mutating func refType() throws(TextError) -> RefType {
        if let a = cursor.atom(), let h = Self.referenceAbbreviations[a] {
            cursor.next()
            return RefType(nullable: true, heapType: .abstract(h))
        }
        guard cursor.takeList("ref") else { throw cursor.unexpected("a reference type") }
        let nullable = cursor.takeAtom("null")
        let heap = try heapType()
        try cursor.expectRParen()
        return RefType(nullable: nullable, heapType: heap)
    }

    func isRefTypeAhead() -> Bool {
        if let a = cursor.atom() { return Self.referenceAbbreviations[a] != nil }
        return cursor.isList("ref")
    }

    mutating func heapType() throws(TextError) -> HeapType {
        if let a = cursor.atom(), let h = Self.abstractHeapTypes[a] {
            cursor.next()
            return .abstract(h)
        }
        if cursor.isList("exact") {
            throw cursor.error("unsupported: exact reference types (custom-descriptors proposal)")
        }
        guard let ref = try cursor.takeIndex() else { throw cursor.unexpected("a heap type") }
        return .concrete(try names.types.resolve(ref, in: cursor.source))
    }

    mutating func typeIndex() throws(TextError) -> UInt32 {
        try names.types.resolve(try cursor.expectIndex("a type index"), in: cursor.source)
    }

    // MARK: Function signatures

    /// `(param $x? t*)* (result t*)*`, as many as come. Parameter names are returned
    /// next to their types; `allowNames` is false where names make no sense (blocks).
    mutating func signature(allowNames: Bool) throws(TextError) -> (params: [(name: Token?, type: ValueType)], results: [ValueType]) {
        var params: [(name: Token?, type: ValueType)] = []
        var results: [ValueType] = []
        while cursor.isList("param") {
            if !results.isEmpty { throw cursor.unexpected("a result (params come first)") }
            cursor.index += 2
            if let id = cursor.takeId() {
                guard allowNames else { throw cursor.error("unexpected token: named parameters are not allowed here", at: id.offset) }
                params.append((id, try valueType()))
            } else {
                while !cursor.isRParen { params.append((nil, try valueType())) }
            }
            try cursor.expectRParen()
        }
        while cursor.takeList("result") {
            while !cursor.isRParen { results.append(try valueType()) }
            try cursor.expectRParen()
        }
        if cursor.isList("param") {
            throw cursor.error("unexpected token: `(param …)` after `(result …)`", at: cursor.peek(1).offset)
        }
        return (params, results)
    }

    // MARK: Type definitions

    /// `(func …)`, `(struct …)` or `(array …)`.
    mutating func compositeType() throws(TextError) -> CompositeType {
        if cursor.takeList("func") {
            let sig = try signature(allowNames: true)
            try cursor.expectRParen()
            return .function(FunctionType(parameters: sig.params.map(\.type), results: sig.results))
        }
        if cursor.takeList("struct") {
            var fields: [FieldType] = []
            while cursor.takeList("field") {
                if cursor.takeId() != nil {
                    fields.append(try fieldType())
                } else {
                    while !cursor.isRParen { fields.append(try fieldType()) }
                }
                try cursor.expectRParen()
            }
            try cursor.expectRParen()
            return .struct(fields)
        }
        if cursor.takeList("array") {
            let field = try fieldType()
            try cursor.expectRParen()
            return .array(field)
        }
        if cursor.isList("describes") || cursor.isList("descriptor") {
            throw cursor.error("unsupported: type descriptors (custom-descriptors proposal)")
        }
        throw cursor.unexpected("`func`, `struct` or `array`")
    }

    /// `st` or `(mut st)`.
    mutating func fieldType() throws(TextError) -> FieldType {
        if cursor.takeList("mut") {
            let s = try storageType()
            try cursor.expectRParen()
            return FieldType(storage: s, mutable: true)
        }
        return FieldType(storage: try storageType(), mutable: false)
    }

    mutating func storageType() throws(TextError) -> StorageType {
        if cursor.takeAtom("i8") { return .i8 }
        if cursor.takeAtom("i16") { return .i16 }
        return .value(try valueType())
    }

    /// `(sub final? idx* comptype)` or a bare composite type (final, no supertypes).
    mutating func subType() throws(TextError) -> SubType {
        if cursor.takeList("sub") {
            let isFinal = cursor.takeAtom("final")
            var supers: [UInt32] = []
            while let ref = try cursor.takeIndex() {
                supers.append(try names.types.resolve(ref, in: cursor.source))
            }
            let composite = try compositeType()
            try cursor.expectRParen()
            return SubType(isFinal: isFinal, supertypes: supers, composite: composite)
        }
        return SubType(isFinal: true, supertypes: [], composite: try compositeType())
    }

    /// `(type $id? subtype)`, the `(type` already consumed.
    mutating func typeDefinition() throws(TextError) -> SubType {
        _ = cursor.takeId()
        let t = try subType()
        try cursor.expectRParen()
        return t
    }

    // MARK: Limits and entity types

    /// `i32` or `i64` before limits; absent means i32.
    mutating func addressType() -> AddressType {
        if cursor.takeAtom("i64") { return .i64 }
        _ = cursor.takeAtom("i32")
        return .i32
    }

    /// `min max?`. Bounds are 64-bit numbers whatever the address type: a 32-bit memory
    /// of 2^32 pages is invalid (a validation error), not malformed.
    mutating func limits(_ address: AddressType) throws(TextError) -> Limits {
        let bits = 64
        let min = try cursor.expectUnsigned(bits: bits, what: "a minimum size")
        var max: UInt64?
        if cursor.isUnsigned() { max = try cursor.expectUnsigned(bits: bits) }
        return Limits(min: min, max: max, addressType: address)
    }

    /// `addrtype? limits reftype`.
    mutating func tableType() throws(TextError) -> TableType {
        let address = addressType()
        let l = try limits(address)
        return TableType(elementType: try refType(), limits: l)
    }

    /// `addrtype? limits shared? (pagesize n)?`.
    mutating func memoryType() throws(TextError) -> MemoryType {
        let address = addressType()
        var l = try limits(address)
        if cursor.takeAtom("shared") { l.shared = true } else { _ = cursor.takeAtom("unshared") }
        if let log2 = try pageSize() { l.pageSizeLog2 = log2 }
        return MemoryType(limits: l)
    }

    /// `(pagesize n)` of the custom-page-sizes proposal: n must be a power of two.
    mutating func pageSize() throws(TextError) -> UInt32? {
        guard cursor.isList("pagesize") else { return nil }
        cursor.index += 2
        let start = cursor.offset
        let size = try cursor.expectUnsigned(bits: 64, what: "a page size")
        guard size != 0, size & (size - 1) == 0 else {
            throw cursor.error("invalid custom page size: \(size) is not a power of two", at: start)
        }
        try cursor.expectRParen()
        return UInt32(size.trailingZeroBitCount)
    }

    /// `valtype` or `(mut valtype)`.
    mutating func globalType() throws(TextError) -> GlobalType {
        if cursor.takeList("mut") {
            let t = try valueType()
            try cursor.expectRParen()
            return GlobalType(valueType: t, mutable: true)
        }
        return GlobalType(valueType: try valueType(), mutable: false)
    }
}
