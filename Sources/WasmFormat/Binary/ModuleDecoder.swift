/// Decodes the binary format of a core module into a `Module` tree.
///
/// Decoding checks the binary grammar only ("malformed" errors); the rules that need
/// types (index bounds, instruction typing) are the validator's. Function bodies are
/// split off as slices and decoded later, by the validator or on demand.
public struct ModuleDecoder {
    public init() {}

    /// The preamble: magic number and version.
    public static let preamble: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    public func decode(_ bytes: [UInt8]) throws(WasmError) -> Module {
        try decode(bytes[...])
    }

    public func decode(_ bytes: ArraySlice<UInt8>) throws(WasmError) -> Module {
        var r = ByteReader(bytes)
        try Self.readPreamble(&r)
        var module = Module()
        var lastOrder = -1
        var lastId: UInt8 = 0
        var functionCount: Int?
        while !r.isAtEnd {
            let sectionStart = r.offset
            let id = try r.readByte()
            let size = Int(try r.readU32())
            guard size <= r.remaining else {
                throw .malformed("section size mismatch: section \(id) declares \(size) bytes, \(r.remaining) left (unexpected end)", at: sectionStart)
            }
            let contentStart = r.offset
            let contentEnd = contentStart + size
            var s = ByteReader(bytes, from: contentStart, to: contentEnd)
            if id == 0 {
                let name = try s.readName()
                let payload = try s.readBytes(s.remaining)
                module.customSections.append(CustomSection(name: name, payload: payload, placedAfter: lastId, offset: sectionStart))
                if name == "name" {
                    // A malformed name section is ignored, as the spec allows.
                    module.names = try? NameSection.decode(payload)
                }
            } else {
                guard let order = ModuleEncoder.sectionOrder.firstIndex(of: id) else {
                    throw .malformed("malformed section id \(id)", at: sectionStart)
                }
                guard order > lastOrder else {
                    throw .malformed("section out of order: section \(id) comes after a later section or repeats one (unexpected content after last section)", at: sectionStart)
                }
                lastOrder = order
                lastId = id
                try decodeSection(id, &s, into: &module, functionCount: &functionCount)
                guard s.isAtEnd else {
                    throw .malformed("section size mismatch: \(s.remaining) bytes left over at the end of section \(id)", at: s.offset)
                }
            }
            try r.skip(size)
        }
        if (functionCount ?? 0) != module.codes.count {
            throw .malformed("function and code section have inconsistent lengths", at: r.offset)
        }
        if let count = module.dataCount, Int(count) != module.datas.count {
            throw .malformed("data count and data section have inconsistent lengths", at: r.offset)
        }
        return module
    }

    static func readPreamble(_ r: inout ByteReader) throws(WasmError) {
        let start = r.offset
        guard r.remaining >= 4, Array(try r.readBytes(4)) == [0x00, 0x61, 0x73, 0x6D] else {
            throw .malformed("magic header not detected", at: start)
        }
        guard r.remaining >= 4 else { throw .malformed("unexpected end: unknown binary version", at: r.offset) }
        let version = try r.readBytes(4)
        guard Array(version) == [0x01, 0x00, 0x00, 0x00] else {
            throw .malformed("unknown binary version", at: start + 4)
        }
    }

    private func decodeSection(_ id: UInt8, _ s: inout ByteReader, into m: inout Module, functionCount: inout Int?) throws(WasmError) {
        switch id {
        case 1:
            let n = try s.readCount(what: "type section")
            for _ in 0..<n {
                m.offsets.types.append(s.offset)
                m.types.append(try s.readRecGroup())
            }
        case 2:
            let n = try s.readCount(what: "import section")
            for _ in 0..<n {
                let start = s.offset
                let module = try s.readName()
                let name = try s.readName()
                m.imports.append(Import(module: module, name: name, description: try s.readImportDescription(), offset: start))
            }
        case 3:
            let n = try s.readCount(what: "function section")
            m.functions.reserveCapacity(n)
            m.offsets.functions.reserveCapacity(n)
            for _ in 0..<n {
                m.offsets.functions.append(s.offset)
                m.functions.append(try s.readU32())
            }
            functionCount = n
        case 4:
            let n = try s.readCount(what: "table section")
            for _ in 0..<n {
                m.offsets.tables.append(s.offset)
                if s.peekByte() == 0x40 {
                    _ = try s.readByte()
                    let reserved = s.offset
                    guard try s.readByte() == 0 else { throw .malformed("malformed table: expected a zero byte", at: reserved) }
                    let type = try s.readTableType()
                    m.tables.append(Table(type: type, initializer: try s.readConstantExpression()))
                } else {
                    m.tables.append(Table(type: try s.readTableType()))
                }
            }
        case 5:
            let n = try s.readCount(what: "memory section")
            for _ in 0..<n {
                m.offsets.memories.append(s.offset)
                m.memories.append(MemoryType(limits: try s.readLimits(forMemory: true)))
            }
        case 13:
            let n = try s.readCount(what: "tag section")
            for _ in 0..<n {
                m.offsets.tags.append(s.offset)
                m.tags.append(try s.readTagType())
            }
        case 6:
            let n = try s.readCount(what: "global section")
            for _ in 0..<n {
                m.offsets.globals.append(s.offset)
                let type = try s.readGlobalType()
                m.globals.append(Global(type: type, initializer: try s.readConstantExpression()))
            }
        case 7:
            let n = try s.readCount(what: "export section")
            for _ in 0..<n {
                let start = s.offset
                let name = try s.readName()
                let kindOffset = s.offset
                guard let kind = ExternalKind(rawValue: try s.readByte()) else {
                    throw .malformed("malformed export kind", at: kindOffset)
                }
                m.exports.append(Export(name: name, kind: kind, index: try s.readU32(), offset: start))
            }
        case 8:
            m.offsets.start = s.offset
            m.start = try s.readU32()
        case 9:
            let n = try s.readCount(what: "element section")
            for _ in 0..<n { m.elements.append(try s.readElementSegment()) }
        case 12:
            m.offsets.dataCount = s.offset
            m.dataCount = try s.readU32()
        case 10:
            let n = try s.readCount(what: "code section")
            m.codes.reserveCapacity(n)
            for _ in 0..<n { m.codes.append(try s.readFunctionBody()) }
        case 11:
            let n = try s.readCount(what: "data section")
            for _ in 0..<n { m.datas.append(try s.readDataSegment()) }
        default:
            throw .malformed("malformed section id \(id)", at: s.offset)
        }
    }
}

