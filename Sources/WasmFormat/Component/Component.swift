/// The syntax tree of a component (the `0d 00 01 00` layer of the binary format), as the
/// component model's `Binary.md` defines it.
///
/// It keeps the sections in order — index spaces are built definition by definition, so
/// the order is meaning — and byte offsets for messages. Nested core modules are decoded
/// core `Module`s that keep a slice of their bytes; nested components are `Component`s.
/// Indices are as written (no resolution): the validator resolves them and produces
/// the type information (`ComponentTypes`) the runtime and the WIT printer use.
public struct Component: Sendable {
    public var sections: [ComponentSection] = []

    public init(sections: [ComponentSection] = []) {
        self.sections = sections
    }

    /// The component `name` custom section, decoded, when present and well-formed.
    public var names: ComponentNameSection?
}

/// One section, in binary order. Sections that hold vectors keep their grouping so that
/// encoding gives the same sections back.
public enum ComponentSection: Sendable {
    case custom(CustomSection)
    case coreModule(NestedModule)
    case coreInstances([CoreInstance])
    case coreTypes([CoreTypeDefinition])
    case component(NestedComponent)
    case instances([ComponentInstance])
    case aliases([Alias])
    case types([ComponentTypeDefinition])
    case canons([Canon])
    case start(ComponentStart)
    case imports([ComponentImport])
    case exports([ComponentExport])
    // NB: `Binary.md`'s value section (id 12, 🪙) is not here: wasm-tools 1.262 neither
    // writes nor reads it ("malformed section id: 12"), so the decoder refuses it too.
    // Values still travel through imports, exports, instantiation and `start`.
}

/// A core module nested in a component: its tree and the bytes it was decoded from.
public struct NestedModule: Sendable {
    public var module: Module
    /// The module's own bytes (preamble included), a slice of the component's input.
    public var bytes: ArraySlice<UInt8>
    /// Byte offset of the module's first byte in the outermost binary.
    public var offset: Int

    public init(module: Module, bytes: ArraySlice<UInt8>, offset: Int) {
        self.module = module
        self.bytes = bytes
        self.offset = offset
    }
}

/// A component nested in a component.
public struct NestedComponent: Sendable {
    public var component: Component
    public var bytes: ArraySlice<UInt8>
    public var offset: Int

    public init(component: Component, bytes: ArraySlice<UInt8>, offset: Int) {
        self.component = component
        self.bytes = bytes
        self.offset = offset
    }
}

// MARK: Sorts and indices

/// A core sort: what a core index space holds.
public enum CoreSort: UInt8, Hashable, Sendable {
    case function = 0x00, table = 0x01, memory = 0x02, global = 0x03, tag = 0x04
    case type = 0x10, module = 0x11, instance = 0x12

    public var name: String {
        switch self {
        case .function: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        case .type: "type"
        case .module: "module"
        case .instance: "instance"
        }
    }
}

/// A component sort.
public enum ComponentSort: Hashable, Sendable {
    case core(CoreSort)
    case function
    case value
    case type
    case component
    case instance

    public var name: String {
        switch self {
        case .core(let s): "core \(s.name)"
        case .function: "func"
        case .value: "value"
        case .type: "type"
        case .component: "component"
        case .instance: "instance"
        }
    }
}

public struct CoreSortIndex: Hashable, Sendable {
    public var sort: CoreSort
    public var index: UInt32
    public init(sort: CoreSort, index: UInt32) {
        self.sort = sort
        self.index = index
    }
}

public struct ComponentSortIndex: Hashable, Sendable {
    public var sort: ComponentSort
    public var index: UInt32
    public init(sort: ComponentSort, index: UInt32) {
        self.sort = sort
        self.index = index
    }
}

// MARK: Instances

/// `(core instance …)`: instantiate a core module, or bundle core items as an instance.
public struct CoreInstance: Sendable {
    public enum Expression: Sendable {
        /// `(instantiate m (with "name" (instance i))*)`.
        case instantiate(module: UInt32, arguments: [CoreInstantiateArgument])
        /// `(export "name" (sort idx))*`.
        case exports([CoreInlineExport])
    }
    public var expression: Expression
    public var offset: Int
    public init(expression: Expression, offset: Int = 0) {
        self.expression = expression
        self.offset = offset
    }
}

