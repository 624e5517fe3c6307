import WasmFormat

/// References to definitions: `idx`, `(sort idx name*)`, their `core`-prefixed forms,
/// and the aliases the text implies.
///
/// - `(func $i "a" "b")` projects exports out of instance `$i`: one `alias export` per
///   name (instance-sorted but for the last), written before the definition.
/// - A `$name` not bound in the current scope but in an enclosing one becomes an
///   `alias outer` (not shared between uses, like the reference assembler does).
/// - Strict index mode: at component level, a core item is `(core func …)`, never
///   `(func …)`, and an export name goes inside the nested reference
///   (`(memory (core memory $i "m"))`, not `(memory $i "m")`). `legacyIndices`
///   accepts the old forms.
extension ComponentParser {
    /// A bare `idx` of `sort`.
    mutating func index(_ sort: ComponentSort) throws(TextError) -> UInt32 {
        try resolve(try cursor.expectIndex("\(sort.name) index"), sort)
    }

    /// Resolves `ref` in the current scope, or in an enclosing one through an implied
    /// outer alias.
    mutating func resolve(_ ref: IndexRef, _ sort: ComponentSort) throws(TextError) -> UInt32 {
        guard case .name(let name) = ref.form else { return try scopes[top].resolve(sort, ref, in: source) }
        if let i = scopes[top].lookup(sort, name) { return i }
        // Module types have no aliases but explicit outer type aliases.
        guard scopes[top].kind != .moduleType else { return try scopes[top].resolve(sort, ref, in: source) }
        var depth: UInt32 = 1
        for outer in scopes.dropLast().reversed() {
            if let i = outer.lookup(sort, name) {
                guard Self.isOuterAliasable(sort) else {
                    throw cursor.error("outer item `\(name)` is not a module, type, or component", at: ref.offset)
                }
                scopes[top].addImpliedAlias(Alias(sort: sort, target: .outer(count: depth, index: i), offset: ref.offset))
                return try scopes[top].define(sort, nil, in: source)
            }
            depth += 1
        }
        throw cursor.error("unknown \(sort.name) $\(name)", at: ref.offset)
    }

    /// The sorts an outer alias may refer to.
    static func isOuterAliasable(_ sort: ComponentSort) -> Bool {
        switch sort {
        case .core(.module), .core(.type), .type, .component: true
        default: false
        }
    }

    /// After `(sort` (and `core` for core sorts): `idx name*)`.
    mutating func sortIndexRest(_ sort: ComponentSort) throws(TextError) -> UInt32 {
        let ref = try cursor.expectIndex("\(sort.name) index")
        let index = try exportProjection(from: ref, sort)
        try cursor.expectRParen()
        return index
    }

    /// `idx` followed by export names: the index itself without names, else the alias
    /// chain that projects the named export out of instance `idx`.
    mutating func exportProjection(from ref: IndexRef, _ sort: ComponentSort) throws(TextError) -> UInt32 {
        var names: [(String, Int)] = []
        while cursor.peek().kind == .string {
            let offset = cursor.offset
            names.append((try cursor.expectName(), offset))
        }
        guard !names.isEmpty else { return try resolve(ref, sort) }
        if case .core(let s) = sort, s != .module {
            guard names.count == 1 else {
                throw cursor.error("a core instance export cannot be projected further", at: names[1].1)
            }
            let instance = try resolve(ref, .core(.instance))
            scopes[top].addImpliedAlias(Alias(sort: sort, target: .coreInstanceExport(instance: instance, name: names[0].0), offset: ref.offset))
            return try scopes[top].define(sort, nil, in: source)
        }
        var instance = try resolve(ref, .instance)
        for (k, (name, _)) in names.enumerated() {
            let s: ComponentSort = k == names.count - 1 ? sort : .instance
            scopes[top].addImpliedAlias(Alias(sort: s, target: .instanceExport(instance: instance, name: name), offset: ref.offset))
            instance = try scopes[top].define(s, nil, in: source)
        }
        return instance
    }

