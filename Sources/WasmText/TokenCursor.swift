/// The s-expression layer: a position in a token stream and the small vocabulary every
/// text parser is written in (`(keyword …)`, identifiers, strings, numbers).
///
/// Core modules, scripts and (later) components share it; none of it knows about wasm.
struct TokenCursor {
    let source: SourceText
    let tokens: [Token]
    let annotations: [Annotation]
    var index: Int
    /// Tells keywords from unknown words, which the reference interpreter reports as
    /// "unknown operator" (see `Keywords`); the default knows every word.
    var isKnownKeyword: @Sendable (String) -> Bool = { _ in true }

    init(source: SourceText, tokens: [Token], annotations: [Annotation] = [], index: Int = 0) {
        self.source = source
        self.tokens = tokens
        self.annotations = annotations
        self.index = index
    }

    /// Lexes `range` of `source` (all of it by default).
    init(lexing source: SourceText, range: Range<Int>? = nil) throws(TextError) {
        let (tokens, annotations) = try Lexer.tokenize(source, range: range)
        self.init(source: source, tokens: tokens, annotations: annotations)
    }

    // MARK: Looking

    /// The token `k` places ahead (`.eof` past the end).
    func peek(_ k: Int = 0) -> Token {
        let i = max(0, index + k)
        return i < tokens.count ? tokens[i] : tokens[tokens.count - 1]
    }

    var atEnd: Bool { peek().kind == .eof }
    var isRParen: Bool { peek().kind == .rparen }
    var isLParen: Bool { peek().kind == .lparen }

    /// The text of the atom `k` places ahead, if it is one.
    func atom(_ k: Int = 0) -> String? {
        let t = peek(k)
        return t.kind == .atom ? t.text : nil
    }

    func isAtom(_ word: String, _ k: Int = 0) -> Bool { atom(k) == word }

    /// Whether the next tokens are `(` `word`.
    func isList(_ word: String) -> Bool {
        peek().kind == .lparen && isAtom(word, 1)
    }

    /// The keyword after `(`, when the next token opens a list.
    var listHead: String? {
        peek().kind == .lparen ? atom(1) : nil
    }

    var offset: Int { peek().offset }

    // MARK: Taking