public struct CoreInstantiateArgument: Hashable, Sendable {
    public var name: String
    /// A core instance index (the only sort core instantiation accepts for now).
    public var instance: UInt32
    public init(name: String, instance: UInt32) {
        self.name = name
        self.instance = instance
    }
}

public struct CoreInlineExport: Hashable, Sendable {
    public var name: String
    public var item: CoreSortIndex
    public init(name: String, item: CoreSortIndex) {
        self.name = name
        self.item = item
    }
}

/// `(instance …)`: instantiate a component, or bundle items as an instance.
public struct ComponentInstance: Sendable {
    public enum Expression: Sendable {
        case instantiate(component: UInt32, arguments: [ComponentInstantiateArgument])
        case exports([ComponentInlineExport])
    }
    public var expression: Expression
    public var offset: Int
    public init(expression: Expression, offset: Int = 0) {
        self.expression = expression
        self.offset = offset
    }
}

public struct ComponentInstantiateArgument: Hashable, Sendable {
    public var name: String
    public var item: ComponentSortIndex
    public init(name: String, item: ComponentSortIndex) {
        self.name = name
        self.item = item
    }
}

public struct ComponentInlineExport: Hashable, Sendable {
    public var name: ExternName
    public var item: ComponentSortIndex
    public init(name: ExternName, item: ComponentSortIndex) {
        self.name = name
        self.item = item
    }
}

// MARK: Aliases

public struct Alias: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// `(alias export i "name" (sort))`: an export of a component instance.
        case instanceExport(instance: UInt32, name: String)
        /// `(alias core export i "name" (core sort))`: an export of a core instance.
        case coreInstanceExport(instance: UInt32, name: String)
        /// `(alias outer ct idx (sort))`: an item of an enclosing scope.
        case outer(count: UInt32, index: UInt32)
    }
    public var sort: ComponentSort
    public var target: Target
    public var offset: Int
    public init(sort: ComponentSort, target: Target, offset: Int = 0) {
        self.sort = sort
        self.target = target
        self.offset = offset
    }

    public static func == (a: Self, b: Self) -> Bool { a.sort == b.sort && a.target == b.target }
    public func hash(into h: inout Hasher) { h.combine(sort); h.combine(target) }
}

// MARK: Imports, exports, start

/// An import or export name with its attributes.
///
/// The name itself follows the `externname` grammar: a plain name (`greet`), an
/// annotated one (`[constructor]counter`, `[method]counter.incr`, `[static]counter.make`),
/// or an interface name (`wasi:cli/run@0.2.9`), also `url=<…>`, `integrity=<…>` forms.
public struct ExternName: Hashable, Sendable, CustomStringConvertible {
    public enum Attribute: Hashable, Sendable {
        case implements(String)
        case versionSuffix(String)
        case externalID(String)
    }
    public var name: String
    /// The `nameattributes` discriminant (0x00, 0x01 or 0x02), kept for re-encoding.
    public var encoding: UInt8
    public var attributes: [Attribute]

    public init(_ name: String, encoding: UInt8 = 0x00, attributes: [Attribute] = []) {
        self.name = name
        self.encoding = encoding
        self.attributes = attributes
    }

    public var description: String { name }
}

public struct ComponentImport: Sendable {
    public var name: ExternName
    public var type: ComponentExternType
    public var offset: Int
    public init(name: ExternName, type: ComponentExternType, offset: Int = 0) {
        self.name = name
        self.type = type
        self.offset = offset
    }
}

public struct ComponentExport: Sendable {
    public var name: ExternName
    public var item: ComponentSortIndex
    /// The optional ascribed type (must be a supertype of the item's).
    public var type: ComponentExternType?
    public var offset: Int
    public init(name: ExternName, item: ComponentSortIndex, type: ComponentExternType? = nil, offset: Int = 0) {
        self.name = name
        self.item = item
        self.type = type
        self.offset = offset
    }
}

/// `(start f (value arg)* (result (value))*)` (🪙).
public struct ComponentStart: Hashable, Sendable {
    public var function: UInt32
    public var arguments: [UInt32]
    public var resultCount: UInt32
    public var offset: Int
    public init(function: UInt32, arguments: [UInt32], resultCount: UInt32, offset: Int = 0) {
        self.function = function
        self.arguments = arguments
        self.resultCount = resultCount
        self.offset = offset
    }
}

