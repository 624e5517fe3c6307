import ComponentRuntime

/// A place where `continue` (and `next`) stops an instantiation: before initializer N,
/// before every initializer of a kind (`LowerImport`, `InstantiateModule`, …), or before
/// the initializers that deal with imports whose names match a glob (`wasi:cli/*`); or
/// an instruction of a core function, where a call stops (`CoreDebugging`).
struct Breakpoint {
    enum Condition {
        case index(Int)
        case kind(String)
        /// A `LowerImport` of a matching import, or an `InstantiateModule` wired to one
        /// (or instantiating an imported module of that name); `kind` narrows it to one.
        case imports(kind: String?, glob: String)
        /// The instruction at byte `offset` of function `function` of the component's
        /// core module `module`; `label` says it for listings.
        case wasm(module: Int, function: UInt32, offset: Int, label: String)
        /// Core wasm reading or writing `size` bytes at `address` of memory `memory` (as
        /// `memory` numbers them).
        case watch(memory: Int, address: UInt64, size: UInt64, onRead: Bool, onWrite: Bool)
    }

    var id: Int
    var condition: Condition

    static let kinds = ["InstantiateModule", "LowerImport", "ExtractMemory", "ExtractRealloc", "ExtractCallback",
                        "ExtractPostReturn", "ExtractTable", "Resource"]
    /// The kinds that consume imports, the only ones an import glob can stop.
    static let importKinds = ["InstantiateModule", "LowerImport"]

    /// Parses `N`, a kind name (any capitalisation), `KIND GLOB`, or a glob alone.
    /// NB: a lone word counts as a glob only when it looks like an import name (`:` or
    /// `/`) or a pattern (`*`, `?`), so that a mistyped kind is an error, not a
    /// breakpoint that never stops.
    static func condition(_ text: String) throws -> Condition {
        if let n = Int(text), n >= 0 { return .index(n) }
        let (first, glob) = Session.firstWord(text)
        let kind = kinds.first { $0.lowercased() == first.lowercased() }
        switch (kind, glob.isEmpty) {
        case (let kind?, true):
            return .kind(kind)
        case (let kind?, false):
            guard importKinds.contains(kind) else {
                throw REPLError("only \(importKinds.joined(separator: " and ")) deal with imports: `break init \(kind) GLOB` would never stop")
            }
            return .imports(kind: kind, glob: glob)
        case (nil, true) where text.contains(where: { ":/*?".contains($0) }):
            return .imports(kind: nil, glob: text)
        default:
            throw REPLError("`break init` takes an initializer number, a kind (\(kinds.joined(separator: ", "))) or an import glob such as wasi:cli/*, not \"\(text)\"")
        }
    }

    func matches(_ index: Int, in plan: ComponentPlan) -> Bool {
        let initializer = plan.initializers[index]
        switch condition {
        case .index(let n): return n == index
        case .kind(let k): return initializer.kindName == k
        case .imports(let kind, let glob):
            guard kind.map({ $0 == initializer.kindName }) ?? true else { return false }
            return Self.importNames(of: initializer, in: plan).contains { Glob(glob).matches($0) }
        case .wasm, .watch: return false
        }
    }

    /// The component imports an initializer consumes: the import a `LowerImport` lowers;
    /// for an `InstantiateModule`, the lowered imports wired into it, or the imported
    /// module it instantiates.
    static func importNames(of initializer: GlobalInitializer, in plan: ComponentPlan) -> [String] {
        func name(ofRuntimeImport ri: Int) -> String {
            let r = plan.runtimeImports[ri]
            return ([plan.imports[r.rootImport].name] + r.path).joined(separator: "/")
        }
        switch initializer.kind {
        case .lowerImport(_, let ri, _, _):
            return [name(ofRuntimeImport: ri)]
        case .instantiateModule(_, .imported(let ri), _, _):
            return [name(ofRuntimeImport: ri)]
        case .instantiateModule(_, .defined, let wiring, _):
            return wiring.compactMap { w in
                guard case .lowered(let l) = w.definition else { return nil }
                for candidate in plan.initializers {
                    if case .lowerImport(l, let ri, _, _) = candidate.kind { return name(ofRuntimeImport: ri) }
                }
                return nil
            }
        default:
            return []
        }
    }

    var description: String {
        switch condition {
        case .index(let n): return "\(id): before initializer \(n)"
        case .kind(let k): return "\(id): before every \(k)"
        case .imports(let kind, let glob):
            return "\(id): before every \(kind ?? Self.importKinds.reversed().joined(separator: " or ")) of an import matching \(glob)"
        case .wasm(_, _, _, let label): return "\(id): in core wasm, \(label)"
        case .watch(let memory, let address, let size, let onRead, let onWrite):
            let what = onRead && onWrite ? "reads and writes" : onRead ? "reads" : "writes"
            return "\(id): watch \(what) of \(MemoryFormat.address(address))..<\(MemoryFormat.address(address + size)) in memory \(memory)"
        }
    }
}

/// A shell-style pattern over import names: `*` any text (slashes included), `?` one
/// character, anything else itself.
struct Glob {
    let pattern: [Character]

    init(_ text: String) { pattern = Array(text) }

    /// NB: the greedy match with one backtrack point is linear in practice and never
    /// exponential, whatever the number of stars.
    func matches(_ text: String) -> Bool {
        let s = Array(text)
        var p = 0, i = 0
        var star: Int?, resume = 0
        while i < s.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == s[i], pattern[p] != "*" {
                p += 1; i += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p; resume = i; p += 1
            } else if let star {
                p = star + 1; resume += 1; i = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
