/// Core definitions inside a component: nested modules, core types (module types among
/// them), and core instances (instantiations checked against the module's imports).
extension ComponentChecker {
    // MARK: Modules

    mutating func defineModule(_ nested: NestedModule) throws(WasmError) {
        offset = nested.offset
        let module = nested.module
        try checkComponentImportNames(module.imports.map { ($0.module, $0.name, $0.offset) })
        var exportNames = Set<String>()
        for x in module.exports where !exportNames.insert(x.name).inserted {
            throw invalid("duplicate export name `\(x.name)` already defined", at: x.offset)
        }
        let validated = try ModuleValidator(features: moduleFeatures).validate(module)
        scope.coreModules.append(arena.add(Self.moduleType(of: validated)))
        scope.modules.append(validated)
    }

    /// Components do not allow a module to import the same two-level name twice (it could
    /// not be satisfied by one instance export each).
    func checkComponentImportNames(_ imports: [(String, String, Int)]) throws(WasmError) {
        var seen = Set<[String]>()
        for (module, name, at) in imports where !seen.insert([module, name]).inserted {
            throw invalid("module has a duplicate import name `\(module):\(name)` that is not allowed in components", at: at)
        }
    }

    /// The type of a validated module: its imports and exports with their core types.
    static func moduleType(of m: ValidatedModule) -> CoreModuleType {
        func function(_ typeIndex: UInt32) -> FunctionType {
            m.functionType(atTypeIndex: typeIndex) ?? FunctionType(parameters: [], results: [])
        }
        var imports: [CoreModuleType.Import] = []
        for i in m.module.imports {
            let t: CoreExternType
            switch i.description {
            case .function(let ti): t = .function(function(ti))
            case .table(let tt): t = .table(tt)
            case .memory(let mt): t = .memory(mt)
            case .global(let gt): t = .global(gt)
            case .tag(let tt): t = .tag(function(tt.typeIndex))
            }
            imports.append(.init(module: i.module, name: i.name, type: t))
        }
        var exports: [CoreModuleType.Export] = []
        for x in m.module.exports {
            let i = Int(x.index)
            let t: CoreExternType
            switch x.kind {
            case .function: t = .function(m.functionType(ofFunction: x.index) ?? FunctionType(parameters: [], results: []))
            case .table: t = .table(m.tables[i])
            case .memory: t = .memory(m.memories[i])
            case .global: t = .global(m.globals[i])
            case .tag: t = .tag(function(m.tags[i].typeIndex))
            }
            exports.append(.init(name: x.name, type: t))
        }
        return CoreModuleType(imports: imports, exports: exports)
    }

    // MARK: Core types

    mutating func defineCoreType(_ definition: CoreTypeDefinition) throws(WasmError) {
        switch definition {
        case .recGroup(let group):
            let base = scope.coreTypes.count
            for t in group.types {
                try checkCoreIndices(t, typeCount: base + group.types.count)
                try checkNoModuleReference(t)
            }
            for t in group.types { scope.coreTypes.append(.subtype(t)) }
        case .module(let declarations):
            scope.coreTypes.append(.module(arena.add(try moduleType(declarations))))
        }
    }

    /// Core types may refer to core types of the component, but not to module types.
    func checkNoModuleReference(_ t: SubType) throws(WasmError) {
        func check(_ v: ValueType) throws(WasmError) {
            if case .ref(let r) = v, case .concrete(let i) = r.heapType, Int(i) < scope.coreTypes.count,
               case .module = scope.coreTypes[Int(i)] {
                throw invalid("type index \(i) is a module type, not a sub type")
            }
        }
        switch t.composite {
        case .function(let f): for v in f.parameters + f.results { try check(v) }
        case .struct(let fields): for f in fields { try check(f.storage.unpacked) }
        case .array(let f): try check(f.storage.unpacked)
        }
    }

    /// Type indices inside a core type must name types defined so far (or in its group).
    func checkCoreIndices(_ t: SubType, typeCount: Int) throws(WasmError) {
        func check(_ v: ValueType) throws(WasmError) {
            if case .ref(let r) = v, case .concrete(let i) = r.heapType, Int(i) >= typeCount {
                throw invalid("unknown type \(i): type index out of bounds")
            }
        }
        for s in t.supertypes where Int(s) >= typeCount { throw invalid("unknown type \(s): type index out of bounds") }
        switch t.composite {
        case .function(let f):
            for v in f.parameters + f.results { try check(v) }
        case .struct(let fields):
            for f in fields { try check(f.storage.unpacked) }
        case .array(let f):
            try check(f.storage.unpacked)
        }
    }

