import WasmFormat

/// A component-level item while the plan is built: what one entry of a component index
/// space stands for.
indirect enum PlanItem {
    case function(ComponentFunctionDef)
    /// An instance is its exports, whether it was instantiated, bundled or imported.
    case instance([Named<PlanItem>])
    case component(ComponentDefinition)
    case module(ModuleSource)
    case type(TypeDefinition)
    case value
}

/// A component definition and the scope it was defined in (what its outer aliases see).
struct ComponentDefinition {
    let component: Component
    let validated: ValidatedComponent
    let scope: PlanFrame
    let name: String?
}

/// An entry of a type index space.
indirect enum TypeDefinition {
    case value(ValType)
    case function(FuncType)
    /// A plan resource.
    case resource(Int)
    /// An instance type, resolved on use (importing it makes fresh abstract resources).
    case instance([InstanceTypeDeclaration], scope: TypeScope)
    case component
    /// Core types and anything the runtime never looks into.
    case opaque
}

/// A type index space and the one around it, for `alias outer`.
final class TypeScope {
    let parent: TypeScope?
    var types: [TypeDefinition] = []

    init(parent: TypeScope?) {
        self.parent = parent
    }

    /// The scope `count` levels out.
    func outer(_ count: UInt32) throws(PlanError) -> TypeScope {
        var s = self
        for _ in 0..<count {
            guard let p = s.parent else { throw PlanError("outer alias count \(count) leaves the outermost component") }
            s = p
        }
        return s
    }

    func type(_ index: UInt32) throws(PlanError) -> TypeDefinition {
        guard Int(index) < types.count else { throw PlanError("unknown type \(index)") }
        return types[Int(index)]
    }

    func valType(_ ref: ComponentValTypeRef) throws(PlanError) -> ValType {
        switch ref {
        case .primitive(let p): return ValType(p)
        case .index(let i):
            guard case .value(let t) = try type(i) else { throw PlanError("type \(i) is not a value type") }
            return t
        }
    }

    func resource(_ index: UInt32) throws(PlanError) -> Int {
        guard case .resource(let r) = try type(index) else { throw PlanError("type \(index) is not a resource type") }
        return r
    }

    func functionType(_ index: UInt32) throws(PlanError) -> FuncType {
        guard case .function(let f) = try type(index) else { throw PlanError("type \(index) is not a function type") }
        return f
    }

    /// Resolves a defined value type.
    func defined(_ d: DefinedValTypeSyntax) throws(PlanError) -> ValType {
        switch d {
        case .primitive(let p): return ValType(p)
        case .record(let fields):
            var out: [ValType.Field] = []
            for f in fields { out.append(.init(f.label, try valType(f.type))) }
            return .record(out)
        case .variant(let cases):
            var out: [ValType.Case] = []
            for c in cases { out.append(.init(c.label, try c.type.map { (t) throws(PlanError) in try valType(t) })) }
            return .variant(out)
        case .list(let t): return .list(try valType(t))
        case .fixedSizeList(let t, let n): return .fixedSizeList(try valType(t), Int(n))
        case .tuple(let ts):
            var out: [ValType] = []
            for t in ts { out.append(try valType(t)) }
            return .tuple(out)
        case .flags(let labels): return .flags(labels)
        case .enum(let labels): return .enum(labels)
        case .option(let t): return .option(try valType(t))
        case .result(let ok, let error):
            return .result(ok: try ok.map { (t) throws(PlanError) in try valType(t) },
                           error: try error.map { (t) throws(PlanError) in try valType(t) })
        case .own(let i): return .own(ResourceTypeID(try resource(i)))
        case .borrow(let i): return .borrow(ResourceTypeID(try resource(i)))
        case .stream(let t): return .stream(try t.map { (t) throws(PlanError) in try valType(t) })
        case .future(let t): return .future(try t.map { (t) throws(PlanError) in try valType(t) })
        case .map(let k, let v): return .map(key: try valType(k), value: try valType(v))
        }
    }

    func functionType(_ f: ComponentFunctionTypeSyntax) throws(PlanError) -> FuncType {
        var params: [ValType.Field] = []
        for p in f.parameters { params.append(.init(p.label, try valType(p.type))) }
        return FuncType(parameters: params, result: try f.result.map { (t) throws(PlanError) in try valType(t) }, isAsync: f.isAsync)
    }
}

