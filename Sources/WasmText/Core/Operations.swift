import WasmFormat

/// Single operations: a mnemonic and its immediates, resolved to indices.
extension ModuleParser {
    /// Parses the immediates of the operation named by `t` (already consumed).
    mutating func operation(_ t: Token, _ scope: inout FunctionScope) throws(TextError) -> Instruction {
        let name = t.text
        if let op = Mnemonics.plain[name] { return .plain(op) }
        if let op = Mnemonics.memory[name] {
            let memory = try optionalMemoryIndex(beforeLane: false)
            return .memory(op, try memArg(natural: op.naturalAlignment, memory: memory))
        }
        if let op = Mnemonics.lane[name] {
            return .lane(op, UInt8(try cursor.expectUnsigned(bits: 8, what: "a lane index")))
        }
        if let op = Mnemonics.memoryLane[name] {
            let memory = try optionalMemoryIndex(beforeLane: true)
            let m = try memArg(natural: op.naturalAlignment, memory: memory)
            return .memoryLane(op, m, lane: UInt8(try cursor.expectUnsigned(bits: 8, what: "a lane index")))
        }
        switch name {
        // Control.
        case "select":
            guard cursor.isList("result") else { return .plain(.select) }
            var types: [ValueType] = []
            while cursor.takeList("result") {
                while !cursor.isRParen { types.append(try valueType()) }
                try cursor.expectRParen()
            }
            return .selectTyped(types)
        case "br": return .br(try label(scope))
        case "br_if": return .brIf(try label(scope))
        case "br_on_null": return .brOnNull(try label(scope))
        case "br_on_non_null": return .brOnNonNull(try label(scope))
        case "br_table":
            var labels: [UInt32] = [try label(scope)]
            while let ref = try cursor.takeIndex() {
                labels.append(try scope.labels.resolve(ref, in: cursor.source))
            }
            let last = labels.removeLast()
            return .brTable(labels, default: last)
        case "br_on_cast", "br_on_cast_fail":
            let l = try label(scope)
            let from = try refType()
            let to = try refType()
            return name == "br_on_cast" ? .brOnCast(l, from: from, to: to) : .brOnCastFail(l, from: from, to: to)
        case "call": return .call(try index(in: names.functions))
        case "return_call": return .returnCall(try index(in: names.functions))
        case "call_indirect", "return_call_indirect":
            let table = try optionalIndex(in: names.tables)
            let type = try resolve(try typeUse(allowNames: false)).index
            return name == "call_indirect" ? .callIndirect(type: type, table: table) : .returnCallIndirect(type: type, table: table)
        case "call_ref": return .callRef(type: try typeIndex())
        case "return_call_ref": return .returnCallRef(type: try typeIndex())
        case "throw": return .throw(tag: try index(in: names.tags))
        case "rethrow": return .legacyRethrow(try label(scope))

        // Variables.
        case "local.get": return .localGet(try local(scope))
        case "local.set": return .localSet(try local(scope))
        case "local.tee": return .localTee(try local(scope))
        case "global.get": return .globalGet(try index(in: names.globals))
        case "global.set": return .globalSet(try index(in: names.globals))

        // Tables.
        case "table.get": return .tableGet(try optionalIndex(in: names.tables))
        case "table.set": return .tableSet(try optionalIndex(in: names.tables))
        case "table.size": return .tableSize(try optionalIndex(in: names.tables))
        case "table.grow": return .tableGrow(try optionalIndex(in: names.tables))
        case "table.fill": return .tableFill(try optionalIndex(in: names.tables))
        case "table.copy":
            guard let d = try cursor.takeIndex() else { return .tableCopy(destination: 0, source: 0) }
            let destination = try names.tables.resolve(d, in: cursor.source)
            return .tableCopy(destination: destination, source: try index(in: names.tables))
        case "table.init":
            let first = try cursor.expectIndex("an element segment")
            if let second = try cursor.takeIndex() {
                return .tableInit(elem: try names.elements.resolve(second, in: cursor.source),
                                  table: try names.tables.resolve(first, in: cursor.source))
            }
            return .tableInit(elem: try names.elements.resolve(first, in: cursor.source), table: 0)
        case "elem.drop": return .elemDrop(try index(in: names.elements))

        // Memories.
        case "memory.size": return .memorySize(try optionalIndex(in: names.memories))
        case "memory.grow": return .memoryGrow(try optionalIndex(in: names.memories))
        case "memory.fill": return .memoryFill(try optionalIndex(in: names.memories))
        case "memory.copy":
            guard let d = try cursor.takeIndex() else { return .memoryCopy(destination: 0, source: 0) }
            let destination = try names.memories.resolve(d, in: cursor.source)
            return .memoryCopy(destination: destination, source: try index(in: names.memories))
        case "memory.init":
            usesDataCount = true
            let first = try cursor.expectIndex("a data segment")
            if let second = try cursor.takeIndex() {
                return .memoryInit(data: try names.datas.resolve(second, in: cursor.source),
                                   memory: try names.memories.resolve(first, in: cursor.source))
            }
            return .memoryInit(data: try names.datas.resolve(first, in: cursor.source), memory: 0)
        case "data.drop":
            usesDataCount = true
            return .dataDrop(try index(in: names.datas))
        case "atomic.fence": return .atomicFence

        // Constants.
        case "i32.const": return .i32Const(Int32(truncatingIfNeeded: try cursor.expectInteger(bits: 32)))
        case "i64.const": return .i64Const(Int64(bitPattern: try cursor.expectInteger(bits: 64)))
        case "f32.const": return .f32Const(try cursor.expectF32())
        case "f64.const": return .f64Const(try cursor.expectF64())
        case "v128.const": return .v128Const(try vectorLiteral())
        case "i8x16.shuffle": return .i8x16Shuffle(try shuffleLanes())

        // References.
        case "ref.null": return .refNull(try heapType())
        case "ref.func": return .refFunc(try index(in: names.functions))
        case "ref.test": return .refTest(try refType())
        case "ref.cast": return .refCast(try refType())

        // Aggregates.
        case "struct.new": return .structNew(try typeIndex())
        case "struct.new_default": return .structNewDefault(try typeIndex())
        case "struct.get", "struct.get_s", "struct.get_u", "struct.set":
            let type = try typeIndex()
            let field = try fieldIndex(of: type)
            switch name {
            case "struct.get": return .structGet(type: type, field: field)
            case "struct.get_s": return .structGetS(type: type, field: field)
            case "struct.get_u": return .structGetU(type: type, field: field)
            default: return .structSet(type: type, field: field)
            }
        case "array.new": return .arrayNew(try typeIndex())
        case "array.new_default": return .arrayNewDefault(try typeIndex())
        case "array.new_fixed":
            let type = try typeIndex()
            return .arrayNewFixed(type: type, count: try cursor.expectU32(what: "an element count"))
        case "array.new_data":
            usesDataCount = true
            let type = try typeIndex()
            return .arrayNewData(type: type, data: try index(in: names.datas))
        case "array.new_elem":
            let type = try typeIndex()
            return .arrayNewElem(type: type, elem: try index(in: names.elements))
        case "array.get": return .arrayGet(try typeIndex())
        case "array.get_s": return .arrayGetS(try typeIndex())
        case "array.get_u": return .arrayGetU(try typeIndex())
        case "array.set": return .arraySet(try typeIndex())
        case "array.fill": return .arrayFill(try typeIndex())
        case "array.copy":
            let destination = try typeIndex()
            return .arrayCopy(destination: destination, source: try typeIndex())
        case "array.init_data":
            usesDataCount = true
            let type = try typeIndex()
            return .arrayInitData(type: type, data: try index(in: names.datas))
        case "array.init_elem":
            let type = try typeIndex()
            return .arrayInitElem(type: type, elem: try index(in: names.elements))
        default:
            throw unknownWord(t, expected: "an instruction")
        }
    }

