import WasmFormat

extension Store {
    /// Instantiates a module with its imports given in import order.
    ///
    /// Fails with `RuntimeError` (`.unlinkable`) when an import has the wrong kind or type,
    /// and with a `Trap` when a segment is out of bounds or the start function traps; in
    /// the latter case the effects of the segments applied before stay, as the spec says.
    public func instantiate(_ module: CompiledModule, imports: [Extern]) throws -> Instance {
        let m = module.module
        guard imports.count == m.imports.count else {
            throw RuntimeError(.unlinkable, "expected \(m.imports.count) imports, got \(imports.count)")
        }
        let typeIds = types.register(module.validated)
        let instance = InstanceState(module: module)
        let info = module.info

        // Imports, checked against their declared types.
        var functionRecords: [UnsafeMutablePointer<FunctionRecord>] = []
        for (i, (imp, ext)) in zip(m.imports, imports).enumerated() {
            try checkImport(imp, ext, typeIds: typeIds, index: i)
            switch ext {
            case .function(let f):
                functionRecords.append(f.record)
                instance.functions.append(f.record)
            case .table(let t): instance.tables.append(t)
            case .memory(let mem): instance.memories.append(mem)
            case .global(let g): instance.globals.append(g)
            case .tag(let t): instance.tags.append(t)
            }
        }

        // Defined functions.
        for (k, typeIndex) in m.functions.enumerated() {
            let index = UInt32(info.importedFunctionCount + k)
            let type = info.functionType(atTypeIndex: typeIndex)
            let record = UnsafeMutablePointer<FunctionRecord>.allocate(capacity: 1)
            record.initialize(to: FunctionRecord(
                typeId: typeIds[Int(typeIndex)], isHost: false, index: index, context: instance.context,
                code: nil, translated: nil, frameSlots: 0, parameterSlots: Int32(type.parameters.slotCount),
                localSlots: 0, resultSlots: Int32(type.results.slotCount), callCount: 0))
            instance.ownedRecords.append(record)
            functionRecords.append(record)
            instance.functions.append(record)
        }

        // Tags and memories need nothing else.
        for t in m.tags {
            let type = info.functionType(atTypeIndex: t.typeIndex)
            instance.tags.append(Tag(type: type, typeId: typeIds[Int(t.typeIndex)]))
        }
        for mem in m.memories {
            instance.memories.append(try Memory(type: mem, limitBytes: engine.configuration.maxMemoryBytes))
        }

        // The context: from here on constant expressions may refer to what exists.
        let context = instance.context
        func buffer<T>(_ items: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(items.count, 1))
            p.initialize(from: items, count: items.count)
            return p
        }
        context.initialize(to: InstanceContext(
            memories: buffer(instance.memories.map(\.record)),
            tables: .allocate(capacity: max(info.tables.count, 1)),
            globals: .allocate(capacity: max(info.globals.count, 1)),
            functions: buffer(functionRecords),
            typeIds: buffer(typeIds),
            tags: buffer(instance.tags.map { UnsafeRawPointer(Unmanaged.passUnretained($0).toOpaque()) }),
            elements: .allocate(capacity: max(m.elements.count, 1)),
            datas: .allocate(capacity: max(m.datas.count, 1)),
            memoryCount: instance.memories.count,
            instance: Unmanaged.passUnretained(instance)))
        instance.contextInitialized = true
        for (i, t) in instance.tables.enumerated() { context.pointee.tables[i] = t.record }
        for (i, g) in instance.globals.enumerated() { context.pointee.globals[i] = g.cell }
        instances.append(instance)

        // Globals, in order: an initializer may read the globals before it.
        for g in m.globals {
            let global = Global(type: g.type, canonicalType: TypeRegistry.canonical(g.type.valueType, typeIds))
            let value = try evaluate(g.initializer, in: instance)
            write(value, to: global.cell)
            context.pointee.globals[instance.globals.count] = global.cell
            instance.globals.append(global)
        }

        // Tables.
        for t in m.tables {
            var initial: UInt64 = 0
            if let e = t.initializer { initial = slot(of: try evaluate(e, in: instance).reference) }
            let table = try Table(type: t.type, canonicalElementType: TypeRegistry.canonical(t.type.elementType, typeIds),
                                  initial: initial, limitElements: engine.configuration.maxTableElements)
            context.pointee.tables[instance.tables.count] = table.record
            instance.tables.append(table)
        }

        // Element segments: every segment's references, evaluated now.
        for (i, e) in m.elements.enumerated() {
            let items: [UInt64]
            switch e.items {
            case .functions(let indices): items = indices.map { UInt64(UInt(bitPattern: functionRecords[Int($0)])) }
            case .expressions(let exprs):
                var values: [UInt64] = []
                for x in exprs { values.append(slot(of: try evaluate(x, in: instance).reference)) }
                items = values
            }
            let storage = UnsafeMutablePointer<UInt64>.allocate(capacity: max(items.count, 1))
            storage.initialize(from: items, count: items.count)
            instance.ownedBuffers.append(UnsafeMutableRawPointer(storage))
            context.pointee.elements[i] = SegmentRecord(base: UnsafeRawPointer(storage), count: items.count)
        }
        let dataBase = module.dataSegmentBytes()
        for (i, d) in m.datas.enumerated() {
            context.pointee.datas[i] = SegmentRecord(base: UnsafeRawPointer(dataBase[i]), count: d.bytes.count)
        }

