import WasmFormat

/// The grammar of `.wast` scripts on top of the shared token cursor.
struct WastParser {
    var cursor: TokenCursor

    var source: SourceText { cursor.source }

    mutating func script() throws(TextError) -> [WastDirective] {
        var directives: [WastDirective] = []
        while !cursor.atEnd {
            directives.append(try directive())
        }
        return directives
    }

    private mutating func directive() throws(TextError) -> WastDirective {
        guard cursor.isLParen, let head = cursor.atom(1) else { throw cursor.unexpected("a script command") }
        let location = source.location(of: cursor.offset)
        let kind: WastDirective.Kind
        switch head {
        case "module":
            if cursor.isAtom("instance", 2) {
                cursor.index += 3
                let instance = cursor.takeId()?.text
                let module = cursor.takeId()?.text
                try cursor.expectRParen()
                kind = .moduleInstance(instance: instance, module: module)
            } else {
                kind = .module(try module())
            }
        case "component":
            if cursor.isAtom("instance", 2) {
                cursor.index += 3
                let instance = cursor.takeId()?.text
                let component = cursor.takeId()?.text
                try cursor.expectRParen()
                kind = .componentInstance(instance: instance, component: component)
            } else {
                kind = .module(try module())
            }
        case "register":
            cursor.index += 2
            let name = try cursor.expectName()
            let module = cursor.takeId()?.text
            try cursor.expectRParen()
            kind = .register(name: name, module: module)
        case "invoke", "get":
            kind = .action(try action())
        case "assert_return":
            cursor.index += 2
            let a = try action()
            var expected: [WastExpected] = []
            while cursor.isLParen { expected.append(try expectedResult()) }
            try cursor.expectRParen()
            kind = .assertReturn(a, expected)
        case "assert_trap":
            cursor.index += 2
            if cursor.isList("module") || cursor.isList("component") {
                let m = try module()
                kind = .assertUninstantiable(m, message: try message())
            } else {
                let a = try action()
                kind = .assertTrap(a, message: try message())
            }
        case "assert_exhaustion":
            cursor.index += 2
            let a = try action()
            kind = .assertExhaustion(a, message: try message())
        case "assert_exception":
            cursor.index += 2
            let a = try action()
            try cursor.expectRParen()
            kind = .assertException(a)
        case "assert_invalid", "assert_malformed", "assert_unlinkable", "assert_uninstantiable",
             "assert_malformed_custom", "assert_invalid_custom":
            cursor.index += 2
            let m = try module()
            let text = try message()
            switch head {
            case "assert_invalid": kind = .assertInvalid(m, message: text)
            case "assert_malformed": kind = .assertMalformed(m, message: text)
            case "assert_unlinkable": kind = .assertUnlinkable(m, message: text)
            case "assert_uninstantiable": kind = .assertUninstantiable(m, message: text)
            case "assert_malformed_custom": kind = .assertMalformedCustom(m, message: text)
            default: kind = .assertInvalidCustom(m, message: text)
            }
        default:
            throw cursor.error("unexpected token `\(head)`: not a script command", at: cursor.peek(1).offset)
        }
        return WastDirective(kind: kind, location: location)
    }

