/// The syntax tree of a core module, as decoded from the binary format.
///
/// It keeps byte offsets so that later layers (validation errors, the debugger, the REPL)
/// can point into the binary. Function bodies and data segments keep slices of the input
/// instead of copies: decoding a large module does not duplicate its code or its data,
/// and instructions are decoded on demand (`FunctionBody.instructions`).
public struct Module: Sendable {
    public var types: [RecGroup] = []
    public var imports: [Import] = []
    /// Type index of each function defined in the module (the function section).
    public var functions: [UInt32] = []
    public var tables: [Table] = []
    public var memories: [MemoryType] = []
    public var tags: [TagType] = []
    public var globals: [Global] = []
    public var exports: [Export] = []
    public var start: UInt32?
    public var elements: [ElementSegment] = []
    /// Present when the module has a data count section.
    public var dataCount: UInt32?
    public var codes: [FunctionBody] = []
    public var datas: [DataSegment] = []
    /// Every custom section, the `name` section included, in order of appearance.
    public var customSections: [CustomSection] = []
    /// The decoded `name` section, when present and well-formed.
    public var names: NameSection?
    /// Where the items without an offset of their own start in the binary.
    public var offsets = ItemOffsets()

    public init() {}

    /// All defined types in index order (the rec groups flattened).
    public var flatTypes: [SubType] {
        types.flatMap(\.types)
    }
}

/// Byte offsets of the items whose tree nodes carry none (rec groups, function-section
/// entries, tables, memories, tags, globals, the start and data count sections), so that
/// validation errors about them can point into the binary. The decoder fills them in;
/// hand-built trees may leave them empty, and errors then point at offset 0.
public struct ItemOffsets: Hashable, Sendable {
    /// One per rec group of `Module.types`.
    public var types: [Int] = []
    /// One per entry of the function section.
    public var functions: [Int] = []
    public var tables: [Int] = []
    public var memories: [Int] = []
    public var tags: [Int] = []
    public var globals: [Int] = []
    public var start: Int?
    public var dataCount: Int?

    public init() {}
}

public struct Import: Hashable, Sendable {
    public var module: String
    public var name: String
    public var description: ImportDescription
    public var offset: Int

    public init(module: String, name: String, description: ImportDescription, offset: Int = 0) {
        self.module = module
        self.name = name
        self.description = description
        self.offset = offset
    }
}

public struct Export: Hashable, Sendable {
    public var name: String
    public var kind: ExternalKind
    public var index: UInt32
    public var offset: Int

    public init(name: String, kind: ExternalKind, index: UInt32, offset: Int = 0) {
        self.name = name
        self.kind = kind
        self.index = index
        self.offset = offset
    }
}

public struct Table: Hashable, Sendable {
    public var type: TableType
    /// The initialiser of every element (3.0: `0x40 0x00 tabletype expr`); nil means null.
    public var initializer: ConstantExpression?

    public init(type: TableType, initializer: ConstantExpression? = nil) {
        self.type = type
        self.initializer = initializer
    }
}

public struct Global: Hashable, Sendable {
    public var type: GlobalType
    public var initializer: ConstantExpression

    public init(type: GlobalType, initializer: ConstantExpression) {
        self.type = type
        self.initializer = initializer
    }
}

/// A constant expression: its instructions without the final `end`, and where it starts.
public struct ConstantExpression: Hashable, Sendable {
    public var instructions: [Instruction]
    public var offset: Int

    public init(_ instructions: [Instruction], offset: Int = 0) {
        self.instructions = instructions
        self.offset = offset
    }

    /// Offsets do not take part in equality: two trees are the same if their code is.
    public static func == (a: Self, b: Self) -> Bool { a.instructions == b.instructions }
    public func hash(into h: inout Hasher) { h.combine(instructions) }
}

public struct ElementSegment: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case passive
        case declarative
        case active(table: UInt32, offset: ConstantExpression)
    }

    /// The elements, either function indices (the compact encodings) or expressions.
    public enum Items: Hashable, Sendable {
        case functions([UInt32])
        case expressions([ConstantExpression])

        public var count: Int {
            switch self {
            case .functions(let f): f.count
            case .expressions(let e): e.count
            }
        }
    }

    public var type: RefType
    public var mode: Mode
    public var items: Items
    public var offset: Int

    public init(type: RefType, mode: Mode, items: Items, offset: Int = 0) {
        self.type = type
        self.mode = mode
        self.items = items
        self.offset = offset
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.type == b.type && a.mode == b.mode && a.items == b.items
    }
    public func hash(into h: inout Hasher) { h.combine(type); h.combine(items) }
}

