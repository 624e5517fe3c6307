import WasmFormat

/// The static instantiation plan of a component: what `PlanBuilder` makes of it once, and
/// what every instantiation runs.
///
/// Nested components are inlined and aliases resolved, so instantiating is running a flat
/// list of initializers over a few tables indexed by plain integers (core instances,
/// lowered imports, extracted memories, reallocs, post-returns, resources). Everything here
/// is data, so the REPL can print it and the instantiator can stop between any two steps.
public struct ComponentPlan: Sendable {
    /// The root component's imports, as declared.
    public var imports: [RootImport] = []
    /// The imports the runtime must be given: each function, core module and resource
    /// reachable from a root import, with its path of names.
    public var runtimeImports: [RuntimeImport] = []
    /// Core modules defined in the component (and its nested components), in order.
    public var modules: [PlanModule] = []
    /// Every resource type the instance deals with: imported ones first get their type
    /// from the linker, defined ones are made fresh per instantiation.
    public var resources: [PlanResource] = []
    /// The component instances the root inlines (index 0 is the root itself).
    public var componentInstances: [PlanComponentInstance] = []
    public var initializers: [GlobalInitializer] = []
    /// Core functions made by the runtime rather than by wasm: resource built-ins and
    /// adapters that lower one component's lifted function into another's core code.
    public var trampolines: [Trampoline] = []
    /// The root exports, in order.
    public var exports: [Named<ExportItem>] = []

    /// How many slots each extraction table needs.
    public var loweredCount = 0
    public var memoryCount = 0
    public var reallocCount = 0
    public var postReturnCount = 0
    public var callbackCount = 0
    public var coreInstanceCount = 0

    public func export(_ name: String) -> ExportItem? {
        exports.first { $0.name == name }?.item
    }
}

/// An import of the root component as written.
public struct RootImport: Sendable {
    public var name: String
    /// What it is, resolved ("func(x: u32) -> u32", an instance's exports, …).
    public var type: ExternDescription
    public var offset: Int
}

/// An item the runtime needs from the linker.
public struct RuntimeImport: Sendable {
    public enum Kind: Sendable {
        case function(FuncType)
        /// A core module, with the type it must have when the component declares one.
        case module(CoreModuleType?)
        case resource
        /// A resource that must be the very resource of an earlier import (`(eq …)`).
        case sameResource(Int)
    }
    /// Index into `ComponentPlan.imports`.
    public var rootImport: Int
    /// Names from the root import down (empty for the root import itself).
    public var path: [String]
    public var kind: Kind
    /// The plan resource this import provides (for `.resource`).
    public var resource: Int?
}

/// A core module of the component, with where it came from.
public struct PlanModule: Sendable {
    public var module: NestedModule
    public var validated: ValidatedModule
    /// The nested component it is defined in ("root", "root/inner").
    public var component: String
}

/// A resource type of the plan.
public struct PlanResource: Sendable {
    public enum Origin: Sendable {
        /// Provided by the linker (runtime import index).
        case imported(Int)
        /// Defined by `(type (resource …))` in a component instance (index into
        /// `componentInstances`).
        case defined(instance: Int)
    }
    public var origin: Origin
    /// The name it is known by (its import or export name), for messages.
    public var name: String
}

/// A component instance inlined into the root: the root, and every instantiation of a
/// nested component. Each has its own handle table and reentrance flags.
public struct PlanComponentInstance: Sendable {
    public var path: String
    public var parent: Int?
}

/// A core item: where the runtime finds a function, memory, table or global.
public enum CoreDef: Hashable, Sendable, CustomStringConvertible {
    /// Export `name` of core instance `instance`.
    case export(instance: Int, name: String)
    /// The function a `LowerImport` made.
    case lowered(Int)
    /// A trampoline of the plan.
    case trampoline(Int)

    public var description: String {
        switch self {
        case .export(let i, let name): "core instance #\(i) export \(name)"
        case .lowered(let i): "lowered import #\(i)"
        case .trampoline(let i): "trampoline #\(i)"
        }
    }
}

/// The canonical options of a lift or lower, resolved to extraction slots.
public struct CanonicalOptions: Hashable, Sendable {
    /// The component instance whose memory, handles and flags the call uses.
    public var instance: Int
    public var encoding: StringEncoding = .utf8
    public var memory: Int?
    public var realloc: Int?
    public var postReturn: Int?
    public var callback: Int?
    public var isAsync = false
}

/// A function lifted out of core wasm.
public struct LiftedFunction: Sendable {
    public var type: FuncType
    public var core: CoreDef
    public var options: CanonicalOptions
}

/// A component function: lifted from core wasm, or imported from the host.
public enum ComponentFunctionDef: Sendable {
    case lifted(LiftedFunction)
    /// A runtime import (index into `runtimeImports`).
    case imported(Int)
}

