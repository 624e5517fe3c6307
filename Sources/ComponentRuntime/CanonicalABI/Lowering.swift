import CoreRuntime
import WasmFormat

/// Lowering: component values into core values and linear memory (CanonicalABI.md
/// "Storing", "Flat Lowering").
extension ABIContext {
    /// Lowers a list of values, through memory when they flatten to more than `maxFlat`
    /// core values: into a `realloc`ed tuple, or into `outPointer` when the caller gave
    /// one (results of a lowered import).
    func lowerValues(_ values: [Val], _ types: [ValType], maxFlat: Int, outPointer: UInt32? = nil) throws(Trap) -> [Value] {
        let flatCount = types.reduce(0) { $0 + Layout.flatCount($1) }
        guard flatCount > maxFlat else {
            var out: [Value] = []
            out.reserveCapacity(flatCount)
            for (v, t) in zip(values, types) { try lowerFlat(v, t, into: &out) }
            return out
        }
        let tuple = ValType.tuple(types)
        let pointer: UInt32
        if let outPointer {
            pointer = outPointer
        } else {
            pointer = try allocate(alignment: Layout.alignment(tuple), size: Layout.size(tuple))
        }
        guard pointer % UInt32(Layout.alignment(tuple)) == 0 else { throw trap("misaligned pointer \(pointer)") }
        _ = try bytes(at: UInt64(pointer), count: Layout.size(tuple))
        try store(.tuple(values), tuple, at: pointer)
        return outPointer == nil ? [.i32(pointer)] : []
    }

    func lowerFlat(_ v: Val, _ t: ValType) throws(Trap) -> [Value] {
        var out: [Value] = []
        try lowerFlat(v, t, into: &out)
        return out
    }

    /// Appends the flat core values of `v` (a call lowers every argument into one array).
    func lowerFlat(_ v: Val, _ t: ValType, into out: inout [Value]) throws(Trap) {
        switch (t, v) {
        case (.bool, .bool(let b)): out.append(.i32(b ? 1 : 0))
        case (.u8, .u8(let x)): out.append(.i32(UInt32(x)))
        case (.u16, .u16(let x)): out.append(.i32(UInt32(x)))
        case (.u32, .u32(let x)): out.append(.i32(x))
        case (.u64, .u64(let x)): out.append(.i64(x))
        case (.s8, .s8(let x)): out.append(.i32(UInt32(bitPattern: Int32(x))))
        case (.s16, .s16(let x)): out.append(.i32(UInt32(bitPattern: Int32(x))))
        case (.s32, .s32(let x)): out.append(.i32(UInt32(bitPattern: x)))
        case (.s64, .s64(let x)): out.append(.i64(UInt64(bitPattern: x)))
        case (.f32, .f32(let x)): out.append(.f32(canonical(x).bitPattern))
        case (.f64, .f64(let x)): out.append(.f64(canonical(x).bitPattern))
        case (.char, .char(let c)): out.append(.i32(c.value))
        case (.string, .string(let s)):
            let (p, n) = try storeString(s)
            out.append(.i32(p))
            out.append(.i32(n))
        case (.list(let e), .list(let items)):
            let (p, n) = try storeList(items, e)
            out.append(.i32(p))
            out.append(.i32(n))
        case (.fixedSizeList(let e, let count), .list(let items)):
            guard items.count == count else { throw mismatch(v, t) }
            for item in items { try lowerFlat(item, e, into: &out) }
        case (.record(let fields), .record(let given)):
            for f in fields { try lowerFlat(try field(f.name, in: given, of: t), f.type, into: &out) }
        case (.tuple(let types), .tuple(let items)):
            guard items.count == types.count else { throw mismatch(v, t) }
            for (item, type) in zip(items, types) { try lowerFlat(item, type, into: &out) }
        case (.flags(let labels), .flags(let set)):
            out.append(.i32(UInt32(truncatingIfNeeded: try packFlags(set, labels))))
        case (.own(let id), .resource(let r)):
            out.append(.i32(try lowerOwn(r, id)))
        case (.borrow(let id), .resource(let r)):
            out.append(.i32(try lowerBorrow(r, id)))
        case (.map(let k, let vt), .list(let pairs)):
            let (p, n) = try storeList(pairs, .tuple([k, vt]))
            out.append(.i32(p))
            out.append(.i32(n))
        case (.variant, _), (.enum, _), (.option, _), (.result, _):
            out += try lowerFlatVariant(v, t)
        default:
            throw mismatch(v, t)
        }
    }

