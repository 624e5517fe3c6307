import WasmFormat

/// A `.wast` script: the module and component definitions, actions and assertions of the spec tests.
///
/// Parsing a script never parses the modules in it: each keeps its source (a span of
/// the text, the strings of `quote`, the bytes of `binary`) and is assembled when the
/// runner asks (`WastModule.compile()`), so a module that is meant to be malformed fails
/// its own assertion rather than the whole script.
///
/// ```swift
/// let script = try WastScript.parse(text, file: "i32.wast")
/// for directive in script.directives {
///     switch directive.kind {
///     case .module(let m): let bytes = try m.compile() // …
///     default: break
///     }
/// }
/// ```
public struct WastScript: Sendable {
    public var directives: [WastDirective]

    public init(directives: [WastDirective]) {
        self.directives = directives
    }

    /// Parses a script. Throws on lexical errors anywhere and on malformed directives;
    /// never on the contents of a module.
    public static func parse(_ text: String, file: String) throws(TextError) -> WastScript {
        try parse(SourceText(text, file: file))
    }

    /// Same, from bytes (scripts with bytes that are not UTF-8 are reported as such).
    public static func parse(bytes: [UInt8], file: String) throws(TextError) -> WastScript {
        try parse(SourceText(bytes: bytes, file: file))
    }

    static func parse(_ source: SourceText) throws(TextError) -> WastScript {
        var cursor = try TokenCursor(lexing: source)
        cursor.isKnownKeyword = Keywords.isKnown
        var parser = WastParser(cursor: cursor)
        return WastScript(directives: try parser.script())
    }
}

/// One top-level command of a script, with where it was written.
public struct WastDirective: Sendable {
    public enum Kind: Sendable {
        /// `(module …)`: define a module and, unless `isDefinition`, instantiate it.
        case module(WastModule)
        /// `(module instance $instance? $module?)`: instantiate a defined module.
        case moduleInstance(instance: String?, module: String?)
        /// `(component instance $instance? $component?)`: instantiate a defined
        /// component (again: scripts re-instantiate after a trap poisoned an instance).
        case componentInstance(instance: String?, component: String?)
        /// `(register "name" $module?)`: make an instance importable under `name`.
        case register(name: String, module: String?)
        /// A bare `(invoke …)` or `(get …)`: perform it, ignore the results.
        case action(WastAction)
        /// `(assert_return action expected*)`.
        case assertReturn(WastAction, [WastExpected])
        /// `(assert_trap action "message")`.
        case assertTrap(WastAction, message: String)
        /// `(assert_exhaustion action "message")`: the call runs out of stack.
        case assertExhaustion(WastAction, message: String)
        /// `(assert_exception action)`: the call throws a wasm exception.
        case assertException(WastAction)
        /// `(assert_invalid module "message")`: decodes, fails validation.
        case assertInvalid(WastModule, message: String)
        /// `(assert_malformed module "message")`: fails to parse or decode.
        case assertMalformed(WastModule, message: String)
        /// `(assert_unlinkable module "message")`: imports cannot be satisfied.
        case assertUnlinkable(WastModule, message: String)
        /// `(assert_uninstantiable module "message")`, and `(assert_trap module
        /// "message")`: instantiation traps (in a segment or the start function).
        case assertUninstantiable(WastModule, message: String)
        /// `(assert_malformed_custom …)` and `(assert_invalid_custom …)` of the
        /// annotations proposal: only implementations that interpret custom annotations
        /// are expected to reject these.
        case assertMalformedCustom(WastModule, message: String)
        case assertInvalidCustom(WastModule, message: String)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(kind: Kind, location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// Something a script does to an instance.
public enum WastAction: Hashable, Sendable {
    /// `(invoke $module? "name" argument*)`.
    case invoke(module: String?, name: String, arguments: [WastValue])
    /// `(get $module? "name")`: read an exported global.
    case get(module: String?, name: String)
}

/// A module or component in a script, kept as written until the runner assembles it.
public struct WastModule: Sendable {
    /// How the module was written.
    public enum Encoding: Hashable, Sendable {
        /// `(module …fields…)`.
        case text
        /// `(module binary "…"*)`.
        case binary
        /// `(module quote "…"*)`: text to be parsed only when asked for.
        case quote
    }

    public var encoding: Encoding
    /// Written `(component …)`: a component rather than a core module.
    public var isComponent: Bool
    /// Read references to core items at component level the legacy way (see
    /// `ComponentWAT.parse`); scripts are strict by default.
    public var legacyIndices = false
    /// The `$name` the script refers to the module (or its instance) by.
    public var id: String?
    /// `(module definition …)`: define only; instantiate with `(module instance …)`.
    public var isDefinition: Bool
    /// Where `(module` is written.
    public var location: SourceLocation

    let source: SourceText
    /// The whole `(module …)` as written.
    let span: Range<Int>
    /// The fields of a text module (after `module $id?`, before the closing `)`).
    let fields: Range<Int>
    /// The bytes of `binary`, the joined strings of `quote`.
    let payload: [UInt8]

    init(encoding: Encoding, isComponent: Bool = false, id: String?, isDefinition: Bool, location: SourceLocation,
         source: SourceText, span: Range<Int>, fields: Range<Int>, payload: [UInt8]) {
        self.encoding = encoding
        self.isComponent = isComponent
        self.id = id
        self.isDefinition = isDefinition
        self.location = location
        self.source = source
        self.span = span
        self.fields = fields
        self.payload = payload
    }

    /// The module as written in the script, for messages.
    public var text: String {
        String(decoding: source.bytes[span], as: UTF8.self)
    }

    /// The module's binary: assembled from text or quote, as is for binary.
    public func compile() throws(TextError) -> [UInt8] {
        try assemble().bytes
    }

    /// The module's binary with its source map. A quoted module's locations are in the
    /// joined quote strings, whose file is named after the script position. (Components
    /// have no source map yet.)
    public func assemble() throws(TextError) -> WatModule {
        if isComponent {
            return WatModule(bytes: try assembleComponent().bytes, sourceMap: SourceMap(), name: id)
        }
        switch encoding {
        case .binary:
            return WatModule(bytes: payload, sourceMap: SourceMap(), name: id)
        case .quote:
            let quoted = SourceText(bytes: payload, file: "\(location) (module quote)")
            var m = try WAT.parseModule(quoted)
            if m.name == nil { m.name = id }
            return m
        case .text:
            return try WAT.parseFields(source, range: fields, name: id)
        }
    }

    /// A component's binary and syntax tree (`isComponent`). A binary component is
    /// decoded; a text or quoted one is assembled.
    public func assembleComponent() throws(TextError) -> WatComponent {
        switch encoding {
        case .binary:
            let component: Component
            do {
                component = try ComponentDecoder().decode(payload)
            } catch {
                throw TextError("malformed component binary: \(error.message)", at: location)
            }
            return WatComponent(bytes: payload, component: component, name: id)
        case .quote:
            let quoted = SourceText(bytes: payload, file: "\(location) (component quote)")
            var c = try ComponentWAT.parse(quoted, legacyIndices: legacyIndices)
            if c.name == nil { c.name = id }
            return c
        case .text:
            return try ComponentWAT.parseDefinitions(source, range: fields, name: id, legacyIndices: legacyIndices)
        }
    }
}
