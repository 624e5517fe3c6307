import WasmFormat

/// One definition as the text parser produces it, before it is grouped into sections
/// (component scopes) or turned into a declaration (component and instance types).
enum ScopeItem {
    case coreModule(NestedModule)
    case coreInstance(CoreInstance)
    case coreType(CoreTypeDefinition)
    case component(NestedComponent)
    case instance(ComponentInstance)
    case alias(Alias)
    case type(ComponentTypeDefinition)
    case canon(Canon)
    case start(ComponentStart)
    case `import`(ComponentImport)
    case export(ComponentExport)
    /// An `(export …)` declarator of a component or instance type.
    case exportDeclaration(ExternName, ComponentExternType)
    case custom(CustomSection)
}

/// The index spaces and output of one component, component type or instance type.
///
/// Components are acyclic — a definition may only name what precedes it — so every
/// definition is numbered the moment it is added and references resolve as they are
/// read. What the text writes inline is moved out the way the reference assembler moves
/// it: inline type definitions and inline instances become definitions of their own
/// before the definition that uses them ("hoisted", in textual post-order, each preceded
/// by the aliases it needs), then come the aliases the definition itself needs (inline
/// export aliases, outer aliases), then the definition, then its inline exports.
struct ComponentScope {
    enum Kind {
        case component, componentType, instanceType
        /// A core module type: only its core type space means anything; it is a scope
        /// so that outer aliases count it.
        case moduleType
    }

    let kind: Kind
    /// The scope's `$id`, which `(alias outer $id …)` may name.
    let id: String?
    private(set) var spaces: [IndexSpace] = ComponentScope.spaceKinds.map { IndexSpace(kind: $0) }
    private(set) var items: [ScopeItem] = []
    private var trailingExports: [ComponentExport] = []
    /// Indices, by space, whose names the name section leaves out.
    private var unlisted: [Int: Set<UInt32>] = [:]
    /// Whether a `(start …)` was read: a component has one at most.
    var hasStart = false

    /// Definitions moved out of the definition being read, in order.
    private var hoisted: [ScopeItem] = []
    /// Aliases the definition being read needs.
    private var definitionAliases: [ScopeItem] = []
    /// How many inline definitions being hoisted enclose the reader's position: aliases
    /// needed there go before the hoisted definition, not before the outer one.
    private var hoistDepth = 0

    init(kind: Kind, id: String?) {
        self.kind = kind
        self.id = id
    }

    // MARK: Index spaces

    /// The 13 index spaces, in the order of `space(_:)`; the strings name them in messages.
    private static let spaceKinds = [
        "core func", "core table", "core memory", "core global", "core tag", "core type",
        "core module", "core instance", "func", "value", "type", "component", "instance",
    ]

    static func space(_ sort: ComponentSort) -> Int {
        switch sort {
        case .core(let s):
            switch s {
            case .function: 0
            case .table: 1
            case .memory: 2
            case .global: 3
            case .tag: 4
            case .type: 5
            case .module: 6
            case .instance: 7
            }
        case .function: 8
        case .value: 9
        case .type: 10
        case .component: 11
        case .instance: 12
        }
    }

    static let sorts: [ComponentSort] = [
        .core(.function), .core(.table), .core(.memory), .core(.global), .core(.tag), .core(.type),
        .core(.module), .core(.instance), .function, .value, .type, .component, .instance,
    ]

    func count(_ sort: ComponentSort) -> UInt32 { spaces[Self.space(sort)].count }

    /// Adds a definition of `sort`, binding `name` when given; returns its index.
    @discardableResult
    mutating func define(_ sort: ComponentSort, _ name: Token?, in source: SourceText) throws(TextError) -> UInt32 {
        try spaces[Self.space(sort)].add(name, in: source)
    }

    /// The core type space, for the core type parser.
    var coreTypes: IndexSpace { spaces[Self.space(.core(.type))] }

    /// Like `define`, but the name stays out of the `component-name` section, as the
    /// reference assembler leaves out the values a start function results in.
    @discardableResult
    mutating func defineUnlisted(_ sort: ComponentSort, _ name: Token?, in source: SourceText) throws(TextError) -> UInt32 {
        let index = try define(sort, name, in: source)
        if name != nil { unlisted[Self.space(sort), default: []].insert(index) }
        return index
    }

    /// The index `name` is bound to in this scope, if any.
    func lookup(_ sort: ComponentSort, _ name: String) -> UInt32? {
        spaces[Self.space(sort)].indexByName[name]
    }

    func resolve(_ sort: ComponentSort, _ ref: IndexRef, in source: SourceText) throws(TextError) -> UInt32 {
        try spaces[Self.space(sort)].resolve(ref, in: source)
    }