    /// Variants pass a discriminant and the payload in the slots of the joined flat
    /// types, converting where the payload's own types differ.
    private func lowerFlatVariant(_ v: Val, _ t: ValType) throws(Trap) -> [Value] {
        guard case .variant(let cases) = t.despecialized else { throw mismatch(v, t) }
        let (index, payload) = try caseOf(v, t, cases)
        var joined = Layout.flattenVariant(cases)
        joined.removeFirst()
        var out: [Value] = [.i32(UInt32(index))]
        if let payloadType = cases[index].type, let payload {
            let values = try lowerFlat(payload, payloadType)
            for (i, value) in values.enumerated() {
                out.append(coerce(value, to: joined[i]))
            }
        }
        while out.count < joined.count + 1 {
            out.append(zero(joined[out.count - 1]))
        }
        return out
    }

    private func coerce(_ v: Value, to want: ValueType) -> Value {
        switch (v, want) {
        case (.f32(let b), .i32): .i32(b)
        case (.i32(let x), .i64): .i64(UInt64(x))
        case (.f32(let b), .i64): .i64(UInt64(b))
        case (.f64(let b), .i64): .i64(b)
        default: v
        }
    }

    private func zero(_ t: ValueType) -> Value {
        switch t {
        case .i64: .i64(0)
        case .f32: .f32(0)
        case .f64: .f64(0)
        default: .i32(0)
        }
    }

    // MARK: Memory

    func store(_ v: Val, _ t: ValType, at address: UInt32) throws(Trap) {
        let size = Layout.size(t)
        let p = try bytes(at: UInt64(address), count: size)
        func put<T: FixedWidthInteger>(_ x: T) { p.storeBytes(of: x.littleEndian, as: T.self) }
        switch (t, v) {
        case (.bool, .bool(let b)): put(UInt8(b ? 1 : 0))
        case (.u8, .u8(let x)): put(x)
        case (.s8, .s8(let x)): put(x)
        case (.u16, .u16(let x)): put(x)
        case (.s16, .s16(let x)): put(x)
        case (.u32, .u32(let x)): put(x)
        case (.s32, .s32(let x)): put(x)
        case (.u64, .u64(let x)): put(x)
        case (.s64, .s64(let x)): put(x)
        case (.f32, .f32(let x)): put(canonical(x).bitPattern)
        case (.f64, .f64(let x)): put(canonical(x).bitPattern)
        case (.char, .char(let c)): put(c.value)
        case (.string, .string(let s)):
            let (ptr, n) = try storeString(s)
            try storePointerAndLength(ptr, n, at: address, of: "string")
        case (.list(let e), .list(let items)):
            let (ptr, n) = try storeList(items, e)
            try storePointerAndLength(ptr, n, at: address, of: "list")
        case (.map(let k, let vt), .list(let pairs)):
            try store(v, .list(.tuple([k, vt])), at: address)
            _ = pairs
        case (.fixedSizeList(let e, let count), .list(let items)):
            guard items.count == count else { throw mismatch(v, t) }
            let s = Layout.size(e)
            for (i, item) in items.enumerated() { try store(item, e, at: address + UInt32(i * s)) }
        case (.record(let fields), .record(let given)):
            let offsets = Layout.fieldOffsets(fields.map(\.type))
            for (f, o) in zip(fields, offsets) {
                try store(try field(f.name, in: given, of: t), f.type, at: address + UInt32(o))
            }
        case (.tuple(let types), .tuple(let items)):
            guard items.count == types.count else { throw mismatch(v, t) }
            for (o, (item, type)) in zip(Layout.fieldOffsets(types), zip(items, types)) {
                try store(item, type, at: address + UInt32(o))
            }
        case (.flags(let labels), .flags(let set)):
            let bits = try packFlags(set, labels)
            switch Layout.flagsSize(labels.count) {
            case 1: put(UInt8(truncatingIfNeeded: bits))
            case 2: put(UInt16(truncatingIfNeeded: bits))
            default: put(UInt32(truncatingIfNeeded: bits))
            }
        case (.own(let id), .resource(let r)): put(try lowerOwn(r, id))
        case (.borrow(let id), .resource(let r)): put(try lowerBorrow(r, id))
        case (.variant, _), (.enum, _), (.option, _), (.result, _):
            guard case .variant(let cases) = t.despecialized else { throw mismatch(v, t) }
            let (index, payload) = try caseOf(v, t, cases)
            let discriminantSize = Layout.size(Layout.discriminant(cases.count))
            switch discriminantSize {
            case 1: put(UInt8(index))
            case 2: put(UInt16(index))
            default: put(UInt32(index))
            }
            tracer?.storedPart("case \(index) (\(cases[index].name))", at: address,
                               bytes: Array(UnsafeRawBufferPointer(start: p, count: discriminantSize)))
            if let payloadType = cases[index].type, let payload {
                try store(payload, payloadType, at: address + UInt32(Layout.payloadOffset(cases)))
            }
        default:
            throw mismatch(v, t)
        }
        if let tracer, !t.isAggregate {
            tracer.stored(v, as: t, at: address, bytes: Array(UnsafeRawBufferPointer(start: p, count: size)))
        }
    }

