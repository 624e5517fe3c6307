import WasmFormat

/// Pass 2: the module fields other than types, each parsed fully and resolved, with
/// their abbreviations (inline imports and exports, `(table … (elem …))`,
/// `(memory … (data …))`, offset and item shorthands) expanded.
extension ModuleParser {
    // MARK: Shared pieces

    /// `(export "name")*` of a definition.
    private mutating func inlineExports(_ kind: ExternalKind, index: UInt32) throws(TextError) {
        while cursor.isList("export") {
            let offset = cursor.offset
            cursor.index += 2
            let name = try cursor.expectName()
            try cursor.expectRParen()
            module.exports.append(Export(name: name, kind: kind, index: index, offset: offset))
        }
    }

    /// `(import "module" "name")?` of a definition.
    private mutating func inlineImport() throws(TextError) -> (module: String, name: String, offset: Int)? {
        guard cursor.isList("import") else { return nil }
        let offset = cursor.offset
        cursor.index += 2
        let m = try cursor.expectName()
        let n = try cursor.expectName()
        try cursor.expectRParen()
        return (m, n, offset)
    }

    /// Instructions up to the closing parenthesis, as a constant expression.
    mutating func constantExpression(_ place: ConstantExpressionSource.Place) throws(TextError) -> ConstantExpression {
        // Only code needs the data count section (a constant `array.new_data` is invalid
        // anyway), so constant expressions do not ask for it.
        let usedDataCount = usesDataCount
        defer { usesDataCount = usedDataCount }
        var scope = FunctionScope.function()
        var list = InstructionList()
        try instructionSequence(&scope, &list)
        constantExpressionSources.append(ConstantExpressionSource(place: place, offsets: list.offsets))
        return ConstantExpression(list.instructions)
    }

    /// One folded instruction standing for a whole expression: `(i32.const 0)` as an
    /// offset, `(ref.func $f)` as an element.
    private mutating func foldedConstantExpression(_ place: ConstantExpressionSource.Place) throws(TextError) -> ConstantExpression {
        let usedDataCount = usesDataCount
        defer { usesDataCount = usedDataCount }
        var scope = FunctionScope.function()
        var list = InstructionList()
        try foldedInstruction(&scope, &list)
        constantExpressionSources.append(ConstantExpressionSource(place: place, offsets: list.offsets))
        return ConstantExpression(list.instructions)
    }

    /// `(offset instr*)` or a single folded instruction.
    private mutating func offsetExpression(_ place: ConstantExpressionSource.Place) throws(TextError) -> ConstantExpression {
        if cursor.takeList("offset") {
            let e = try constantExpression(place)
            try cursor.expectRParen()
            return e
        }
        guard cursor.isLParen else { throw cursor.unexpected("an offset expression") }
        return try foldedConstantExpression(place)
    }

    private static func zeroOffset(_ address: AddressType) -> ConstantExpression {
        ConstantExpression([address == .i64 ? .i64Const(0) : .i32Const(0)])
    }

    // MARK: Functions

    mutating func functionField() throws(TextError) {
        _ = cursor.takeId()
        let index = functionCount
        functionCount += 1
        let override = try takeNameAnnotation()
        if let override { nameOverrides[.function, default: [:]][index] = override }
        try inlineExports(.function, index: index)
        if let imp = try inlineImport() {
            let type = try resolve(try typeUse(allowNames: true))
            try recordParameterNames(type.params, function: index)
            module.imports.append(Import(module: imp.module, name: imp.name, description: .function(typeIndex: type.index), offset: imp.offset))
            try cursor.expectRParen()
            return
        }
        let type = try resolve(try typeUse(allowNames: true))
        var scope = FunctionScope.function()
        for p in type.params { try scope.locals.add(p.name, in: source) }
        var locals: [ValueType] = []
        while cursor.takeList("local") {
            if let id = cursor.takeId() {
                try scope.locals.add(id, in: source)
                locals.append(try valueType())
            } else {
                while !cursor.isRParen {
                    locals.append(try valueType())
                    scope.locals.addUnnamed(1)
                }
            }
            try cursor.expectRParen()
        }
        var body = InstructionList()
        try instructionSequence(&scope, &body)
        let endOffset = cursor.offset
        try cursor.expectRParen()
        body.append(.plain(.end), at: endOffset)
        module.functions.append(type.index)
        codes.append(FunctionCode(locals: locals, body: body))
        if !scope.locals.names.isEmpty { localNames[index] = scope.locals.names }
        if !scope.labelNames.isEmpty { labelNames[index] = scope.labelNames }
    }

    /// Parameter names of an imported function, for the `name` section (they are
    /// still checked for duplicates).
    private mutating func recordParameterNames(_ params: [(name: Token?, type: ValueType)], function: UInt32) throws(TextError) {
        var locals = IndexSpace(kind: "local")
        for p in params { try locals.add(p.name, in: source) }
        if !locals.names.isEmpty { localNames[function] = locals.names }
    }

    // MARK: Tables and memories

