/// Decoding and encoding of the `name` custom section (with the extended-name-section
/// subsections: labels, types, tables, memories, globals, elements, data, fields, tags).
extension NameSection {
    public static func decode(_ payload: ArraySlice<UInt8>) throws(WasmError) -> NameSection {
        var names = NameSection()
        var r = ByteReader(payload)
        var lastId: Int = -1
        while !r.isAtEnd {
            let idOffset = r.offset
            let id = try r.readByte()
            guard Int(id) > lastId else { throw .malformed("name subsections out of order", at: idOffset) }
            lastId = Int(id)
            let size = Int(try r.readU32())
            var s = ByteReader(payload, from: r.offset, to: r.offset + min(size, r.remaining))
            guard size <= r.remaining else { throw .malformed("name subsection too long", at: idOffset) }
            switch id {
            case 0: names.moduleName = try s.readName()
            case 1: names.functionNames = try s.readNameMap()
            case 2: names.localNames = try s.readIndirectNameMap()
            case 3: names.labelNames = try s.readIndirectNameMap()
            case 4: names.typeNames = try s.readNameMap()
            case 5: names.tableNames = try s.readNameMap()
            case 6: names.memoryNames = try s.readNameMap()
            case 7: names.globalNames = try s.readNameMap()
            case 8: names.elemNames = try s.readNameMap()
            case 9: names.dataNames = try s.readNameMap()
            case 10: names.fieldNames = try s.readIndirectNameMap()
            case 11: names.tagNames = try s.readNameMap()
            default: break
            }
            try r.skip(size)
        }
        return names
    }

    /// The section's payload (without the custom section header and name).
    public func encode() -> [UInt8] {
        var w = ByteWriter()
        func sub(_ id: UInt8, _ body: (inout ByteWriter) -> Void) {
            w.byte(id)
            w.sized(body)
        }
        func map(_ m: [UInt32: String], into s: inout ByteWriter) {
            s.u32(UInt32(m.count))
            for k in m.keys.sorted() {
                s.u32(k)
                s.name(m[k]!)
            }
        }
        func indirect(_ m: [UInt32: [UInt32: String]], into s: inout ByteWriter) {
            s.u32(UInt32(m.count))
            for k in m.keys.sorted() {
                s.u32(k)
                map(m[k]!, into: &s)
            }
        }
        if let moduleName { sub(0) { $0.name(moduleName) } }
        if !functionNames.isEmpty { sub(1) { map(functionNames, into: &$0) } }
        if !localNames.isEmpty { sub(2) { indirect(localNames, into: &$0) } }
        if !labelNames.isEmpty { sub(3) { indirect(labelNames, into: &$0) } }
        if !typeNames.isEmpty { sub(4) { map(typeNames, into: &$0) } }
        if !tableNames.isEmpty { sub(5) { map(tableNames, into: &$0) } }
        if !memoryNames.isEmpty { sub(6) { map(memoryNames, into: &$0) } }
        if !globalNames.isEmpty { sub(7) { map(globalNames, into: &$0) } }
        if !elemNames.isEmpty { sub(8) { map(elemNames, into: &$0) } }
        if !dataNames.isEmpty { sub(9) { map(dataNames, into: &$0) } }
        if !fieldNames.isEmpty { sub(10) { indirect(fieldNames, into: &$0) } }
        if !tagNames.isEmpty { sub(11) { map(tagNames, into: &$0) } }
        return w.bytes
    }
}

extension ByteReader {
    mutating func readNameMap() throws(WasmError) -> [UInt32: String] {
        let n = try readCount(minimumElementSize: 2, what: "name map")
        var m: [UInt32: String] = [:]
        for _ in 0..<n {
            let index = try readU32()
            m[index] = try readName()
        }
        return m
    }

    mutating func readIndirectNameMap() throws(WasmError) -> [UInt32: [UInt32: String]] {
        let n = try readCount(minimumElementSize: 2, what: "indirect name map")
        var m: [UInt32: [UInt32: String]] = [:]
        for _ in 0..<n {
            let index = try readU32()
            m[index] = try readNameMap()
        }
        return m
    }
}
