import WasmFormat

/// Imports, exports, instances and the sort-first definition forms (`(func …)`,
/// `(instance …)`, `(core func …)`, …) with their import, alias and export abbreviations.
extension ComponentParser {
    // MARK: Imports and exports

    /// `(import "name" attribute* externtype)`, a definition or a declarator of a
    /// component type; `(import` consumed.
    mutating func importBody(_ open: Token) throws(TextError) {
        let name = try externName()
        let (type, id) = try externType()
        try cursor.expectRParen()
        try finish(.import(ComponentImport(name: name, type: type, offset: open.offset)), defining: type.sort, id)
    }

    /// `(export $id? "name" attribute* externidx externtype?)`; `(export` consumed.
    mutating func exportDefinition(_ open: Token) throws(TextError) {
        let id = cursor.takeId()
        let name = try externName()
        let item = try externIndex()
        var ascribed: ComponentExternType?
        if cursor.isLParen {
            let (type, ascribedID) = try externType()
            if let ascribedID { throw cursor.error("unexpected identifier in an export's type", at: ascribedID.offset) }
            ascribed = type
        }
        try cursor.expectRParen()
        try finish(.export(ComponentExport(name: name, item: item, type: ascribed, offset: open.offset)), defining: item.sort, id)
    }

    // MARK: Component instances

    /// `(instance $id? (export …)* instanceexpr)`, or the import and alias forms.
    mutating func instanceDefinition(_ open: Token) throws(TextError) {
        let id = cursor.takeId()
        let exports = try inlineExportNames()
        if let name = try inlineImportName() {
            let type = try typeUse(.instance)
            try cursor.expectRParen()
            return try finish(.import(ComponentImport(name: name, type: .instance(type: type), offset: open.offset)),
                              defining: .instance, id, exports: exports)
        }
        if isInvertedAlias() {
            let alias = try invertedAlias(.instance)
            try cursor.expectRParen()
            return try finish(.alias(alias), defining: .instance, id, exports: exports)
        }
        let expression = try instanceExpression()
        try cursor.expectRParen()
        try finish(.instance(ComponentInstance(expression: expression, offset: open.offset)), defining: .instance, id, exports: exports)
    }

    /// `(instantiate componentidx instantiatearg*)` or `inlineexport*`.
    private mutating func instanceExpression() throws(TextError) -> ComponentInstance.Expression {
        if cursor.takeList("instantiate") {
            let component = try indexOrSortIndex(.component)
            var arguments: [ComponentInstantiateArgument] = []
            while cursor.takeList("with") {
                let name = try cursor.expectName()
                let item: ComponentSortIndex
                if cursor.isList("instance"), !cursor.isUnsigned(2), cursor.peek(2).kind != .id {
                    // `(with "n" (instance (export …)*))`: an instance of its own, before.
                    let offset = cursor.offset
                    cursor.index += 2
                    scopes[top].beginHoisting()
                    let exports = try inlineExports()
                    try cursor.expectRParen()
                    let index = try scopes[top].define(.instance, nil, in: source)
                    scopes[top].endHoisting(.instance(ComponentInstance(expression: .exports(exports), offset: offset)))
                    item = ComponentSortIndex(sort: .instance, index: index)
                } else {
                    item = try externIndex()
                }
                arguments.append(ComponentInstantiateArgument(name: name, item: item))
                try cursor.expectRParen()
            }
            try cursor.expectRParen()
            return .instantiate(component: component, arguments: arguments)
        }
        return .exports(try inlineExports())
    }

    /// `(export "name" externidx)*` of an instance built from definitions.
    private mutating func inlineExports() throws(TextError) -> [ComponentInlineExport] {
        var exports: [ComponentInlineExport] = []
        while cursor.takeList("export") {
            let name = try externName()
            exports.append(ComponentInlineExport(name: name, item: try externIndex()))
            try cursor.expectRParen()
        }
        return exports
    }

    // MARK: Core instances

