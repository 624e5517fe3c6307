/// A WAVE syntax error: what was expected where, shown with a caret under the spot.
public struct WaveError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// Offset in characters (Unicode scalars) into the text.
    public var column: Int
    public var text: String

    public var description: String {
        let line = text.unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : String($0) }.joined()
        return "\(message)\n  \(line)\n  \(String(repeating: " ", count: column))^"
    }
}

extension WAVE {
    /// Parses a value written in WAVE against the type it must have. `variables`
    /// resolves names the text uses where a value is expected (REPL bindings, resources).
    public static func parse(_ text: String, as type: ValType,
                             variables: ((String) -> Val?)? = nil) throws(WaveError) -> Val {
        var p = WaveParser(text, variables: variables)
        p.skipSpace()
        let v = try p.value(type)
        p.skipSpace()
        guard p.atEnd else { throw p.error("unexpected text after the value") }
        return v
    }

    /// A call `name(arg, …)` split into the function name (which may be qualified:
    /// `test:counter/api.live`, `counter.new`) and the text of each argument.
    public static func splitCall(_ text: String) throws(WaveError) -> (name: String, arguments: [String]) {
        var p = WaveParser(text, variables: nil)
        p.skipSpace()
        let nameStart = p.position
        while !p.atEnd, p.peek != "(", !p.peek.properties.isWhitespace { p.position += 1 }
        let name = p.slice(nameStart, p.position)
        guard !name.isEmpty else { throw p.error("expected a function name") }
        p.skipSpace()
        if p.atEnd { return (name, []) }
        guard p.peek == "(" else { throw p.error("expected `(` after the function name") }
        p.position += 1
        var arguments: [String] = []
        p.skipSpace()
        if p.peek == ")" {
            p.position += 1
        } else {
            while true {
                let start = p.position
                try p.skipValue()
                arguments.append(p.slice(start, p.position).trimmingTrailingSpace())
                p.skipSpace()
                if p.atEnd { throw p.error("expected `,` or `)`: the call is not closed") }
                if p.peek == "," {
                    p.position += 1
                    p.skipSpace()
                    continue
                }
                if p.peek == ")" {
                    p.position += 1
                    break
                }
                throw p.error("expected `,` or `)` between arguments")
            }
        }
        p.skipSpace()
        guard p.atEnd else { throw p.error("unexpected text after the call") }
        return (name, arguments)
    }
}

/// A recursive-descent parser of WAVE values, directed by the expected type.
struct WaveParser {
    let scalars: [Unicode.Scalar]
    let text: String
    var position = 0
    let variables: ((String) -> Val?)?
    var depth = 0