    mutating func tableField() throws(TextError) {
        _ = cursor.takeId()
        let index = tableCount
        tableCount += 1
        if let override = try takeNameAnnotation() { nameOverrides[.table, default: [:]][index] = override }
        try inlineExports(.table, index: index)
        if let imp = try inlineImport() {
            let type = try tableType()
            module.imports.append(Import(module: imp.module, name: imp.name, description: .table(type), offset: imp.offset))
            try cursor.expectRParen()
            return
        }
        let address = addressType()
        if isRefTypeAhead() {
            // `(table reftype (elem …))`: the size is the number of elements.
            let elementType = try refType()
            guard cursor.takeList("elem") else { throw cursor.unexpected("`(elem …)`") }
            let segmentIndex = module.elements.count
            let items = try elementList(elementType: elementType, segment: segmentIndex)
            try cursor.expectRParen()
            try cursor.expectRParen()
            let n = UInt64(items.items.count)
            module.tables.append(Table(type: TableType(elementType: elementType, limits: Limits(min: n, max: n, addressType: address))))
            module.elements.append(ElementSegment(type: items.type, mode: .active(table: index, offset: Self.zeroOffset(address)), items: items.items))
            return
        }
        let l = try limits(address)
        let type = TableType(elementType: try refType(), limits: l)
        var initializer: ConstantExpression?
        if !cursor.isRParen {
            initializer = try constantExpression(.tableInitializer(module.tables.count))
        }
        try cursor.expectRParen()
        module.tables.append(Table(type: type, initializer: initializer))
    }

    mutating func memoryField() throws(TextError) {
        _ = cursor.takeId()
        let index = memoryCount
        memoryCount += 1
        if let override = try takeNameAnnotation() { nameOverrides[.memory, default: [:]][index] = override }
        try inlineExports(.memory, index: index)
        if let imp = try inlineImport() {
            let type = try memoryType()
            module.imports.append(Import(module: imp.module, name: imp.name, description: .memory(type), offset: imp.offset))
            try cursor.expectRParen()
            return
        }
        let address = addressType()
        let early = try pageSize()
        if cursor.takeList("data") {
            // `(memory (data …))`: just enough pages for the data, no more.
            var bytes: [UInt8] = []
            while let s = cursor.takeString() { bytes.append(contentsOf: s.bytes) }
            try cursor.expectRParen()
            try cursor.expectRParen()
            let pageBytes = UInt64(1) << UInt64(early ?? 16)
            let pages = (UInt64(bytes.count) + pageBytes - 1) / pageBytes
            module.memories.append(MemoryType(limits: Limits(min: pages, max: pages, addressType: address, pageSizeLog2: early)))
            module.datas.append(DataSegment(mode: .active(memory: index, offset: Self.zeroOffset(address)), bytes: bytes[...]))
            return
        }
        var l = try limits(address)
        if cursor.takeAtom("shared") { l.shared = true } else { _ = cursor.takeAtom("unshared") }
        l.pageSizeLog2 = try pageSize() ?? early
        try cursor.expectRParen()
        module.memories.append(MemoryType(limits: l))
    }

    // MARK: Globals and tags

    mutating func globalField() throws(TextError) {
        _ = cursor.takeId()
        let index = globalCount
        globalCount += 1
        if let override = try takeNameAnnotation() { nameOverrides[.global, default: [:]][index] = override }
        try inlineExports(.global, index: index)
        if let imp = try inlineImport() {
            let type = try globalType()
            module.imports.append(Import(module: imp.module, name: imp.name, description: .global(type), offset: imp.offset))
            try cursor.expectRParen()
            return
        }
        let type = try globalType()
        let initializer = try constantExpression(.global(module.globals.count))
        try cursor.expectRParen()
        module.globals.append(Global(type: type, initializer: initializer))
    }

    mutating func tagField() throws(TextError) {
        _ = cursor.takeId()
        let index = tagCount
        tagCount += 1
        if let override = try takeNameAnnotation() { nameOverrides[.tag, default: [:]][index] = override }
        try inlineExports(.tag, index: index)
        let imp = try inlineImport()
        let type = try resolve(try typeUse(allowNames: false))
        try cursor.expectRParen()
        if let imp {
            module.imports.append(Import(module: imp.module, name: imp.name, description: .tag(TagType(typeIndex: type.index)), offset: imp.offset))
        } else {
            module.tags.append(TagType(typeIndex: type.index))
        }
    }

    // MARK: Imports, exports, start

    mutating func importField() throws(TextError) {
        let offset = cursor.peek(-1).offset
        let m = try cursor.expectName()
        let n = try cursor.expectName()
        try cursor.expectLParen()
        let kind = cursor.next()
        _ = cursor.takeId()
        let description: ImportDescription
        switch kind.text {
        case "func":
            if let override = try takeNameAnnotation() { nameOverrides[.function, default: [:]][functionCount] = override }
            let type = try resolve(try typeUse(allowNames: true))
            try recordParameterNames(type.params, function: functionCount)
            functionCount += 1
            description = .function(typeIndex: type.index)
        case "table":
            tableCount += 1
            description = .table(try tableType())
        case "memory":
            memoryCount += 1
            description = .memory(try memoryType())
        case "global":
            globalCount += 1
            description = .global(try globalType())
        case "tag":
            if let override = try takeNameAnnotation() { nameOverrides[.tag, default: [:]][tagCount] = override }
            tagCount += 1
            description = .tag(TagType(typeIndex: try resolve(try typeUse(allowNames: false)).index))
        default:
            throw cursor.error("unexpected token `\(kind.text)`, expected an import kind", at: kind.offset)
        }
        try cursor.expectRParen()
        try cursor.expectRParen()
        module.imports.append(Import(module: m, name: n, description: description, offset: offset))
    }

