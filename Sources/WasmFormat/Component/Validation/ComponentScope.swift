/// The index spaces and bookkeeping of one scope under validation: a component
/// definition, a component type or an instance type (outer aliases count scopes of all
/// three kinds).
///
/// Every definition appends to an index space; later definitions refer to earlier ones
/// only, so the spaces are plain arrays grown in definition order.
struct ComponentScope {
    enum Kind { case component, componentType, instanceType }

    let kind: Kind

    var coreTypes: [CoreTypeSlot] = []
    var coreModules: [CoreModuleTypeID] = []
    var coreInstances: [CoreInstanceTypeID] = []
    var coreFunctions: [FunctionType] = []
    var coreTables: [TableType] = []
    var coreMemories: [MemoryType] = []
    var coreGlobals: [GlobalType] = []
    var coreTags: [FunctionType] = []

    var types: [ComponentTypeID] = []
    var functions: [ComponentTypeID] = []
    var values: [ComponentValueType] = []
    /// Whether each value has been consumed (values must be used exactly once).
    var valueUsed: [Bool] = []
    var instances: [ComponentTypeID] = []
    var components: [ComponentTypeID] = []

    var imports: [ComponentTypedName] = []
    var exports: [ComponentTypedName] = []
    var importNames = StronglyUniqueNames()
    var exportNames = StronglyUniqueNames()

    /// Abstract resources the imports introduced (instantiation substitutes for them).
    var importedResources: [ResourceID] = []
    /// Resources this scope defines or that its exports and instantiations introduce
    /// (each instantiation of the component makes fresh ones).
    var definedResources: [ResourceID] = []

    /// Type identities with an externally visible name: introduced by a type import,
    /// or by an export (named only for later exports, never for imports).
    var importNamedTypes: Set<ComponentTypeID> = []
    var exportNamedTypes: Set<ComponentTypeID> = []

    /// The plain names of the imports (or exports) of each resource, for the
    /// `[constructor]`, `[method]` and `[static]` rules.
    var importedResourceNames: [ResourceID: [String]] = [:]
    var exportedResourceNames: [ResourceID: [String]] = [:]

    var modules: [ValidatedModule] = []
    var nested: [ValidatedComponent] = []

    init(kind: Kind) {
        self.kind = kind
    }

    /// Appends an item of `sort` with entity type `type` to its index space.
    mutating func add(_ type: ComponentEntityType) {
        switch type {
        case .module(let m): coreModules.append(m)
        case .function(let f): functions.append(f)
        case .value(let v):
            values.append(v)
            valueUsed.append(false)
        case .type(let t): types.append(t)
        case .instance(let i): instances.append(i)
        case .component(let c): components.append(c)
        }
    }

    /// Appends a core item to its index space.
    mutating func add(_ type: CoreExternType) {
        switch type {
        case .function(let f): coreFunctions.append(f)
        case .table(let t): coreTables.append(t)
        case .memory(let m): coreMemories.append(m)
        case .global(let g): coreGlobals.append(g)
        case .tag(let t): coreTags.append(t)
        }
    }
}