        // Active and declarative segments are applied, then dropped, in order.
        for (i, e) in m.elements.enumerated() {
            switch e.mode {
            case .active(let table, let offset):
                let start = try evaluate(offset, in: instance)
                do {
                    try tableInit(context.pointee.tables[Int(table)], segment: &context.pointee.elements[i],
                                  start.integer, 0, UInt32(e.items.count))
                } catch {
                    throw trap(from: error)
                }
                context.pointee.elements[i].count = 0
            case .declarative:
                context.pointee.elements[i].count = 0
            case .passive:
                break
            }
        }
        for (i, d) in m.datas.enumerated() {
            guard case .active(let memory, let offset) = d.mode else { continue }
            let start = try evaluate(offset, in: instance)
            do {
                try memoryInit(context.pointee.memories[Int(memory)], segment: context.pointee.datas[i],
                               start.integer, 0, UInt32(d.bytes.count))
            } catch {
                throw trap(from: error)
            }
            context.pointee.datas[i].count = 0
        }

        if let start = m.start {
            _ = try invoke(functionRecords[Int(start)], [])
        }
        return Instance(store: self, state: instance)
    }

    func trap(from unwind: Unwind) -> Trap {
        switch unwind {
        case .trap(let r): Trap(r)
        case .hostTrap(let t): t
        case .exception: Trap(.uncaughtException)
        }
    }

    func checkImport(_ imp: Import, _ ext: Extern, typeIds: [UInt32], index: Int) throws(RuntimeError) {
        let what = "import \"\(imp.module)\" \"\(imp.name)\""
        guard ext.kind == imp.description.kind else {
            throw RuntimeError(.unlinkable, "incompatible import type for \(what): expected a \(imp.description.kind.name), got a \(ext.kind.name)")
        }
        switch (imp.description, ext) {
        case (.function(let t), .function(let f)):
            let expected = typeIds[Int(t)]
            guard f.record.pointee.typeId == expected || types.isSubtype(f.record.pointee.typeId, of: expected) else {
                throw RuntimeError(.unlinkable, "incompatible import type for \(what): expected func \(types.functionType(of: expected)), got func \(f.type)")
            }
        case (.table(let t), .table(let table)):
            let expected = TypeRegistry.canonical(t.elementType, typeIds)
            guard types.isSubtype(.ref(table.canonicalElementType), .ref(expected)),
                  types.isSubtype(.ref(expected), .ref(table.canonicalElementType)),
                  t.limits.addressType == table.type.limits.addressType,
                  Self.limitsMatch(current: UInt64(table.count), max: table.record.pointee.max == UInt64.max ? nil : table.type.limits.max, t.limits) else {
                throw RuntimeError(.unlinkable, "incompatible import type for \(what)")
            }
        case (.memory(let t), .memory(let mem)):
            guard t.limits.addressType == mem.type.limits.addressType, t.limits.shared == mem.type.limits.shared,
                  (t.limits.pageSizeLog2 ?? 16) == (mem.type.limits.pageSizeLog2 ?? 16),
                  Self.limitsMatch(current: mem.pageCount, max: mem.type.limits.max, t.limits) else {
                throw RuntimeError(.unlinkable, "incompatible import type for \(what)")
            }
        case (.global(let t), .global(let g)):
            let expected = TypeRegistry.canonical(t.valueType, typeIds)
            let ok = t.mutable == g.type.mutable && (t.mutable
                ? types.isSubtype(g.canonicalType, expected) && types.isSubtype(expected, g.canonicalType)
                : types.isSubtype(g.canonicalType, expected))
            guard ok else { throw RuntimeError(.unlinkable, "incompatible import type for \(what)") }
        case (.tag(let t), .tag(let tag)):
            guard tag.typeId == typeIds[Int(t.typeIndex)] else {
                throw RuntimeError(.unlinkable, "incompatible import type for \(what)")
            }
        default:
            throw RuntimeError(.unlinkable, "incompatible import type for \(what)")
        }
    }

    /// Limits matching: the provided current size is at least the expected minimum, and
    /// when a maximum is expected the provided one exists and is no larger.
    static func limitsMatch(current: UInt64, max: UInt64?, _ expected: Limits) -> Bool {
        guard current >= expected.min else { return false }
        if let expectedMax = expected.max {
            guard let max, max <= expectedMax else { return false }
        }
        return true
    }
}

extension Value {
    /// The value as an unsigned integer (segment offsets).
    var integer: UInt64 {
        switch self {
        case .i32(let v): UInt64(v)
        case .i64(let v): v
        default: 0
        }
    }

    var reference: Reference {
        if case .ref(let r) = self { return r }
        return .null
    }
}

extension CompiledModule {
    /// Stable copies of the data segments' bytes, made once per module.
    func dataSegmentBytes() -> [UnsafeMutableRawPointer] {
        if let cached = dataCopies { return cached }
        let copies = module.datas.map { d -> UnsafeMutableRawPointer in
            let p = UnsafeMutableRawPointer.allocate(byteCount: max(d.bytes.count, 1), alignment: 8)
            p.copyMemory(from: Array(d.bytes), byteCount: d.bytes.count)
            return p
        }
        dataCopies = copies
        return copies
    }
}