    /// Stores a string in the options' encoding; returns (pointer, tagged code units).
    ///
    /// It follows CanonicalABI.md "store_string_into_range" call for call: which
    /// allocation is made first, and which `realloc`s grow or shrink it, depends on the
    /// encoding the string came from (`stringSource`) and the one it goes to, and a guest's
    /// `realloc` can see (and fail) every one of them.
    func storeString(_ s: String) throws(Trap) -> (UInt32, UInt32) {
        let utf8 = Array(s.utf8)
        let utf16 = s.utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8)] }
        let isLatin1 = s.unicodeScalars.allSatisfy { $0.value < 256 }
        let latin1 = isLatin1 ? s.unicodeScalars.map { UInt8($0.value) } : []
        let utf16Tag: UInt32 = 1 << 31
        // The source's code units, and whether they are Latin-1 (for latin1+utf16).
        let sourceUnits: Int
        let sourceIsLatin1: Bool
        switch stringSource {
        case .utf8: (sourceUnits, sourceIsLatin1) = (utf8.count, false)
        case .utf16: (sourceUnits, sourceIsLatin1) = (utf16.count / 2, false)
        case .latin1UTF16: (sourceUnits, sourceIsLatin1) = isLatin1 ? (latin1.count, true) : (utf16.count / 2, false)
        }
        guard sourceUnits * 3 <= Lifting.maxStringByteLength else { throw trap("string too long") }

        func write(_ bytes: [UInt8], at p: UInt32) throws(Trap) {
            guard !bytes.isEmpty else { return }
            let dst = try self.bytes(at: UInt64(p), count: bytes.count)
            bytes.withUnsafeBytes { dst.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            tracer?.stored(.string(s), as: .string, at: p, bytes: bytes)
        }
        func copy(_ bytes: [UInt8], alignment: Int, units: Int) throws(Trap) -> (UInt32, UInt32) {
            let p = try allocate(alignment: alignment, size: bytes.count)
            try write(bytes, at: p)
            return (p, UInt32(units))
        }
        /// `store_string_to_utf8`: optimistic one byte per unit, then the worst case, then shrink.
        func toUTF8(worstCase: Int) throws(Trap) -> (UInt32, UInt32) {
            var p = try allocate(alignment: 1, size: sourceUnits)
            if utf8.count == sourceUnits && s.utf8.allSatisfy({ $0 < 0x80 }) {
                try write(utf8, at: p)
                return (p, UInt32(sourceUnits))
            }
            p = try reallocate(old: p, oldSize: UInt32(sourceUnits), alignment: 1, newSize: UInt32(worstCase))
            try write(utf8, at: p)
            if worstCase > utf8.count { p = try reallocate(old: p, oldSize: UInt32(worstCase), alignment: 1, newSize: UInt32(utf8.count)) }
            return (p, UInt32(utf8.count))
        }

        switch (encoding, stringSource) {
        case (.utf8, .utf8):
            return try copy(utf8, alignment: 1, units: utf8.count)
        case (.utf8, _):
            return try toUTF8(worstCase: sourceIsLatin1 ? 2 * sourceUnits : 3 * sourceUnits)
        case (.utf16, .utf8):
            let worst = 2 * sourceUnits
            var p = try allocate(alignment: 2, size: worst)
            try write(utf16, at: p)
            if utf16.count < worst { p = try reallocate(old: p, oldSize: UInt32(worst), alignment: 2, newSize: UInt32(utf16.count)) }
            return (p, UInt32(utf16.count / 2))
        case (.utf16, _):
            return try copy(utf16, alignment: 2, units: utf16.count / 2)
        case (.latin1UTF16, .utf8), (.latin1UTF16, .utf16):
            // `store_string_to_latin1_or_utf16`: Latin-1 first, inflated when it must.
            var p = try allocate(alignment: 2, size: sourceUnits)
            if isLatin1 {
                try write(latin1, at: p)
                if latin1.count < sourceUnits {
                    p = try reallocate(old: p, oldSize: UInt32(sourceUnits), alignment: 2, newSize: UInt32(latin1.count))
                }
                return (p, UInt32(latin1.count))
            }
            let worst = 2 * sourceUnits
            p = try reallocate(old: p, oldSize: UInt32(sourceUnits), alignment: 2, newSize: UInt32(worst))
            try write(utf16, at: p)
            if worst > utf16.count { p = try reallocate(old: p, oldSize: UInt32(worst), alignment: 2, newSize: UInt32(utf16.count)) }
            return (p, UInt32(utf16.count / 2) | utf16Tag)
        case (.latin1UTF16, .latin1UTF16):
            if sourceIsLatin1 { return try copy(latin1, alignment: 2, units: latin1.count) }
            // `store_probably_utf16_to_latin1_or_utf16`: UTF-16 first, deflated when it can.
            var p = try allocate(alignment: 2, size: utf16.count)
            try write(utf16, at: p)
            guard isLatin1 else { return (p, UInt32(utf16.count / 2) | utf16Tag) }
            try write(latin1, at: p)
            p = try reallocate(old: p, oldSize: UInt32(utf16.count), alignment: 1, newSize: UInt32(latin1.count))
            return (p, UInt32(latin1.count))
        }
    }

    func storeList(_ items: [Val], _ element: ValType) throws(Trap) -> (UInt32, UInt32) {
        let size = Layout.size(element)
        let byteLength = items.count * size
        guard byteLength <= Lifting.maxListByteLength else { throw trap("list too long") }
        let p = try allocate(alignment: Layout.alignment(element), size: byteLength)
        for (i, item) in items.enumerated() { try store(item, element, at: p + UInt32(i * size)) }
        return (p, UInt32(items.count))
    }

    /// The two words a string or list is held by in memory.
    private func storePointerAndLength(_ pointer: UInt32, _ length: UInt32, at address: UInt32, of what: String) throws(Trap) {
        let q = try bytes(at: UInt64(address), count: 8)
        q.storeBytes(of: pointer.littleEndian, as: UInt32.self)
        q.storeBytes(of: length.littleEndian, toByteOffset: 4, as: UInt32.self)
        tracer?.storedPart("\(what) pointer 0x\(String(pointer, radix: 16)), length \(length)", at: address,
                           bytes: Array(UnsafeRawBufferPointer(start: q, count: 8)))
    }

    // MARK: Resources

    /// Moves an owned host handle into this instance's table.
    func lowerOwn(_ r: Resource, _ id: ResourceTypeID) throws(Trap) -> UInt32 {
        let type = resources(id)
        guard r.type === type else { throw trap("resource type mismatch: expected \(type.name), got \(r.type.name)") }
        guard r.isOwned else { throw trap("an owned handle is expected, got a borrowed \(r.type.name)") }
        guard !r.isDropped else { throw trap("use of a dropped resource \(r)") }
        r.isDropped = true
        return try instance.handles.add(ResourceHandle(type: type, rep: r.rep, isOwned: true, borrowScope: nil))
    }

    /// Lends a handle for the duration of the call: the implementing instance gets the
    /// representation itself; any other gets a borrow handle it must drop before returning.
    func lowerBorrow(_ r: Resource, _ id: ResourceTypeID) throws(Trap) -> UInt32 {
        let type = resources(id)
        guard r.type === type else { throw trap("resource type mismatch: expected \(type.name), got \(r.type.name)") }
        guard !r.isDropped else { throw trap("use of a dropped resource \(r)") }
        if type.implementer === instance { return r.rep }
        task?.borrowCount += 1
        return try instance.handles.add(ResourceHandle(type: type, rep: r.rep, isOwned: false, borrowScope: task))
    }

    // MARK: Helpers

    func mismatch(_ v: Val, _ t: ValType) -> Trap {
        trap("type mismatch: a value of type \(t) was expected, got \(v)")
    }

    private func field(_ name: String, in fields: [Val.Field], of t: ValType) throws(Trap) -> Val {
        guard let f = fields.first(where: { $0.name == name }) else { throw trap("missing field `\(name)` of \(t)") }
        return f.value
    }

    /// The case index and payload of a variant-like value.
    private func caseOf(_ v: Val, _ t: ValType, _ cases: [ValType.Case]) throws(Trap) -> (Int, Val?) {
        let name: String
        let payload: Val?
        switch v {
        case .variant(let n, let p): (name, payload) = (n, p)
        case .enum(let n): (name, payload) = (n, nil)
        case .option(let p): (name, payload) = (p == nil ? "none" : "some", p)
        case .result(.ok(let p)): (name, payload) = ("ok", p)
        case .result(.err(let p)): (name, payload) = ("error", p)
        default: throw mismatch(v, t)
        }
        guard let index = cases.firstIndex(where: { $0.name == name }) else { throw mismatch(v, t) }
        if (cases[index].type == nil) != (payload == nil) { throw mismatch(v, t) }
        return (index, payload)
    }

    private func packFlags(_ set: [String], _ labels: [String]) throws(Trap) -> UInt64 {
        var bits: UInt64 = 0
        for name in set {
            guard let i = labels.firstIndex(of: name) else { throw trap("unknown flag `\(name)` (flags: \(labels.joined(separator: ", ")))") }
            bits |= 1 << UInt64(i)
        }
        return bits
    }

    /// NaNs cross the boundary as the canonical NaN (the deterministic profile).
    private func canonical(_ x: Float) -> Float { x.isNaN ? Float(bitPattern: 0x7FC0_0000) : x }
    private func canonical(_ x: Double) -> Double { x.isNaN ? Double(bitPattern: 0x7FF8_0000_0000_0000) : x }
}

extension ValType {
    /// Types stored through their parts (the tracer reports the parts, not the whole).
    var isAggregate: Bool {
        switch self {
        case .list, .fixedSizeList, .record, .tuple, .variant, .option, .result, .string, .map: true
        default: false
        }
    }
}
