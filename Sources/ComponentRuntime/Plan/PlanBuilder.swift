import WasmFormat

/// Turns a (validated) component into its `ComponentPlan`: walks the sections in order,
/// inlines every instantiation of a nested component with its arguments, and records
/// what the runtime must do as initializers.
///
/// It trusts validation for typing; what it checks is only what it needs to follow
/// indices, so a bad index is an error rather than a crash.
public struct PlanBuilder {
    private var plan = ComponentPlan()
    /// Extraction slots already given out, so that one memory or realloc used by many
    /// lifts and lowers is extracted once.
    private var extracted: [Extraction: [CoreDef: Int]] = [:]
    private enum Extraction: Hashable { case memory, realloc, postReturn, callback }
    private var runtimeImportIndex: [String: Int] = [:]
    /// Nesting of inlined instantiations, bounded so a component that instantiates itself
    /// through outer aliases ends in an error.
    private var depth = 0

    public init() {}

    public static func plan(_ validated: ValidatedComponent) throws(PlanError) -> ComponentPlan {
        var builder = PlanBuilder()
        builder.plan.componentInstances = [PlanComponentInstance(path: "root", parent: nil)]
        let frame = PlanFrame(parent: nil, types: TypeScope(parent: nil), instance: 0, path: "root", validated: validated)
        try builder.run(validated.component, in: frame, arguments: nil)
        for e in frame.exports {
            builder.plan.exports.append(Named(e.name, try builder.exportItem(e.item)))
        }
        return builder.plan
    }

    // MARK: Sections

    /// Runs the definitions of a component in `frame`. `arguments` satisfy the imports of
    /// an inlined component; nil means the root, whose imports become runtime imports.
    private mutating func run(_ component: Component, in frame: PlanFrame, arguments: [String: PlanItem]?) throws(PlanError) {
        for section in component.sections {
            switch section {
            case .custom: break
            case .coreModule(let m):
                let validated = frame.validated.modules[frame.definedModules]
                frame.definedModules += 1
                plan.modules.append(PlanModule(module: m, validated: validated, component: frame.path))
                frame.coreModules.append(.defined(plan.modules.count - 1))
            case .coreInstances(let list):
                for i in list { try at(i.offset, frame) { (b) throws(PlanError) in try b.coreInstance(i, frame) } }
            case .coreTypes(let list):
                frame.coreTypeCount += list.count
            case .component(let c):
                let name = component.names?.names[.component]?[UInt32(frame.components.count)]
                let validated = frame.validated.nested[frame.definedComponents]
                frame.definedComponents += 1
                frame.components.append(ComponentDefinition(component: c.component, validated: validated, scope: frame, name: name))
            case .instances(let list):
                for i in list { try at(i.offset, frame) { (b) throws(PlanError) in try b.instance(i, frame) } }
            case .aliases(let list):
                for a in list { try at(a.offset, frame) { (b) throws(PlanError) in try b.alias(a, frame) } }
            case .types(let list):
                for t in list {
                    try at(nil, frame) { (b) throws(PlanError) in
                        let index = UInt32(frame.types.types.count)
                        let name = component.names?.names[.type]?[index]
                        try b.typeDefinition(t, frame, name: name)
                    }
                }
            case .canons(let list):
                for c in list { try at(c.offset, frame) { (b) throws(PlanError) in try b.canon(c, frame) } }
            case .start(let s):
                throw PlanError("component start functions (🪙) are not supported yet", offset: s.offset, component: frame.path)
            case .imports(let list):
                for i in list {
                    try at(i.offset, frame) { (b) throws(PlanError) in
                        if let arguments {
                            guard let arg = arguments[i.name.name] else {
                                throw PlanError("missing instantiation argument \"\(i.name.name)\"")
                            }
                            frame.append(arg)
                        } else {
                            try b.rootImport(i, frame)
                        }
                    }
                }
            case .exports(let list):
                for e in list {
                    try at(e.offset, frame) { (b) throws(PlanError) in
                        let item = try frame.item(e.item)
                        if case .type(.resource(let r)) = item, b.plan.resources[r].name.hasPrefix("resource#") {
                            b.plan.resources[r].name = e.name.name
                        }
                        frame.exports.append(Named(e.name.name, item))
                        frame.append(item)
                    }
                }
            }
        }
    }