extension ByteReader {
    public mutating func readRecGroup() throws(WasmError) -> RecGroup {
        if peekByte() == 0x4E {
            _ = try readByte()
            let n = try readCount(what: "recursion group")
            var types: [SubType] = []
            for _ in 0..<n { types.append(try readSubType()) }
            return RecGroup(types: types, isExplicit: true)
        }
        return RecGroup(types: [try readSubType()], isExplicit: false)
    }

    public mutating func readSubType() throws(WasmError) -> SubType {
        let b = peekByte()
        if b == 0x50 || b == 0x4F {
            _ = try readByte()
            let n = try readCount(what: "supertypes")
            var supers: [UInt32] = []
            for _ in 0..<n { supers.append(try readU32()) }
            return SubType(isFinal: b == 0x4F, supertypes: supers, composite: try readCompositeType())
        }
        return SubType(isFinal: true, supertypes: [], composite: try readCompositeType())
    }

    public mutating func readCompositeType() throws(WasmError) -> CompositeType {
        let start = offset
        let b = try readByte()
        switch b {
        case 0x60: return .function(try readFunctionType())
        case 0x5F:
            let n = try readCount(what: "struct fields")
            var fields: [FieldType] = []
            for _ in 0..<n { fields.append(try readFieldType()) }
            return .struct(fields)
        case 0x5E:
            return .array(try readFieldType())
        default:
            throw error("malformed type: unexpected byte 0x\(String(b, radix: 16)) where a function, struct or array type was expected (integer representation too long?)", at: start)
        }
    }

    public mutating func readFunctionType() throws(WasmError) -> FunctionType {
        let np = try readCount(what: "parameter types")
        var params: [ValueType] = []
        params.reserveCapacity(np)
        for _ in 0..<np { params.append(try readValueType()) }
        let nr = try readCount(what: "result types")
        var results: [ValueType] = []
        results.reserveCapacity(nr)
        for _ in 0..<nr { results.append(try readValueType()) }
        return FunctionType(parameters: params, results: results)
    }

    public mutating func readFieldType() throws(WasmError) -> FieldType {
        let storage: StorageType
        switch peekByte() {
        case 0x78: _ = try readByte(); storage = .i8
        case 0x77: _ = try readByte(); storage = .i16
        default: storage = .value(try readValueType())
        }
        return FieldType(storage: storage, mutable: try readMutability())
    }

    public mutating func readMutability() throws(WasmError) -> Bool {
        let start = offset
        switch try readByte() {
        case 0: return false
        case 1: return true
        default: throw error("malformed mutability", at: start)
        }
    }

    public mutating func readLimits(forMemory: Bool) throws(WasmError) -> Limits {
        let start = offset
        let flags = try readByte()
        let allowed: UInt8 = forMemory ? 0x0F : 0x07
        guard flags & ~allowed == 0 else {
            throw error(forMemory ? "malformed memory limits flags (integer too large)" : "malformed table limits flags (integer too large)", at: start)
        }
        let is64 = flags & 4 != 0
        // WebAssembly 3.0 encodes every bound as a u64, whatever the address type; that a
        // 32-bit memory or table stays within range is a validation rule ("memory size
        // must be at most 65536 pages"), not a decoding one.
        let min = try readUnsigned(bits: 64)
        let max: UInt64? = flags & 1 != 0 ? try readUnsigned(bits: 64) : nil
        let pageSize: UInt32? = flags & 8 != 0 ? try readU32() : nil
        return Limits(min: min, max: max, addressType: is64 ? .i64 : .i32, shared: flags & 2 != 0, pageSizeLog2: pageSize)
    }

