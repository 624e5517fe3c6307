/// Encodes a module tree back into the binary format.
public struct ModuleEncoder {
    /// Section ids in the order the binary format requires.
    static let sectionOrder: [UInt8] = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11]

    /// When true, function bodies are decoded and every instruction encoded afresh
    /// (canonical LEB128s); when false their bytes are copied as they are.
    public var reencodeCode: Bool

    public init(reencodeCode: Bool = false) {
        self.reencodeCode = reencodeCode
    }

    public func encode(_ module: Module) throws(WasmError) -> [UInt8] {
        var w = ByteWriter()
        w.append(contentsOf: [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
        emitCustomSections(of: module, placedAfter: 0, into: &w)
        for id in Self.sectionOrder {
            try emitSection(id, of: module, into: &w)
            emitCustomSections(of: module, placedAfter: id, into: &w)
        }
        return w.bytes
    }

    private func emitCustomSections(of module: Module, placedAfter id: UInt8, into w: inout ByteWriter) {
        for custom in module.customSections where custom.placedAfter == id {
            w.byte(0)
            w.sized { s in
                s.name(custom.name)
                s.append(contentsOf: custom.payload)
            }
        }
    }

    private func emitSection(_ id: UInt8, of m: Module, into w: inout ByteWriter) throws(WasmError) {
        var body = ByteWriter()
        switch id {
        case 1:
            guard !m.types.isEmpty else { return }
            body.u32(UInt32(m.types.count))
            for group in m.types { body.recGroup(group) }
        case 2:
            guard !m.imports.isEmpty else { return }
            body.u32(UInt32(m.imports.count))
            for i in m.imports {
                body.name(i.module)
                body.name(i.name)
                body.importDescription(i.description)
            }
        case 3:
            guard !m.functions.isEmpty else { return }
            body.u32(UInt32(m.functions.count))
            for f in m.functions { body.u32(f) }
        case 4:
            guard !m.tables.isEmpty else { return }
            body.u32(UInt32(m.tables.count))
            for t in m.tables {
                if let initializer = t.initializer {
                    body.byte(0x40)
                    body.byte(0x00)
                    body.tableType(t.type)
                    body.constantExpression(initializer)
                } else {
                    body.tableType(t.type)
                }
            }
        case 5:
            guard !m.memories.isEmpty else { return }
            body.u32(UInt32(m.memories.count))
            for mem in m.memories { body.limits(mem.limits) }
        case 13:
            guard !m.tags.isEmpty else { return }
            body.u32(UInt32(m.tags.count))
            for t in m.tags { body.byte(0); body.u32(t.typeIndex) }
        case 6:
            guard !m.globals.isEmpty else { return }
            body.u32(UInt32(m.globals.count))
            for g in m.globals {
                body.globalType(g.type)
                body.constantExpression(g.initializer)
            }
        case 7:
            guard !m.exports.isEmpty else { return }
            body.u32(UInt32(m.exports.count))
            for e in m.exports {
                body.name(e.name)
                body.byte(e.kind.rawValue)
                body.u32(e.index)
            }
        case 8:
            guard let start = m.start else { return }
            body.u32(start)
        case 9:
            guard !m.elements.isEmpty else { return }
            body.u32(UInt32(m.elements.count))
            for e in m.elements { body.elementSegment(e) }
        case 12:
            guard let count = m.dataCount else { return }
            body.u32(count)
        case 10:
            guard !m.codes.isEmpty else { return }
            body.u32(UInt32(m.codes.count))
            for code in m.codes { try functionBody(code, into: &body) }
        case 11:
            guard !m.datas.isEmpty else { return }
            body.u32(UInt32(m.datas.count))
            for d in m.datas {
                switch d.mode {
                case .passive:
                    body.byte(1)
                case .active(let memory, let offset):
                    if memory == 0 {
                        body.byte(0)
                    } else {
                        body.byte(2)
                        body.u32(memory)
                    }
                    body.constantExpression(offset)
                }
                body.u32(UInt32(d.bytes.count))
                body.append(contentsOf: d.bytes)
            }
        default:
            return
        }
        w.byte(id)
        w.u32(UInt32(body.count))
        w.append(contentsOf: body.bytes)
    }

    private func functionBody(_ code: FunctionBody, into w: inout ByteWriter) throws(WasmError) {
        var body = ByteWriter()
        body.u32(UInt32(code.locals.count))
        for l in code.locals {
            body.u32(l.count)
            body.valueType(l.type)
        }
        if reencodeCode {
            for (_, instruction) in try code.instructions() { body.instruction(instruction) }
        } else {
            body.append(contentsOf: code.code)
        }
        w.u32(UInt32(body.count))
        w.append(contentsOf: body.bytes)
    }
}

extension ByteWriter {
    public mutating func recGroup(_ group: RecGroup) {
        if group.isExplicit || group.types.count != 1 {
            byte(0x4E)
            u32(UInt32(group.types.count))
        }
        for t in group.types { subType(t) }
    }

    public mutating func subType(_ t: SubType) {
        if !(t.isFinal && t.supertypes.isEmpty) {
            byte(t.isFinal ? 0x4F : 0x50)
            u32(UInt32(t.supertypes.count))
            for s in t.supertypes { u32(s) }
        }
        compositeType(t.composite)
    }

    public mutating func compositeType(_ c: CompositeType) {
        switch c {
        case .function(let f):
            byte(0x60)
            functionType(f)
        case .struct(let fields):
            byte(0x5F)
            u32(UInt32(fields.count))
            for f in fields { fieldType(f) }
        case .array(let f):
            byte(0x5E)
            fieldType(f)
        }
    }

    public mutating func functionType(_ f: FunctionType) {
        u32(UInt32(f.parameters.count))
        for p in f.parameters { valueType(p) }
        u32(UInt32(f.results.count))
        for r in f.results { valueType(r) }
    }

    public mutating func fieldType(_ f: FieldType) {
        switch f.storage {
        case .i8: byte(0x78)
        case .i16: byte(0x77)
        case .value(let v): valueType(v)
        }
        byte(f.mutable ? 1 : 0)
    }

    public mutating func limits(_ l: Limits) {
        var flags: UInt8 = 0
        if l.max != nil { flags |= 1 }
        if l.shared { flags |= 2 }
        if l.addressType == .i64 { flags |= 4 }
        if l.pageSizeLog2 != nil { flags |= 8 }
        byte(flags)
        unsigned(l.min)
        if let max = l.max { unsigned(max) }
        if let p = l.pageSizeLog2 { u32(p) }
    }

    public mutating func tableType(_ t: TableType) {
        refType(t.elementType)
        limits(t.limits)
    }

    public mutating func globalType(_ g: GlobalType) {
        valueType(g.valueType)
        byte(g.mutable ? 1 : 0)
    }

    public mutating func importDescription(_ d: ImportDescription) {
        byte(d.kind.rawValue)
        switch d {
        case .function(let t): u32(t)
        case .table(let t): tableType(t)
        case .memory(let m): limits(m.limits)
        case .global(let g): globalType(g)
        case .tag(let t): byte(0); u32(t.typeIndex)
        }
    }

    /// Chooses the most compact of the eight element segment encodings that says exactly
    /// what the tree says.
    public mutating func elementSegment(_ e: ElementSegment) {
        let functionsOnly: [UInt32]?
        if case .functions(let f) = e.items, e.type == RefType(nullable: false, heapType: .func) {
            functionsOnly = f
        } else {
            functionsOnly = nil
        }
        let expressions: [ConstantExpression] = switch e.items {
        case .expressions(let x): x
        case .functions(let f): f.map { ConstantExpression([.refFunc($0)]) }
        }
        if let functions = functionsOnly {
            switch e.mode {
            case .active(let table, let offset):
                if table == 0 {
                    u32(0)
                    constantExpression(offset)
                } else {
                    u32(2)
                    u32(table)
                    constantExpression(offset)
                    byte(0)
                }
            case .passive: u32(1); byte(0)
            case .declarative: u32(3); byte(0)
            }
            u32(UInt32(functions.count))
            for f in functions { u32(f) }
        } else {
            switch e.mode {
            case .active(let table, let offset):
                if table == 0 && e.type == .funcref {
                    u32(4)
                    constantExpression(offset)
                } else {
                    u32(6)
                    u32(table)
                    constantExpression(offset)
                    refType(e.type)
                }
            case .passive: u32(5); refType(e.type)
            case .declarative: u32(7); refType(e.type)
            }
            u32(UInt32(expressions.count))
            for x in expressions { constantExpression(x) }
        }
    }
}