    /// Runs `body`, giving an error without a location the definition's.
    private mutating func at(_ offset: Int?, _ frame: PlanFrame, _ body: (inout PlanBuilder) throws(PlanError) -> Void) throws(PlanError) {
        do {
            try body(&self)
        } catch {
            var e = error
            if e.offset == nil { e.offset = offset }
            if e.component == nil { e.component = frame.path }
            throw e
        }
    }

    // MARK: Core instances

    private mutating func coreInstance(_ i: CoreInstance, _ frame: PlanFrame) throws(PlanError) {
        switch i.expression {
        case .instantiate(let moduleIndex, let args):
            guard Int(moduleIndex) < frame.coreModules.count else { throw PlanError("unknown core module \(moduleIndex)") }
            let source = frame.coreModules[Int(moduleIndex)]
            var arguments: [(name: String, exports: CoreInstanceExports)] = []
            for a in args {
                guard Int(a.instance) < frame.coreInstances.count else { throw PlanError("unknown core instance \(a.instance)") }
                arguments.append((a.name, frame.coreInstances[Int(a.instance)]))
            }
            var wiring: [CoreImportWiring] = []
            if case .defined(let m) = source {
                for imp in plan.modules[m].module.module.imports {
                    guard let arg = arguments.first(where: { $0.name == imp.module }) else {
                        throw PlanError("module import \"\(imp.module)\" \"\(imp.name)\" has no instantiation argument \"\(imp.module)\"")
                    }
                    guard let def = arg.exports.definition(imp.name) else {
                        throw PlanError("instantiation argument \"\(imp.module)\" has no export \"\(imp.name)\"")
                    }
                    wiring.append(CoreImportWiring(module: imp.module, name: imp.name, definition: def))
                }
            }
            let index = plan.coreInstanceCount
            plan.coreInstanceCount += 1
            emit(.instantiateModule(instance: index, module: source, imports: wiring, arguments: arguments), frame, i.offset)
            frame.coreInstances.append(.instance(index))
        case .exports(let items):
            var bundle: [String: CoreDef] = [:]
            for e in items { bundle[e.name] = try frame.coreItem(e.item.sort, e.item.index) }
            frame.coreInstances.append(.bundle(bundle))
        }
    }

    // MARK: Component instances

    private mutating func instance(_ i: WasmFormat.ComponentInstance, _ frame: PlanFrame) throws(PlanError) {
        switch i.expression {
        case .instantiate(let componentIndex, let args):
            guard Int(componentIndex) < frame.components.count else { throw PlanError("unknown component \(componentIndex)") }
            let definition = frame.components[Int(componentIndex)]
            var arguments: [String: PlanItem] = [:]
            for a in args { arguments[a.name] = try frame.item(a.item) }
            guard depth < 100 else { throw PlanError("components are instantiated more than 100 levels deep") }
            depth += 1
            defer { depth -= 1 }
            let child = plan.componentInstances.count
            let label = definition.name.map { "$\($0)" } ?? "component\(componentIndex)"
            let path = "\(frame.path)/\(label)#\(frame.instances.count)"
            plan.componentInstances.append(PlanComponentInstance(path: path, parent: frame.instance))
            let inner = PlanFrame(parent: definition.scope, types: TypeScope(parent: definition.scope.types),
                                  instance: child, path: path, validated: definition.validated)
            try run(definition.component, in: inner, arguments: arguments)
            frame.instances.append(inner.exports)
        case .exports(let items):
            var exports: [Named<PlanItem>] = []
            for e in items { exports.append(Named(e.name.name, try frame.item(e.item))) }
            frame.instances.append(exports)
        }
    }

    // MARK: Aliases