    init(_ text: String, variables: ((String) -> Val?)?) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
        self.variables = variables
    }

    var atEnd: Bool { position >= scalars.count }
    var peek: Unicode.Scalar { atEnd ? "\0" : scalars[position] }

    func slice(_ a: Int, _ b: Int) -> String {
        String(String.UnicodeScalarView(scalars[a..<min(b, scalars.count)]))
    }

    func error(_ message: String, at column: Int? = nil) -> WaveError {
        WaveError(message: message, column: column ?? min(position, scalars.count), text: text)
    }

    mutating func skipSpace() {
        while !atEnd {
            if peek.properties.isWhitespace {
                position += 1
            } else if peek == "/" && position + 1 < scalars.count && scalars[position + 1] == "/" {
                while !atEnd && peek != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    mutating func expect(_ c: Unicode.Scalar, _ what: String) throws(WaveError) {
        skipSpace()
        guard peek == c else { throw error("expected `\(c)` \(what)") }
        position += 1
    }

    // MARK: Values by type

    mutating func value(_ type: ValType) throws(WaveError) -> Val {
        depth += 1
        defer { depth -= 1 }
        guard depth < 500 else { throw error("value nested too deeply") }
        skipSpace()
        let start = position
        // A name that is not meaningful for the type may be a variable.
        if let variables, isLabelStart(peek), !type.acceptsLabels {
            let save = position
            let name = label()
            if let v = variables(name) {
                return v
            }
            position = save
        }
        switch type {
        case .bool:
            let l = label()
            switch l {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw error("expected a bool (`true` or `false`)", at: start)
            }
        case .u8: return .u8(try integer(UInt8.self, "u8"))
        case .u16: return .u16(try integer(UInt16.self, "u16"))
        case .u32: return .u32(try integer(UInt32.self, "u32"))
        case .u64: return .u64(try integer(UInt64.self, "u64"))
        case .s8: return .s8(try integer(Int8.self, "s8"))
        case .s16: return .s16(try integer(Int16.self, "s16"))
        case .s32: return .s32(try integer(Int32.self, "s32"))
        case .s64: return .s64(try integer(Int64.self, "s64"))
        case .f32:
            let d = try float("f32")
            return .f32(Float(d))
        case .f64: return .f64(try float("f64"))
        case .char:
            guard peek == "'" else { throw error("expected a char like 'a'") }
            position += 1
            let c = try character(quote: "'")
            guard peek == "'" else { throw error("expected `'` closing the char (a char is one character)") }
            position += 1
            return .char(c)
        case .string:
            return .string(try string())
        case .list(let e):
            return .list(try sequence("[", "]", "list") { (p) throws(WaveError) -> Val in try p.value(e) })
        case .map(let k, let v):
            return .list(try sequence("[", "]", "map") { (p) throws(WaveError) -> Val in try p.value(.tuple([k, v])) })
        case .fixedSizeList(let e, let n):
            let items = try sequence("[", "]", "list") { (p) throws(WaveError) -> Val in try p.value(e) }
            guard items.count == n else { throw error("expected a list of exactly \(n) elements, got \(items.count)", at: start) }
            return .list(items)
        case .tuple(let types):
            var i = 0
            let items = try sequence("(", ")", "tuple") { (p) throws(WaveError) -> Val in
                guard i < types.count else { throw p.error("too many tuple elements: expected \(types.count)") }
                defer { i += 1 }
                return try p.value(types[i])
            }
            guard items.count == types.count else { throw error("expected a tuple of \(types.count) elements, got \(items.count)", at: start) }
            return .tuple(items)
        case .record(let fields):
            return try record(fields, start: start)
        case .flags(let labels):
            guard peek == "{" else { throw error("expected flags like {a, b} or {}") }
            var set: Set<String> = []
            _ = try sequence("{", "}", "flags") { (p) throws(WaveError) -> Val in
                let at = p.position
                let name = p.label()
                guard labels.contains(name) else {
                    throw p.error("unknown flag `\(name)`: the flags are \(labels.joined(separator: ", "))", at: at)
                }
                set.insert(name)
                return .bool(true)
            }
            return .flags(labels.filter(set.contains))
        case .enum(let cases):
            let name = label()
            guard cases.contains(name) else {
                throw error("expected one of the enum cases \(cases.joined(separator: ", "))", at: start)
            }
            return .enum(name)
        case .variant(let cases):
            let name = label()
            guard let c = cases.first(where: { $0.name == name }) else {
                throw error("expected one of the variant cases \(cases.map(\.name).joined(separator: ", "))", at: start)
            }
            return .variant(name, try payload(c.type, of: name))
        case .option(let inner):
            let save = position
            let l = label()
            if l == "none" && peek != "(" { return .option(nil) }
            if l == "some" {
                return .option(try payload(inner, of: "some"))
            }
            position = save
            // The flat form: a bare value means `some`, unless the payload is itself an
            // option (then `none` would be ambiguous).
            if case .option = inner { throw error("expected `some(…)` or `none`", at: start) }
            return .option(try value(inner))
        case .result(let ok, let err):
            let save = position
            let l = label()
            if l == "ok" { return .result(.ok(try payload(ok, of: "ok"))) }
            if l == "err" { return .result(.err(try payload(err, of: "err"))) }
            position = save
            guard let ok else { throw error("expected `ok` or `err(…)`", at: start) }
            return .result(.ok(try value(ok)))
        case .own, .borrow:
            let name = label()
            if let v = variables?(name) { return v }
            throw error("a resource cannot be written as a value; bind it to a name with `let`", at: start)
        case .errorContext, .stream, .future:
            throw error("\(type) values cannot be written in WAVE", at: start)
        }
    }

    /// A case payload: `(value)` when the case has a type, nothing when it has none.
    mutating func payload(_ type: ValType?, of name: String) throws(WaveError) -> Val? {
        skipSpace()
        if let type {
            guard peek == "(" else { throw error("expected `(` and a value of `\(name)`") }
            position += 1
            let v = try value(type)
            try expect(")", "closing the payload of `\(name)`")
            return v
        }
        if peek == "(" { throw error("`\(name)` has no payload") }
        return nil
    }

    mutating func record(_ fields: [ValType.Field], start: Int) throws(WaveError) -> Val {
        guard peek == "{" else { throw error("expected a record like {\(fields.map { "\($0.name): …" }.joined(separator: ", "))}") }
        var given: [String: Val] = [:]
        _ = try sequence("{", "}", "record") { (p) throws(WaveError) -> Val in
            let at = p.position
            let name = p.label()
            guard let f = fields.first(where: { $0.name == name }) else {
                throw p.error("unknown field `\(name)`: the fields are \(fields.map(\.name).joined(separator: ", "))", at: at)
            }
            guard given[name] == nil else { throw p.error("field `\(name)` given twice", at: at) }
            try p.expect(":", "after the field name `\(name)`")
            let v = try p.value(f.type)
            given[name] = v
            return v
        }
        var out: [Val.Field] = []
        for f in fields {
            if let v = given[f.name] {
                out.append(.init(f.name, v))
            } else if case .option = f.type {
                out.append(.init(f.name, .option(nil)))
            } else {
                throw error("missing field `\(f.name)`", at: start)
            }
        }
        return .record(out)
    }

    /// `open item, item, … close` (a trailing comma is allowed).
    mutating func sequence(_ open: Unicode.Scalar, _ close: Unicode.Scalar, _ what: String,
                           _ item: (inout WaveParser) throws(WaveError) -> Val) throws(WaveError) -> [Val] {
        skipSpace()
        guard peek == open else { throw error("expected a \(what) starting with `\(open)`") }
        position += 1
        var items: [Val] = []
        while true {
            skipSpace()
            if peek == close {
                position += 1
                return items
            }
            if atEnd { throw error("the \(what) is not closed: expected `\(close)`") }
            items.append(try item(&self))
            skipSpace()
            if peek == "," {
                position += 1
            } else if peek != close {
                throw error("expected `,` or `\(close)` in the \(what)")
            }
        }
    }

    // MARK: Tokens

    func isLabelStart(_ c: Unicode.Scalar) -> Bool {
        c == "%" || (c.value < 128 && (c.properties.isAlphabetic))
    }

    /// A kebab-case label, `%` escapes a keyword. Returns "" when there is none.
    mutating func label() -> String {
        skipSpace()
        if peek == "%" { position += 1 }
        let start = position
        while !atEnd, peek.value < 128, peek.properties.isAlphabetic || peek.properties.numericType != nil || peek == "-" {
            position += 1
        }
        return slice(start, position)
    }

    mutating func numberText() -> String {
        skipSpace()
        let start = position
        if peek == "-" || peek == "+" { position += 1 }
        while !atEnd, peek.properties.numericType != nil || peek == "." || peek == "e" || peek == "E" || peek == "_"
            || ((peek == "-" || peek == "+") && position > start && (scalars[position - 1] == "e" || scalars[position - 1] == "E")) {
            position += 1
        }
        return slice(start, position)
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type, _ name: String) throws(WaveError) -> T {
        let start = position
        let t = numberText()
        guard !t.isEmpty else { throw error("expected a \(name) integer", at: start) }
        guard t.allSatisfy({ $0.isNumber || $0 == "-" }) else {
            throw error("expected a \(name) integer, got `\(t)`", at: start)
        }
        guard let v = T(t) else {
            throw error("invalid value: \(t) is out of range for \(name) (\(T.min)…\(T.max))", at: start)
        }
        return v
    }

    mutating func float(_ name: String) throws(WaveError) -> Double {
        let start = position
        let save = position
        let l = label()
        if l == "nan" { return .nan }
        if l == "inf" { return .infinity }
        position = save
        if peek == "-" {
            position += 1
            if label() == "inf" { return -.infinity }
            position = save
        }
        let t = numberText()
        guard !t.isEmpty, let d = Double(t) else { throw error("expected a \(name) number (like 1.5, -0, nan, inf)", at: start) }
        return d
    }

    mutating func string() throws(WaveError) -> String {
        guard peek == "\"" else { throw error("expected a string in double quotes") }
        position += 1
        var out = String.UnicodeScalarView()
        while true {
            if atEnd { throw error("the string is not closed: expected `\"`") }
            if peek == "\"" {
                position += 1
                return String(out)
            }
            if peek == "\n" { throw error("a string cannot span lines") }
            out.append(try character(quote: "\""))
        }
    }

    /// One character of a char or string literal, escapes decoded.
    mutating func character(quote: Unicode.Scalar) throws(WaveError) -> Unicode.Scalar {
        guard !atEnd else { throw error("unexpected end of text in a literal") }
        let c = peek
        position += 1
        guard c == "\\" else {
            if c == quote { throw error("empty literal") }
            return c
        }
        let at = position - 1
        guard !atEnd else { throw error("unfinished escape", at: at) }
        let e = peek
        position += 1
        switch e {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "\\": return "\\"
        case "'": return "'"
        case "\"": return "\""
        case "u":
            guard peek == "{" else { throw error("expected `{` after \\u", at: at) }
            position += 1
            let start = position
            while !atEnd, peek != "}" { position += 1 }
            let hex = slice(start, position)
            guard peek == "}" else { throw error("expected `}` closing \\u{…}", at: at) }
            position += 1
            guard let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else {
                throw error("\\u{\(hex)} is not a Unicode scalar value", at: at)
            }
            return s
        default:
            throw error("unknown escape \\\(e)", at: at)
        }
    }

    /// Skips one value without a type (to split call arguments).
    mutating func skipValue() throws(WaveError) {
        skipSpace()
        var nesting = 0
        while !atEnd {
            switch peek {
            case "\"", "'":
                let quote = peek
                position += 1
                while !atEnd && peek != quote {
                    if peek == "\\" { position += 1 }
                    position += 1
                }
                guard !atEnd else { throw error("the literal is not closed") }
                position += 1
            case "(", "[", "{":
                nesting += 1
                position += 1
            case ")", "]", "}":
                if nesting == 0 { return }
                nesting -= 1
                position += 1
            case ",":
                if nesting == 0 { return }
                position += 1
            default:
                position += 1
            }
        }
        if nesting > 0 { throw error("unbalanced brackets") }
    }
}

extension ValType {
    /// Whether a bare label is a value of this type (so it is not taken for a variable).
    var acceptsLabels: Bool {
        switch self {
        case .bool, .enum, .variant, .option, .result, .f32, .f64: true
        default: false
        }
    }
}

private extension String {
    func trimmingTrailingSpace() -> String {
        var s = self
        while let last = s.unicodeScalars.last, last.properties.isWhitespace { s.unicodeScalars.removeLast() }
        return s
    }
}