    /// A module type: its own core type index space, then imports and exports.
    func moduleType(_ declarations: [CoreModuleDeclaration]) throws(WasmError) -> CoreModuleType {
        var types: [CoreTypeSlot] = []
        var imports: [CoreModuleType.Import] = []
        var exports: [CoreModuleType.Export] = []
        var exportNames = Set<String>()

        func functionType(_ index: UInt32) throws(WasmError) -> FunctionType {
            guard Int(index) < types.count else { throw invalid("unknown type \(index): type index out of bounds") }
            guard case .subtype(let s) = types[Int(index)], case .function(let f) = s.composite else {
                throw invalid("type index \(index) is not a function type")
            }
            return f
        }
        func externType(_ d: ImportDescription) throws(WasmError) -> CoreExternType {
            switch d {
            case .function(let t): return .function(try functionType(t))
            case .table(let t): return .table(t)
            case .memory(let m):
                if m.limits.addressType == .i32, m.limits.min > 65536 || (m.limits.max ?? 0) > 65536 {
                    throw invalid("memory size must be at most 65536 pages (4GiB)")
                }
                return .memory(m)
            case .global(let g): return .global(g)
            case .tag(let t): return .tag(try functionType(t.typeIndex))
            }
        }

        for d in declarations {
            switch d {
            case .import(let i):
                imports.append(.init(module: i.module, name: i.name, type: try externType(i.description)))
            case .type(.recGroup(let group)):
                for t in group.types {
                    try checkCoreIndices(t, typeCount: types.count + group.types.count)
                }
                for t in group.types { types.append(.subtype(t)) }
            case .type(.module):
                throw invalid("invalid leading byte (0x50) for a type declaration: module types cannot be nested in module types")
            case .outerTypeAlias(let count, let index):
                let slot: CoreTypeSlot
                if count == 0 {
                    guard Int(index) < types.count else { throw invalid("unknown type \(index): type index out of bounds") }
                    slot = types[Int(index)]
                } else {
                    guard Int(count) <= scopes.count else { throw invalid("invalid outer alias count of \(count)") }
                    slot = try lookup(scopes[scopes.count - Int(count)].coreTypes, index, "type")
                }
                if case .module = slot { throw invalid("type index \(index) is a module type, not a sub type") }
                types.append(slot)
            case .export(let name, let description):
                guard exportNames.insert(name).inserted else { throw invalid("duplicate export name `\(name)` already defined") }
                exports.append(.init(name: name, type: try externType(description)))
            }
        }
        try checkComponentImportNames(imports.map { ($0.module, $0.name, offset) })
        return CoreModuleType(imports: imports, exports: exports)
    }

    // MARK: Core instances

    mutating func defineCoreInstance(_ instance: CoreInstance) throws(WasmError) {
        offset = instance.offset
        switch instance.expression {
        case .instantiate(let moduleIndex, let arguments):
            let module = arena[try coreModuleType(moduleIndex)]
            var supplied: [String: CoreInstanceTypeID] = [:]
            for a in arguments {
                let t = try coreInstanceType(a.instance)
                guard supplied.updateValue(t, forKey: a.name) == nil else {
                    throw invalid("duplicate module instantiation argument named `\(a.name)`")
                }
            }
            for i in module.imports {
                guard let argument = supplied[i.module] else {
                    throw invalid("missing module instantiation argument named `\(i.module)`")
                }
                guard let actual = arena[argument].export(named: i.name) else {
                    throw invalid("module instantiation argument `\(i.module)` does not export an item named `\(i.name)`")
                }
                do throws(TypeMismatch) {
                    try CoreTypeMatcher.extern(actual, i.type)
                } catch {
                    throw invalid(error.within("type mismatch for export `\(i.name)` of module instantiation argument `\(i.module)`").description)
                }
            }
            scope.coreInstances.append(arena.add(CoreInstanceType(exports: module.exports)))
        case .exports(let items):
            var exports: [CoreModuleType.Export] = []
            var names = Set<String>()
            for x in items {
                guard names.insert(x.name).inserted else {
                    throw invalid("duplicate instantiation export name `\(x.name)` already defined")
                }
                exports.append(.init(name: x.name, type: try coreItem(x.item)))
            }
            scope.coreInstances.append(arena.add(CoreInstanceType(exports: exports)))
        }
    }

    /// The type of a core item of the current scope.
    func coreItem(_ item: CoreSortIndex) throws(WasmError) -> CoreExternType {
        let i = item.index
        switch item.sort {
        case .function: return .function(try coreFunction(i))
        case .table: return .table(try coreTable(i))
        case .memory: return .memory(try coreMemory(i))
        case .global: return .global(try lookup(scope.coreGlobals, i, "global"))
        case .tag: return .tag(try lookup(scope.coreTags, i, "tag"))
        case .type, .module, .instance:
            throw invalid("a core \(item.sort.name) cannot be exported from a core instance")
        }
    }
}
