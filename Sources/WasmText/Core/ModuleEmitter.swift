import WasmFormat

/// The last step of assembling a module: encode the code, add the `name` section and
/// the `@custom` sections, encode the module, and map the instructions back to the text.
extension ModuleParser {
    mutating func emit() throws(TextError) -> WatModule {
        // Function bodies, with each instruction's offset inside its body's code.
        var codeOffsets: [[Int]] = []
        for code in codes {
            var w = ByteWriter()
            var offsets: [Int] = []
            offsets.reserveCapacity(code.body.instructions.count)
            for instruction in code.body.instructions {
                offsets.append(w.count)
                w.instruction(instruction)
            }
            offsets.append(w.count)
            codeOffsets.append(offsets)
            module.codes.append(FunctionBody(locals: Self.groupLocals(code.locals), code: w.bytes[...], codeOffset: 0))
        }

        let nameSection = buildNameSection()
        let namePayload = nameSection.encode()
        if !namePayload.isEmpty || nameSection.moduleName != nil {
            module.customSections.append(CustomSection(name: "name", payload: namePayload[...], placedAfter: 11))
        }
        for c in customSections {
            module.customSections.append(CustomSection(name: c.name, payload: c.payload[...], placedAfter: c.placedAfter))
        }

        let bytes: [UInt8]
        do {
            bytes = try ModuleEncoder().encode(module)
        } catch {
            throw source.error("cannot encode the module: \(error)", at: 0)
        }
        return WatModule(bytes: bytes, sourceMap: sourceMap(for: bytes, codeOffsets: codeOffsets), name: moduleName)
    }

    /// Consecutive locals of one type share a declaration, as other assemblers do.
    static func groupLocals(_ types: [ValueType]) -> [FunctionBody.Locals] {
        var groups: [FunctionBody.Locals] = []
        for t in types {
            if let last = groups.last, last.type == t {
                groups[groups.count - 1].count += 1
            } else {
                groups.append(FunctionBody.Locals(count: 1, type: t))
            }
        }
        return groups
    }

    private func buildNameSection() -> NameSection {
        var n = NameSection()
        n.moduleName = moduleName
        n.functionNames = names.functions.names.merging(nameOverrides[.function] ?? [:]) { $1 }
        // Locals of defined functions are keyed by function index, imports first.
        n.localNames = localNames
        n.labelNames = labelNames
        n.typeNames = names.types.names
        n.tableNames = names.tables.names.merging(nameOverrides[.table] ?? [:]) { $1 }
        n.memoryNames = names.memories.names.merging(nameOverrides[.memory] ?? [:]) { $1 }
        n.globalNames = names.globals.names.merging(nameOverrides[.global] ?? [:]) { $1 }
        n.elemNames = names.elements.names
        n.dataNames = names.datas.names
        n.tagNames = names.tags.names.merging(nameOverrides[.tag] ?? [:]) { $1 }
        for (type, fields) in names.fields where !fields.names.isEmpty {
            n.fieldNames[type] = fields.names
        }
        return n
    }

    /// Finds the encoded instructions by decoding the module's layout, so the map does
    /// not depend on how the encoder lays out sections.
    private func sourceMap(for bytes: [UInt8], codeOffsets: [[Int]]) -> SourceMap {
        guard let decoded = try? ModuleDecoder().decode(bytes) else { return SourceMap() }
        // Binary ranges and source offsets first; locations in one sweep at the end.
        var ranges: [(offset: Int, length: Int)] = []
        var sourceOffsets: [Int] = []
        for (i, code) in codes.enumerated() where i < decoded.codes.count {
            let base = decoded.codes[i].codeOffset
            let offsets = codeOffsets[i]
            for (k, sourceOffset) in code.body.offsets.enumerated() {
                ranges.append((base + offsets[k], offsets[k + 1] - offsets[k]))
                sourceOffsets.append(sourceOffset)
            }
        }
        for c in constantExpressionSources {
            guard let expression = Self.expression(at: c.place, in: decoded) else { continue }
            var w = ByteWriter()
            for (k, instruction) in expression.instructions.enumerated() where k < c.offsets.count {
                let start = w.count
                w.instruction(instruction)
                ranges.append((expression.offset + start, w.count - start))
                sourceOffsets.append(c.offsets[k])
            }
        }
        let locations = source.locations(of: sourceOffsets)
        return SourceMap(entries: zip(ranges, locations).map {
            SourceMap.Entry(byteOffset: $0.0.offset, length: $0.0.length, location: $0.1)
        })
    }

    private static func expression(at place: ConstantExpressionSource.Place, in m: Module) -> ConstantExpression? {
        switch place {
        case .global(let i):
            return i < m.globals.count ? m.globals[i].initializer : nil
        case .tableInitializer(let i):
            return i < m.tables.count ? m.tables[i].initializer : nil
        case .elementOffset(let i):
            guard i < m.elements.count, case .active(_, let offset) = m.elements[i].mode else { return nil }
            return offset
        case .elementItem(let i, let k):
            guard i < m.elements.count, case .expressions(let items) = m.elements[i].items, k < items.count else { return nil }
            return items[k]
        case .dataOffset(let i):
            guard i < m.datas.count, case .active(_, let offset) = m.datas[i].mode else { return nil }
            return offset
        }
    }
}
