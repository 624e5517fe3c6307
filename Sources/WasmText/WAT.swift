import WasmFormat

/// A module assembled from text: its binary, the map from the binary back to the text,
/// and its `$name` if it had one.
public struct WatModule: Sendable {
    public var bytes: [UInt8]
    public var sourceMap: SourceMap
    public var name: String?

    public init(bytes: [UInt8], sourceMap: SourceMap, name: String?) {
        self.bytes = bytes
        self.sourceMap = sourceMap
        self.name = name
    }
}

/// The WebAssembly text format for core modules.
public enum WAT {
    /// Assembles a module written as `(module $name? field*)` or as bare fields.
    ///
    /// The result is the binary the text denotes, with a `name` section carrying its
    /// identifiers; it is not validated (decode and validate it like any binary). Throws
    /// a `TextError` pointing at the offending token for anything malformed.
    ///
    /// ```swift
    /// let m = try WAT.parseModule("(module (func (export \"f\") (result i32) (i32.const 1)))")
    /// ```
    public static func parseModule(_ text: String, file: String = "<input>") throws(TextError) -> WatModule {
        try parseModule(SourceText(text, file: file))
    }

    /// Same, from bytes that may not be UTF-8 (they are then reported as malformed).
    public static func parseModule(bytes: [UInt8], file: String = "<input>") throws(TextError) -> WatModule {
        try parseModule(SourceText(bytes: bytes, file: file))
    }

    /// Assembles the module in `range` of `source` (all of it by default).
    static func parseModule(_ source: SourceText, range: Range<Int>? = nil) throws(TextError) -> WatModule {
        var cursor = try TokenCursor(lexing: source, range: range)
        cursor.isKnownKeyword = Keywords.isKnown
        var parser = ModuleParser(cursor: cursor)
        if parser.cursor.isList("module") {
            parser.cursor.index += 2
            if let id = parser.cursor.takeId() { parser.moduleName = id.text }
            if let annotated = try parser.moduleNameAnnotation(at: parser.cursor.index) {
                parser.moduleName = annotated
            }
            try parser.parseFields()
            try parser.cursor.expectRParen()
        } else {
            if let annotated = try parser.moduleNameAnnotation(at: parser.cursor.index) {
                parser.moduleName = annotated
            }
            try parser.parseFields()
        }
        guard parser.cursor.atEnd else { throw parser.cursor.unexpected("the end of the module") }
        return try parser.emit()
    }

    /// Assembles module fields (no `(module …)` around them) in `range` of `source`,
    /// as scripts keep them.
    static func parseFields(_ source: SourceText, range: Range<Int>, name: String?) throws(TextError) -> WatModule {
        var cursor = try TokenCursor(lexing: source, range: range)
        cursor.isKnownKeyword = Keywords.isKnown
        var parser = ModuleParser(cursor: cursor)
        parser.moduleName = name
        if let annotated = try parser.moduleNameAnnotation(at: 0) { parser.moduleName = annotated }
        try parser.parseFields()
        guard parser.cursor.atEnd else { throw parser.cursor.unexpected("a module field") }
        return try parser.emit()
    }
}
