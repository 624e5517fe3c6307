/// The resolved types of a validated component: every type the validator met or built,
/// stored once in an arena and named by small typed identities.
///
/// Why an arena: component types nest (instance types inside component types inside
/// components), refer to each other, and must be *compared* structurally while resources
/// are compared by *identity*. Giving every type an identity (`ComponentTypeID`) makes
/// both cheap: structure is reached by a subscript, and a resource is equal only to itself
/// (`ResourceID`). Identities are global to one `ComponentValidator.validate` call: the
/// root `ValidatedComponent` and all its nested ones share one arena.
///
/// A type import or export with an `eq` bound gets a *new* `ComponentTypeID` holding the
/// same entry: it is structurally equal to the original, but is a distinct *name*, which
/// is what the external-visibility rules ("type not valid to be used as export") track.
public struct ComponentTypeArena: Sendable {
    public internal(set) var entries: [ComponentTypeEntry] = []
    public internal(set) var resources: [ResourceInfo] = []
    public internal(set) var coreModules: [CoreModuleType] = []
    public internal(set) var coreInstances: [CoreInstanceType] = []
    /// For a type that renames another (an `eq` bound, or exporting a type), the type it
    /// renames. The entry holds a structural copy; this link is what tells *which* named
    /// type is meant, as WIT needs to print an interface's `use` of another's type.
    public internal(set) var renamedTypes: [ComponentTypeID: ComponentTypeID] = [:]

    public init() {}

    public subscript(_ id: ComponentTypeID) -> ComponentTypeEntry { entries[id.index] }
    public subscript(_ id: ResourceID) -> ResourceInfo { resources[id.index] }
    public subscript(_ id: CoreModuleTypeID) -> CoreModuleType { coreModules[id.index] }
    public subscript(_ id: CoreInstanceTypeID) -> CoreInstanceType { coreInstances[id.index] }

    mutating func add(_ entry: ComponentTypeEntry) -> ComponentTypeID {
        entries.append(entry)
        return ComponentTypeID(index: entries.count - 1)
    }

    mutating func add(_ resource: ResourceInfo) -> ResourceID {
        resources.append(resource)
        return ResourceID(index: resources.count - 1)
    }

    mutating func add(_ module: CoreModuleType) -> CoreModuleTypeID {
        coreModules.append(module)
        return CoreModuleTypeID(index: coreModules.count - 1)
    }

    mutating func add(_ instance: CoreInstanceType) -> CoreInstanceTypeID {
        coreInstances.append(instance)
        return CoreInstanceTypeID(index: coreInstances.count - 1)
    }

    /// A fresh resource entry: a new resource identity and a type naming it.
    mutating func addResource(_ resource: ResourceInfo) -> ComponentTypeID {
        add(.resource(add(resource)))
    }

    /// The type `id` is a new name for, or nil when it is not a renaming.
    public func renamed(_ id: ComponentTypeID) -> ComponentTypeID? { renamedTypes[id] }

    mutating func recordRenaming(_ id: ComponentTypeID, of original: ComponentTypeID) {
        renamedTypes[id] = original
    }

    /// The defined value type `id` names, or nil when it names another kind of type.
    public func valueType(_ id: ComponentTypeID) -> DefinedValueType? {
        if case .value(let v) = self[id] { return v }
        return nil
    }

    /// The resource a type names, or nil when it is not a resource type.
    public func resource(_ id: ComponentTypeID) -> ResourceID? {
        if case .resource(let r) = self[id] { return r }
        return nil
    }

    public func function(_ id: ComponentTypeID) -> ComponentFunctionType? {
        if case .function(let f) = self[id] { return f }
        return nil
    }

    public func instance(_ id: ComponentTypeID) -> ComponentInstanceType? {
        if case .instance(let i) = self[id] { return i }
        return nil
    }

    public func component(_ id: ComponentTypeID) -> ComponentComponentType? {
        if case .component(let c) = self[id] { return c }
        return nil
    }
}

/// A type of the component type index spaces (defined value, function, instance,
/// component or resource type), as an index into `ComponentTypeArena.entries`.
public struct ComponentTypeID: Hashable, Sendable, CustomStringConvertible {
    public let index: Int
    public var description: String { "type#\(index)" }
}

/// The identity of a resource type. Two resource types are equal exactly when their
/// identities are (resources are generative: each definition, and each abstract import or
/// export, makes a new one).
public struct ResourceID: Hashable, Sendable {
    public let index: Int
}

public struct CoreModuleTypeID: Hashable, Sendable {
    public let index: Int
}

public struct CoreInstanceTypeID: Hashable, Sendable {
    public let index: Int
}

/// What a `ComponentTypeID` names.
public enum ComponentTypeEntry: Hashable, Sendable {
    case value(DefinedValueType)
    case function(ComponentFunctionType)
    case instance(ComponentInstanceType)
    case component(ComponentComponentType)
    case resource(ResourceID)
}

/// Where a resource comes from, which decides what a component may do with it:
/// `resource.new`/`resource.rep` only on resources it defines, and the runtime makes a
/// fresh resource per instance for defined ones while abstract ones are supplied from outside.
public struct ResourceInfo: Hashable, Sendable {
    public enum Origin: Hashable, Sendable {
        /// `(type (resource (rep i32) (dtor f)?))`: the representation and the destructor
        /// (a core function index of the defining component).
        case defined(representation: ValueType, destructor: UInt32?)
        /// `(sub resource)` in an import, or in an instance or component type: a resource
        /// some other party provides.
        case abstract
    }
    public var origin: Origin
    /// For `defined` resources, the serial number of the component definition that
    /// defined it (components numbered in pre-order, the root being 0);
    /// `resource.new` and `resource.rep` must be used in that component.
    public var definingComponent: Int?