    private mutating func alias(_ a: Alias, _ frame: PlanFrame) throws(PlanError) {
        switch a.target {
        case .coreInstanceExport(let instance, let name):
            guard case .core(let sort) = a.sort else { throw PlanError("a core instance export alias needs a core sort") }
            guard Int(instance) < frame.coreInstances.count else { throw PlanError("unknown core instance \(instance)") }
            guard let def = frame.coreInstances[Int(instance)].definition(name) else {
                throw PlanError("core instance \(instance) has no export \"\(name)\"")
            }
            try frame.appendCore(sort, def)
        case .instanceExport(let instance, let name):
            guard Int(instance) < frame.instances.count else { throw PlanError("unknown instance \(instance)") }
            guard let item = frame.instances[Int(instance)].first(where: { $0.name == name })?.item else {
                throw PlanError("instance \(instance) has no export \"\(name)\"")
            }
            frame.append(item)
        case .outer(let count, let index):
            switch a.sort {
            case .type:
                frame.types.types.append(try frame.types.outer(count).type(index))
            case .component:
                let f = try frame.outer(count)
                guard Int(index) < f.components.count else { throw PlanError("unknown outer component \(index)") }
                frame.components.append(f.components[Int(index)])
            case .core(.module):
                let f = try frame.outer(count)
                guard Int(index) < f.coreModules.count else { throw PlanError("unknown outer core module \(index)") }
                frame.coreModules.append(f.coreModules[Int(index)])
            case .core(.type):
                frame.coreTypeCount += 1
            default:
                throw PlanError("an outer alias cannot refer to a \(a.sort.name)")
            }
        }
    }

    // MARK: Types

    private mutating func typeDefinition(_ t: ComponentTypeDefinition, _ frame: PlanFrame, name: String?) throws(PlanError) {
        let scope = frame.types
        switch t {
        case .defined(let d):
            let t = try scope.defined(d)
            // Lifting and lowering recurse through a value's type: bound it, as wasmtime does.
            guard t.nestingDepth <= ValType.maxNestingDepth else {
                throw PlanError("type nesting is too deep: more than \(ValType.maxNestingDepth) levels")
            }
            scope.types.append(.value(t))
        case .function(let f): scope.types.append(.function(try scope.functionType(f)))
        case .instance(let decls): scope.types.append(.instance(decls, scope: scope))
        case .component: scope.types.append(.component)
        case .resource(let representation, let destructor):
            let r = plan.resources.count
            plan.resources.append(PlanResource(origin: .defined(instance: frame.instance), name: name ?? "resource#\(r)"))
            scope.types.append(.resource(r))
            let dtor = try destructor.map { (i) throws(PlanError) in try frame.coreItem(.function, i) }
            emit(.resource(resource: r, representation: representation, destructor: dtor, instance: frame.instance), frame, nil)
        }
    }

    // MARK: Canonical definitions

    private mutating func canon(_ c: Canon, _ frame: PlanFrame) throws(PlanError) {
        switch c.kind {
        case .lift(let coreFunction, let options, let typeIndex):
            let type = try frame.types.functionType(typeIndex)
            let core = try frame.coreItem(.function, coreFunction)
            let opts = try canonicalOptions(options, frame, c.offset)
            frame.functions.append(.lifted(LiftedFunction(type: type, core: core, options: opts)))
        case .lower(let function, let options):
            guard Int(function) < frame.functions.count else { throw PlanError("unknown function \(function)") }
            let opts = try canonicalOptions(options, frame, c.offset)
            if opts.isAsync {
                let index = frame.coreFunctions.count
                guard index < frame.validated.coreFunctions.count else { throw PlanError("core function \(index) has no type") }
                frame.coreFunctions.append(trampoline(.unsupported(name: "canon lower async", type: frame.validated.coreFunctions[index], instance: frame.instance)))
                return
            }
            switch frame.functions[Int(function)] {
            case .imported(let ri):
                guard case .function(let type) = plan.runtimeImports[ri].kind else { throw PlanError("import is not a function") }
                let index = plan.loweredCount
                plan.loweredCount += 1
                emit(.lowerImport(index: index, runtimeImport: ri, type: type, options: opts), frame, c.offset)
                frame.coreFunctions.append(.lowered(index))
            case .lifted(let callee):
                frame.coreFunctions.append(trampoline(.adapter(callee: callee, options: opts)))
            }
        case .resourceNew(let t):
            frame.coreFunctions.append(trampoline(.resourceNew(resource: try frame.types.resource(t), instance: frame.instance)))
        case .resourceDrop(let t):
            frame.coreFunctions.append(trampoline(.resourceDrop(resource: try frame.types.resource(t), instance: frame.instance)))
        case .resourceRep(let t):
            frame.coreFunctions.append(trampoline(.resourceRep(resource: try frame.types.resource(t), instance: frame.instance)))
        case .contextGet(.i32, let slot):
            frame.coreFunctions.append(trampoline(.contextGet(slot: Int(slot), instance: frame.instance)))
        case .contextSet(.i32, let slot):
            frame.coreFunctions.append(trampoline(.contextSet(slot: Int(slot), instance: frame.instance)))
        case .backpressureIncrement:
            frame.coreFunctions.append(trampoline(.backpressure(delta: 1, instance: frame.instance)))
        case .backpressureDecrement:
            frame.coreFunctions.append(trampoline(.backpressure(delta: -1, instance: frame.instance)))
        default:
            // Async, stream, future, error-context and thread built-ins exist (so that
            // components using them instantiate) and trap when called.
            let index = frame.coreFunctions.count
            guard index < frame.validated.coreFunctions.count else { throw PlanError("core function \(index) has no type") }
            let name = "canon " + String("\(c.kind)".prefix { $0 != "(" })
            frame.coreFunctions.append(trampoline(.unsupported(name: name, type: frame.validated.coreFunctions[index], instance: frame.instance)))
        }
    }