    /// `(core instance $id? (instantiate m arg*))` or `(core instance $id? (export …)*)`;
    /// `(core instance` consumed.
    mutating func coreInstance(_ open: Token) throws(TextError) {
        let id = cursor.takeId()
        if isInvertedAlias() {
            let alias = try invertedAlias(.core(.instance))
            try cursor.expectRParen()
            return try finish(.alias(alias), defining: .core(.instance), id)
        }
        let expression: CoreInstance.Expression
        if cursor.takeList("instantiate") {
            let module = try coreIndexInsideCore(.module)
            var arguments: [CoreInstantiateArgument] = []
            while cursor.takeList("with") {
                let name = try cursor.expectName()
                try cursor.expectLParen()
                try cursor.expectAtom("instance")
                let instance: UInt32
                if cursor.isLParen {
                    // `(with "n" (instance (export …)*))`: a core instance of its own, before.
                    let offset = cursor.peek(-2).offset
                    scopes[top].beginHoisting()
                    let exports = try coreInlineExports()
                    instance = try scopes[top].define(.core(.instance), nil, in: source)
                    scopes[top].endHoisting(.coreInstance(CoreInstance(expression: .exports(exports), offset: offset)))
                } else {
                    let ref = try cursor.expectIndex("a core instance index")
                    instance = try exportProjection(from: ref, .core(.instance))
                }
                try cursor.expectRParen()
                arguments.append(CoreInstantiateArgument(name: name, instance: instance))
                try cursor.expectRParen()
            }
            try cursor.expectRParen()
            expression = .instantiate(module: module, arguments: arguments)
        } else {
            expression = .exports(try coreInlineExports())
        }
        try cursor.expectRParen()
        try finish(.coreInstance(CoreInstance(expression: expression, offset: open.offset)), defining: .core(.instance), id)
    }

    /// `(export "name" (coresort idx name?))*`: inside core definitions the core sorts
    /// are written without `core`.
    private mutating func coreInlineExports() throws(TextError) -> [CoreInlineExport] {
        var exports: [CoreInlineExport] = []
        while cursor.takeList("export") {
            let name = try cursor.expectName()
            try cursor.expectLParen()
            // `(core func …)` is read too: some writers spell the sort out in full.
            _ = cursor.takeAtom("core")
            guard case .core(let sort) = try sortKeyword(insideCore: true) else { throw cursor.unexpected("a core sort") }
            let index = try sortIndexRest(.core(sort))
            exports.append(CoreInlineExport(name: name, item: CoreSortIndex(sort: sort, index: index)))
            try cursor.expectRParen()
        }
        return exports
    }

    /// `core:{X}idx ::= idx | (X idx name?)` inside a core definition.
    mutating func coreIndexInsideCore(_ sort: CoreSort) throws(TextError) -> UInt32 {
        if cursor.isList(sort.name) {
            cursor.index += 2
            return try sortIndexRest(.core(sort))
        }
        return try index(.core(sort))
    }

    // MARK: Sort-first definitions

    /// `(func $id? (export …)* …)`: an import, an alias, or `canon lift` with its type
    /// written first; `(func` consumed.
    mutating func functionDefinition(_ open: Token) throws(TextError) {
        let id = cursor.takeId()
        let exports = try inlineExportNames()
        if let name = try inlineImportName() {
            let type = try typeUse(.function)
            try cursor.expectRParen()
            return try finish(.import(ComponentImport(name: name, type: .function(type: type), offset: open.offset)),
                              defining: .function, id, exports: exports)
        }
        if isInvertedAlias() {
            let alias = try invertedAlias(.function)
            try cursor.expectRParen()
            return try finish(.alias(alias), defining: .function, id, exports: exports)
        }
        let type = try typeUse(.function)
        guard cursor.takeList("canon") else { throw cursor.unexpected("`(canon lift …)`") }
        let canonOffset = cursor.peek(-2).offset
        try cursor.expectAtom("lift")
        let (function, options) = try liftBody()
        try cursor.expectRParen()
        try cursor.expectRParen()
        let canon = Canon(kind: .lift(coreFunction: function, options: options, type: type), offset: canonOffset)
        try finish(.canon(canon), defining: .function, id, exports: exports)
    }

    /// `(core func $id? (canon …))` or `(core func $id? (alias core export …))`, and the
    /// alias form of the other core sorts; `(core sort` consumed.
    mutating func coreItemDefinition(_ sort: CoreSort, _ open: Token) throws(TextError) {
        let id = cursor.takeId()
        if isInvertedAlias() {
            let alias = try invertedAlias(.core(sort))
            try cursor.expectRParen()
            return try finish(.alias(alias), defining: .core(sort), id)
        }
        guard sort == .function, cursor.isList("canon") else { throw cursor.unexpected("`(alias …)`\(sort == .function ? " or `(canon …)`" : "")") }
        let canonOffset = cursor.offset
        cursor.index += 2
        let name = cursor.next()
        guard name.kind == .atom, name.text != "lift" else {
            throw cursor.error("unexpected token, expected a canonical built-in that defines a core function", at: name.offset)
        }
        let kind = try builtin(name)
        try cursor.expectRParen()
        try cursor.expectRParen()
        try finish(.canon(Canon(kind: kind, offset: canonOffset)), defining: .core(.function), id)
    }
}
