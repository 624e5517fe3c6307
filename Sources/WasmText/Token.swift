/// One token of the WebAssembly text format (shared by core modules, scripts and, later,
/// components: they all use the same lexical grammar).
struct Token: Sendable {
    enum Kind: UInt8, Sendable {
        case lparen, rparen
        /// A run of identifier characters not starting with `$`: a keyword (`func`,
        /// `i32.add`, `offset=8`, `nan:0x1`) or a number (`42`, `-0x1p3`, `+inf`). Which
        /// one is up to the parser, because the text format decides it by position.
        case atom
        /// `$name` or `$"name"`; `text` holds the name without `$`.
        case id
        /// A string literal; `bytes` holds its decoded contents.
        case string
        /// Anything else the grammar reserves (e.g. `a"b"`, `{`, `x,y`): always an error
        /// where a parser meets it, but it must still lex so annotations can skip it.
        case reserved
        case eof
    }

    var kind: Kind
    /// Byte offset of the first character in the source.
    var offset: Int
    var length: Int
    /// The text of an atom or reserved token; the name of an identifier.
    var text: String = ""
    /// The decoded contents of a string.
    var bytes: [UInt8] = []

    var end: Int { offset + length }
}

/// An annotation `(@id …)`: kept aside so parsers that know the id (`@custom`, `@name`)
/// can act on it while everyone else sees a token stream without annotations.
struct Annotation: Sendable {
    var id: String
    /// The tokens between the id and the closing parenthesis (annotations nested inside
    /// appear as ordinary parenthesised tokens).
    var tokens: [Token]
    /// Offset of the opening `(@`.
    var offset: Int
    /// Index, in the main token stream, of the token that follows the annotation.
    var tokenIndex: Int
}
