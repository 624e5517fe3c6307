import WasmFormat

/// Parses the text format of components (`Explainer.md`'s grammar, with the
/// abbreviations of the reference assembler) into the `Component` syntax tree.
///
/// One pass suffices: component definitions may only refer to what precedes them, so
/// each definition is numbered as soon as it is read (`ComponentScope`). Nested core
/// modules are handed to the core text parser as a range of the same source.
struct ComponentParser {
    var cursor: TokenCursor
    /// The enclosing components and component/instance types, innermost last.
    var scopes: [ComponentScope] = []
    /// Accept the forms current assemblers reject in strict index mode (core items
    /// referred to without `core`, `(memory $i "name")`).
    let legacyIndices: Bool

    init(cursor: TokenCursor, legacyIndices: Bool) {
        self.cursor = cursor
        self.legacyIndices = legacyIndices
    }

    var source: SourceText { cursor.source }
    /// The innermost scope's position in `scopes`.
    var top: Int { scopes.count - 1 }

    // MARK: Components

    /// `(component $id? definition*)` or bare definitions, up to the end of the input.
    mutating func topLevelComponent() throws(TextError) -> Component {
        let component: Component
        if cursor.isList("component") {
            cursor.index += 2
            let id = cursor.takeId()?.text
            component = try componentBody(id: id)
            try cursor.expectRParen()
        } else {
            component = try componentBody(id: nil)
        }
        guard cursor.atEnd else { throw cursor.unexpected("the end of the component") }
        return component
    }

    /// The definitions of a component, up to the token that cannot start one.
    mutating func componentBody(id: String?) throws(TextError) -> Component {
        guard scopes.count < Self.maximumNesting else {
            throw cursor.error("components and types nested too deeply")
        }
        scopes.append(ComponentScope(kind: .component, id: id))
        while cursor.isLParen { try definition() }
        try scopes[top].close(in: source)
        let scope = scopes.removeLast()
        var component = Component(sections: scope.sections())
        component.names = scope.nameSection()
        return component
    }

    /// Deeper nesting than any real component needs would only exhaust the stack.
    static let maximumNesting = 100

    private mutating func definition() throws(TextError) {
        let open = cursor.peek()
        try cursor.expectLParen()
        let head = cursor.next()
        guard head.kind == .atom else { throw unexpected(head, "a component definition") }
        switch head.text {
        case "core":
            let kind = cursor.next()
            switch kind.text {
            case "module": try coreModule(open)
            case "instance": try coreInstance(open)
            case "type": try coreTypeDefinition(open)
            case "rec": try coreRecGroup(open)
            case "func", "table", "memory", "global", "tag":
                try coreItemDefinition(CoreSort.keywords[kind.text]!, open)
            default: throw unexpected(kind, "`module`, `instance`, `type`, `rec` or a core sort")
            }
        case "component": try nestedComponent(open)
        case "instance": try instanceDefinition(open)
        case "alias": try aliasDefinition(open)
        case "type": try typeDefinition(open)
        case "canon": try canonDefinition(open)
        case "start": try startDefinition(open)
        case "import": try importBody(open)
        case "export": try exportDefinition(open)
        case "func": try functionDefinition(open)
        case "value":
            throw cursor.error("unsupported: value definitions", at: head.offset)
        default:
            throw unexpected(head, "a component definition")
        }
    }

    func unexpected(_ t: Token, _ expected: String) -> TextError {
        var c = cursor
        c.index = c.tokens.firstIndex { $0.offset == t.offset && $0.kind == t.kind } ?? c.index
        return c.unexpected(expected)
    }

    // MARK: Inline exports and imports of definitions

    /// `(export "name" attribute*)*` after a definition's `$id`.
    mutating func inlineExportNames() throws(TextError) -> [(ExternName, Int)] {
        var names: [(ExternName, Int)] = []
        while try isNameOnlyList("export") {
            let offset = cursor.offset
            cursor.index += 2
            names.append((try externName(), offset))
            try cursor.expectRParen()
        }
        return names
    }

    /// `(import "name" attribute*)` after a definition's `$id` and exports.
    ///
    /// Only `)` may follow the name and its attributes: `(import "m" "n" …)` in a core
    /// module and `(import "x" (func))` in a component are definitions of the body.
    mutating func inlineImportName() throws(TextError) -> ExternName? {
        guard try isNameOnlyList("import") else { return nil }
        cursor.index += 2
        let name = try externName()
        try cursor.expectRParen()
        return name
    }