    // MARK: Immediates

    /// A word where a keyword of some kind was expected: "unexpected token" when it is a
    /// keyword (just not one that fits here), "unknown operator" when it is none.
    func unknownWord(_ t: Token, expected: String) -> TextError {
        if t.kind == .atom, Keywords.isKnown(t.text) {
            return cursor.error("unexpected token `\(t.text)`, expected \(expected)", at: t.offset)
        }
        return cursor.error("unknown operator \(t.text)", at: t.offset)
    }

    /// A required index in a module index space.
    mutating func index(in space: IndexSpace) throws(TextError) -> UInt32 {
        try space.resolve(try cursor.expectIndex("a \(space.kind) index"), in: cursor.source)
    }

    /// An optional index that defaults to 0 (tables and memories of bulk instructions).
    mutating func optionalIndex(in space: IndexSpace) throws(TextError) -> UInt32 {
        guard let ref = try cursor.takeIndex() else { return 0 }
        return try space.resolve(ref, in: cursor.source)
    }

    private mutating func label(_ scope: FunctionScope) throws(TextError) -> UInt32 {
        try scope.labels.resolve(try cursor.expectIndex("a label"), in: cursor.source)
    }

    private mutating func local(_ scope: FunctionScope) throws(TextError) -> UInt32 {
        try scope.locals.resolve(try cursor.expectIndex("a local index"), in: cursor.source)
    }