    mutating func exportField() throws(TextError) {
        let offset = cursor.peek(-1).offset
        let name = try cursor.expectName()
        try cursor.expectLParen()
        let kindToken = cursor.next()
        let kind: ExternalKind
        let index: UInt32
        switch kindToken.text {
        case "func": kind = .function; index = try self.index(in: names.functions)
        case "table": kind = .table; index = try self.index(in: names.tables)
        case "memory": kind = .memory; index = try self.index(in: names.memories)
        case "global": kind = .global; index = try self.index(in: names.globals)
        case "tag": kind = .tag; index = try self.index(in: names.tags)
        default:
            throw cursor.error("unexpected token `\(kindToken.text)`, expected an export kind", at: kindToken.offset)
        }
        try cursor.expectRParen()
        try cursor.expectRParen()
        module.exports.append(Export(name: name, kind: kind, index: index, offset: offset))
    }

    mutating func startField(_ keyword: Token) throws(TextError) {
        guard module.start == nil else {
            throw cursor.error("multiple start sections", at: keyword.offset)
        }
        module.start = try index(in: names.functions)
        try cursor.expectRParen()
    }

    // MARK: Segments

    mutating func elementField() throws(TextError) {
        _ = cursor.takeId()
        let segmentIndex = module.elements.count
        var mode: ElementSegment.Mode = .passive
        if cursor.takeAtom("declare") {
            mode = .declarative
        } else {
            var table: UInt32?
            if cursor.takeList("table") {
                table = try index(in: names.tables)
                try cursor.expectRParen()
            } else if cursor.isUnsigned() {
                // The MVP form `(elem 0 (offset …) …)`.
                table = try index(in: names.tables)
            }
            let isItem = cursor.isList("item") || cursor.isList("ref")
            if table != nil || (cursor.isLParen && !isItem) {
                mode = .active(table: table ?? 0, offset: try offsetExpression(.elementOffset(segmentIndex)))
            }
        }
        let list = try elementList(elementType: nil, segment: segmentIndex)
        try cursor.expectRParen()
        module.elements.append(ElementSegment(type: list.type, mode: mode, items: list.items))
    }

    /// `func? funcidx*` or `reftype item*`; an item is `(item instr*)` or one folded
    /// instruction. `elementType` is the table's type in the table abbreviation, where
    /// the list has no type of its own.
    private mutating func elementList(elementType: RefType?, segment: Int) throws(TextError) -> (type: RefType, items: ElementSegment.Items) {
        var type = elementType
        let sawFunc = elementType == nil && cursor.takeAtom("func")
        if !sawFunc, type == nil, isRefTypeAhead() { type = try refType() }
        let usesExpressions = !sawFunc && (type != nil && elementType == nil || cursor.isLParen)
        if usesExpressions {
            var expressions: [ConstantExpression] = []
            while !cursor.isRParen {
                let place = ConstantExpressionSource.Place.elementItem(segment, expressions.count)
                if cursor.takeList("item") {
                    expressions.append(try constantExpression(place))
                    try cursor.expectRParen()
                } else if cursor.isLParen {
                    expressions.append(try foldedConstantExpression(place))
                } else {
                    throw cursor.unexpected("an element expression")
                }
            }
            return (type ?? .funcref, .expressions(expressions))
        }
        var functions: [UInt32] = []
        while let ref = try cursor.takeIndex() {
            functions.append(try names.functions.resolve(ref, in: source))
        }
        if let type, type != .funcref {
            // A typed table abbreviation with function indices: spell them as expressions.
            return (type, .expressions(functions.map { ConstantExpression([.refFunc($0)]) }))
        }
        return (RefType(nullable: false, heapType: .func), .functions(functions))
    }

    mutating func dataField() throws(TextError) {
        _ = cursor.takeId()
        let segmentIndex = module.datas.count
        var mode: DataSegment.Mode = .passive
        var memory: UInt32?
        if cursor.takeList("memory") {
            memory = try index(in: names.memories)
            try cursor.expectRParen()
        } else if cursor.isUnsigned() {
            // The MVP form `(data 0 (offset …) …)`.
            memory = try index(in: names.memories)
        }
        if memory != nil || cursor.isLParen {
            mode = .active(memory: memory ?? 0, offset: try offsetExpression(.dataOffset(segmentIndex)))
        }
        var bytes: [UInt8] = []
        while let s = cursor.takeString() { bytes.append(contentsOf: s.bytes) }
        try cursor.expectRParen()
        module.datas.append(DataSegment(mode: mode, bytes: bytes[...]))
    }
}
