/// A module that passed validation, with the type information the runtime layers need:
/// the flattened defined types, the type of everything in each index space (imports first),
/// the functions `ref.func` may name, and a canonical identity for every defined type that
/// holds across modules.
public struct ValidatedModule: Sendable {
    public let module: Module
    let context: ValidationContext

    /// Table, memory, global and tag types of the whole index spaces, imports first.
    public let tables: [TableType]
    public let memories: [MemoryType]
    public let globals: [GlobalType]
    public let tags: [TagType]

    public let importedFunctionCount: Int
    public let importedTableCount: Int
    public let importedMemoryCount: Int
    public let importedGlobalCount: Int
    public let importedTagCount: Int

    /// The canonical key of every defined type, by type index (see `CanonicalTypeKey`).
    ///
    /// The methods below that take type indices require them to be below `types.count`
    /// (as every index in a validated module is), like an array subscript.
    public let canonicalTypes: [CanonicalTypeKey]

    /// Whether a function body uses a garbage-collection instruction (known once the
    /// bodies are validated).
    public internal(set) var bodiesUseGarbageCollection = false

    init(module: Module, context: ValidationContext, tables: [TableType], memories: [MemoryType],
         globals: [GlobalType], tags: [TagType], importedFunctionCount: Int, importedTableCount: Int,
         importedMemoryCount: Int, importedGlobalCount: Int, importedTagCount: Int) {
        self.module = module
        self.context = context
        self.tables = tables
        self.memories = memories
        self.globals = globals
        self.tags = tags
        self.importedFunctionCount = importedFunctionCount
        self.importedTableCount = importedTableCount
        self.importedMemoryCount = importedMemoryCount
        self.importedGlobalCount = importedGlobalCount
        self.importedTagCount = importedTagCount
        self.canonicalTypes = TypeCanonicalizer.keys(for: context.types)
    }

    public var features: WasmFeatures { context.features }

    /// Every defined type in index order (the rec groups flattened).
    public var types: [SubType] { context.types.subtypes }

    /// The type index of every function, imports first.
    public var functionTypeIndices: [UInt32] { context.functionTypes }

    /// The reference type of every element segment.
    public var elementTypes: [RefType] { module.elements.map(\.type) }

    /// The functions `ref.func` may name inside function bodies: those named in element
    /// segments, exports and initializers.
    public var declaredFunctionReferences: Set<UInt32> {
        var set = Set<UInt32>()
        for (i, d) in context.declaredFunctions.enumerated() where d { set.insert(UInt32(i)) }
        return set
    }

    /// Whether `ref.func function` is allowed inside a function body (O(1)).
    public func isDeclaredFunctionReference(_ function: UInt32) -> Bool {
        Int(function) < context.declaredFunctions.count && context.declaredFunctions[Int(function)]
    }

    /// The function type with index `typeIndex`, or nil if that type is not a function type.
    public func functionType(atTypeIndex typeIndex: UInt32) -> FunctionType? {
        guard Int(typeIndex) < context.types.count,
              case .function(let f) = context.types.subtypes[Int(typeIndex)].composite else { return nil }
        return f
    }

    /// The type of function `function` (function index space, imports first).
    public func functionType(ofFunction function: UInt32) -> FunctionType? {
        guard Int(function) < context.functionTypes.count else { return nil }
        return functionType(atTypeIndex: context.functionTypes[Int(function)])
    }

    /// The declared supertype of a defined type.
    public func supertype(of typeIndex: UInt32) -> UInt32? {
        let s = context.types.entries[Int(typeIndex)].superIndex
        return s == TypeTable.noSuper ? nil : s
    }

    /// The canonical key of defined type `typeIndex`.
    public func canonicalKey(ofType typeIndex: UInt32) -> CanonicalTypeKey {
        canonicalTypes[Int(typeIndex)]
    }

    // MARK: Subtyping inside the module

    /// Whether defined type `a` is a subtype of (or equivalent to) defined type `b`.
    public func isSubtype(_ a: UInt32, of b: UInt32) -> Bool {
        context.types.isConcreteSubtype(a, b)
    }

