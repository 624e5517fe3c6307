/// Validates a core module as WebAssembly 3.0 says (plus the proposals in `WasmFeatures`),
/// producing the type information later layers need.
///
/// ```swift
/// let module = try ModuleDecoder().decode(bytes)
/// let validated = try ModuleValidator().validate(module)
/// ```
///
/// `validate` checks everything; `validateDeclarations` checks everything but the function
/// bodies, for a translator that validates each body in the same pass as it translates it
/// (see `FunctionValidator`).
///
/// Errors are `WasmError`s of kind `.invalid` whose message starts with the reference
/// interpreter's wording ("type mismatch", "unknown global 3", …) and whose offset is the
/// offending item's (or instruction's) byte offset; `.unsupported` when the module needs a
/// feature that is turned off; `.malformed` for the few binary-grammar conditions only
/// visible with types in hand (block structure, the data count section).
public struct ModuleValidator: Sendable {
    public var features: WasmFeatures

    public init(features: WasmFeatures = .all) {
        self.features = features
    }

    // Implementation limits. The spec leaves them to implementations; these are
    // wasmparser's, and they keep every check linear in the size of the input.

    /// Defined types per module; also what lets a type index fit an `OperandType`.
    public static let maximumTypes = 1_000_000
    public static let maximumFunctionParameters = 1000
    public static let maximumFunctionResults = 1000
    public static let maximumStructFields = 10_000
    /// Length of a chain of declared supertypes, which bounds each subtype check.
    public static let maximumSubtypingDepth = 63
    public static let maximumFunctions = 1_000_000
    /// Operands on the stack at once inside one function.
    public static let maximumOperandStackHeight = 1_000_000

    /// Validates the whole module.
    public func validate(_ module: Module) throws(WasmError) -> ValidatedModule {
        var validated = try validateDeclarations(module)
        try validated.validateFunctionBodies()
        return validated
    }

    /// Validates everything except the function bodies.
    public func validateDeclarations(_ module: Module) throws(WasmError) -> ValidatedModule {
        var checker = DeclarationValidator(module: module, features: features)
        return try checker.run()
    }
}

/// The module-level rules, in the order of the spec's module rule: types, imports, the
/// definitions' types, then everything holding constant expressions, exports and start.
private struct DeclarationValidator {
    let module: Module
    let features: WasmFeatures
    var types = TypeTable()

    var functionTypes: [UInt32] = []
    var tables: [TableType] = []
    var memories: [MemoryType] = []
    var globals: [GlobalType] = []
    var tags: [TagType] = []
    var importedFunctions = 0, importedTables = 0, importedMemories = 0, importedGlobals = 0, importedTags = 0

    init(module: Module, features: WasmFeatures) {
        self.module = module
        self.features = features
    }

    func offset(_ list: [Int], _ i: Int) -> Int {
        i < list.count ? list[i] : 0
    }

    func require(_ feature: WasmFeatures, _ what: String, at offset: Int) throws(WasmError) {
        if !features.contains(feature) { throw .unsupported(feature, what, at: offset) }
    }

