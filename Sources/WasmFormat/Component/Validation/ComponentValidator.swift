/// Validates a component as the component model's `Explainer.md` and `Binary.md` say,
/// producing the resolved types the component runtime needs (`ValidatedComponent`).
///
/// ```swift
/// let component = try ComponentDecoder().decode(bytes)
/// let validated = try ComponentValidator().validate(component)
/// ```
///
/// Nested core modules are validated by `ModuleValidator`. The component proposals
/// accepted are those `features` names (by default wasm-tools' defaults; see
/// `ComponentFeatures` for what is gated and what is always accepted).
///
/// Errors are `WasmError`s of kind `.invalid` whose message begins with wasm-tools'
/// wording where the conformance suites compare it ("type index 0 is not a function
/// type", "canonical option `memory` is required", …), with a byte offset: the item's own
/// when the syntax tree records one, otherwise the enclosing definition's.
public struct ComponentValidator: Sendable {
    /// The component model proposals the component may use.
    public var features: ComponentFeatures
    /// The proposals nested core modules may use.
    public var moduleFeatures: WasmFeatures

    public init(features: ComponentFeatures = .default, moduleFeatures: WasmFeatures = .all) {
        self.features = features
        self.moduleFeatures = moduleFeatures
    }

    public func validate(_ component: Component) throws(WasmError) -> ValidatedComponent {
        var checker = ComponentChecker(features: features, moduleFeatures: moduleFeatures)
        var validated = try checker.validateComponent(component, offset: 0)
        validated.share(checker.arena)
        return validated
    }

    /// Implementation limit on the size of one type (its constructors, counted through
    /// every reference), as wasmparser's: it keeps type comparisons and substitutions
    /// linear in the input even when types refer to each other many times over.
    public static let maximumTypeSize = 1_000_000
}

/// The validation walk: a stack of scopes (components, component types, instance types)
/// and the arena all of them add types to. The rules live in extensions by subject.
struct ComponentChecker {
    var arena = ComponentTypeArena()
    var scopes: [ComponentScope] = []
    let features: ComponentFeatures
    let moduleFeatures: WasmFeatures
    /// Offset of the definition being validated, for items the tree gives no offset.
    var offset = 0
    /// Serial number of the next component definition (pre-order; the root is 0).
    var nextComponentSerial = 0
    /// Serial numbers of the component definitions on the scope stack.
    var componentSerials: [Int] = []
    /// The size (`ComponentValidator.maximumTypeSize`) of every arena entry, by index.
    var typeSizes: [Int] = []
    /// The type of the context slots (`context.get`/`context.set`), once used, by component serial.
    var contextSlotTypes: [Int: ValueType] = [:]
    /// The canonical ABI layout of every defined value type of the arena, by index.
    var layouts: [ValueTypeLayout?] = []

    init(features: ComponentFeatures, moduleFeatures: WasmFeatures) {
        self.features = features
        self.moduleFeatures = moduleFeatures
    }

    /// The innermost scope.
    var scope: ComponentScope {
        _read { yield scopes[scopes.count - 1] }
        _modify { yield &scopes[scopes.count - 1] }
    }

    func invalid(_ message: String) -> WasmError {
        .invalid(message, at: offset)
    }

    func invalid(_ message: String, at offset: Int) -> WasmError {
        .invalid(message, at: offset)
    }

    // MARK: Components

    mutating func validateComponent(_ component: Component, offset: Int) throws(WasmError) -> ValidatedComponent {
        self.offset = offset
        scopes.append(ComponentScope(kind: .component))
        componentSerials.append(nextComponentSerial)
        nextComponentSerial += 1
        defer { componentSerials.removeLast() }
        for section in component.sections {
            try validate(section)
        }
        return try finishComponent(component)
    }

