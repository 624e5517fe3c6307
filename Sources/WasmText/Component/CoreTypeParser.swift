import WasmFormat

/// Core types inside components: `(core type …)` and `(core rec …)` with the core
/// text format's type syntax (read by the core parser), and core module types.
extension ComponentParser {
    /// Runs the core parser's type grammar at the cursor, with the current scope's core
    /// type names.
    private mutating func withCoreParser<T>(_ body: (inout ModuleParser) throws(TextError) -> T) throws(TextError) -> T {
        var p = ModuleParser(cursor: cursor)
        p.names.types = scopes[top].coreTypes
        let result = try body(&p)
        cursor.index = p.cursor.index
        return result
    }

    /// `(core type $id? (module …))` or `(core type $id? subtype)`; `(core type` consumed.
    mutating func coreTypeDefinition(_ open: Token) throws(TextError) {
        let id = cursor.takeId()
        if cursor.takeList("module") {
            let declarations = try moduleTypeBody()
            try cursor.expectRParen()
            try cursor.expectRParen()
            return try finish(.coreType(.module(declarations)), defining: .core(.type), id)
        }
        // A type may refer to itself (a recursion group of one): name it first.
        try scopes[top].define(.core(.type), id, in: source)
        let type = try withCoreParser { (p: inout ModuleParser) throws(TextError) in try p.subType() }
        try cursor.expectRParen()
        scopes[top].finish(.coreType(.recGroup(RecGroup(types: [type], isExplicit: false))))
    }

    /// `(core rec (type $id? subtype)*)`; `(core rec` consumed.
    mutating func coreRecGroup(_ open: Token) throws(TextError) {
        let types = try recGroupBody()
        scopes[top].finish(.coreType(.recGroup(RecGroup(types: types, isExplicit: true))))
    }

    /// The members of a recursion group, all named before any is read; through `)`.
    private mutating func recGroupBody() throws(TextError) -> [SubType] {
        var probe = cursor
        while probe.takeList("type") {
            try scopes[top].define(.core(.type), probe.takeId(), in: source)
            try probe.skipToMatchingRParen()
        }
        var types: [SubType] = []
        while cursor.takeList("type") {
            _ = cursor.takeId()
            types.append(try withCoreParser { (p: inout ModuleParser) throws(TextError) in try p.subType() })
            try cursor.expectRParen()
        }
        try cursor.expectRParen()
        return types
    }

    /// `(type idx)` or the inline declarations of a core module type (which become a
    /// core type definition of their own); up to the closing parenthesis.
    mutating func coreModuleTypeUse() throws(TextError) -> UInt32 {
        if isTypeReference(), cursor.takeList("type") {
            let index = try coreIndexInsideCore(.type)
            try cursor.expectRParen()
            return index
        }
        scopes[top].beginHoisting()
        let declarations = try moduleTypeBody()
        let index = try scopes[top].define(.core(.type), nil, in: source)
        scopes[top].endHoisting(.coreType(.module(declarations)))
        return index
    }

