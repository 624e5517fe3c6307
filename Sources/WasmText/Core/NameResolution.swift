import WasmFormat

/// A reference to an index as written: a number, or a `$name` to be looked up.
struct IndexRef: Sendable {
    enum Form: Sendable {
        case number(UInt32)
        case name(String)
    }

    var form: Form
    var offset: Int
}

/// One index space of a module (functions, tables, …, or a function's locals) with the
/// identifiers bound in it.
///
/// Definitions are numbered in the order they are added, which for module fields is the
/// order of the text: the text format requires imports to come before the definitions
/// of their kind, so textual order and index order agree.
struct IndexSpace: Sendable {
    /// The name of the space, as messages use it: "func", "table", "local", …
    let kind: String
    private(set) var count: UInt32 = 0
    private(set) var indexByName: [String: UInt32] = [:]
    /// The identifiers that were given, for the `name` section.
    private(set) var names: [UInt32: String] = [:]

    init(kind: String) { self.kind = kind }

    /// Adds one definition, named or not, and returns its index.
    @discardableResult
    mutating func add(_ name: Token?, in source: SourceText) throws(TextError) -> UInt32 {
        let index = count
        if let name {
            guard indexByName[name.text] == nil else {
                throw source.error("duplicate \(kind) $\(name.text)", at: name.offset)
            }
            indexByName[name.text] = index
            names[index] = name.text
        }
        count += 1
        return index
    }

    /// Adds `n` unnamed definitions.
    mutating func addUnnamed(_ n: UInt32) {
        count += n
    }

    func resolve(_ ref: IndexRef, in source: SourceText) throws(TextError) -> UInt32 {
        switch ref.form {
        case .number(let n): return n
        case .name(let name):
            guard let index = indexByName[name] else {
                throw source.error("unknown \(kind) $\(name)", at: ref.offset)
            }
            return index
        }
    }
}

/// Every index space of a module, filled by the first pass over the fields.
struct ModuleNames: Sendable {
    var types = IndexSpace(kind: "type")
    var functions = IndexSpace(kind: "func")
    var tables = IndexSpace(kind: "table")
    var memories = IndexSpace(kind: "memory")
    var globals = IndexSpace(kind: "global")
    var tags = IndexSpace(kind: "tag")
    var elements = IndexSpace(kind: "elem")
    var datas = IndexSpace(kind: "data")
    /// Field names of each struct type, by type index.
    var fields: [UInt32: IndexSpace] = [:]
}

/// The labels in scope inside a function body, innermost last.
struct LabelStack: Sendable {
    private(set) var names: [String?] = []

    var depth: Int { names.count }

    mutating func push(_ name: String?) { names.append(name) }
    mutating func pop() { names.removeLast() }

    /// The relative depth of a label: its distance from the innermost one.
    func resolve(_ ref: IndexRef, in source: SourceText) throws(TextError) -> UInt32 {
        switch ref.form {
        case .number(let n): return n
        case .name(let name):
            guard let i = names.lastIndex(of: name) else {
                throw source.error("unknown label $\(name)", at: ref.offset)
            }
            return UInt32(names.count - 1 - i)
        }
    }
}

extension TokenCursor {
    /// An index: `$name` or an unsigned number.
    mutating func takeIndex() throws(TextError) -> IndexRef? {
        let t = peek()
        if t.kind == .id {
            index += 1
            return IndexRef(form: .name(t.text), offset: t.offset)
        }
        if isUnsigned() {
            let n = try expectU32()
            return IndexRef(form: .number(n), offset: t.offset)
        }
        return nil
    }

    mutating func expectIndex(_ what: String) throws(TextError) -> IndexRef {
        guard let ref = try takeIndex() else { throw unexpected(what) }
        return ref
    }
}
