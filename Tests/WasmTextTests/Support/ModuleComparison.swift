import WasmFormat

/// Compares two module binaries by their decoded trees: custom sections, byte offsets
/// and LEB128 spellings do not count; instruction lists and everything else do.
enum ModuleComparison {
    /// Nil when the trees are the same, else a description of the first difference.
    static func difference(_ ours: [UInt8], _ theirs: [UInt8]) -> String? {
        let a: Module, b: Module
        do { a = try ModuleDecoder().decode(ours) } catch { return "ours does not decode: \(error)" }
        do { b = try ModuleDecoder().decode(theirs) } catch { return "theirs does not decode: \(error)" }
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
        if a.datas.count != b.datas.count || zip(a.datas, b.datas).contains(where: { $0 != $1 }) {
            return "data segments differ"
        }
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
        return nil
    }

    /// Nil when both `name` sections carry the same names, else what differs first.
    static func nameDifference(_ ours: [UInt8], _ theirs: [UInt8]) -> String? {
        guard let a = try? ModuleDecoder().decode(ours), let b = try? ModuleDecoder().decode(theirs) else { return nil }
        let x = a.names ?? NameSection(), y = b.names ?? NameSection()
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