    /// The `"message"` of an assertion and its closing parenthesis.
    private mutating func message() throws(TextError) -> String {
        let bytes = try cursor.expectString()
        try cursor.expectRParen()
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Modules

    /// `(module definition? $id? …)` or `(component definition? $id? …)` in its text,
    /// `binary` and `quote` forms; the fields of a text module are only skipped over here.
    private mutating func module() throws(TextError) -> WastModule {
        let open = cursor.peek()
        let location = source.location(of: open.offset)
        let isComponent = cursor.isList("component")
        guard cursor.takeList("module") || cursor.takeList("component") else { throw cursor.unexpected("`(module …)`") }
        var isDefinition = cursor.takeAtom("definition")
        let id = cursor.takeId()?.text
        if !isDefinition { isDefinition = cursor.takeAtom("definition") }
        let headerEnd = cursor.peek(-1).end
        func span(to close: Token) -> Range<Int> { open.offset..<close.end }

        if cursor.takeAtom("binary") || cursor.isAtom("quote") {
            let quoted = cursor.takeAtom("quote")
            var parts: [[UInt8]] = []
            while let s = cursor.takeString() { parts.append(s.bytes) }
            let close = cursor.peek()
            try cursor.expectRParen()
            // Quote strings are joined with a space, which can never merge two tokens.
            let payload = quoted ? Array(parts.joined(separator: [0x20])) : Array(parts.joined())
            return WastModule(encoding: quoted ? .quote : .binary, isComponent: isComponent, id: id, isDefinition: isDefinition,
                              location: location, source: source, span: span(to: close),
                              fields: headerEnd..<headerEnd, payload: payload)
        }
        // A text module: find its end without parsing it.
        try cursor.skipToMatchingRParen()
        let close = cursor.peek(-1)
        return WastModule(encoding: .text, isComponent: isComponent, id: id, isDefinition: isDefinition, location: location,
                          source: source, span: span(to: close), fields: headerEnd..<close.offset, payload: [])
    }

    // MARK: Actions and values

    private mutating func action() throws(TextError) -> WastAction {
        if cursor.takeList("invoke") {
            let module = cursor.takeId()?.text
            let name = try cursor.expectName()
            var arguments: [WastValue] = []
            while cursor.isLParen { arguments.append(try value()) }
            try cursor.expectRParen()
            return .invoke(module: module, name: name, arguments: arguments)
        }
        if cursor.takeList("get") {
            let module = cursor.takeId()?.text
            let name = try cursor.expectName()
            try cursor.expectRParen()
            return .get(module: module, name: name)
        }
        throw cursor.unexpected("`(invoke …)` or `(get …)`")
    }

    /// An argument: a constant of a number, vector or reference type.
    private mutating func value() throws(TextError) -> WastValue {
        try cursor.expectLParen()
        let head = cursor.next()
        let v: WastValue
        switch head.text {
        case "i32.const": v = .i32(UInt32(truncatingIfNeeded: try cursor.expectInteger(bits: 32)))
        case "i64.const": v = .i64(try cursor.expectInteger(bits: 64))
        case "f32.const": v = .f32(try cursor.expectF32())
        case "f64.const": v = .f64(try cursor.expectF64())
        case "v128.const":
            let (shape, lanes) = try vectorLanes(allowNaNPatterns: false)
            guard let vector = WastExpected.v128(shape, lanes).exactValue else { throw cursor.unexpected("a vector") }
            v = vector
        case "ref.null": v = .refNull(try heapType())
        case "ref.extern": v = .refExtern(try cursor.expectU32())
        case "ref.host": v = .refHost(try cursor.expectU32())
        default:
            guard let c = try componentValue(head) else {
                throw cursor.error("unknown operator \(head.text) (not a script value)", at: head.offset)
            }
            v = .component(c)
        }
        try cursor.expectRParen()
        return v
    }

    private mutating func heapType() throws(TextError) -> WastHeapType {
        if let a = cursor.atom(), let h = ModuleParser.abstractHeapTypes[a] {
            cursor.next()
            return .abstract(h)
        }
        if let id = cursor.takeId() { return .named(id.text) }
        return .index(try cursor.expectU32(what: "a heap type"))
    }

    /// An expected result: a value or a pattern. `either` may nest, but only so far:
    /// nothing meaningful needs it, and it is the one recursion in scripts.
    private mutating func expectedResult(depth: Int = 0) throws(TextError) -> WastExpected {
        guard depth < 32 else { throw cursor.error("`either` nested too deeply") }
        try cursor.expectLParen()
        let head = cursor.next()
        let e: WastExpected
        switch head.text {
        case "i32.const": e = .i32(UInt32(truncatingIfNeeded: try cursor.expectInteger(bits: 32)))
        case "i64.const": e = .i64(try cursor.expectInteger(bits: 64))
        case "f32.const":
            if let nan = nanPattern() { e = .f32NaN(nan) } else { e = .f32(try cursor.expectF32()) }
        case "f64.const":
            if let nan = nanPattern() { e = .f64NaN(nan) } else { e = .f64(try cursor.expectF64()) }
        case "v128.const":
            let (shape, lanes) = try vectorLanes(allowNaNPatterns: true)
            e = .v128(shape, lanes)
        case "ref.null":
            e = .refNull(cursor.isRParen ? nil : try heapType())
        case "ref.extern":
            e = cursor.isRParen ? .ref(.extern) : .refExtern(try cursor.expectU32())
        case "ref.host":
            e = .refHost(try cursor.expectU32())
        case "ref.func":
            if let id = cursor.takeId() {
                e = .refFunc(.name(id.text))
            } else if cursor.isUnsigned() {
                e = .refFunc(.index(try cursor.expectU32()))
            } else {
                e = .ref(.func)
            }
        case "ref.any": e = .ref(.any)
        case "ref.eq": e = .ref(.eq)
        case "ref.i31": e = .ref(.i31)
        case "ref.struct": e = .ref(.struct)
        case "ref.array": e = .ref(.array)
        case "ref.exn": e = .ref(.exn)
        case "either":
            var alternatives: [WastExpected] = []
            while cursor.isLParen { alternatives.append(try expectedResult(depth: depth + 1)) }
            e = .either(alternatives)
        default:
            guard let c = try componentValue(head) else {
                throw cursor.error("unknown operator \(head.text) (not an expected result)", at: head.offset)
            }
            e = .component(c)
        }
        try cursor.expectRParen()
        return e
    }

    private mutating func nanPattern() -> WastNaN? {
        if cursor.takeAtom("nan:canonical") { return .canonical }
        if cursor.takeAtom("nan:arithmetic") { return .arithmetic }
        return nil
    }

    /// `shape lane*` of a vector constant; float lanes may be NaN patterns in results.
    private mutating func vectorLanes(allowNaNPatterns: Bool) throws(TextError) -> (WastVectorShape, [WastLane]) {
        guard let text = cursor.atom(), let shape = WastVectorShape(rawValue: text) else {
            throw cursor.unexpected("a vector shape")
        }
        cursor.next()
        var lanes: [WastLane] = []
        for _ in 0..<shape.laneCount {
            switch shape {
            case .i8x16: lanes.append(.bits(try cursor.expectInteger(bits: 8)))
            case .i16x8: lanes.append(.bits(try cursor.expectInteger(bits: 16)))
            case .i32x4: lanes.append(.bits(try cursor.expectInteger(bits: 32)))
            case .i64x2: lanes.append(.bits(try cursor.expectInteger(bits: 64)))
            case .f32x4:
                if allowNaNPatterns, let nan = nanPattern() { lanes.append(.nan(nan)) } else {
                    lanes.append(.bits(UInt64(try cursor.expectF32())))
                }
            case .f64x2:
                if allowNaNPatterns, let nan = nanPattern() { lanes.append(.nan(nan)) } else {
                    lanes.append(.bits(try cursor.expectF64()))
                }
            }
        }
        return (shape, lanes)
    }
}
