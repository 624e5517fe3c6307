import WasmFormat

/// Component-level types: value types, `deftype`s, function, component, instance and
/// resource types, extern types and type uses.
///
/// A value type written inline where the binary wants an index (`(param "x" (list u8))`)
/// becomes a type definition of its own, before the one that uses it; so do inline
/// function, component and instance types of imports, exports and `canon lift`.
extension ComponentParser {
    static let primitives: [String: PrimitiveValueType] = {
        var d: [String: PrimitiveValueType] = [:]
        for p in PrimitiveValueType.allCases { d[p.name] = p }
        // Older spellings the reference assembler still reads.
        d["float32"] = .f32
        d["float64"] = .f64
        return d
    }()

    /// `(type $id? (export …)* deftype)` or `(type $id? (alias …))`; `(type` consumed.
    /// Declarators of component and instance types have no inline exports.
    mutating func typeDefinition(_ open: Token, isDeclarator: Bool = false) throws(TextError) {
        let id = cursor.takeId()
        if isDeclarator, try isNameOnlyList("export") { throw cursor.unexpected("a type (declarators have no inline exports)") }
        let exports = try inlineExportNames()
        if isInvertedAlias() {
            let alias = try invertedAlias(.type)
            try cursor.expectRParen()
            return try finish(.alias(alias), defining: .type, id, exports: exports)
        }
        let definition = try definedType(id: id?.text)
        try cursor.expectRParen()
        try finish(.type(definition), defining: .type, id, exports: exports)
    }

    /// A `deftype`: a primitive keyword, or a parenthesized value, function, component,
    /// instance or resource type.
    /// `id` names the scope of a component or instance type, for outer aliases.
    mutating func definedType(id: String?) throws(TextError) -> ComponentTypeDefinition {
        if let a = cursor.atom(), let p = Self.primitives[a] {
            cursor.next()
            return .defined(.primitive(p))
        }
        guard cursor.isLParen, let head = cursor.atom(1) else { throw cursor.unexpected("a type definition") }
        switch head {
        case "func":
            cursor.index += 2
            let f = try functionTypeBody()
            try cursor.expectRParen()
            return .function(f)
        case "component":
            cursor.index += 2
            let decls = try typeScope(.componentType, id: id).componentDeclarations()
            try cursor.expectRParen()
            return .component(decls)
        case "instance":
            cursor.index += 2
            let decls = try typeScope(.instanceType, id: id).instanceDeclarations()
            try cursor.expectRParen()
            return .instance(decls)
        case "resource":
            cursor.index += 2
            return try resourceTypeBody()
        default:
            return .defined(try definedValueType())
        }
    }

    /// `(resource (rep i32|i64) (dtor core-prefix(core:funcidx))?)` after `(resource`.
    private mutating func resourceTypeBody() throws(TextError) -> ComponentTypeDefinition {
        try cursor.expectLParen()
        try cursor.expectAtom("rep")
        let representation: ValueType
        if cursor.takeAtom("i32") { representation = .i32 } else if cursor.takeAtom("i64") { representation = .i64 } else {
            throw cursor.unexpected("`i32` or `i64`")
        }
        try cursor.expectRParen()
        var destructor: UInt32?
        if cursor.takeList("dtor") {
            destructor = try coreIndex(.function)
            try cursor.expectRParen()
        }
        try cursor.expectRParen()
        return .resource(representation: representation, destructor: destructor)
    }

    /// The declarations of a component or instance type, in a scope of their own, up to
    /// the closing parenthesis (not consumed).
    mutating func typeScope(_ kind: ComponentScope.Kind, id: String? = nil) throws(TextError) -> ComponentScope {
        guard scopes.count < Self.maximumNesting else {
            throw cursor.error("components and types nested too deeply")
        }
        scopes.append(ComponentScope(kind: kind, id: id))
        while cursor.isLParen { try declaration(kind) }
        return scopes.removeLast()
    }

    /// One declarator: `(core type …)`, `(type …)`, `(alias …)`, `(export …)`, and
    /// `(import …)` in component types.
    private mutating func declaration(_ kind: ComponentScope.Kind) throws(TextError) {
        let open = cursor.peek()
        try cursor.expectLParen()
        let head = cursor.peek()
        switch head.kind == .atom ? head.text : "" {
        case "core":
            cursor.next()
            if cursor.takeAtom("type") { return try coreTypeDefinition(open) }
            if cursor.takeAtom("rec") { return try coreRecGroup(open) }
            throw cursor.unexpected("`type`")
        case "type":
            cursor.next()
            return try typeDefinition(open, isDeclarator: true)
        case "alias":
            cursor.next()
            return try aliasDefinition(open)
        case "export":
            cursor.next()
            let name = try externName()
            let (type, id) = try externType()
            try cursor.expectRParen()
            return try finish(.exportDeclaration(name, type), defining: type.sort, id)
        case "import" where kind == .componentType:
            cursor.next()
            return try importBody(open)
        default:
            throw cursor.unexpected(kind == .componentType ? "a component type declaration" : "an instance type declaration")
        }
    }