    mutating func run() throws(WasmError) -> ValidatedModule {
        let m = module
        types = try TypeTable.build(m.types, offsets: m.offsets.types, features: features)

        for imp in m.imports {
            switch imp.description {
            case .function(let t):
                try checkFunctionType(t, at: imp.offset)
                functionTypes.append(t)
            case .table(let t):
                try checkTableType(t, at: imp.offset)
                tables.append(t)
            case .memory(let t):
                try checkMemoryType(t, at: imp.offset)
                memories.append(t)
            case .global(let t):
                try checkValueType(t.valueType, at: imp.offset)
                globals.append(t)
            case .tag(let t):
                try checkTagType(t, at: imp.offset)
                tags.append(t)
            }
        }
        importedFunctions = functionTypes.count
        importedTables = tables.count
        importedMemories = memories.count
        importedGlobals = globals.count
        importedTags = tags.count

        guard m.functions.count == m.codes.count else {
            throw .malformed("function and code section have inconsistent lengths: \(m.functions.count) functions, \(m.codes.count) bodies", at: m.codes.first?.offset ?? 0)
        }
        guard importedFunctions + m.functions.count <= ModuleValidator.maximumFunctions else {
            throw .invalid("too many functions: the limit is \(ModuleValidator.maximumFunctions)", at: offset(m.offsets.functions, 0))
        }
        for (i, t) in m.functions.enumerated() {
            try checkFunctionType(t, at: offset(m.offsets.functions, i))
            functionTypes.append(t)
        }
        for (i, t) in m.tables.enumerated() {
            try checkTableType(t.type, at: offset(m.offsets.tables, i))
            tables.append(t.type)
        }
        for (i, t) in m.memories.enumerated() {
            try checkMemoryType(t, at: offset(m.offsets.memories, i))
            memories.append(t)
        }
        for (i, t) in m.tags.enumerated() {
            try checkTagType(t, at: offset(m.offsets.tags, i))
            tags.append(t)
        }
        for (i, g) in m.globals.enumerated() {
            try checkValueType(g.type.valueType, at: offset(m.offsets.globals, i))
            globals.append(g.type)
        }
        if memories.count > 1 {
            try require(.multiMemory, "multiple memories", at: offset(m.offsets.memories, 0))
        }
        if tables.count > 1 {
            try require(.referenceTypes, "multiple tables", at: offset(m.offsets.tables, 0))
        }
        for e in m.elements {
            try TypeTable.checkRefType(e.type, typeCount: types.count, features: features, at: e.offset)
        }
        if let count = m.dataCount, Int(count) != m.datas.count {
            throw .malformed("data count and data section have inconsistent lengths: \(count) announced, \(m.datas.count) segments", at: m.offsets.dataCount ?? 0)
        }

        let context = makeContext()
        var constants = ConstantExpressionValidator(context: context)
        let allGlobals = globals.count

        // Tables and globals are validated under the spec's C′, which sees the imported
        // globals only (globals also the ones defined before them); segments see them all.
        for (i, t) in m.tables.enumerated() {
            if let initializer = t.initializer {
                try constants.validate(initializer, result: OperandType(t.type.elementType), visibleGlobals: importedGlobals)
            } else if !t.type.elementType.nullable {
                throw .invalid("type mismatch: a table of non-nullable \(t.type.elementType.text) needs an initializer", at: offset(m.offsets.tables, i))
            }
        }
        for (i, g) in m.globals.enumerated() {
            try constants.validate(g.initializer, result: OperandType(g.type.valueType), visibleGlobals: importedGlobals + i)
        }
        for e in m.elements {
            try validateElementSegment(e, context: context, constants: &constants, visibleGlobals: allGlobals)
        }
        for d in m.datas {
            switch d.mode {
            case .passive:
                try require(.bulkMemory, "passive data segments", at: d.offset)
            case .active(let memory, let offsetExpression):
                guard Int(memory) < memories.count else { throw .invalid("unknown memory \(memory)", at: d.offset) }
                let address = OperandType(memories[Int(memory)].limits.addressType.valueType)
                try constants.validate(offsetExpression, result: address, visibleGlobals: allGlobals)
            }
        }
        try validateExports()
        if let start = m.start {
            let at = m.offsets.start ?? 0
            guard Int(start) < functionTypes.count else { throw .invalid("unknown function \(start)", at: at) }
            let t = functionTypes[Int(start)]
            guard types.parameters(of: t).isEmpty, types.results(of: t).isEmpty else {
                throw .invalid("start function must not have parameters or results: function \(start) has type \(t)", at: at)
            }
        }
        return ValidatedModule(module: m, context: context,
                               tables: tables, memories: memories, globals: globals, tags: tags,
                               importedFunctionCount: importedFunctions, importedTableCount: importedTables,
                               importedMemoryCount: importedMemories, importedGlobalCount: importedGlobals,
                               importedTagCount: importedTags)
    }