    /// Value type matching inside this module (`a <: b`).
    public func isSubtype(_ a: ValueType, of b: ValueType) -> Bool {
        context.types.isSubtype(OperandType(a), OperandType(b))
    }

    // MARK: Subtyping across modules

    /// Whether type `a` of module `ma` is equivalent to type `b` of module `mb`.
    public static func typesAreEquivalent(_ a: UInt32, in ma: ValidatedModule, _ b: UInt32, in mb: ValidatedModule) -> Bool {
        ma.canonicalTypes[Int(a)] == mb.canonicalTypes[Int(b)]
    }

    /// Whether type `a` of module `ma` is a subtype of type `b` of module `mb`: some type on
    /// `a`'s declared supertype chain (or `a` itself) is equivalent to `b`. Equivalent types
    /// sit at equal depths, so the walk stops at `b`'s depth.
    public static func isSubtype(_ a: UInt32, in ma: ValidatedModule, of b: UInt32, in mb: ValidatedModule) -> Bool {
        let target = mb.context.types.entries[Int(b)].depth
        var x = ma.context.types.entries[Int(a)]
        var index = a
        while x.depth > target {
            index = x.superIndex
            x = ma.context.types.entries[Int(index)]
        }
        guard x.depth == target else { return false }
        return ma.canonicalTypes[Int(index)] == mb.canonicalTypes[Int(b)]
    }

    /// Whether value type `a` of module `ma` matches value type `b` of module `mb`, as import
    /// matching of globals and tables needs.
    public static func isSubtype(_ a: ValueType, in ma: ValidatedModule, of b: ValueType, in mb: ValidatedModule) -> Bool {
        guard case .ref(let ra) = a, case .ref(let rb) = b else { return a == b }
        if ra.nullable && !rb.nullable { return false }
        switch (ra.heapType, rb.heapType) {
        case (.abstract(let x), .abstract(let y)):
            return TypeTable.isAbstractSubtype(x, y)
        case (.concrete(let x), .abstract(let y)):
            switch ma.context.types.entries[Int(x)].kind {
            case .function: return y == .func
            case .struct: return y == .struct || y == .eq || y == .any
            case .array: return y == .array || y == .eq || y == .any
            }
        case (.abstract(let x), .concrete(let y)):
            return x == (mb.context.types.entries[Int(y)].kind == .function ? .nofunc : .none)
        case (.concrete(let x), .concrete(let y)):
            return isSubtype(x, in: ma, of: y, in: mb)
        }
    }

    // MARK: Function bodies

    /// A validator positioned at the start of the `index`-th defined function's body.
    public func makeFunctionValidator(definedFunction index: Int) throws(WasmError) -> FunctionValidator {
        try FunctionValidator(module: self, definedFunction: index)
    }

    /// Validates every function body (what `ModuleValidator.validate` adds to
    /// `validateDeclarations`).
    public mutating func validateFunctionBodies() throws(WasmError) {
        guard !module.codes.isEmpty else { return }
        var validator = FunctionValidator(context: context, codes: module.codes)
        var garbageCollection = false
        for i in module.codes.indices {
            try validator.reset(definedFunction: i)
            try validateBody(i, with: &validator, garbageCollection: &garbageCollection)
        }
        bodiesUseGarbageCollection = garbageCollection
    }

    private func validateBody(_ i: Int, with validator: inout FunctionValidator,
                              garbageCollection: inout Bool) throws(WasmError) {
        let body = module.codes[i]
        var reader = InstructionReader(code: body.code, baseOffset: body.codeOffset)
        while !reader.isAtEnd {
            let offset = reader.offset
            let instruction: Instruction
            do throws(WasmError) {
                instruction = try reader.read()
            } catch {
                var e = error
                e.function = validator.functionIndex
                throw e
            }
            if instruction.isGarbageCollection { garbageCollection = true }
            try validator.validate(instruction, at: offset)
        }
        try validator.finish(at: body.codeOffset + body.code.count)
    }
}