    public mutating func readTableType() throws(WasmError) -> TableType {
        let element = try readRefType()
        return TableType(elementType: element, limits: try readLimits(forMemory: false))
    }

    public mutating func readGlobalType() throws(WasmError) -> GlobalType {
        let type = try readValueType()
        return GlobalType(valueType: type, mutable: try readMutability())
    }

    public mutating func readTagType() throws(WasmError) -> TagType {
        let start = offset
        guard try readByte() == 0 else { throw error("malformed tag attribute", at: start) }
        return TagType(typeIndex: try readU32())
    }

    public mutating func readImportDescription() throws(WasmError) -> ImportDescription {
        let start = offset
        switch try readByte() {
        case 0: return .function(typeIndex: try readU32())
        case 1: return .table(try readTableType())
        case 2: return .memory(MemoryType(limits: try readLimits(forMemory: true)))
        case 3: return .global(try readGlobalType())
        case 4: return .tag(try readTagType())
        default: throw error("malformed import kind", at: start)
        }
    }

    /// Reads instructions up to and including the `end` that closes the expression.
    public mutating func readConstantExpression() throws(WasmError) -> ConstantExpression {
        let start = offset
        var reader = InstructionReader(reader: self)
        var instructions: [Instruction] = []
        var depth = 0
        while true {
            guard !reader.isAtEnd else {
                self = reader.reader
                throw error("unexpected end of section or function: constant expression has no end", at: offset)
            }
            let i = try reader.read()
            switch i {
            case .block, .loop, .if, .tryTable, .legacyTry: depth += 1
            case .plain(.end):
                if depth == 0 {
                    self = reader.reader
                    return ConstantExpression(instructions, offset: start)
                }
                depth -= 1
            default: break
            }
            instructions.append(i)
        }
    }

    public mutating func readElementSegment() throws(WasmError) -> ElementSegment {
        let start = offset
        let flags = try readU32()
        guard flags <= 7 else { throw error("malformed elements segment kind", at: start) }
        let mode: ElementSegment.Mode
        var tableIndex: UInt32 = 0
        if flags & 1 == 0 {
            if flags & 2 != 0 { tableIndex = try readU32() }
            mode = .active(table: tableIndex, offset: try readConstantExpression())
        } else {
            mode = flags & 2 != 0 ? .declarative : .passive
        }
        let usesExpressions = flags & 4 != 0
        var type: RefType
        if usesExpressions {
            type = (flags & 3 == 0) ? .funcref : try readRefType()
            let n = try readCount(what: "element expressions")
            var exprs: [ConstantExpression] = []
            for _ in 0..<n { exprs.append(try readConstantExpression()) }
            return ElementSegment(type: type, mode: mode, items: .expressions(exprs), offset: start)
        }
        type = RefType(nullable: false, heapType: .func)
        if flags & 3 != 0 {
            let kindOffset = offset
            guard try readByte() == 0 else { throw error("malformed element kind", at: kindOffset) }
        }
        let n = try readCount(what: "element function indices")
        var functions: [UInt32] = []
        functions.reserveCapacity(n)
        for _ in 0..<n { functions.append(try readU32()) }
        return ElementSegment(type: type, mode: mode, items: .functions(functions), offset: start)
    }

    public mutating func readDataSegment() throws(WasmError) -> DataSegment {
        let start = offset
        let flags = try readU32()
        let mode: DataSegment.Mode
        switch flags {
        case 0: mode = .active(memory: 0, offset: try readConstantExpression())
        case 1: mode = .passive
        case 2:
            let memory = try readU32()
            mode = .active(memory: memory, offset: try readConstantExpression())
        default: throw error("malformed data segment kind", at: start)
        }
        let n = try readCount(minimumElementSize: 1, what: "data segment")
        return DataSegment(mode: mode, bytes: try readBytes(n), offset: start)
    }

    public mutating func readFunctionBody() throws(WasmError) -> FunctionBody {
        let start = offset
        let size = Int(try readU32())
        guard size <= remaining else { throw error("unexpected end of section or function: body size \(size) exceeds the section", at: start) }
        let bodyEnd = offset + size
        var body = ByteReader(bytes, from: offset, to: bodyEnd)
        let groups = try body.readCount(what: "local declarations")
        var locals: [FunctionBody.Locals] = []
        var total: UInt64 = 0
        for _ in 0..<groups {
            let countOffset = body.offset
            let count = try body.readU32()
            total += UInt64(count)
            // The spec allows 2^32-1; like wasmparser we stop at 50000 so that a hostile
            // declaration cannot make the interpreter allocate gigabytes of frame.
            guard total <= FunctionBody.maximumLocals else { throw error("too many locals", at: countOffset) }
            locals.append(FunctionBody.Locals(count: count, type: try body.readValueType()))
        }
        let codeStart = body.offset
        guard bodyEnd > codeStart, bytes[bodyEnd - 1] == 0x0B else {
            throw error("END opcode expected at the end of the function body (unexpected end of section or function)", at: bodyEnd)
        }
        try skip(size)
        return FunctionBody(locals: locals, code: bytes[codeStart..<bodyEnd], codeOffset: codeStart, offset: start)
    }
}