public struct DataSegment: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case passive
        case active(memory: UInt32, offset: ConstantExpression)
    }

    public var mode: Mode
    /// The bytes, a slice of the decoded input (not a copy).
    public var bytes: ArraySlice<UInt8>
    public var offset: Int

    public init(mode: Mode, bytes: ArraySlice<UInt8>, offset: Int = 0) {
        self.mode = mode
        self.bytes = bytes
        self.offset = offset
    }

    public static func == (a: Self, b: Self) -> Bool { a.mode == b.mode && a.bytes.elementsEqual(b.bytes) }
    public func hash(into h: inout Hasher) { h.combine(mode); h.combine(bytes.count) }
}

/// A function body: local declarations and the code, undecoded.
public struct FunctionBody: Hashable, Sendable {
    public struct Locals: Hashable, Sendable {
        public var count: UInt32
        public var type: ValueType
        public init(count: UInt32, type: ValueType) {
            self.count = count
            self.type = type
        }
    }

    /// The most locals (parameters excluded) a body may declare: an implementation limit.
    public static let maximumLocals: UInt64 = 50_000

    public var locals: [Locals]
    /// The instruction bytes, from the first instruction through the final `end`.
    public var code: ArraySlice<UInt8>
    /// Byte offset of `code.first` in the module binary; instruction offsets are relative
    /// to the module binary, so `codeOffset` is where the first instruction starts.
    public var codeOffset: Int
    /// Byte offset of the body's size field in the module binary.
    public var offset: Int

    public init(locals: [Locals], code: ArraySlice<UInt8>, codeOffset: Int, offset: Int = 0) {
        self.locals = locals
        self.code = code
        self.codeOffset = codeOffset
        self.offset = offset
    }

    /// Decodes the instructions with their module-relative byte offsets.
    public func instructions() throws(WasmError) -> [(offset: Int, instruction: Instruction)] {
        var reader = InstructionReader(code: code, baseOffset: codeOffset)
        var result: [(offset: Int, instruction: Instruction)] = []
        while !reader.isAtEnd {
            let offset = reader.offset
            result.append((offset, try reader.read()))
        }
        return result
    }

    public static func == (a: Self, b: Self) -> Bool { a.locals == b.locals && a.code.elementsEqual(b.code) }
    public func hash(into h: inout Hasher) { h.combine(locals); h.combine(code.count) }
}

public struct CustomSection: Hashable, Sendable {
    public var name: String
    public var payload: ArraySlice<UInt8>
    /// The id of the last non-custom section before this one (0 when it comes first), so
    /// the encoder can put it back in the same place.
    public var placedAfter: UInt8
    public var offset: Int

    public init(name: String, payload: ArraySlice<UInt8>, placedAfter: UInt8, offset: Int = 0) {
        self.name = name
        self.payload = payload
        self.placedAfter = placedAfter
        self.offset = offset
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && a.placedAfter == b.placedAfter && a.payload.elementsEqual(b.payload)
    }
    public func hash(into h: inout Hasher) { h.combine(name); h.combine(payload.count) }
}

/// The `name` custom section: module, function, local and other names.
public struct NameSection: Hashable, Sendable {
    public var moduleName: String?
    public var functionNames: [UInt32: String] = [:]
    public var localNames: [UInt32: [UInt32: String]] = [:]
    public var labelNames: [UInt32: [UInt32: String]] = [:]
    public var typeNames: [UInt32: String] = [:]
    public var tableNames: [UInt32: String] = [:]
    public var memoryNames: [UInt32: String] = [:]
    public var globalNames: [UInt32: String] = [:]
    public var elemNames: [UInt32: String] = [:]
    public var dataNames: [UInt32: String] = [:]
    public var fieldNames: [UInt32: [UInt32: String]] = [:]
    public var tagNames: [UInt32: String] = [:]

    public init() {}
}
