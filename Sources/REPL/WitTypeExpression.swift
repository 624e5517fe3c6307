import ComponentRuntime

/// Reads a WIT type as `layout` takes it: a primitive (`u32`, `string`), a named type of
/// the component, `list<T>`, `list<T, N>`, `option<T>`, `result<T, E>` (`result`,
/// `result<_, E>`), `tuple<…>`, and the anonymous forms the REPL prints: `record { x: s32 }`,
/// `variant { a(T), b }`, `enum { a, b }`, `flags { a, b }`.
struct WitTypeExpression {
    private var text: [Character]
    private var position = 0
    private let named: (String) -> ValType?

    static func parse(_ text: String, named: @escaping (String) -> ValType?) throws -> ValType {
        var parser = WitTypeExpression(text: Array(text), named: named)
        let type = try parser.type()
        parser.skipSpace()
        guard parser.position == parser.text.count else { throw parser.error("unexpected text after the type") }
        return type
    }

    private init(text: [Character], named: @escaping (String) -> ValType?) {
        self.text = text
        self.named = named
    }

    private func error(_ message: String) -> REPLError {
        REPLError("\(message) at column \(position + 1) of the type: \(String(text))")
    }

    private mutating func skipSpace() {
        while position < text.count, text[position].isWhitespace { position += 1 }
    }

    private mutating func take(_ c: Character) -> Bool {
        skipSpace()
        guard position < text.count, text[position] == c else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ c: Character) throws {
        guard take(c) else { throw error("expected `\(c)`") }
    }

    /// A name: letters, digits, `-`, `_`, and the `:`, `/`, `@`, `.` of qualified names.
    private mutating func word() throws -> String {
        skipSpace()
        let start = position
        while position < text.count, text[position].isLetter || text[position].isNumber || "-_:/@.%".contains(text[position]) {
            position += 1
        }
        guard position > start else { throw error("expected a type") }
        return String(text[start..<position])
    }

    /// A field, case or flag label: letters, digits, `-` and `_`.
    private mutating func label() throws -> String {
        skipSpace()
        let start = position
        while position < text.count, text[position].isLetter || text[position].isNumber || "-_".contains(text[position]) {
            position += 1
        }
        guard position > start else { throw error("expected a label") }
        return String(text[start..<position])
    }

    private mutating func type() throws -> ValType {
        let name = try word()
        if let primitive = Self.primitives[name] { return primitive }
        switch name {
        case "list":
            try expect("<")
            let element = try type()
            if take(",") {
                guard let n = Int(try word()), n > 0 else { throw error("a fixed-size list needs a positive length") }
                try expect(">")
                return .fixedSizeList(element, n)
            }
            try expect(">")
            return .list(element)
        case "option":
            try expect("<")
            let t = try type()
            try expect(">")
            return .option(t)
        case "result":
            guard take("<") else { return .result(ok: nil, error: nil) }
            var ok: ValType?
            if take("_") { ok = nil } else { ok = try type() }
            let failure = take(",") ? try type() : nil
            try expect(">")
            return .result(ok: ok, error: failure)
        case "tuple":
            try expect("<")
            var types = [try type()]
            while take(",") { types.append(try type()) }
            try expect(">")
            return .tuple(types)
        case "record":
            return .record(try braced { p in
                let field = try p.label()
                try p.expect(":")
                return ValType.Field(field, try p.type())
            })
        case "variant":
            return .variant(try braced { p in
                let label = try p.label()
                guard p.take("(") else { return ValType.Case(label, nil) }
                let payload = try p.type()
                try p.expect(")")
                return ValType.Case(label, payload)
            })
        case "enum": return .enum(try braced { try $0.label() })
        case "flags": return .flags(try braced { try $0.label() })
        default:
            guard let t = named(name) else {
                throw REPLError("unknown type \"\(name)\": a WIT type (u32, list<string>, record { x: s32 }, …) or a type of the component (`types` lists them)")
            }
            return t
        }
    }

    /// `{ item, item, … }` with an optional trailing comma.
    private mutating func braced<T>(_ item: (inout WitTypeExpression) throws -> T) throws -> [T] {
        try expect("{")
        var items: [T] = []
        while !take("}") {
            items.append(try item(&self))
            if !take(",") {
                try expect("}")
                break
            }
        }
        guard !items.isEmpty else { throw error("expected at least one item in braces") }
        return items
    }

    static let primitives: [String: ValType] = [
        "bool": .bool, "s8": .s8, "u8": .u8, "s16": .s16, "u16": .u16, "s32": .s32, "u32": .u32,
        "s64": .s64, "u64": .u64, "f32": .f32, "f64": .f64, "char": .char, "string": .string,
    ]
}