    public init(origin: Origin, definingComponent: Int? = nil) {
        self.origin = origin
        self.definingComponent = definingComponent
    }

    public var isDefined: Bool {
        if case .defined = origin { return true }
        return false
    }
}

/// A component-level value type: a primitive, or a defined value type in the arena.
public enum ComponentValueType: Hashable, Sendable {
    case primitive(PrimitiveValueType)
    case defined(ComponentTypeID)
}

/// A `defvaltype` with its indices resolved.
public enum DefinedValueType: Hashable, Sendable {
    public struct Field: Hashable, Sendable {
        public var label: String
        public var type: ComponentValueType
    }
    public struct Case: Hashable, Sendable {
        public var label: String
        public var type: ComponentValueType?
    }

    case primitive(PrimitiveValueType)
    case record([Field])
    case variant([Case])
    case list(ComponentValueType)
    case fixedSizeList(ComponentValueType, length: UInt32)
    case tuple([ComponentValueType])
    case flags([String])
    case `enum`([String])
    case option(ComponentValueType)
    case result(ok: ComponentValueType?, error: ComponentValueType?)
    /// A handle; the identity is a resource type of the arena (its `ResourceID` decides
    /// equality, the type identity decides whether it is named).
    case own(ComponentTypeID)
    case borrow(ComponentTypeID)
    case stream(ComponentValueType?)
    case future(ComponentValueType?)
    case map(key: ComponentValueType, value: ComponentValueType)

    /// The type constructor's name, as mismatch messages use it.
    public var kindName: String {
        switch self {
        case .primitive(let p): p.name
        case .record: "record"
        case .variant: "variant"
        case .list, .fixedSizeList: "list"
        case .tuple: "tuple"
        case .flags: "flags"
        case .enum: "enum"
        case .option: "option"
        case .result: "result"
        case .own: "own"
        case .borrow: "borrow"
        case .stream: "stream"
        case .future: "future"
        case .map: "map"
        }
    }

    /// Whether the type must have an externally visible name to appear in the type of an
    /// import or export (resources are handled through their handles).
    var needsName: Bool {
        switch self {
        case .record, .variant, .flags, .enum: true
        default: false
        }
    }
}

/// A component function type: named parameters (in order) and at most one result.
public struct ComponentFunctionType: Hashable, Sendable {
    public struct Parameter: Hashable, Sendable {
        public var name: String
        public var type: ComponentValueType
    }
    public var isAsync: Bool
    public var parameters: [Parameter]
    public var result: ComponentValueType?
}

/// A named, typed item of an import or export list.
public struct ComponentTypedName: Hashable, Sendable {
    public var name: String
    public var type: ComponentEntityType
}

/// The type of an instance: its exports in order. `abstractResources` are the resources
/// its `(sub resource)` exports introduce; importing the instance makes fresh ones.
public struct ComponentInstanceType: Hashable, Sendable {
    public var exports: [ComponentTypedName]
    public var abstractResources: [ResourceID]

    public func export(named name: String) -> ComponentEntityType? {
        exports.first { $0.name == name }?.type
    }
}

/// The type of a component: imports and exports in order. `importedResources` are the
/// abstract resources the imports introduce (instantiation substitutes the arguments'
/// resources for them); `exportedResources` are those its exports introduce (each
/// instantiation makes fresh ones).
public struct ComponentComponentType: Hashable, Sendable {
    public var imports: [ComponentTypedName]
    public var exports: [ComponentTypedName]
    public var importedResources: [ResourceID]
    public var exportedResources: [ResourceID]
}

/// What an import or export is (`externtype`), resolved.
public enum ComponentEntityType: Hashable, Sendable {
    case module(CoreModuleTypeID)
    case function(ComponentTypeID)
    case value(ComponentValueType)
    /// A type import or export: the type the new index names (for `(sub resource)` a
    /// fresh abstract resource, for `(eq t)` a new identity equal to `t`).
    case type(ComponentTypeID)
    case instance(ComponentTypeID)
    case component(ComponentTypeID)

    public var sortName: String {
        switch self {
        case .module: "module"
        case .function: "func"
        case .value: "value"
        case .type: "type"
        case .instance: "instance"
        case .component: "component"
        }
    }
}

// MARK: Core types

/// The type of a core item as the component model sees it (imports and exports of core
/// modules and instances).
public enum CoreExternType: Hashable, Sendable {
    case function(FunctionType)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    case tag(FunctionType)

    public var kindName: String {
        switch self {
        case .function: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        }
    }
}

public struct CoreModuleType: Hashable, Sendable {
    public struct Import: Hashable, Sendable {
        public var module: String
        public var name: String
        public var type: CoreExternType
    }
    public struct Export: Hashable, Sendable {
        public var name: String
        public var type: CoreExternType
    }
    public var imports: [Import]
    public var exports: [Export]
}

/// The exports of a core instance, in order.
public struct CoreInstanceType: Hashable, Sendable {
    public var exports: [CoreModuleType.Export]

    public func export(named name: String) -> CoreExternType? {
        exports.first { $0.name == name }?.type
    }
}

/// An entry of a component's core type index space.
public enum CoreTypeSlot: Hashable, Sendable {
    /// A core rec-group member (function, struct or array type).
    case subtype(SubType)
    case module(CoreModuleTypeID)
}