    private mutating func trampoline(_ t: Trampoline) -> CoreDef {
        plan.trampolines.append(t)
        return .trampoline(plan.trampolines.count - 1)
    }

    private mutating func canonicalOptions(_ options: [CanonOption], _ frame: PlanFrame, _ offset: Int) throws(PlanError) -> CanonicalOptions {
        var o = CanonicalOptions(instance: frame.instance)
        for option in options {
            switch option {
            case .utf8: o.encoding = .utf8
            case .utf16: o.encoding = .utf16
            case .latin1UTF16: o.encoding = .latin1UTF16
            case .memory(let i):
                o.memory = extract(.memory, try frame.coreItem(.memory, i), frame, offset)
            case .realloc(let i):
                o.realloc = extract(.realloc, try frame.coreItem(.function, i), frame, offset)
            case .postReturn(let i):
                o.postReturn = extract(.postReturn, try frame.coreItem(.function, i), frame, offset)
            case .callback(let i):
                o.callback = extract(.callback, try frame.coreItem(.function, i), frame, offset)
            case .async: o.isAsync = true
            case .coreType, .gc: throw PlanError("the GC canonical ABI options are not supported")
            }
        }
        return o
    }

    /// The slot of an extracted item, emitting its initializer the first time.
    private mutating func extract(_ what: Extraction, _ def: CoreDef, _ frame: PlanFrame, _ offset: Int) -> Int {
        if let i = extracted[what]?[def] { return i }
        let i: Int
        let kind: GlobalInitializer.Kind
        switch what {
        case .memory:
            i = plan.memoryCount
            plan.memoryCount += 1
            kind = .extractMemory(index: i, def)
        case .realloc:
            i = plan.reallocCount
            plan.reallocCount += 1
            kind = .extractRealloc(index: i, def)
        case .postReturn:
            i = plan.postReturnCount
            plan.postReturnCount += 1
            kind = .extractPostReturn(index: i, def)
        case .callback:
            i = plan.callbackCount
            plan.callbackCount += 1
            kind = .extractCallback(index: i, def)
        }
        extracted[what, default: [:]][def] = i
        emit(kind, frame, offset)
        return i
    }

    private mutating func emit(_ kind: GlobalInitializer.Kind, _ frame: PlanFrame, _ offset: Int?) {
        plan.initializers.append(GlobalInitializer(kind: kind, component: frame.path, offset: offset ?? 0))
    }

    // MARK: Imports

    private mutating func rootImport(_ i: ComponentImport, _ frame: PlanFrame) throws(PlanError) {
        let root = plan.imports.count
        plan.imports.append(RootImport(name: i.name.name, type: .module, offset: i.offset))
        let entity = root < frame.validated.imports.count ? frame.validated.imports[root].type : nil
        let (item, description) = try importedItem(i.type, scope: frame.types, root: root, path: [], name: i.name.name,
                                                   entity: entity, arena: frame.validated.types)
        plan.imports[root].type = description
        frame.append(item)
    }