    mutating func validate(_ section: ComponentSection) throws(WasmError) {
        switch section {
        case .custom:
            break
        case .coreModule(let m):
            try defineModule(m)
        case .coreInstances(let list):
            for i in list { try defineCoreInstance(i) }
        case .coreTypes(let list):
            for t in list { try defineCoreType(t) }
        case .component(let nested):
            let validated = try validateComponent(nested.component, offset: nested.offset)
            scope.components.append(validated.type)
            scope.nested.append(validated)
        case .instances(let list):
            for i in list { try defineInstance(i) }
        case .aliases(let list):
            for a in list { try defineAlias(a) }
        case .types(let list):
            for t in list { try defineType(t) }
        case .canons(let list):
            for c in list { try defineCanon(c) }
        case .start(let s):
            try defineStart(s)
        case .imports(let list):
            for i in list {
                offset = i.offset
                try defineImport(i.name, i.type)
            }
        case .exports(let list):
            for e in list { try defineExport(e) }
        }
    }

    /// Closes the innermost (component) scope: the value rule, then the component's type.
    mutating func finishComponent(_ component: Component) throws(WasmError) -> ValidatedComponent {
        let s = scope
        if let unused = s.valueUsed.firstIndex(of: false) {
            throw invalid("value index \(unused) was not used as part of an instantiation, start function, or export")
        }
        let type = try addType(.component(ComponentComponentType(
            imports: s.imports, exports: s.exports,
            importedResources: s.importedResources, exportedResources: s.definedResources)))
        scopes.removeLast()
        return ValidatedComponent(
            component: component, types: arena,
            functionTypes: s.functions, instanceTypes: s.instances, componentTypes: s.components,
            typeIndexSpace: s.types, valueTypes: s.values,
            coreModuleTypes: s.coreModules, coreInstanceTypes: s.coreInstances,
            coreFunctions: s.coreFunctions, coreTables: s.coreTables, coreMemories: s.coreMemories,
            coreGlobals: s.coreGlobals, coreTags: s.coreTags, coreTypes: s.coreTypes,
            imports: s.imports, exports: s.exports, type: type,
            modules: s.modules, nested: s.nested)
    }

    // MARK: Index space lookups

    func lookup<T>(_ space: [T], _ index: UInt32, _ what: String, _ spaceName: String? = nil) throws(WasmError) -> T {
        guard Int(index) < space.count else {
            throw invalid("unknown \(what) \(index): \(spaceName ?? what) index out of bounds")
        }
        return space[Int(index)]
    }

    func typeID(_ index: UInt32) throws(WasmError) -> ComponentTypeID {
        try lookup(scope.types, index, "type")
    }

    func functionTypeID(_ index: UInt32) throws(WasmError) -> ComponentTypeID {
        try lookup(scope.functions, index, "function")
    }

    func instanceTypeID(_ index: UInt32) throws(WasmError) -> ComponentTypeID {
        try lookup(scope.instances, index, "instance")
    }

    func componentTypeID(_ index: UInt32) throws(WasmError) -> ComponentTypeID {
        try lookup(scope.components, index, "component")
    }

    func coreModuleType(_ index: UInt32) throws(WasmError) -> CoreModuleTypeID {
        try lookup(scope.coreModules, index, "module")
    }

    func coreInstanceType(_ index: UInt32) throws(WasmError) -> CoreInstanceTypeID {
        try lookup(scope.coreInstances, index, "core instance", "instance")
    }

    func coreFunction(_ index: UInt32) throws(WasmError) -> FunctionType {
        try lookup(scope.coreFunctions, index, "core function", "function")
    }

    func coreMemory(_ index: UInt32) throws(WasmError) -> MemoryType {
        try lookup(scope.coreMemories, index, "memory")
    }

    func coreTable(_ index: UInt32) throws(WasmError) -> TableType {
        try lookup(scope.coreTables, index, "table")
    }

