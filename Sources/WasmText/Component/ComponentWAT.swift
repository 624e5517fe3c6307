import WasmFormat

/// A component assembled from text: its binary, its syntax tree and its `$name`.
public struct WatComponent: Sendable {
    public var bytes: [UInt8]
    public var component: Component
    public var name: String?

    public init(bytes: [UInt8], component: Component, name: String?) {
        self.bytes = bytes
        self.component = component
        self.name = name
    }
}

/// The text format of components.
public enum ComponentWAT {
    /// Assembles a component written as `(component $name? definition*)` or as bare
    /// definitions.
    ///
    /// The result is the binary the text denotes, with a `component-name` section for
    /// its identifiers, laid out as the reference assembler (wasm-tools) lays it out;
    /// it is not validated. Throws a `TextError` pointing at the offending token.
    ///
    /// Strict index mode is the default, as in current assemblers: references to core
    /// items at component level need `core` (`(memory (core memory $m))`,
    /// `(realloc (core func $f))`). `legacyIndices` also accepts the older forms
    /// (`(realloc (func $f))`, `(memory $i "name")`).
    ///
    /// ```swift
    /// let c = try ComponentWAT.parse("(component (import \"f\" (func)))")
    /// ```
    public static func parse(_ text: String, file: String = "<input>", legacyIndices: Bool = false) throws(TextError) -> WatComponent {
        try parse(SourceText(text, file: file), legacyIndices: legacyIndices)
    }

    /// Same, from bytes that may not be UTF-8 (they are then reported as malformed).
    public static func parse(bytes: [UInt8], file: String = "<input>", legacyIndices: Bool = false) throws(TextError) -> WatComponent {
        try parse(SourceText(bytes: bytes, file: file), legacyIndices: legacyIndices)
    }

    /// Assembles the component in `range` of `source` (all of it by default).
    static func parse(_ source: SourceText, range: Range<Int>? = nil, legacyIndices: Bool) throws(TextError) -> WatComponent {
        var cursor = try TokenCursor(lexing: source, range: range)
        cursor.isKnownKeyword = Keywords.isKnown
        var parser = ComponentParser(cursor: cursor, legacyIndices: legacyIndices)
        let component = try parser.topLevelComponent()
        return WatComponent(bytes: ComponentEncoder().encode(component), component: component, name: component.names?.componentName)
    }

    /// Assembles the definitions (no `(component …)` around them) in `range` of
    /// `source`, as scripts keep them; `name` is the component's `$id`.
    static func parseDefinitions(_ source: SourceText, range: Range<Int>, name: String?, legacyIndices: Bool) throws(TextError) -> WatComponent {
        var cursor = try TokenCursor(lexing: source, range: range)
        cursor.isKnownKeyword = Keywords.isKnown
        var parser = ComponentParser(cursor: cursor, legacyIndices: legacyIndices)
        let component = try parser.componentBody(id: name)
        guard parser.cursor.atEnd else { throw parser.cursor.unexpected("a component definition") }
        return WatComponent(bytes: ComponentEncoder().encode(component), component: component, name: name)
    }
}
