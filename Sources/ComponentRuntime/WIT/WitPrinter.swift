import WasmFormat

/// Writes a `WitDocument` as WIT text laid out as `wasm-tools component wit` lays it out:
/// two-space indentation, the world first, then one `package … { interface … }` block per
/// package; in an interface the `use`s, then the types (resources with their functions),
/// then the freestanding functions, separated by blank lines.
struct WitPrinter {
    let document: WitDocument
    var arena: ComponentTypeArena { document.arena }

    /// The name of `id` in `scope`; where the scope lacks one (a world function taking an
    /// interface's type) the name its declaring interface gives, as
    /// `wasm-tools component wit` does.
    func name(of id: ComponentTypeID, in scope: WitScope) -> String? {
        (scope.name(of: id, in: arena) ?? document.names.name(of: id, in: arena)).map(WitNames.identifier)
    }

    func text() -> String {
        var lines = ["package root:component;", "", "world root {"]
        lines += indented(worldBody())
        lines.append("}")
        let (packages, members) = packagesInDependencyOrder()
        for (n, package) in packages.enumerated() {
            if n > 0 { lines += ["", ""] }
            lines.append("package \(package.description) {")
            for index in members[package] ?? [] {
                let interface = document.interfaces[index]
                lines.append("  interface \(WitNames.identifier(interface.name?.interface ?? "")) {")
                lines += indented(body(interface.body, package: package), by: 2)
                lines.append("  }")
            }
            lines.append("}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The packages of the named interfaces, each after the packages it `use`s from
    /// (otherwise in order of first appearance), with their interfaces in order.
    func packagesInDependencyOrder() -> ([WitPackageName], [WitPackageName: [Int]]) {
        var appearance: [WitPackageName] = []
        var members: [WitPackageName: [Int]] = [:]
        var dependencies: [WitPackageName: [WitPackageName]] = [:]
        for (index, interface) in document.interfaces.enumerated() {
            guard let package = interface.name?.package else { continue }
            if members[package] == nil { appearance.append(package) }
            members[package, default: []].append(index)
            for use in interface.body.uses {
                guard let source = document.interfaces[use.source].name?.package, source != package,
                      !(dependencies[package] ?? []).contains(source) else { continue }
                dependencies[package, default: []].append(source)
            }
        }
        var ordered: [WitPackageName] = []
        var visited: Set<WitPackageName> = []
        // Iterative depth-first post-order: a package is emitted once its dependencies are.
        for root in appearance where !visited.contains(root) {
            var stack: [(package: WitPackageName, next: Int)] = [(root, 0)]
            visited.insert(root)
            while let top = stack.last {
                let deps = dependencies[top.package] ?? []
                if top.next < deps.count {
                    stack[stack.count - 1].next += 1
                    let dep = deps[top.next]
                    if visited.insert(dep).inserted { stack.append((dep, 0)) }
                } else {
                    ordered.append(top.package)
                    stack.removeLast()
                }
            }
        }
        return (ordered, members)
    }

    // MARK: World

    /// Interface imports, then the world's types (each after a blank line), function
    /// imports, and after a blank line the exports: the order `wasm-tools component wit` uses.
    func worldBody() -> [String] {
        let interfaceImports = document.world.imports.filter { if case .function = $0 { false } else { true } }
        let functionImports = document.world.imports.filter { if case .function = $0 { true } else { false } }
        var lines = world(interfaceImports, "import")
        for section in sections(of: document.world.body, package: nil) {
            if !lines.isEmpty { lines.append("") }
            lines += section
        }
        lines += world(functionImports, "import")
        let exports = world(document.world.exports, "export")
        if !exports.isEmpty, !lines.isEmpty { lines.append("") }
        return lines + exports
    }

    func world(_ items: [WitWorldItem], _ keyword: String) -> [String] {
        var lines: [String] = []
        for item in items {
            switch item {
            case .interface(let index):
                lines.append("\(keyword) \(document.interfaces[index].name?.spelled(from: nil) ?? "");")
            case .inlineInterface(let name, let index):
                lines.append("\(keyword) \(WitNames.identifier(name)): interface {")
                lines += indented(body(document.interfaces[index].body, package: nil))
                lines.append("}")
            case .function(let f):
                let name = WitNames.identifier(WitFunctionRole.plainName(f.name))
                lines.append("\(keyword) \(name): \(signature(of: f.type, dropSelf: false, in: document.world.body.scope));")
            case .unsupported(let u):
                lines.append(unsupported(u, keyword))
            }
        }
        return lines
    }

    // MARK: Interfaces

    /// The lines of an interface body: its sections separated by blank lines.
    func body(_ body: WitBody, package: WitPackageName?) -> [String] {
        joined(sections(of: body, package: package))
    }

    /// The `use`s (one section), each type, each freestanding function.
    func sections(of body: WitBody, package: WitPackageName?) -> [[String]] {
        var sections: [[String]] = []
        let uses = useLines(body.uses, package: package)
        if !uses.isEmpty { sections.append(uses) }
        let resources = body.definedResources(in: arena)
        var resourceFunctions: [String: [WitFunction]] = [:]
        var freestanding: [WitFunction] = []
        for f in body.functions {
            if let r = WitFunctionRole(f.name).resource, resources.contains(r) {
                resourceFunctions[r, default: []].append(f)
            } else {
                freestanding.append(f)
            }
        }
        for item in body.types {
            sections.append(typeItem(item, functions: resourceFunctions, scope: body.scope))
        }
        for f in freestanding {
            let name = WitNames.identifier(WitFunctionRole.plainName(f.name))
            sections.append(["\(name): \(signature(of: f.type, dropSelf: false, in: body.scope));"])
        }
        for u in body.unsupported { sections.append([unsupported(u, "export")]) }
        return sections
    }

    /// `use` lines; consecutive uses from one interface share a line.
    func useLines(_ uses: [WitUse], package: WitPackageName?) -> [String] {
        var groups: [(source: Int, names: [String])] = []
        for u in uses {
            let name = u.name == u.localName
                ? WitNames.identifier(u.name)
                : "\(WitNames.identifier(u.name)) as \(WitNames.identifier(u.localName))"
            if let last = groups.last, last.source == u.source {
                groups[groups.count - 1].names.append(name)
            } else {
                groups.append((u.source, [name]))
            }
        }
        return groups.map { g in
            let source = document.interfaces[g.source].name?.spelled(from: package) ?? ""
            return "use \(source).{\(g.names.joined(separator: ", "))};"
        }
    }

    func typeItem(_ item: WitTypeItem, functions: [String: [WitFunction]], scope: WitScope) -> [String] {
        switch item {
        case .alias(let name, let original):
            return ["type \(WitNames.identifier(name)) = \(WitNames.identifier(original));"]
        case .definition(let name, let id):
            return definition(name, id, functions: functions[name] ?? [], scope: scope)
        }
    }

    /// A named type's declaration: `resource`, `record`, `variant`, `enum`, `flags`, or
    /// `type name = …` for the others.
    func definition(_ name: String, _ id: ComponentTypeID, functions: [WitFunction], scope: WitScope) -> [String] {
        let n = WitNames.identifier(name)
        func block(_ keyword: String, _ members: [String]) -> [String] {
            ["\(keyword) \(n) {"] + members.map { "  \($0)," } + ["}"]
        }
        switch arena[id] {
        case .resource:
            if functions.isEmpty { return ["resource \(n);"] }
            return ["resource \(n) {"] + functions.map { "  " + resourceFunction($0, resource: id, scope: scope) } + ["}"]
        case .value(.record(let fields)):
            return block("record", fields.map { "\(WitNames.identifier($0.label)): \(spelling(of: $0.type, in: scope))" })
        case .value(.variant(let cases)):
            return block("variant", cases.map { c in
                WitNames.identifier(c.label) + (c.type.map { "(\(spelling(of: $0, in: scope)))" } ?? "")
            })
        case .value(.enum(let labels)):
            return block("enum", labels.map(WitNames.identifier))
        case .value(.flags(let labels)):
            return block("flags", labels.map(WitNames.identifier))
        case .value(let d):
            return ["type \(n) = \(spelling(of: d, in: scope));"]
        case .function(let f):
            return ["// type \(n) is a function type, which WIT cannot name: \(signature(f, dropSelf: false, in: scope))"]
        case .instance, .component:
            return ["// type \(n) is an instance or component type, which WIT cannot name"]
        }
    }

    /// A function inside its resource's block: `constructor(…)`, `name: func(…)` without
    /// `self`, `name: static func(…)`.
    func resourceFunction(_ f: WitFunction, resource: ComponentTypeID, scope: WitScope) -> String {
        guard let type = arena.function(f.type) else { return "// \(f.name) is not a function type" }
        let prefix = type.isAsync ? "async " : ""
        switch WitFunctionRole(f.name) {
        case .constructor:
            var constructed = type
            if case .defined(let r) = type.result, case .value(.own(let owned)) = arena[r],
               arena.resource(owned) == arena.resource(resource) {
                constructed.result = nil
            }
            return prefix + "constructor" + signature(constructed, dropSelf: false, in: scope).dropFirst("func".count) + ";"
        case .method(_, let name):
            return "\(WitNames.identifier(name)): \(prefix)\(signature(type, dropSelf: true, in: scope, async: false));"
        case .static(_, let name):
            return "\(WitNames.identifier(name)): static \(prefix)\(signature(type, dropSelf: false, in: scope, async: false));"
        case .freestanding:
            return "\(WitNames.identifier(f.name)): \(signature(type, dropSelf: false, in: scope));"
        }
    }

    func unsupported(_ item: WitUnsupportedItem, _ keyword: String) -> String {
        "// \(keyword) \(item.name): a \(item.sort), which WIT cannot express"
    }

    // MARK: Types and signatures

    func signature(of id: ComponentTypeID, dropSelf: Bool, in scope: WitScope) -> String {
        guard let f = arena.function(id) else { return "func()" }
        return signature(f, dropSelf: dropSelf, in: scope)
    }

    /// `func(a: u32) -> u32` (`async func` for async types unless `async` is false, the
    /// caller having placed the word itself).
    func signature(_ f: ComponentFunctionType, dropSelf: Bool, in scope: WitScope, async: Bool = true) -> String {
        let parameters = dropSelf ? Array(f.parameters.dropFirst()) : f.parameters
        let list = parameters.map { "\(WitNames.identifier($0.name)): \(spelling(of: $0.type, in: scope))" }
        let keyword = f.isAsync && async ? "async func" : "func"
        return "\(keyword)(\(list.joined(separator: ", ")))" + (f.result.map { " -> \(spelling(of: $0, in: scope))" } ?? "")
    }

    func spelling(of type: ComponentValueType, in scope: WitScope) -> String {
        switch type {
        case .primitive(let p):
            return p.name
        case .defined(let id):
            if let name = name(of: id, in: scope) { return name }
            switch arena[id] {
            case .value(let d): return spelling(of: d, in: scope)
            case .resource: return "resource"
            case .function(let f): return signature(f, dropSelf: false, in: scope)
            case .instance: return "instance"
            case .component: return "component"
            }
        }
    }

    /// A defined value type written out; records, variants, enums and flags (which WIT
    /// only has by name) are written `record { … }` and so on when they have none.
    func spelling(of type: DefinedValueType, in scope: WitScope) -> String {
        func s(_ t: ComponentValueType) -> String { spelling(of: t, in: scope) }
        func handle(_ id: ComponentTypeID) -> String {
            name(of: id, in: scope) ?? "resource"
        }
        switch type {
        case .primitive(let p): return p.name
        case .list(let t): return "list<\(s(t))>"
        case .fixedSizeList(let t, let n): return "list<\(s(t)), \(n)>"
        case .tuple(let ts): return "tuple<\(ts.map(s).joined(separator: ", "))>"
        case .option(let t): return "option<\(s(t))>"
        case .result(nil, nil): return "result"
        case .result(let ok?, nil): return "result<\(s(ok))>"
        case .result(nil, let error?): return "result<_, \(s(error))>"
        case .result(let ok?, let error?): return "result<\(s(ok)), \(s(error))>"
        case .own(let r): return handle(r)
        case .borrow(let r): return "borrow<\(handle(r))>"
        case .stream(let t): return t.map { "stream<\(s($0))>" } ?? "stream"
        case .future(let t): return t.map { "future<\(s($0))>" } ?? "future"
        case .map(let k, let v): return "map<\(s(k)), \(s(v))>"
        case .record(let fields):
            return "record { \(fields.map { "\(WitNames.identifier($0.label)): \(s($0.type))" }.joined(separator: ", ")) }"
        case .variant(let cases):
            let list = cases.map { c in WitNames.identifier(c.label) + (c.type.map { "(\(s($0)))" } ?? "") }
            return "variant { \(list.joined(separator: ", ")) }"
        case .enum(let labels): return "enum { \(labels.map(WitNames.identifier).joined(separator: ", ")) }"
        case .flags(let labels): return "flags { \(labels.map(WitNames.identifier).joined(separator: ", ")) }"
        }
    }

    // MARK: Layout

    func indented(_ lines: [String], by levels: Int = 1) -> [String] {
        let pad = String(repeating: "  ", count: levels)
        return lines.map { $0.isEmpty ? $0 : pad + $0 }
    }

    /// Sections separated by one blank line.
    func joined(_ sections: [[String]]) -> [String] {
        var lines: [String] = []
        for (i, s) in sections.enumerated() {
            if i > 0 { lines.append("") }
            lines += s
        }
        return lines
    }
}
