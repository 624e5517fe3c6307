import CoreRuntime
import WasmFormat

/// Limits of CanonicalABI.md "Loading".
enum Lifting {
    static let maxStringByteLength = (1 << 28) - 1
    static let maxListByteLength = (1 << 28) - 1
}

/// Core values consumed in order while lifting (CanonicalABI.md `CoreValueIter`).
struct CoreValues {
    let values: [Value]
    var position = 0

    init(_ values: [Value]) { self.values = values }

    mutating func next() throws(Trap) -> Value {
        guard position < values.count else { throw Trap(.component("too few core values to lift")) }
        defer { position += 1 }
        return values[position]
    }

    mutating func nextI32() throws(Trap) -> UInt32 {
        switch try next() {
        case .i32(let x): return x
        case .i64(let x): return UInt32(truncatingIfNeeded: x)
        case .f32(let b): return b
        default: throw Trap(.component("a core i32 was expected"))
        }
    }

    mutating func nextI64() throws(Trap) -> UInt64 {
        switch try next() {
        case .i64(let x): return x
        case .i32(let x): return UInt64(x)
        case .f64(let b): return b
        case .f32(let b): return UInt64(b)
        default: throw Trap(.component("a core i64 was expected"))
        }
    }
}

/// Lifting: core values and linear memory into component values (CanonicalABI.md
/// "Loading", "Flat Lifting").
extension ABIContext {
    func liftValues(_ core: [Value], _ types: [ValType], maxFlat: Int) throws(Trap) -> [Val] {
        var it = CoreValues(core)
        if types.reduce(0, { $0 + Layout.flatCount($1) }) > maxFlat {
            let pointer = try it.nextI32()
            let tuple = ValType.tuple(types)
            guard pointer % UInt32(Layout.alignment(tuple)) == 0 else { throw trap("misaligned pointer \(pointer)") }
            _ = try bytes(at: UInt64(pointer), count: Layout.size(tuple))
            guard case .tuple(let values) = try load(tuple, at: pointer) else { return [] }
            return values
        }
        var out: [Val] = []
        out.reserveCapacity(types.count)
        for t in types { out.append(try liftFlat(&it, t)) }
        return out
    }

    func liftFlat(_ it: inout CoreValues, _ t: ValType) throws(Trap) -> Val {
        switch t {
        case .bool: return .bool(try it.nextI32() != 0)
        case .u8: return .u8(UInt8(truncatingIfNeeded: try it.nextI32()))
        case .u16: return .u16(UInt16(truncatingIfNeeded: try it.nextI32()))
        case .u32: return .u32(try it.nextI32())
        case .u64: return .u64(try it.nextI64())
        case .s8: return .s8(Int8(truncatingIfNeeded: try it.nextI32()))
        case .s16: return .s16(Int16(truncatingIfNeeded: try it.nextI32()))
        case .s32: return .s32(Int32(bitPattern: try it.nextI32()))
        case .s64: return .s64(Int64(bitPattern: try it.nextI64()))
        case .f32: return .f32(canonical(Float(bitPattern: try it.nextI32())))
        case .f64: return .f64(canonical(Double(bitPattern: try it.nextI64())))
        case .char: return .char(try char(try it.nextI32()))
        case .string:
            let p = try it.nextI32()
            let n = try it.nextI32()
            return .string(try loadString(p, n))
        case .list(let e):
            let p = try it.nextI32()
            let n = try it.nextI32()
            return .list(try loadList(p, n, e))
        case .map(let k, let v):
            let p = try it.nextI32()
            let n = try it.nextI32()
            return .list(try loadList(p, n, .tuple([k, v])))
        case .fixedSizeList(let e, let count):
            var items: [Val] = []
            for _ in 0..<count { items.append(try liftFlat(&it, e)) }
            return .list(items)
        case .record(let fields):
            var out: [Val.Field] = []
            for f in fields { out.append(.init(f.name, try liftFlat(&it, f.type))) }
            return .record(out)
        case .tuple(let types):
            var out: [Val] = []
            for type in types { out.append(try liftFlat(&it, type)) }
            return .tuple(out)
        case .flags(let labels):
            return .flags(unpackFlags(UInt64(try it.nextI32()), labels))
        case .own(let id): return .resource(try liftOwn(try it.nextI32(), id))
        case .borrow(let id): return .resource(try liftBorrow(try it.nextI32(), id))
        case .errorContext, .stream, .future:
            throw Trap(.unsupported("\(t) values cannot be lifted yet (async is not supported yet)"))
        case .variant, .enum, .option, .result:
            return try liftFlatVariant(&it, t)
        }
    }