    @discardableResult
    mutating func next() -> Token {
        let t = peek()
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    mutating func takeAtom(_ word: String) -> Bool {
        guard isAtom(word) else { return false }
        index += 1
        return true
    }

    /// Consumes `(` `word` when they come next.
    mutating func takeList(_ word: String) -> Bool {
        guard isList(word) else { return false }
        index += 2
        return true
    }

    mutating func takeId() -> Token? {
        guard peek().kind == .id else { return nil }
        return next()
    }

    mutating func takeString() -> Token? {
        guard peek().kind == .string else { return nil }
        return next()
    }

    // MARK: Expecting

    func error(_ message: String, at offset: Int) -> TextError {
        source.error(message, at: offset)
    }

    func error(_ message: String) -> TextError {
        source.error(message, at: peek().offset)
    }

    /// "unexpected token", naming what was found and what was expected.
    func unexpected(_ expected: String? = nil) -> TextError {
        let t = peek()
        var message = "unexpected token"
        switch t.kind {
        case .eof: message = "unexpected end of input"
        case .lparen: message += " `(`"
        case .rparen: message += " `)`"
        case .atom where !Numbers.isNumber(t.text) && !isKnownKeyword(t.text), .reserved:
            message = "unknown operator \(t.text)"
        case .atom: message += " `\(t.text)`"
        case .id: message += " `$\(t.text)`"
        case .string: message += " (a string)"
        }
        if let expected { message += ", expected \(expected)" }
        // Keep the reference interpreter's phrase in the message at end of input, too.
        if t.kind == .eof { message += " (unexpected token)" }
        return error(message, at: t.offset)
    }

    mutating func expectLParen() throws(TextError) {
        guard peek().kind == .lparen else { throw unexpected("`(`") }
        index += 1
    }

    mutating func expectRParen() throws(TextError) {
        guard peek().kind == .rparen else { throw unexpected("`)`") }
        index += 1
    }

    mutating func expectAtom(_ word: String) throws(TextError) {
        guard takeAtom(word) else { throw unexpected("`\(word)`") }
    }

    mutating func expectString() throws(TextError) -> [UInt8] {
        guard let t = takeString() else { throw unexpected("a string") }
        return t.bytes
    }

    /// A string that must be valid UTF-8 (names of imports, exports, sections).
    mutating func expectName() throws(TextError) -> String {
        guard let t = takeString() else { throw unexpected("a name string") }
        guard UTF8Validation.isValid(t.bytes) else {
            throw error("malformed UTF-8 encoding", at: t.offset)
        }
        return String(decoding: t.bytes, as: UTF8.self)
    }

    /// Skips to just past the `)` matching an already consumed `(` (iteratively).
    mutating func skipToMatchingRParen() throws(TextError) {
        var depth = 1
        while true {
            let t = next()
            switch t.kind {
            case .lparen: depth += 1
            case .rparen:
                depth -= 1
                if depth == 0 { return }
            case .eof: throw error("unexpected end of input: unbalanced parentheses (unexpected token)", at: t.offset)
            default: break
            }
        }
    }

    // MARK: Numbers

    func isNumber(_ k: Int = 0) -> Bool {
        let t = peek(k)
        guard t.kind == .atom, let c = t.text.utf8.first else { return false }
        return (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
    }

    /// Whether the next token is an unsigned integer literal (digits, no sign).
    func isUnsigned(_ k: Int = 0) -> Bool {
        let t = peek(k)
        guard t.kind == .atom, let c = t.text.utf8.first else { return false }
        return c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
    }

    /// Converts the next atom with `parse`, turning a literal failure into the reference
    /// interpreter's messages: malformed text is an "unknown operator" (it lexes as an
    /// unknown keyword there), a value that does not fit is "… constant out of range".
    mutating func literal<T>(_ what: String, outOfRange: String,
                             _ parse: (String) throws(Numbers.Failure) -> T) throws(TextError) -> T {
        let t = peek()
        guard t.kind == .atom else { throw unexpected(what) }
        do throws(Numbers.Failure) {
            let v = try parse(t.text)
            index += 1
            return v
        } catch {
            switch error {
            case .outOfRange: throw self.error("\(outOfRange): `\(t.text)`", at: t.offset)
            case .malformed:
                if Numbers.isNumber(t.text) || isKnownKeyword(t.text) { throw unexpected(what) }
                throw self.error("unknown operator \(t.text) (expected \(what))", at: t.offset)
            }
        }
    }

    /// An unsigned literal below 2^bits.
    mutating func expectUnsigned(bits: Int, what: String? = nil) throws(TextError) -> UInt64 {
        guard isUnsigned() else { throw unexpected(what ?? "a number") }
        return try literal(what ?? "an unsigned integer", outOfRange: "i\(bits) constant out of range") {
            (text: String) throws(Numbers.Failure) -> UInt64 in try Numbers.unsigned(text, bits: bits)
        }
    }

    mutating func expectU32(what: String? = nil) throws(TextError) -> UInt32 {
        UInt32(try expectUnsigned(bits: 32, what: what))
    }

    /// A signed or unsigned literal of `bits` bits, as its two's-complement pattern.
    mutating func expectInteger(bits: Int) throws(TextError) -> UInt64 {
        try literal("an i\(bits) literal", outOfRange: "i\(bits) constant out of range") {
            (text: String) throws(Numbers.Failure) -> UInt64 in try Numbers.integer(text, bits: bits)
        }
    }

    mutating func expectF32() throws(TextError) -> UInt32 {
        try literal("an f32 literal", outOfRange: "constant out of range (not a finite f32)") {
            (text: String) throws(Numbers.Failure) -> UInt32 in try Numbers.float32(text)
        }
    }

    mutating func expectF64() throws(TextError) -> UInt64 {
        try literal("an f64 literal", outOfRange: "constant out of range (not a finite f64)") {
            (text: String) throws(Numbers.Failure) -> UInt64 in try Numbers.float64(text)
        }
    }
}