    // MARK: Context

    func makeContext() -> ValidationContext {
        var declared = [Bool](repeating: false, count: functionTypes.count)
        func declare(_ f: UInt32) {
            if Int(f) < declared.count { declared[Int(f)] = true }
        }
        func declare(_ e: ConstantExpression) {
            for i in e.instructions {
                if case .refFunc(let f) = i { declare(f) }
            }
        }
        // C.refs: every function index outside function bodies and the start section.
        for g in module.globals { declare(g.initializer) }
        for t in module.tables { if let i = t.initializer { declare(i) } }
        for e in module.elements {
            if case .active(_, let o) = e.mode { declare(o) }
            switch e.items {
            case .functions(let fs): for f in fs { declare(f) }
            case .expressions(let es): for x in es { declare(x) }
            }
        }
        for d in module.datas { if case .active(_, let o) = d.mode { declare(o) } }
        for x in module.exports where x.kind == .function { declare(x.index) }

        return ValidationContext(
            features: features, types: types, functionTypes: functionTypes, importedFunctionCount: importedFunctions,
            tableElements: tables.map { OperandType($0.elementType) },
            tableAddresses: tables.map { OperandType($0.limits.addressType.valueType) },
            memoryAddresses: memories.map { OperandType($0.limits.addressType.valueType) },
            globalTypes: globals.map { OperandType($0.valueType) }, globalMutable: globals.map(\.mutable),
            importedGlobalCount: importedGlobals, tagTypes: tags.map(\.typeIndex),
            elementTypes: module.elements.map { OperandType($0.type) },
            dataCount: module.dataCount, declaredFunctions: declared)
    }

    // MARK: Types of definitions

    func checkValueType(_ v: ValueType, at offset: Int) throws(WasmError) {
        try TypeTable.checkValueType(v, typeCount: types.count, features: features, at: offset)
    }

    func checkFunctionType(_ t: UInt32, at offset: Int) throws(WasmError) {
        guard Int(t) < types.count else { throw .invalid("unknown type \(t)", at: offset) }
        guard types.entries[Int(t)].kind == .function else {
            throw .invalid("type mismatch: type \(t) is not a function type", at: offset)
        }
    }

    func checkTagType(_ t: TagType, at offset: Int) throws(WasmError) {
        try require(.exceptions, "tags", at: offset)
        try checkFunctionType(t.typeIndex, at: offset)
        guard types.results(of: t.typeIndex).isEmpty else {
            throw .invalid("non-empty tag result type: the type \(t.typeIndex) of a tag must have no results", at: offset)
        }
    }

    func checkLimits(_ l: Limits, maximum: UInt64, message: String, at offset: Int) throws(WasmError) {
        guard l.min <= maximum else { throw .invalid(message, at: offset) }
        if let max = l.max {
            guard max <= maximum else { throw .invalid(message, at: offset) }
            guard l.min <= max else {
                throw .invalid("size minimum must not be greater than maximum: \(l.min) > \(max)", at: offset)
            }
        }
    }

    func checkTableType(_ t: TableType, at offset: Int) throws(WasmError) {
        try TypeTable.checkRefType(t.elementType, typeCount: types.count, features: features, at: offset)
        guard !t.limits.shared else { throw .invalid("tables cannot be shared", at: offset) }
        guard t.limits.pageSizeLog2 == nil else { throw .invalid("tables have no page size", at: offset) }
        if t.limits.addressType == .i64 {
            try require(.memory64, "64-bit tables", at: offset)
        } else {
            try checkLimits(t.limits, maximum: UInt64(UInt32.max), message: "table size must be at most 2^32-1", at: offset)
        }
        try checkLimits(t.limits, maximum: UInt64.max, message: "table size", at: offset)
    }