    private mutating func fieldIndex(of type: UInt32) throws(TextError) -> UInt32 {
        let ref = try cursor.expectIndex("a field index")
        if case .name(let n) = ref.form {
            guard let index = names.fields[type]?.indexByName[n] else {
                throw cursor.error("unknown field $\(n)", at: ref.offset)
            }
            return index
        }
        return try IndexSpace(kind: "field").resolve(ref, in: cursor.source)
    }

    /// The memory index of a load or store. Before a lane index a lone number is the
    /// lane, so a number is a memory index there only when another number or a memarg
    /// keyword follows it.
    private mutating func optionalMemoryIndex(beforeLane: Bool) throws(TextError) -> UInt32 {
        if cursor.peek().kind == .id { return try index(in: names.memories) }
        guard cursor.isUnsigned() else { return 0 }
        if beforeLane {
            let next = cursor.atom(1) ?? ""
            guard cursor.isUnsigned(1) || next.hasPrefix("offset=") || next.hasPrefix("align=") else { return 0 }
        }
        return try index(in: names.memories)
    }

    /// `offset=n? align=n?`; alignment is written in bytes and encoded as its log2.
    private mutating func memArg(natural: UInt32, memory: UInt32) throws(TextError) -> MemArg {
        var offset: UInt64 = 0
        var align = natural
        if let a = cursor.atom(), a.hasPrefix("offset=") {
            offset = try memArgValue(a, prefix: "offset=", bits: 64)
            cursor.next()
        }
        if let a = cursor.atom(), a.hasPrefix("align=") {
            let start = cursor.offset
            let value = try memArgValue(a, prefix: "align=", bits: 64)
            guard value != 0, value & (value - 1) == 0 else {
                throw cursor.error("alignment must be a power of two (`\(a)`)", at: start)
            }
            align = UInt32(value.trailingZeroBitCount)
            cursor.next()
        }
        return MemArg(align: align, offset: offset, memory: memory)
    }

    private func memArgValue(_ atom: String, prefix: String, bits: Int) throws(TextError) -> UInt64 {
        let digits = String(atom.dropFirst(prefix.count))
        do throws(Numbers.Failure) {
            return try Numbers.unsigned(digits, bits: bits)
        } catch {
            switch error {
            case .outOfRange: throw cursor.error("i\(bits) constant out of range: `\(atom)`")
            case .malformed: throw cursor.error("unknown operator \(atom)")
            }
        }
    }

    /// `shape lane*` of `v128.const`.
    private mutating func vectorLiteral() throws(TextError) -> V128 {
        guard let shape = cursor.atom() else { throw cursor.unexpected("a vector shape") }
        var w = ByteWriter()
        switch shape {
        case "i8x16":
            cursor.next()
            for _ in 0..<16 { w.byte(UInt8(truncatingIfNeeded: try cursor.expectInteger(bits: 8))) }
        case "i16x8":
            cursor.next()
            for _ in 0..<8 {
                let v = UInt16(truncatingIfNeeded: try cursor.expectInteger(bits: 16))
                w.byte(UInt8(truncatingIfNeeded: v))
                w.byte(UInt8(truncatingIfNeeded: v >> 8))
            }
        case "i32x4":
            cursor.next()
            for _ in 0..<4 { w.fixedU32(UInt32(truncatingIfNeeded: try cursor.expectInteger(bits: 32))) }
        case "i64x2":
            cursor.next()
            for _ in 0..<2 { w.fixedU64(try cursor.expectInteger(bits: 64)) }
        case "f32x4":
            cursor.next()
            for _ in 0..<4 { w.fixedU32(try cursor.expectF32()) }
        case "f64x2":
            cursor.next()
            for _ in 0..<2 { w.fixedU64(try cursor.expectF64()) }
        default:
            throw cursor.unexpected("a vector shape (i8x16, i16x8, i32x4, i64x2, f32x4 or f64x2)")
        }
        return V128(bytes: w.bytes)
    }

    /// The sixteen lane indices of `i8x16.shuffle`.
    private mutating func shuffleLanes() throws(TextError) -> V128 {
        // Count every number-like atom (floats and `inf` too, which are then out of the
        // lane range), but stop at the next instruction of plain code.
        var count = 0
        while cursor.peek(count).kind == .atom, Numbers.isNumber(cursor.peek(count).text) { count += 1 }
        guard count == 16 else {
            throw cursor.error("invalid lane length: i8x16.shuffle takes 16 lane indices, found \(count)")
        }
        var lanes: [UInt8] = []
        for _ in 0..<16 {
            let t = cursor.next()
            // Anything but a natural number below 256 is out of the i8 lane range here.
            guard let lane = try? Numbers.unsigned(t.text, bits: 8) else {
                throw cursor.error("i8 constant out of range: lane index `\(t.text)`", at: t.offset)
            }
            lanes.append(UInt8(lane))
        }
        return V128(bytes: lanes)
    }
}
