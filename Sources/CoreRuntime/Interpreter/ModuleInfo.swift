import WasmFormat

/// The index spaces of a module, resolved once: what the translator and instantiation
/// need to know about every function, table, memory, global and tag (imports first).
struct ModuleInfo {
    let types: [SubType]
    /// Type index of every function in the function index space.
    let functionTypeIndices: [UInt32]
    let importedFunctionCount: Int
    let tables: [TableType]
    let memories: [MemoryType]
    let globals: [GlobalType]
    let tags: [UInt32]

    init(_ module: WasmFormat.Module) {
        types = module.flatTypes
        var functions: [UInt32] = []
        var tables: [TableType] = []
        var memories: [MemoryType] = []
        var globals: [GlobalType] = []
        var tags: [UInt32] = []
        for i in module.imports {
            switch i.description {
            case .function(let t): functions.append(t)
            case .table(let t): tables.append(t)
            case .memory(let m): memories.append(m)
            case .global(let g): globals.append(g)
            case .tag(let t): tags.append(t.typeIndex)
            }
        }
        importedFunctionCount = functions.count
        functions += module.functions
        tables += module.tables.map(\.type)
        memories += module.memories
        globals += module.globals.map(\.type)
        tags += module.tags.map(\.typeIndex)
        self.functionTypeIndices = functions
        self.tables = tables
        self.memories = memories
        self.globals = globals
        self.tags = tags
    }

    /// The function type at a type index. Validation guarantees it is one.
    func functionType(atTypeIndex index: UInt32) -> FunctionType {
        guard Int(index) < types.count, case .function(let f) = types[Int(index)].composite else {
            return FunctionType(parameters: [], results: [])
        }
        return f
    }

    func functionType(ofFunction index: UInt32) -> FunctionType {
        functionType(atTypeIndex: functionTypeIndices[Int(index)])
    }

    func blockSignature(_ b: BlockType) -> FunctionType {
        switch b {
        case .empty: FunctionType(parameters: [], results: [])
        case .value(let t): FunctionType(parameters: [], results: [t])
        case .typeIndex(let i): functionType(atTypeIndex: i)
        }
    }
}

extension ValueType {
    /// How many 64-bit slots a value of this type occupies in a frame.
    var slotCount: Int { self == .v128 ? 2 : 1 }
}

extension Array where Element == ValueType {
    var slotCount: Int { reduce(0) { $0 + $1.slotCount } }
}
