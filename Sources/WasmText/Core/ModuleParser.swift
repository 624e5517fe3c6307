import WasmFormat

/// Parses the fields of one text module into a `Module`, in two passes.
///
/// Pass 1 (`FieldCollector.swift`) walks the fields shallowly and binds every identifier
/// of every index space, so that pass 2 can resolve forward references (a call to a
/// function defined further down, a `(ref $t)` to a later type). Pass 2 first parses all
/// type definitions — inline signatures must match them wherever they are written — and
/// then every other field in textual order, which is also the order in which implicit
/// types are appended (`TypeUses.swift`).
struct ModuleParser {
    var cursor: TokenCursor
    var names = ModuleNames()
    var module = Module()

    /// Every defined type: the explicit ones, then the implicit ones.
    var subTypes: [SubType] = []
    /// Types added for inline signatures, in order; they follow the explicit ones.
    var implicitTypes: [FunctionType] = []
    /// The type an inline signature stands for.
    var functionTypeIndex: [FunctionType: UInt32] = [:]

    /// Set by instructions that need the data count section.
    var usesDataCount = false

    /// The token index of the `(` of every field, in order (pass 1).
    var fieldStarts: [Int] = []

    // Pass 2 results besides `module`.
    var codes: [FunctionCode] = []
    var localNames: [UInt32: [UInt32: String]] = [:]
    var labelNames: [UInt32: [UInt32: String]] = [:]
    var constantExpressionSources: [ConstantExpressionSource] = []
    var customSections: [PendingCustomSection] = []
    /// The module's identifier (`$name`), or its `@name`.
    var moduleName: String?
    /// Names given by `@name` annotations; they win over identifiers.
    var nameOverrides: [NameKind: [UInt32: String]] = [:]
    /// Annotations (by index in the cursor's list) already acted on.
    var consumedAnnotations: Set<Int> = []
    /// The token index where the fields end (`)` of `(module …)`, or the end of input).
    var endTokenIndex = 0

    // Pass 2 counters: the index the next definition of each kind gets.
    var functionCount: UInt32 = 0
    var tableCount: UInt32 = 0
    var memoryCount: UInt32 = 0
    var globalCount: UInt32 = 0
    var tagCount: UInt32 = 0

    /// Indices of the `@name` annotations, the only ones looked up field by field.
    let nameAnnotations: [Int]

    init(cursor: TokenCursor) {
        self.cursor = cursor
        self.nameAnnotations = cursor.annotations.indices.filter { cursor.annotations[$0].id == "name" }
    }

    var source: SourceText { cursor.source }

    /// Parses fields up to the first token that cannot start one (the caller checks that
    /// it is the end of input or the `)` of `(module …)`); leaves the cursor there.
    mutating func parseFields() throws(TextError) {
        let first = cursor.index
        try collectFields()
        endTokenIndex = cursor.index
        cursor.index = first

        // Pass 2a: types, so that every type use below can be checked against them.
        for start in fieldStarts {
            cursor.index = start + 1
            let keyword = cursor.next().text
            if keyword == "type" {
                let t = try typeDefinition()
                module.types.append(RecGroup(types: [t], isExplicit: false))
                subTypes.append(t)
            } else if keyword == "rec" {
                var group: [SubType] = []
                while cursor.takeList("type") { group.append(try typeDefinition()) }
                try cursor.expectRParen()
                module.types.append(RecGroup(types: group, isExplicit: true))
                subTypes.append(contentsOf: group)
            }
        }
        indexFunctionTypes()

        // Pass 2b: everything else, in order.
        for start in fieldStarts {
            cursor.index = start + 1
            let keyword = cursor.next()
            switch keyword.text {
            case "type", "rec": continue
            case "func": try functionField()
            case "table": try tableField()
            case "memory": try memoryField()
            case "global": try globalField()
            case "tag": try tagField()
            case "import": try importField()
            case "export": try exportField()
            case "start": try startField(keyword)
            case "elem": try elementField()
            case "data": try dataField()
            default: throw unknownWord(keyword, expected: "a module field")
            }
        }
        for t in implicitTypes {
            module.types.append(RecGroup(types: [SubType(composite: .function(t))], isExplicit: false))
        }
        if usesDataCount { module.dataCount = UInt32(module.datas.count) }
        try collectCustomSections()
        cursor.index = endTokenIndex
    }
}

/// A function body as parsed: local types (parameters excluded) and instructions.
struct FunctionCode {
    var locals: [ValueType]
    var body: InstructionList
}

/// Where a constant expression sits in the module, so that its instructions can be
/// found in the encoded binary for the source map.
struct ConstantExpressionSource {
    enum Place {
        case global(Int)
        case tableInitializer(Int)
        case elementOffset(Int)
        case elementItem(Int, Int)
        case dataOffset(Int)
    }

    var place: Place
    var offsets: [Int]
}