    // MARK: Output

    /// Starts reading an inline definition that will be hoisted.
    mutating func beginHoisting() { hoistDepth += 1 }

    /// Ends an inline definition: it goes out before the definition that contains it.
    mutating func endHoisting(_ item: ScopeItem) {
        hoistDepth -= 1
        hoisted.append(item)
    }

    /// An alias the text implies (inline export alias, outer alias).
    mutating func addImpliedAlias(_ alias: Alias) {
        if hoistDepth > 0 { hoisted.append(.alias(alias)) } else { definitionAliases.append(.alias(alias)) }
    }

    /// Ends a definition: what it implied, then itself.
    mutating func finish(_ item: ScopeItem) {
        items.append(contentsOf: hoisted)
        items.append(contentsOf: definitionAliases)
        hoisted.removeAll()
        definitionAliases.removeAll()
        items.append(item)
    }

    /// An inline export (`(func (export "f") …)`): it goes after every definition of
    /// the component.
    mutating func addTrailingExport(_ export: ComponentExport) {
        trailingExports.append(export)
    }

    /// Writes the inline exports out; each introduces an index of its sort.
    mutating func close(in source: SourceText) throws(TextError) {
        for e in trailingExports {
            items.append(.export(e))
            try define(e.item.sort, nil, in: source)
        }
        trailingExports.removeAll()
    }

    // MARK: Results

    /// The component's sections: consecutive definitions of one kind share a section,
    /// as the reference assembler groups them.
    func sections() -> [ComponentSection] {
        var sections: [ComponentSection] = []
        for item in items {
            switch item {
            case .coreModule(let m): sections.append(.coreModule(m))
            case .component(let c): sections.append(.component(c))
            case .start(let s): sections.append(.start(s))
            case .custom(let c): sections.append(.custom(c))
            case .coreInstance(let x):
                if case .coreInstances(var v)? = sections.last { v.append(x); sections[sections.count - 1] = .coreInstances(v) } else { sections.append(.coreInstances([x])) }
            case .coreType(let x):
                if case .coreTypes(var v)? = sections.last { v.append(x); sections[sections.count - 1] = .coreTypes(v) } else { sections.append(.coreTypes([x])) }
            case .instance(let x):
                if case .instances(var v)? = sections.last { v.append(x); sections[sections.count - 1] = .instances(v) } else { sections.append(.instances([x])) }
            case .alias(let x):
                if case .aliases(var v)? = sections.last { v.append(x); sections[sections.count - 1] = .aliases(v) } else { sections.append(.aliases([x])) }
            case .type(let x):
                if case .types(var v)? = sections.last { v.append(x); sections[sections.count - 1] = .types(v) } else { sections.append(.types([x])) }
            case .canon(let x):
                if case .canons(var v)? = sections.last { v.append(x); sections[sections.count - 1] = .canons(v) } else { sections.append(.canons([x])) }
            case .import(let x):
                if case .imports(var v)? = sections.last { v.append(x); sections[sections.count - 1] = .imports(v) } else { sections.append(.imports([x])) }
            case .export(let x):
                if case .exports(var v)? = sections.last { v.append(x); sections[sections.count - 1] = .exports(v) } else { sections.append(.exports([x])) }
            case .exportDeclaration:
                // NB: the parser only produces declarations inside type scopes.
                break
            }
        }
        return sections
    }

    /// The declarations of an instance type (`kind == .instanceType`).
    func instanceDeclarations() -> [InstanceTypeDeclaration] {
        items.compactMap(Self.instanceDeclaration)
    }

    /// The declarations of a component type (`kind == .componentType`).
    func componentDeclarations() -> [ComponentTypeDeclaration] {
        items.compactMap { item in
            if case .import(let i) = item { return .import(i.name, i.type) }
            return Self.instanceDeclaration(item).map { .instance($0) }
        }
    }

    private static func instanceDeclaration(_ item: ScopeItem) -> InstanceTypeDeclaration? {
        switch item {
        case .coreType(let t): .coreType(t)
        case .type(let t): .type(t)
        case .alias(let a): .alias(a)
        case .exportDeclaration(let name, let type): .export(name, type)
        default: nil
        }
    }

    /// The `component-name` section's content: the identifiers of this scope, or nil
    /// when nothing is named (the reference assembler then writes no section).
    func nameSection() -> ComponentNameSection? {
        var n = ComponentNameSection()
        n.componentName = id
        for (i, sort) in Self.sorts.enumerated() {
            let names = spaces[i].names.filter { !(unlisted[i]?.contains($0.key) ?? false) }
            if !names.isEmpty { n.names[sort] = names }
        }
        return n.componentName == nil && n.names.isEmpty ? nil : n
    }
}