    /// Whether `(keyword "name" attribute*)` comes next, closed right after the name and
    /// its attributes (as opposed to a definition that starts the same way).
    func isNameOnlyList(_ keyword: String) throws(TextError) -> Bool {
        guard cursor.isList(keyword) else { return false }
        var probe = cursor
        probe.index += 2
        if probe.takeList("interface") {
            guard probe.takeString() != nil, probe.isRParen else { return false }
            probe.next()
        } else {
            guard probe.takeString() != nil else { return false }
        }
        while probe.isLParen, let head = probe.atom(1), ["implements", "external-id", "versionsuffix"].contains(head) {
            probe.next()
            try probe.skipToMatchingRParen()
        }
        return probe.isRParen
    }

    /// Finishes a definition of `sort` named `id`, exported under `exports` (the
    /// exports go to the end of the component, as the reference assembler puts them).
    mutating func finish(_ item: ScopeItem, defining sort: ComponentSort?, _ id: Token?,
                         exports: [(ExternName, Int)] = []) throws(TextError) {
        scopes[top].finish(item)
        guard let sort else { return }
        let index = try scopes[top].define(sort, id, in: source)
        for (name, offset) in exports {
            scopes[top].addTrailingExport(ComponentExport(name: name, item: ComponentSortIndex(sort: sort, index: index), offset: offset))
        }
    }

    // MARK: Core modules

    /// `(core module $id? (export …)* field*)`, `(core module $id? (import "n") type)`
    /// or `(core module $id? (alias …))`.
    private mutating func coreModule(_ open: Token) throws(TextError) {
        let id = cursor.takeId()
        let exports = try inlineExportNames()
        if let name = try inlineImportName() {
            let type = try coreModuleTypeUse()
            try cursor.expectRParen()
            return try finish(.import(ComponentImport(name: name, type: .module(coreType: type), offset: open.offset)),
                              defining: .core(.module), id, exports: exports)
        }
        if isInvertedAlias() {
            let alias = try invertedAlias(.core(.module))
            try cursor.expectRParen()
            return try finish(.alias(alias), defining: .core(.module), id, exports: exports)
        }
        let start = cursor.offset
        var probe = cursor
        try probe.skipToMatchingRParen()
        let close = probe.peek(-1)
        let module = try WAT.parseFields(source, range: start..<close.offset, name: id?.text)
        cursor = probe
        let tree: Module
        do {
            tree = try ModuleDecoder().decode(module.bytes)
        } catch {
            throw cursor.error("the core module does not decode: \(error.message)", at: open.offset)
        }
        try finish(.coreModule(NestedModule(module: tree, bytes: module.bytes[...], offset: open.offset)),
                   defining: .core(.module), id, exports: exports)
    }

    // MARK: Nested components

    private mutating func nestedComponent(_ open: Token) throws(TextError) {
        let id = cursor.takeId()
        let exports = try inlineExportNames()
        if let name = try inlineImportName() {
            let type = try typeUse(.component)
            try cursor.expectRParen()
            return try finish(.import(ComponentImport(name: name, type: .component(type: type), offset: open.offset)),
                              defining: .component, id, exports: exports)
        }
        if isInvertedAlias() {
            let alias = try invertedAlias(.component)
            try cursor.expectRParen()
            return try finish(.alias(alias), defining: .component, id, exports: exports)
        }
        let component = try componentBody(id: id?.text)
        try cursor.expectRParen()
        try finish(.component(NestedComponent(component: component, bytes: [], offset: open.offset)),
                   defining: .component, id, exports: exports)
    }

    // MARK: Start

    /// `(start f (value v)* (result (value $id?))*)`.
    private mutating func startDefinition(_ open: Token) throws(TextError) {
        guard !scopes[top].hasStart else {
            throw cursor.error("component cannot have more than one start function", at: open.offset)
        }
        scopes[top].hasStart = true
        let function = try index(.function)
        var arguments: [UInt32] = []
        while cursor.isList("value") {
            cursor.index += 2
            arguments.append(try index(.value))
            try cursor.expectRParen()
        }
        var results: [Token?] = []
        while cursor.takeList("result") {
            try cursor.expectLParen()
            try cursor.expectAtom("value")
            results.append(cursor.takeId())
            try cursor.expectRParen()
            try cursor.expectRParen()
        }
        try cursor.expectRParen()
        scopes[top].finish(.start(ComponentStart(function: function, arguments: arguments,
                                                 resultCount: UInt32(results.count), offset: open.offset)))
        for r in results { try scopes[top].defineUnlisted(.value, r, in: source) }
    }
}

extension CoreSort {
    /// The text keyword of each core sort.
    static let keywords: [String: CoreSort] = [
        "func": .function, "table": .table, "memory": .memory, "global": .global, "tag": .tag,
        "type": .type, "module": .module, "instance": .instance,
    ]
}