    /// `{X}idx ::= idx | (X idx name*)` for a component sort.
    mutating func indexOrSortIndex(_ sort: ComponentSort) throws(TextError) -> UInt32 {
        if cursor.isLParen, let keyword = Self.keyword(of: sort), cursor.isAtom(keyword, 1) {
            cursor.index += 2
            return try sortIndexRest(sort)
        }
        return try index(sort)
    }

    /// `core-prefix(core:{X}idx) ::= idx | (core X idx name*)` at component level.
    /// Legacy forms: `(X idx name*)` and `idx "name"`.
    mutating func coreIndex(_ sort: CoreSort) throws(TextError) -> UInt32 {
        let keyword = sort.name
        if let ref = try cursor.takeIndex() {
            if cursor.peek().kind == .string, !legacyIndices {
                throw cursor.error("an export name must be written inside a nested reference: `(\(keyword) $i \"name\")` should be written `(\(keyword) (core \(keyword) $i \"name\"))`\(Self.legacyHint)")
            }
            return try exportProjection(from: ref, .core(sort))
        }
        if cursor.isLParen, cursor.isAtom("core", 1), cursor.isAtom(keyword, 2) {
            cursor.index += 3
            return try sortIndexRest(.core(sort))
        }
        if cursor.isList(keyword) {
            guard legacyIndices else { throw coreKeywordRequired(keyword) }
            cursor.index += 2
            return try sortIndexRest(.core(sort))
        }
        throw cursor.unexpected("a core \(keyword) index")
    }

    /// The strict-mode error for `(func …)` where `(core func …)` is meant; the cursor
    /// is at the `(`.
    func coreKeywordRequired(_ keyword: String) -> TextError {
        cursor.error("the `core` keyword is required in this reference: `(\(keyword) ...)` should be written `(core \(keyword) ...)`\(Self.legacyHint)",
                     at: cursor.peek(1).offset)
    }

    static let legacyHint = " (or set WAST_STRICT_COMPONENT_INDICES=0 to accept the legacy syntax)"

    /// `externidx ::= (sort idx name*)`, `core` included: what an export or an
    /// instantiation argument refers to.
    mutating func externIndex() throws(TextError) -> ComponentSortIndex {
        try cursor.expectLParen()
        let sort = try sortKeyword(insideCore: false)
        return ComponentSortIndex(sort: sort, index: try sortIndexRest(sort))
    }

    /// A sort keyword after `(`: `func`, `value`, `type`, `component`, `instance`, or
    /// `core` and a core sort. Inside core definitions (`insideCore`) the core sorts are
    /// written without `core`.
    mutating func sortKeyword(insideCore: Bool) throws(TextError) -> ComponentSort {
        let t = cursor.peek()
        if insideCore {
            guard let s = cursor.atom().flatMap({ CoreSort.keywords[$0] }) else { throw cursor.unexpected("a core sort") }
            cursor.next()
            return .core(s)
        }
        if cursor.takeAtom("core") {
            guard let s = cursor.atom().flatMap({ CoreSort.keywords[$0] }) else { throw cursor.unexpected("a core sort") }
            cursor.next()
            return .core(s)
        }
        switch t.kind == .atom ? t.text : "" {
        case "func": cursor.next(); return .function
        case "value": cursor.next(); return .value
        case "type": cursor.next(); return .type
        case "component": cursor.next(); return .component
        case "instance": cursor.next(); return .instance
        default: throw cursor.unexpected("a sort (`func`, `value`, `type`, `component`, `instance` or `core …`)")
        }
    }

    /// The keyword that spells a component sort (nil for core sorts).
    static func keyword(of sort: ComponentSort) -> String? {
        switch sort {
        case .function: "func"
        case .value: "value"
        case .type: "type"
        case .component: "component"
        case .instance: "instance"
        case .core: nil
        }
    }

    // MARK: Aliases