// MARK: Canonical definitions

/// A `canon` definition: lift, lower, the resource built-ins, and the async, stream,
/// future, error-context and thread built-ins (decoded and validated, not yet run).
///
/// The binary forms are those wasm-tools 1.262 reads, where they differ from `Binary.md`:
/// the `cancellable` immediates are gone (component-model#716: a reserved zero byte takes
/// their place), the `shared` immediates of the thread built-ins are not written, and
/// `stream.forward`/`future.forward` exist.
public struct Canon: Sendable {
    public enum Kind: Hashable, Sendable {
        /// `(canon lift (core func f) opts (type t))`: a component function from a core one.
        case lift(coreFunction: UInt32, options: [CanonOption], type: UInt32)
        /// `(canon lower (func f) opts)`: a core function from a component one.
        case lower(function: UInt32, options: [CanonOption])
        case resourceNew(type: UInt32)
        case resourceDrop(type: UInt32)
        case resourceRep(type: UInt32)
        case backpressureIncrement
        case backpressureDecrement
        case taskReturn(result: ComponentValTypeRef?, options: [CanonOption])
        case taskCancel
        case contextGet(type: ValueType, index: UInt32)
        case contextSet(type: ValueType, index: UInt32)
        case subtaskCancel(async: Bool)
        case subtaskDrop
        case streamNew(type: UInt32)
        case streamRead(type: UInt32, options: [CanonOption])
        case streamWrite(type: UInt32, options: [CanonOption])
        case streamCancelRead(type: UInt32, async: Bool)
        case streamCancelWrite(type: UInt32, async: Bool)
        case streamDropReadable(type: UInt32)
        case streamDropWritable(type: UInt32)
        case futureNew(type: UInt32)
        case futureRead(type: UInt32, options: [CanonOption])
        case futureWrite(type: UInt32, options: [CanonOption])
        case futureCancelRead(type: UInt32, async: Bool)
        case futureCancelWrite(type: UInt32, async: Bool)
        case futureDropReadable(type: UInt32)
        case futureDropWritable(type: UInt32)
        case errorContextNew(options: [CanonOption])
        case errorContextDebugMessage(options: [CanonOption])
        case errorContextDrop
        case waitableSetNew
        /// `cancellable`: the wait may return `task-cancelled` (spec Binary.md `cancel?`).
        case waitableSetWait(cancellable: Bool, memory: UInt32)
        case waitableSetPoll(cancellable: Bool, memory: UInt32)
        case waitableSetDrop
        case waitableJoin
        case threadIndex
        case threadNewIndirect(type: UInt32, table: UInt32)
        case threadResumeLater
        case threadSuspend(cancellable: Bool)
        case threadYield(cancellable: Bool)
        case threadSuspendThenResume(cancellable: Bool)
        case threadYieldThenResume(cancellable: Bool)
        case threadSuspendThenPromote(cancellable: Bool)
        case threadYieldThenPromote(cancellable: Bool)
        case threadSpawnRef(type: UInt32)
        case threadSpawnIndirect(type: UInt32, table: UInt32)
        case threadAvailableParallelism
        /// `(canon stream.forward t)` (0x2e, wasm-tools 1.262).
        case streamForward(type: UInt32)
        /// `(canon future.forward t)` (0x2f, wasm-tools 1.262).
        case futureForward(type: UInt32)
    }
    public var kind: Kind
    public var offset: Int
    public init(kind: Kind, offset: Int = 0) {
        self.kind = kind
        self.offset = offset
    }

    /// Whether the definition adds to the component function index space (lift) rather
    /// than to the core function index space (everything else).
    public var definesComponentFunction: Bool {
        if case .lift = kind { return true }
        return false
    }
}

public enum CanonOption: Hashable, Sendable {
    case utf8
    case utf16
    case latin1UTF16
    case memory(UInt32)
    case realloc(UInt32)
    case postReturn(UInt32)
    case async
    case callback(UInt32)
    /// `(core-type t)` (0x08, wasm-tools' GC lowering extension): the core function type
    /// the lifted or lowered function has when values travel as GC references.
    case coreType(UInt32)
    /// `gc` (0x09, wasm-tools' GC lowering extension): values travel as GC references
    /// instead of through linear memory.
    case gc
}