/// What an export of the root (or of an exported instance) is.
public indirect enum ExportItem: Sendable {
    case function(ComponentFunctionDef)
    case instance([Named<ExportItem>])
    case module(ModuleSource)
    case type(ValType?, resource: Int?)
    case component
}

/// A core module to instantiate: defined in the component, or imported.
public enum ModuleSource: Hashable, Sendable, CustomStringConvertible {
    case defined(Int)
    case imported(Int)

    public var description: String {
        switch self {
        case .defined(let i): "module #\(i)"
        case .imported(let i): "imported module (runtime import #\(i))"
        }
    }
}

/// One step of an instantiation.
public struct GlobalInitializer: Sendable {
    public enum Kind: Sendable {
        /// Instantiates a core module; for a defined module every import is wired here.
        case instantiateModule(instance: Int, module: ModuleSource, imports: [CoreImportWiring], arguments: [(name: String, exports: CoreInstanceExports)])
        /// Makes a core function from an imported component function and options.
        case lowerImport(index: Int, runtimeImport: Int, type: FuncType, options: CanonicalOptions)
        case extractMemory(index: Int, CoreDef)
        case extractRealloc(index: Int, CoreDef)
        case extractCallback(index: Int, CoreDef)
        case extractPostReturn(index: Int, CoreDef)
        case extractTable(index: Int, CoreDef)
        /// A resource defined by the component: its destructor, if any.
        case resource(resource: Int, representation: ValueType, destructor: CoreDef?, instance: Int)
    }
    public var kind: Kind
    /// The nested component and instance it comes from.
    public var component: String
    /// The byte offset of the definition that caused it.
    public var offset: Int

    /// The initializer's kind as the REPL names it (`InstantiateModule`, `LowerImport`, …).
    public var kindName: String {
        switch kind {
        case .instantiateModule: "InstantiateModule"
        case .lowerImport: "LowerImport"
        case .extractMemory: "ExtractMemory"
        case .extractRealloc: "ExtractRealloc"
        case .extractCallback: "ExtractCallback"
        case .extractPostReturn: "ExtractPostReturn"
        case .extractTable: "ExtractTable"
        case .resource: "Resource"
        }
    }
}

/// How one import of a core module is satisfied.
public struct CoreImportWiring: Hashable, Sendable, CustomStringConvertible {
    public var module: String
    public var name: String
    public var definition: CoreDef

    public var description: String { "\(module).\(name) ← \(definition)" }
}

/// The exports of a core instance as an instantiation argument: a real instance, or a
/// bundle made with `(core instance (export …)*)`.
public enum CoreInstanceExports: Sendable {
    case instance(Int)
    case bundle([String: CoreDef])

    func definition(_ name: String) -> CoreDef? {
        switch self {
        case .instance(let i): .export(instance: i, name: name)
        case .bundle(let items): items[name]
        }
    }
}

/// A core function the runtime provides.
public enum Trampoline: Sendable {
    case resourceNew(resource: Int, instance: Int)
    case resourceRep(resource: Int, instance: Int)
    case resourceDrop(resource: Int, instance: Int)
    /// `canon lower` of a function lifted by another component instance: an adapter that
    /// lifts the caller's arguments and calls the lifted function.
    case adapter(callee: LiftedFunction, options: CanonicalOptions)
    /// `context.get`/`context.set` of an i32 slot of the current task.
    case contextGet(slot: Int, instance: Int)
    case contextSet(slot: Int, instance: Int)
    /// `backpressure.inc`/`.dec`: counted; a synchronous runtime never has to wait.
    case backpressure(delta: Int, instance: Int)
    /// A built-in the runtime cannot run yet (async, streams, futures, error contexts,
    /// threads): it exists so that the component instantiates, and traps when called.
    case unsupported(name: String, type: FunctionType, instance: Int)

    /// The core type of the function.
    var coreType: FunctionType {
        switch self {
        case .resourceNew: FunctionType(parameters: [.i32], results: [.i32])
        case .resourceRep: FunctionType(parameters: [.i32], results: [.i32])
        case .resourceDrop: FunctionType(parameters: [.i32], results: [])
        case .adapter(let callee, _): Layout.coreSignature(of: callee.type, lowering: true)
        case .contextGet: FunctionType(parameters: [], results: [.i32])
        case .contextSet: FunctionType(parameters: [.i32], results: [])
        case .backpressure: FunctionType(parameters: [], results: [])
        case .unsupported(_, let type, _): type
        }
    }
}

/// A resolved extern type of the root's imports, for messages and the linker.
public indirect enum ExternDescription: Sendable {
    case function(FuncType)
    case instance([Named<ExternDescription>])
    case resource(Int)
    case type(ValType)
    case module
    case component
}

/// A named entry of an instance's exports (a struct rather than a tuple, which recursive
/// enums cannot hold).
public struct Named<Item> {
    public var name: String
    public var item: Item
    public init(_ name: String, _ item: Item) {
        self.name = name
        self.item = item
    }
}

extension Named: Sendable where Item: Sendable {}