    func checkMemoryType(_ t: MemoryType, at offset: Int) throws(WasmError) {
        let l = t.limits
        var pageSizeLog2: UInt32 = 16
        if let p = l.pageSizeLog2 {
            try require(.customPageSizes, "custom page sizes", at: offset)
            guard p == 0 || p == 16 else {
                throw .invalid("invalid custom page size: 2^\(p) bytes (only 1 and 65536 are allowed)", at: offset)
            }
            pageSizeLog2 = p
        }
        switch l.addressType {
        case .i32:
            let pages = UInt64(1) << (32 - UInt64(pageSizeLog2))
            let maximum = pageSizeLog2 == 0 ? pages - 1 : pages
            try checkLimits(l, maximum: maximum,
                            message: pageSizeLog2 == 16 ? "memory size must be at most 65536 pages (4GiB)"
                                                        : "memory size must be at most \(maximum) pages (4GiB)",
                            at: offset)
        case .i64:
            try require(.memory64, "64-bit memories", at: offset)
            let maximum = pageSizeLog2 == 0 ? UInt64.max : UInt64(1) << 48
            try checkLimits(l, maximum: maximum, message: "memory size must be at most 2^48 pages (16EiB)", at: offset)
        }
        if l.shared {
            try require(.threads, "shared memories", at: offset)
            guard l.max != nil else { throw .invalid("shared memory must have maximum", at: offset) }
        }
    }

    // MARK: Segments, exports

    func validateElementSegment(_ e: ElementSegment, context: ValidationContext,
                                constants: inout ConstantExpressionValidator, visibleGlobals: Int) throws(WasmError) {
        let type = OperandType(e.type)
        switch e.items {
        case .functions(let fs):
            for f in fs {
                guard Int(f) < functionTypes.count else { throw .invalid("unknown function \(f)", at: e.offset) }
                let ref = OperandType.ref(typeIndex: functionTypes[Int(f)], nullable: false)
                guard types.isSubtype(ref, type) else {
                    throw .invalid("type mismatch: function \(f) does not match the segment's type \(type)", at: e.offset)
                }
            }
        case .expressions(let es):
            for x in es { try constants.validate(x, result: type, visibleGlobals: visibleGlobals) }
        }
        switch e.mode {
        case .passive:
            try require(.bulkMemory, "passive element segments", at: e.offset)
        case .declarative:
            try require(.referenceTypes, "declarative element segments", at: e.offset)
        case .active(let table, let offsetExpression):
            guard Int(table) < tables.count else { throw .invalid("unknown table \(table)", at: e.offset) }
            let element = context.tableElements[Int(table)]
            guard types.isSubtype(type, element) else {
                throw .invalid("type mismatch: element segment of \(type) does not fit table \(table) of \(element)", at: e.offset)
            }
            try constants.validate(offsetExpression, result: context.tableAddresses[Int(table)], visibleGlobals: visibleGlobals)
        }
    }

    func validateExports() throws(WasmError) {
        // Names are compared as UTF-8 bytes: Swift's `String ==` identifies canonically
        // equivalent strings ("\u{C5}" and "A\u{30A}"), which are distinct names in wasm.
        var names = Set<[UInt8]>()
        names.reserveCapacity(module.exports.count)
        for x in module.exports {
            let count: Int
            switch x.kind {
            case .function: count = functionTypes.count
            case .table: count = tables.count
            case .memory: count = memories.count
            case .global: count = globals.count
            case .tag: count = tags.count
            }
            guard Int(x.index) < count else {
                let what = x.kind == .function ? "function" : x.kind.name
                throw .invalid("unknown \(what) \(x.index)", at: x.offset)
            }
            guard names.insert(Array(x.name.utf8)).inserted else {
                throw .invalid("duplicate export name \"\(x.name)\"", at: x.offset)
            }
        }
    }
}