    /// A variant reads a discriminant, then its payload from the joined flat slots
    /// (converting back where the payload's types differ), then skips the rest.
    private func liftFlatVariant(_ it: inout CoreValues, _ t: ValType) throws(Trap) -> Val {
        guard case .variant(let cases) = t.despecialized else { throw trap("not a variant: \(t)") }
        var joined = Layout.flattenVariant(cases)
        joined.removeFirst()
        let index = Int(try it.nextI32())
        guard index < cases.count else { throw trap("invalid variant discriminant \(index) for \(t)") }
        var payload: Val?
        var used = 0
        if let payloadType = cases[index].type {
            let wants = Layout.flatten(payloadType)
            var converted: [Value] = []
            for want in wants {
                let have = joined[used]
                used += 1
                converted.append(uncoerce(try it.next(), have: have, want: want))
            }
            var inner = CoreValues(converted)
            payload = try liftFlat(&inner, payloadType)
        }
        for _ in used..<joined.count { _ = try it.next() }
        return make(t, cases[index].name, payload)
    }

    private func uncoerce(_ v: Value, have: ValueType, want: ValueType) -> Value {
        switch (v, want) {
        case (.i32(let x), .f32): .f32(x)
        case (.i64(let x), .i32): .i32(UInt32(truncatingIfNeeded: x))
        case (.i64(let x), .f32): .f32(UInt32(truncatingIfNeeded: x))
        case (.i64(let x), .f64): .f64(x)
        default: v
        }
    }

    /// The value of a variant-like type for a case.
    private func make(_ t: ValType, _ name: String, _ payload: Val?) -> Val {
        switch t {
        case .enum: .enum(name)
        case .option: .option(payload)
        case .result: name == "ok" ? .result(.ok(payload)) : .result(.err(payload))
        default: .variant(name, payload)
        }
    }

    // MARK: Memory

    func load(_ t: ValType, at address: UInt32) throws(Trap) -> Val {
        let size = Layout.size(t)
        let p = try bytes(at: UInt64(address), count: size)
        func get<T: FixedWidthInteger>(_: T.Type) -> T { T(littleEndian: p.loadUnaligned(as: T.self)) }
        let value: Val
        switch t {
        case .bool: value = .bool(get(UInt8.self) != 0)
        case .u8: value = .u8(get(UInt8.self))
        case .s8: value = .s8(get(Int8.self))
        case .u16: value = .u16(get(UInt16.self))
        case .s16: value = .s16(get(Int16.self))
        case .u32: value = .u32(get(UInt32.self))
        case .s32: value = .s32(get(Int32.self))
        case .u64: value = .u64(get(UInt64.self))
        case .s64: value = .s64(get(Int64.self))
        case .f32: value = .f32(canonical(Float(bitPattern: get(UInt32.self))))
        case .f64: value = .f64(canonical(Double(bitPattern: get(UInt64.self))))
        case .char: value = .char(try char(get(UInt32.self)))
        case .string:
            let (pointer, length) = pointerAndLength(p, at: address, of: "string")
            value = .string(try loadString(pointer, length))
        case .list(let e):
            let (pointer, length) = pointerAndLength(p, at: address, of: "list")
            value = .list(try loadList(pointer, length, e))
        case .map(let k, let v):
            value = .list(try loadList(get(UInt32.self), p.loadUnaligned(fromByteOffset: 4, as: UInt32.self), .tuple([k, v])))
        case .fixedSizeList(let e, let count):
            var items: [Val] = []
            let s = Layout.size(e)
            for i in 0..<count { items.append(try load(e, at: address + UInt32(i * s))) }
            value = .list(items)
        case .record(let fields):
            var out: [Val.Field] = []
            for (f, o) in zip(fields, Layout.fieldOffsets(fields.map(\.type))) {
                out.append(.init(f.name, try load(f.type, at: address + UInt32(o))))
            }
            value = .record(out)
        case .tuple(let types):
            var out: [Val] = []
            for (type, o) in zip(types, Layout.fieldOffsets(types)) { out.append(try load(type, at: address + UInt32(o))) }
            value = .tuple(out)
        case .flags(let labels):
            let bits: UInt64 = switch Layout.flagsSize(labels.count) {
            case 1: UInt64(get(UInt8.self))
            case 2: UInt64(get(UInt16.self))
            default: UInt64(get(UInt32.self))
            }
            value = .flags(unpackFlags(bits, labels))
        case .own(let id): value = .resource(try liftOwn(get(UInt32.self), id))
        case .borrow(let id): value = .resource(try liftBorrow(get(UInt32.self), id))
        case .errorContext, .stream, .future:
            throw Trap(.unsupported("\(t) values cannot be lifted yet (async is not supported yet)"))
        case .variant, .enum, .option, .result:
            guard case .variant(let cases) = t.despecialized else { throw trap("not a variant: \(t)") }
            let index: Int = switch Layout.size(Layout.discriminant(cases.count)) {
            case 1: Int(get(UInt8.self))
            case 2: Int(get(UInt16.self))
            default: Int(get(UInt32.self))
            }
            guard index < cases.count else { throw trap("invalid variant discriminant \(index) for \(t)") }
            tracer?.loadedPart("case \(index) (\(cases[index].name))", at: address,
                               bytes: Array(UnsafeRawBufferPointer(start: p, count: Layout.size(Layout.discriminant(cases.count)))))
            let payload: Val? = try cases[index].type.map { (pt) throws(Trap) -> Val in
                try load(pt, at: address + UInt32(Layout.payloadOffset(cases)))
            }
            value = make(t, cases[index].name, payload)
        }
        if let tracer, !t.isAggregate {
            tracer.loaded(value, as: t, at: address, bytes: Array(UnsafeRawBufferPointer(start: p, count: size)))
        }
        return value
    }