/// The index spaces of one component instance while it is being inlined.
final class PlanFrame {
    /// The scope the component was defined in (outer aliases of components and modules).
    let parent: PlanFrame?
    let types: TypeScope
    /// Index into `ComponentPlan.componentInstances`.
    let instance: Int
    let path: String
    /// The validator's view of this component (core function types, validated modules).
    let validated: ValidatedComponent
    /// How many `core module` and `component` definitions were seen (indices into
    /// `validated.modules` and `validated.nested`).
    var definedModules = 0
    var definedComponents = 0

    var coreModules: [ModuleSource] = []
    var coreInstances: [CoreInstanceExports] = []
    var coreFunctions: [CoreDef] = []
    var coreTables: [CoreDef] = []
    var coreMemories: [CoreDef] = []
    var coreGlobals: [CoreDef] = []
    var coreTags: [CoreDef] = []
    var coreTypeCount = 0
    var functions: [ComponentFunctionDef] = []
    var instances: [[Named<PlanItem>]] = []
    var components: [ComponentDefinition] = []
    var valueCount = 0
    var exports: [Named<PlanItem>] = []

    init(parent: PlanFrame?, types: TypeScope, instance: Int, path: String, validated: ValidatedComponent) {
        self.parent = parent
        self.types = types
        self.instance = instance
        self.path = path
        self.validated = validated
    }

    func outer(_ count: UInt32) throws(PlanError) -> PlanFrame {
        var f = self
        for _ in 0..<count {
            guard let p = f.parent else { throw PlanError("outer alias count \(count) leaves the outermost component") }
            f = p
        }
        return f
    }

    /// The item at a component sort index.
    func item(_ s: ComponentSortIndex) throws(PlanError) -> PlanItem {
        let i = Int(s.index)
        func check(_ count: Int, _ what: String) throws(PlanError) {
            guard i < count else { throw PlanError("unknown \(what) \(i)") }
        }
        switch s.sort {
        case .function:
            try check(functions.count, "function")
            return .function(functions[i])
        case .instance:
            try check(instances.count, "instance")
            return .instance(instances[i])
        case .component:
            try check(components.count, "component")
            return .component(components[i])
        case .type:
            return .type(try types.type(s.index))
        case .core(.module):
            try check(coreModules.count, "core module")
            return .module(coreModules[i])
        case .value:
            throw PlanError("component values (🪙) are not supported yet")
        case .core(let c):
            throw PlanError("a core \(c.name) cannot be a component-level item")
        }
    }

    /// Adds an item to the index space of its sort (imports, exports and aliases do).
    func append(_ item: PlanItem) {
        switch item {
        case .function(let f): functions.append(f)
        case .instance(let exports): instances.append(exports)
        case .component(let c): components.append(c)
        case .module(let m): coreModules.append(m)
        case .type(let t): types.types.append(t)
        case .value: valueCount += 1
        }
    }

    func coreItem(_ sort: CoreSort, _ index: UInt32) throws(PlanError) -> CoreDef {
        let space: [CoreDef]
        switch sort {
        case .function: space = coreFunctions
        case .table: space = coreTables
        case .memory: space = coreMemories
        case .global: space = coreGlobals
        case .tag: space = coreTags
        default: throw PlanError("a core \(sort.name) is not a core instance export")
        }
        guard Int(index) < space.count else { throw PlanError("unknown core \(sort.name) \(index)") }
        return space[Int(index)]
    }

    func appendCore(_ sort: CoreSort, _ def: CoreDef) throws(PlanError) {
        switch sort {
        case .function: coreFunctions.append(def)
        case .table: coreTables.append(def)
        case .memory: coreMemories.append(def)
        case .global: coreGlobals.append(def)
        case .tag: coreTags.append(def)
        default: throw PlanError("a core \(sort.name) is not a core instance export")
        }
    }
}

/// Why a plan cannot be made: one sentence, and where.
public struct PlanError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int?
    public var component: String?

    init(_ message: String, offset: Int? = nil, component: String? = nil) {
        self.message = message
        self.offset = offset
        self.component = component
    }

    public var description: String {
        var s = message
        if let component, component != "root" { s += " (in \(component))" }
        if let offset { s += " at byte offset \(offset)" }
        return s
    }
}