    /// The type of item `item` of the current scope, as an import or export would carry it.
    mutating func entityType(of item: ComponentSortIndex) throws(WasmError) -> ComponentEntityType {
        let i = item.index
        switch item.sort {
        case .core(.module): return .module(try coreModuleType(i))
        case .function: return .function(try functionTypeID(i))
        case .value:
            let v = try lookup(scope.values, i, "value")
            try useValue(i)
            return .value(v)
        case .type: return .type(try typeID(i))
        case .instance: return .instance(try instanceTypeID(i))
        case .component: return .component(try componentTypeID(i))
        case .core(let s):
            throw invalid("exporting a core \(s.name) is not allowed: only core modules may be exported or passed to components")
        }
    }

    /// Marks value `index` consumed; values are used exactly once.
    mutating func useValue(_ index: UInt32) throws(WasmError) {
        guard Int(index) < scope.valueUsed.count else { throw invalid("unknown value \(index): value index out of bounds") }
        guard !scope.valueUsed[Int(index)] else { throw invalid("value \(index) cannot be used more than once") }
        scope.valueUsed[Int(index)] = true
    }

    // MARK: The arena

    /// Adds a type to the arena, enforcing the type size limit.
    mutating func addType(_ entry: ComponentTypeEntry) throws(WasmError) -> ComponentTypeID {
        let size = typeSize(of: entry)
        guard size <= ComponentValidator.maximumTypeSize else {
            throw invalid("effective type size exceeds the limit of \(ComponentValidator.maximumTypeSize)")
        }
        var layout: ValueTypeLayout?
        if case .value(let d) = entry { layout = ValueTypeLayout.of(d) { self.layout($0) } }
        let id = arena.add(entry)
        typeSizes.append(size)
        layouts.append(layout)
        return id
    }

    /// A new identity for an existing type (what `eq` bounds and exports introduce).
    mutating func aliasType(_ id: ComponentTypeID) -> ComponentTypeID {
        typeSizes.append(typeSizes[id.index])
        layouts.append(layouts[id.index])
        let renaming = arena.add(arena[id])
        arena.recordRenaming(renaming, of: id)
        return renaming
    }

    mutating func addResource(_ info: ResourceInfo) -> (ComponentTypeID, ResourceID) {
        let r = arena.add(info)
        typeSizes.append(1)
        layouts.append(nil)
        return (arena.add(.resource(r)), r)
    }

    /// The canonical ABI layout of a value type.
    func layout(_ v: ComponentValueType) -> ValueTypeLayout {
        switch v {
        case .primitive(let p): return .primitive(p)
        case .defined(let id): return layouts[id.index] ?? .scalar(4, .i32)
        }
    }

    func typeSize(_ v: ComponentValueType) -> Int {
        if case .defined(let id) = v { return typeSizes[id.index] }
        return 1
    }

    func typeSize(_ e: ComponentEntityType) -> Int {
        switch e {
        case .module: 1
        case .value(let v): typeSize(v)
        case .function(let id), .type(let id), .instance(let id), .component(let id): typeSizes[id.index]
        }
    }

    func typeSize(of entry: ComponentTypeEntry) -> Int {
        var size = 1
        func add(_ v: ComponentValueType?) { if let v { size += typeSize(v) } }
        switch entry {
        case .value(let d):
            switch d {
            case .primitive, .flags, .enum, .own, .borrow: break
            case .record(let fs): for f in fs { add(f.type) }
            case .variant(let cs): for c in cs { add(c.type) }
            case .list(let t), .fixedSizeList(let t, _), .option(let t): add(t)
            case .tuple(let ts): for t in ts { add(t) }
            case .result(let ok, let error): add(ok); add(error)
            case .stream(let t), .future(let t): add(t)
            case .map(let k, let v): add(k); add(v)
            }
        case .function(let f):
            for p in f.parameters { add(p.type) }
            add(f.result)
        case .instance(let i):
            for e in i.exports { size += typeSize(e.type) }
        case .component(let c):
            for e in c.imports { size += typeSize(e.type) }
            for e in c.exports { size += typeSize(e.type) }
        case .resource:
            break
        }
        return size
    }
}