    /// The declarations of a module type, in a scope of their own, up to the closing
    /// parenthesis (not consumed).
    private mutating func moduleTypeBody() throws(TextError) -> [CoreModuleDeclaration] {
        guard scopes.count < Self.maximumNesting else { throw cursor.error("types nested too deeply") }
        scopes.append(ComponentScope(kind: .moduleType, id: nil))
        var declarations: [CoreModuleDeclaration] = []
        // Inline signatures stand for the first explicitly declared function type that
        // matches, else get a type declaration of their own (never shared).
        var declaredFunctionTypes: [FunctionType: UInt32] = [:]
        while cursor.isLParen {
            let open = cursor.peek()
            try cursor.expectLParen()
            let head = cursor.next()
            switch head.kind == .atom ? head.text : "" {
            case "import":
                let module = try cursor.expectName()
                let name = try cursor.expectName()
                let description = try coreExternType(&declarations, declaredFunctionTypes)
                declarations.append(.import(Import(module: module, name: name, description: description, offset: open.offset)))
            case "export":
                let name = try cursor.expectName()
                declarations.append(.export(name: name, type: try coreExternType(&declarations, declaredFunctionTypes, bindsID: false)))
            case "type":
                if cursor.isList("module") { throw cursor.error("module types cannot define module types") }
                let index = try scopes[top].define(.core(.type), cursor.takeId(), in: source)
                let type = try withCoreParser { (p: inout ModuleParser) throws(TextError) in try p.subType() }
                if type.isFinal, type.supertypes.isEmpty, case .function(let f) = type.composite, declaredFunctionTypes[f] == nil {
                    declaredFunctionTypes[f] = index
                }
                declarations.append(.type(.recGroup(RecGroup(types: [type], isExplicit: false))))
            case "rec":
                declarations.append(.type(.recGroup(RecGroup(types: try recGroupBody(), isExplicit: true))))
                continue
            case "alias":
                try cursor.expectAtom("outer")
                let scope = try cursor.expectIndex("an enclosing component")
                let item = try cursor.expectIndex("a core type index")
                try cursor.expectLParen()
                try cursor.expectAtom("type")
                let id = cursor.takeId()
                try cursor.expectRParen()
                let (count, index) = try outerTarget(scope, item, .core(.type))
                try scopes[top].define(.core(.type), id, in: source)
                declarations.append(.outerTypeAlias(count: count, index: index))
            default:
                throw unexpected(head, "a module type declaration")
            }
            try cursor.expectRParen()
        }
        scopes.removeLast()
        return declarations
    }

    /// `(func $id? typeuse)`, `(table …)`, `(memory …)`, `(global …)` or `(tag …)` of a
    /// module type. An inline signature adds a type declaration before the one using it.
    /// Exports do not bind their `$id` (the reference assembler reads and ignores it).
    private mutating func coreExternType(_ declarations: inout [CoreModuleDeclaration], _ declared: [FunctionType: UInt32],
                                         bindsID: Bool = true) throws(TextError) -> ImportDescription {
        try cursor.expectLParen()
        let kind = cursor.next()
        let written = cursor.takeId()
        let id = bindsID ? written : nil
        let description: ImportDescription
        switch kind.kind == .atom ? kind.text : "" {
        case "func", "tag":
            let type = try moduleTypeFunctionUse(&declarations, declared)
            description = kind.text == "func" ? .function(typeIndex: type) : .tag(TagType(typeIndex: type))
            try scopes[top].define(kind.text == "func" ? .core(.function) : .core(.tag), id, in: source)
        case "table":
            description = .table(try withCoreParser { (p: inout ModuleParser) throws(TextError) in try p.tableType() })
            try scopes[top].define(.core(.table), id, in: source)
        case "memory":
            description = .memory(try withCoreParser { (p: inout ModuleParser) throws(TextError) in try p.memoryType() })
            try scopes[top].define(.core(.memory), id, in: source)
        case "global":
            description = .global(try withCoreParser { (p: inout ModuleParser) throws(TextError) in try p.globalType() })
            try scopes[top].define(.core(.global), id, in: source)
        default:
            throw unexpected(kind, "`func`, `table`, `memory`, `global` or `tag`")
        }
        try cursor.expectRParen()
        return description
    }

    /// `(type idx)` and/or an inline signature inside a module type.
    private mutating func moduleTypeFunctionUse(_ declarations: inout [CoreModuleDeclaration], _ declared: [FunctionType: UInt32]) throws(TextError) -> UInt32 {
        var explicit: UInt32?
        if cursor.takeList("type") {
            explicit = try index(.core(.type))
            try cursor.expectRParen()
        }
        let signature = try withCoreParser { (p: inout ModuleParser) throws(TextError) in try p.signature(allowNames: true) }
        if let explicit { return explicit }
        let type = FunctionType(parameters: signature.params.map(\.type), results: signature.results)
        if let index = declared[type] { return index }
        declarations.append(.type(.recGroup(RecGroup(types: [SubType(composite: .function(type))], isExplicit: false))))
        return try scopes[top].define(.core(.type), nil, in: source)
    }
}