    // MARK: Value types

    /// A `valtype`: a primitive, a type index, or an inline defined value type (which
    /// becomes a type definition of its own).
    mutating func valueType() throws(TextError) -> ComponentValTypeRef {
        if let a = cursor.atom(), let p = Self.primitives[a] {
            cursor.next()
            return .primitive(p)
        }
        if let ref = try cursor.takeIndex() { return .index(try resolve(ref, .type)) }
        guard cursor.isLParen else { throw cursor.unexpected("a value type") }
        if isTypeReference() {
            cursor.index += 2
            let index = try indexOrSortIndex(.type)
            try cursor.expectRParen()
            return .index(index)
        }
        scopes[top].beginHoisting()
        let d = try definedValueType()
        let index = try scopes[top].define(.type, nil, in: source)
        scopes[top].endHoisting(.type(.defined(d)))
        return .index(index)
    }

    /// A parenthesized `defvaltype`.
    mutating func definedValueType() throws(TextError) -> DefinedValTypeSyntax {
        try cursor.expectLParen()
        let head = cursor.peek()
        guard head.kind == .atom else { throw cursor.unexpected("a value type") }
        cursor.next()
        let d: DefinedValTypeSyntax
        switch head.text {
        case "record":
            var fields: [LabeledValType] = []
            while cursor.takeList("field") {
                let label = try cursor.expectName()
                fields.append(LabeledValType(label: label, type: try valueType()))
                try cursor.expectRParen()
            }
            d = .record(fields)
        case "variant":
            var cases: [VariantCaseSyntax] = []
            while cursor.takeList("case") {
                _ = cursor.takeId()
                let label = try cursor.expectName()
                var type: ComponentValTypeRef?
                if !cursor.isRParen && !cursor.isList("refines") { type = try valueType() }
                var refines: UInt32?
                if cursor.takeList("refines") {
                    refines = try cursor.expectU32(what: "a case index")
                    try cursor.expectRParen()
                }
                cases.append(VariantCaseSyntax(label: label, type: type, refines: refines))
                try cursor.expectRParen()
            }
            d = .variant(cases)
        case "list":
            let element = try valueType()
            if cursor.isUnsigned() {
                d = .fixedSizeList(element, length: try cursor.expectU32(what: "a list length"))
            } else {
                d = .list(element)
            }
        case "tuple":
            var types: [ComponentValTypeRef] = []
            while !cursor.isRParen { types.append(try valueType()) }
            d = .tuple(types)
        case "flags", "enum":
            var labels: [String] = []
            while cursor.peek().kind == .string { labels.append(try cursor.expectName()) }
            d = head.text == "flags" ? .flags(labels) : .enum(labels)
        case "option":
            d = .option(try valueType())
        case "result":
            var ok: ComponentValTypeRef?
            if !cursor.isRParen && !cursor.isList("error") { ok = try valueType() }
            var error: ComponentValTypeRef?
            if cursor.takeList("error") {
                error = try valueType()
                try cursor.expectRParen()
            }
            d = .result(ok: ok, error: error)
        case "own":
            d = .own(try index(.type))
        case "borrow":
            d = .borrow(try index(.type))
        case "stream":
            d = .stream(cursor.isRParen ? nil : try valueType())
        case "future":
            d = .future(cursor.isRParen ? nil : try valueType())
        case "map":
            let key = try valueType()
            d = .map(key: key, value: try valueType())
        default:
            if let p = Self.primitives[head.text] {
                d = .primitive(p)
            } else {
                throw cursor.error("unexpected token `\(head.text)`, expected a value type", at: head.offset)
            }
        }
        try cursor.expectRParen()
        return d
    }

    // MARK: Function types