    /// `(alias export idx "name" (sort $id?))`, `(alias core export idx "name" (core
    /// sort $id?))`, `(alias outer idx idx (sort $id?))`; `(alias` consumed.
    mutating func aliasDefinition(_ open: Token) throws(TextError) {
        let target = try aliasTargetAsWritten()
        try cursor.expectLParen()
        let sort = try sortKeyword(insideCore: false)
        let id = cursor.takeId()
        try cursor.expectRParen()
        try cursor.expectRParen()
        let alias = Alias(sort: sort, target: try resolve(target, sort), offset: open.offset)
        try finish(.alias(alias), defining: sort, id)
    }

    /// An alias target before its sort is known.
    enum AliasTargetText {
        case export(IndexRef, String)
        case coreExport(IndexRef, String)
        case outer(IndexRef, IndexRef)
    }

    /// `export idx "name"`, `core export idx "name"` or `outer idx idx`.
    mutating func aliasTargetAsWritten() throws(TextError) -> AliasTargetText {
        if cursor.takeAtom("core") {
            try cursor.expectAtom("export")
            let instance = try cursor.expectIndex("a core instance index")
            return .coreExport(instance, try cursor.expectName())
        }
        if cursor.takeAtom("export") {
            let instance = try cursor.expectIndex("an instance index")
            return .export(instance, try cursor.expectName())
        }
        if cursor.takeAtom("outer") {
            let scope = try cursor.expectIndex("an enclosing component")
            return .outer(scope, try cursor.expectIndex("an index"))
        }
        throw cursor.unexpected("`export`, `core export` or `outer`")
    }

    mutating func resolve(_ target: AliasTargetText, _ sort: ComponentSort) throws(TextError) -> Alias.Target {
        switch target {
        case .export(let i, let name): return .instanceExport(instance: try resolve(i, .instance), name: name)
        case .coreExport(let i, let name): return .coreInstanceExport(instance: try resolve(i, .core(.instance)), name: name)
        case .outer(let scope, let item):
            let (count, index) = try outerTarget(scope, item, sort)
            return .outer(count: count, index: index)
        }
    }

    /// Whether `(alias …target…)` comes next, the inverted alias form of a definition
    /// (`(func $f (alias export $i "f"))`): its target and nothing else, where an alias
    /// definition ends with its `(sort $id?)`.
    func isInvertedAlias() -> Bool {
        guard cursor.isList("alias") else { return false }
        var probe = cursor
        probe.index += 2
        while !probe.isLParen && !probe.isRParen && !probe.atEnd { probe.next() }
        return probe.isRParen
    }

    /// The inverted alias form inside a definition of `sort`: `(alias …target…)`,
    /// with the `(alias` next.
    mutating func invertedAlias(_ sort: ComponentSort) throws(TextError) -> Alias {
        let offset = cursor.offset
        cursor.index += 2
        let target = try aliasTargetAsWritten()
        try cursor.expectRParen()
        return Alias(sort: sort, target: try resolve(target, sort), offset: offset)
    }

    /// `idx idx` of an outer alias: how many scopes out (a number or a scope's `$id`)
    /// and the index in that scope.
    mutating func outerTarget(_ scopeRef: IndexRef, _ itemRef: IndexRef, _ sort: ComponentSort) throws(TextError) -> (UInt32, UInt32) {
        let depth: Int
        switch scopeRef.form {
        case .number(let n): depth = Int(n)
        case .name(let name):
            guard let i = scopes.lastIndex(where: { $0.id == name }) else {
                throw cursor.error("outer component `\(name)` not found", at: scopeRef.offset)
            }
            depth = top - i
        }
        guard depth <= top else {
            if case .number(let n) = itemRef.form { return (UInt32(depth), n) }
            throw cursor.error("outer count of \(depth) is too large", at: scopeRef.offset)
        }
        let index = try scopes[top - depth].resolve(sort, itemRef, in: source)
        return (UInt32(depth), index)
    }
}
