import WasmFormat

/// Compares modules by their decoded trees: byte offsets and LEB128 spellings do not
/// count; function bodies are compared by their decoded instruction lists.
public enum ModuleComparison {
    /// Nil when the binaries decode to the same tree, else a description of the first
    /// difference. Custom sections (the `name` section included) are left out: two
    /// assemblers may name things differently.
    public static func difference(_ ours: [UInt8], _ theirs: [UInt8]) -> String? {
        let a: Module, b: Module
        do { a = try ModuleDecoder().decode(ours) } catch { return "ours does not decode: \(error)" }
        do { b = try ModuleDecoder().decode(theirs) } catch { return "theirs does not decode: \(error)" }
        return difference(a, b)
    }

    /// Nil when the trees are the same, else a description of the first difference.
    /// With `customSections`, custom sections must also match by name, payload and place
    /// (relative to the non-empty sections, see `placement`), in order, and so must the
    /// decoded `name` sections.
    public static func difference(_ a: Module, _ b: Module, customSections: Bool = false) -> String? {
        if a.types != b.types { return "types differ:\n  ours   \(a.types)\n  theirs \(b.types)" }
        let importsA = a.imports.map { "\($0.module) \($0.name) \($0.description)" }
        let importsB = b.imports.map { "\($0.module) \($0.name) \($0.description)" }
        if importsA != importsB { return "imports differ:\n  ours   \(importsA)\n  theirs \(importsB)" }
        if a.functions != b.functions { return "function types differ: ours \(a.functions), theirs \(b.functions)" }
        if a.tables != b.tables { return "tables differ:\n  ours   \(a.tables)\n  theirs \(b.tables)" }
        if a.memories != b.memories { return "memories differ: ours \(a.memories), theirs \(b.memories)" }
        if a.tags != b.tags { return "tags differ: ours \(a.tags), theirs \(b.tags)" }
        if a.globals != b.globals { return "globals differ:\n  ours   \(a.globals)\n  theirs \(b.globals)" }
        let exportsA = a.exports.map { "\($0.name) \($0.kind) \($0.index)" }
        let exportsB = b.exports.map { "\($0.name) \($0.kind) \($0.index)" }
        if exportsA != exportsB { return "exports differ:\n  ours   \(exportsA)\n  theirs \(exportsB)" }
        if a.start != b.start { return "start differs: ours \(String(describing: a.start)), theirs \(String(describing: b.start))" }
        if a.elements != b.elements { return "elements differ:\n  ours   \(a.elements)\n  theirs \(b.elements)" }
        if a.dataCount != b.dataCount { return "data count differs: ours \(String(describing: a.dataCount)), theirs \(String(describing: b.dataCount))" }
        if a.datas.count != b.datas.count { return "data counts differ: \(a.datas.count) vs \(b.datas.count)" }
        if let k = a.datas.indices.first(where: { a.datas[$0] != b.datas[$0] }) { return "data segment \(k) differs" }
        if a.codes.count != b.codes.count { return "code counts differ: \(a.codes.count) vs \(b.codes.count)" }
        for (i, (ca, cb)) in zip(a.codes, b.codes).enumerated() {
            if ca.locals != cb.locals { return "function \(i): locals differ: ours \(ca.locals), theirs \(cb.locals)" }
            let ia: [Instruction], ib: [Instruction]
            do { ia = try ca.instructions().map(\.instruction) } catch { return "function \(i): ours does not decode: \(error)" }
            do { ib = try cb.instructions().map(\.instruction) } catch { return "function \(i): theirs does not decode: \(error)" }
            if ia != ib {
                let k = (0..<min(ia.count, ib.count)).first { ia[$0] != ib[$0] } ?? min(ia.count, ib.count)
                let x = k < ia.count ? "\(ia[k])" : "<end>"
                let y = k < ib.count ? "\(ib[k])" : "<end>"
                return "function \(i): instruction \(k) differs: ours \(x), theirs \(y)"
            }
        }
        guard customSections else { return nil }
        if a.customSections.count != b.customSections.count {
            return "custom section counts differ: \(a.customSections.map(\.name)) vs \(b.customSections.map(\.name))"
        }
        for (k, (x, y)) in zip(a.customSections, b.customSections).enumerated() {
            if x.name != y.name { return "custom section \(k): name \"\(x.name)\" vs \"\(y.name)\"" }
            if !x.payload.elementsEqual(y.payload) { return "custom section \(k) (\"\(x.name)\"): payloads differ" }
            let px = placement(x.placedAfter, in: a), py = placement(y.placedAfter, in: b)
            if px != py {
                return "custom section \(k) (\"\(x.name)\"): placed after section \(px) vs \(py)"
            }
        }
        if let d = nameDifference(a.names, b.names) { return "name sections differ: \(d)" }
        return nil
    }

    /// Section ids in binary order.
    static let sectionOrder: [UInt8] = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11]

    /// The last section at or before `id` that has something in it (0: none). A custom
    /// section's place is relative to the sections that are there: an empty section
    /// (a type section with no entries, say) is the same tree as no section, and encoders
    /// leave it out.
    public static func placement(_ id: UInt8, in m: Module) -> UInt8 {
        guard let end = sectionOrder.firstIndex(of: id) else { return 0 }
        for s in sectionOrder[...end].reversed() {
            let present = switch s {
            case 1: !m.types.isEmpty
            case 2: !m.imports.isEmpty
            case 3: !m.functions.isEmpty
            case 4: !m.tables.isEmpty
            case 5: !m.memories.isEmpty
            case 13: !m.tags.isEmpty
            case 6: !m.globals.isEmpty
            case 7: !m.exports.isEmpty
            case 8: m.start != nil
            case 9: !m.elements.isEmpty
            case 12: m.dataCount != nil
            case 10: !m.codes.isEmpty
            default: !m.datas.isEmpty
            }
            if present { return s }
        }
        return 0
    }

    /// Nil when both `name` sections carry the same names, else what differs first.
    public static func nameDifference(_ ours: [UInt8], _ theirs: [UInt8]) -> String? {
        guard let a = try? ModuleDecoder().decode(ours), let b = try? ModuleDecoder().decode(theirs) else { return nil }
        return nameDifference(a.names, b.names)
    }

    /// Nil when both carry the same names (a missing section has none), else what differs first.
    public static func nameDifference(_ a: NameSection?, _ b: NameSection?) -> String? {
        let x = a ?? NameSection(), y = b ?? NameSection()
        if x.moduleName != y.moduleName { return "module name: \(String(describing: x.moduleName)) vs \(String(describing: y.moduleName))" }
        if x.functionNames != y.functionNames { return "function names: \(x.functionNames) vs \(y.functionNames)" }
        if x.localNames != y.localNames { return "local names: \(x.localNames) vs \(y.localNames)" }
        if x.labelNames != y.labelNames { return "label names: \(x.labelNames) vs \(y.labelNames)" }
        if x.typeNames != y.typeNames { return "type names: \(x.typeNames) vs \(y.typeNames)" }
        if x.tableNames != y.tableNames { return "table names" }
        if x.memoryNames != y.memoryNames { return "memory names" }
        if x.globalNames != y.globalNames { return "global names" }
        if x.elemNames != y.elemNames { return "elem names" }
        if x.dataNames != y.dataNames { return "data names" }
        if x.fieldNames != y.fieldNames { return "field names: \(x.fieldNames) vs \(y.fieldNames)" }
        if x.tagNames != y.tagNames { return "tag names" }
        return nil
    }
}