    /// `async? (param "name" valtype)* (result valtype)?` after `(func`.
    mutating func functionTypeBody() throws(TextError) -> ComponentFunctionTypeSyntax {
        let isAsync = cursor.takeAtom("async")
        var parameters: [LabeledValType] = []
        while cursor.takeList("param") {
            let label = try cursor.expectName()
            parameters.append(LabeledValType(label: label, type: try valueType()))
            try cursor.expectRParen()
        }
        var result: ComponentValTypeRef?
        if cursor.takeList("result") {
            result = try valueType()
            try cursor.expectRParen()
        }
        return ComponentFunctionTypeSyntax(isAsync: isAsync, parameters: parameters, result: result)
    }

    // MARK: Type uses and extern types

    /// `(type idx)`, or the inline body of a type of `sort` (function, component or
    /// instance), which becomes a type definition of its own; up to the closing
    /// parenthesis of the enclosing list (not consumed).
    mutating func typeUse(_ sort: ComponentSort) throws(TextError) -> UInt32 {
        if isTypeReference() {
            cursor.index += 2
            let index = try indexOrSortIndex(.type)
            try cursor.expectRParen()
            return index
        }
        scopes[top].beginHoisting()
        let definition: ComponentTypeDefinition
        switch sort {
        case .function: definition = .function(try functionTypeBody())
        case .component: definition = .component(try typeScope(.componentType).componentDeclarations())
        default: definition = .instance(try typeScope(.instanceType).instanceDeclarations())
        }
        let index = try scopes[top].define(.type, nil, in: source)
        scopes[top].endHoisting(.type(definition))
        return index
    }

    /// Whether `(type idx)` comes next — a reference to a type, where the same
    /// parenthesis could open a type declarator (`(type $t u32)`) of an inline type.
    func isTypeReference() -> Bool {
        guard cursor.isList("type") else { return false }
        let k = cursor.peek(2).kind
        if k == .lparen { return cursor.isAtom("type", 3) }
        guard k == .id || cursor.isUnsigned(2) else { return false }
        let after = cursor.peek(3).kind
        return after == .rparen || after == .string
    }

    /// `externtype` with an optional `$id` after the sort keyword (bind-id): what the
    /// id names is the imported or exported item, defined by the caller.
    mutating func externType() throws(TextError) -> (ComponentExternType, Token?) {
        try cursor.expectLParen()
        let t = cursor.peek()
        guard t.kind == .atom else { throw cursor.unexpected("an extern type") }
        cursor.next()
        let id: Token?
        let type: ComponentExternType
        switch t.text {
        case "core":
            try cursor.expectAtom("module")
            id = cursor.takeId()
            type = .module(coreType: try coreModuleTypeUse())
        case "func":
            id = cursor.takeId()
            type = .function(type: try typeUse(.function))
        case "component":
            id = cursor.takeId()
            type = .component(type: try typeUse(.component))
        case "instance":
            id = cursor.takeId()
            type = .instance(type: try typeUse(.instance))
        case "value":
            id = cursor.takeId()
            // NB: the `(eq i)` value bound is not in the tree (wasm-tools 1.262 has none).
            type = .value(.type(try valueType()))
        case "type":
            id = cursor.takeId()
            if cursor.takeList("eq") {
                type = .type(.equal(try index(.type)))
            } else if cursor.takeList("sub") {
                try cursor.expectAtom("resource")
                type = .type(.subResource)
            } else {
                throw cursor.unexpected("`(eq …)` or `(sub resource)`")
            }
            try cursor.expectRParen()
        default:
            throw cursor.error("unexpected token, expected one of: `core`, `func`, `component`, `instance`, `value`, `type`", at: t.offset)
        }
        try cursor.expectRParen()
        return (type, id)
    }

    // MARK: Names

    /// `externnamelit attribute*`: `"name"` (or the older `(interface "name")`), then
    /// `(implements "…")` and `(external-id "…")`.
    mutating func externName() throws(TextError) -> ExternName {
        let name: String
        if cursor.takeList("interface") {
            name = try cursor.expectName()
            try cursor.expectRParen()
        } else {
            name = try cursor.expectName()
        }
        var attributes: [ExternName.Attribute] = []
        var seen: Set<String> = []
        while cursor.isLParen, let head = cursor.atom(1), ["implements", "external-id", "versionsuffix"].contains(head) {
            guard seen.insert(head).inserted else { throw cursor.unexpected("one `(\(head) …)` at most") }
            cursor.index += 2
            let value = try cursor.expectName()
            switch head {
            case "implements": attributes.append(.implements(value))
            case "external-id": attributes.append(.externalID(value))
            default: attributes.append(.versionSuffix(value))
            }
            try cursor.expectRParen()
        }
        return ExternName(name, encoding: attributes.isEmpty ? 0x00 : 0x02, attributes: attributes)
    }
}