    /// The two words a string or list is held by in memory.
    private func pointerAndLength(_ p: UnsafeMutableRawPointer, at address: UInt32, of what: String) -> (UInt32, UInt32) {
        let pointer = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self))
        let length = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        tracer?.loadedPart("\(what) pointer 0x\(String(pointer, radix: 16)), length \(length)", at: address,
                           bytes: Array(UnsafeRawBufferPointer(start: p, count: 8)))
        return (pointer, length)
    }

    func loadString(_ pointer: UInt32, _ taggedUnits: UInt32) throws(Trap) -> String {
        let alignment: UInt32
        let byteLength: Int
        var utf16 = false
        var latin1 = false
        switch encoding {
        case .utf8:
            alignment = 1
            byteLength = Int(taggedUnits)
        case .utf16:
            alignment = 2
            byteLength = 2 * Int(taggedUnits)
            utf16 = true
        case .latin1UTF16:
            alignment = 2
            if taggedUnits & (1 << 31) != 0 {
                byteLength = 2 * Int(taggedUnits & ~(1 << 31))
                utf16 = true
            } else {
                byteLength = Int(taggedUnits)
                latin1 = true
            }
        }
        guard byteLength <= Lifting.maxStringByteLength else { throw trap("string content out-of-bounds: \(byteLength) bytes is too long") }
        guard pointer % alignment == 0 else { throw trap("unaligned string pointer \(pointer)") }
        let p = try bytes(at: UInt64(pointer), count: byteLength)
        let raw = UnsafeRawBufferPointer(start: p, count: byteLength)
        let s: String
        if latin1 {
            s = String(String.UnicodeScalarView(raw.map { Unicode.Scalar($0) }))
        } else if utf16 {
            let units = (0..<(byteLength / 2)).map { UInt16(raw[2 * $0]) | UInt16(raw[2 * $0 + 1]) << 8 }
            guard let decoded = String(validating: units, as: UTF16.self) else { throw trap("invalid utf-16 string") }
            s = decoded
        } else {
            guard let decoded = String(validating: raw, as: UTF8.self) else { throw trap("invalid utf-8 string") }
            s = decoded
        }
        if let tracer, byteLength > 0 {
            tracer.loaded(.string(s), as: .string, at: pointer, bytes: Array(raw))
        }
        return s
    }

    func loadList(_ pointer: UInt32, _ count: UInt32, _ element: ValType) throws(Trap) -> [Val] {
        let size = Layout.size(element)
        let byteLength = Int(count) * size
        guard byteLength <= Lifting.maxListByteLength else { throw trap("list content out-of-bounds: \(count) elements is too long") }
        guard pointer % UInt32(Layout.alignment(element)) == 0 else { throw trap("unaligned list pointer \(pointer)") }
        _ = try bytes(at: UInt64(pointer), count: byteLength)
        var out: [Val] = []
        out.reserveCapacity(Int(count))
        for i in 0..<Int(count) { out.append(try load(element, at: pointer + UInt32(i * size))) }
        return out
    }

    // MARK: Resources

    /// Takes an owned handle out of this instance's table: ownership moves to the receiver.
    func liftOwn(_ index: UInt32, _ id: ResourceTypeID) throws(Trap) -> Resource {
        let type = resources(id)
        let h = try instance.handles.get(index)
        guard h.type === type else { throw trap("handle index \(index) is a \(h.type.name), not a \(type.name)") }
        guard h.lendCount == 0 else { throw trap("cannot remove owned resource while borrowed") }
        guard h.isOwned else { throw trap("cannot lift own resource from a borrow") }
        _ = try instance.handles.remove(index)
        return Resource(type: type, rep: h.rep, isOwned: true)
    }

    /// Reads a borrowed handle, lending it for the rest of the call.
    func liftBorrow(_ index: UInt32, _ id: ResourceTypeID) throws(Trap) -> Resource {
        let type = resources(id)
        let h = try instance.handles.get(index)
        guard h.type === type else { throw trap("handle index \(index) is a \(h.type.name), not a \(type.name)") }
        instance.handles.update(index) { $0.lendCount += 1 }
        task?.lenders.append((instance, index))
        return Resource(type: type, rep: h.rep, isOwned: false)
    }

    // MARK: Helpers

    private func char(_ x: UInt32) throws(Trap) -> Unicode.Scalar {
        guard let s = Unicode.Scalar(x) else { throw trap("invalid char value \(x)") }
        return s
    }

    private func unpackFlags(_ bits: UInt64, _ labels: [String]) -> [String] {
        labels.enumerated().filter { bits & (1 << UInt64($0.offset)) != 0 }.map(\.element)
    }

    private func canonical(_ x: Float) -> Float { x.isNaN ? Float(bitPattern: 0x7FC0_0000) : x }
    private func canonical(_ x: Double) -> Double { x.isNaN ? Double(bitPattern: 0x7FF8_0000_0000_0000) : x }
}