    /// The item an import of `type` stands for, creating the runtime imports it needs.
    /// `entity` is the validator's type of the same import (for what the plan does not
    /// resolve itself: core module types).
    private mutating func importedItem(_ type: ComponentExternType, scope: TypeScope, root: Int, path: [String],
                                       name: String, entity: ComponentEntityType?,
                                       arena: ComponentTypeArena) throws(PlanError) -> (PlanItem, ExternDescription) {
        switch type {
        case .function(let t):
            let f = try scope.functionType(t)
            let ri = runtimeImport(root, path, .function(f))
            return (.function(.imported(ri)), .function(f))
        case .module:
            var expected: CoreModuleType?
            if case .module(let id)? = entity { expected = arena[id] }
            return (.module(.imported(runtimeImport(root, path, .module(expected)))), .module)
        case .type(.subResource):
            let r = plan.resources.count
            let ri = runtimeImport(root, path, .resource)
            plan.runtimeImports[ri].resource = r
            plan.resources.append(PlanResource(origin: .imported(ri), name: name))
            return (.type(.resource(r)), .resource(r))
        case .type(.equal(let t)):
            let def = try scope.type(t)
            if case .value(let v) = def { return (.type(def), .type(v)) }
            if case .resource(let r) = def {
                if case .imported = plan.resources[r].origin { _ = runtimeImport(root, path, .sameResource(r)) }
                return (.type(def), .resource(r))
            }
            return (.type(def), .component)
        case .instance(let t):
            guard case .instance(let decls, let declScope) = try scope.type(t) else { throw PlanError("type \(t) is not an instance type") }
            var exports: ComponentInstanceType?
            if case .instance(let id)? = entity { exports = arena.instance(id) }
            return try importedInstance(decls, scope: TypeScope(parent: declScope), root: root, path: path,
                                        validated: exports, arena: arena)
        case .component:
            throw PlanError("importing a component is not supported yet")
        case .value:
            throw PlanError("component values (🪙) are not supported yet")
        }
    }

    private mutating func importedInstance(_ decls: [InstanceTypeDeclaration], scope: TypeScope, root: Int,
                                           path: [String], validated: ComponentInstanceType?,
                                           arena: ComponentTypeArena) throws(PlanError) -> (PlanItem, ExternDescription) {
        var exports: [Named<PlanItem>] = []
        var described: [Named<ExternDescription>] = []
        for d in decls {
            switch d {
            case .coreType: scope.types.append(.opaque)
            case .type(let t):
                switch t {
                case .defined(let v): scope.types.append(.value(try scope.defined(v)))
                case .function(let f): scope.types.append(.function(try scope.functionType(f)))
                case .instance(let inner): scope.types.append(.instance(inner, scope: scope))
                case .component: scope.types.append(.component)
                case .resource: throw PlanError("an instance type cannot define a resource")
                }
            case .alias(let a):
                guard case .outer(let count, let index) = a.target, a.sort == .type else {
                    scope.types.append(.opaque)
                    continue
                }
                scope.types.append(try scope.outer(count).type(index))
            case .export(let name, let type):
                let (item, description) = try importedItem(type, scope: scope, root: root, path: path + [name.name], name: name.name,
                                                           entity: validated?.export(named: name.name), arena: arena)
                if case .type(let def) = item { scope.types.append(def) }
                exports.append(Named(name.name, item))
                described.append(Named(name.name, description))
            }
        }
        return (.instance(exports), .instance(described))
    }

    private mutating func runtimeImport(_ root: Int, _ path: [String], _ kind: RuntimeImport.Kind) -> Int {
        let key = ([String(root)] + path).joined(separator: "\u{0}")
        if let i = runtimeImportIndex[key] { return i }
        plan.runtimeImports.append(RuntimeImport(rootImport: root, path: path, kind: kind, resource: nil))
        runtimeImportIndex[key] = plan.runtimeImports.count - 1
        return plan.runtimeImports.count - 1
    }

    // MARK: Exports

    private func exportItem(_ item: PlanItem) throws(PlanError) -> ExportItem {
        switch item {
        case .function(let f): return .function(f)
        case .instance(let exports):
            var out: [Named<ExportItem>] = []
            for e in exports { out.append(Named(e.name, try exportItem(e.item))) }
            return .instance(out)
        case .module(let m): return .module(m)
        case .type(.resource(let r)): return .type(nil, resource: r)
        case .type(.value(let v)): return .type(v, resource: nil)
        case .type: return .type(nil, resource: nil)
        case .component: return .component
        case .value: throw PlanError("component values (🪙) are not supported yet")
        }
    }
}
