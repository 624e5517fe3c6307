import WasmFormat

/// A component value type with everything resolved: the structure the canonical ABI
/// lifts, lowers and lays out, and the type a `Val` is checked against.
///
/// Type names (a record called `point`) are not part of it: they belong to the WIT view
/// of a component. Resource types are identified by `ResourceTypeID`, which an instance
/// maps to its runtime resource (a guest resource is fresh per instantiation).
public indirect enum ValType: Hashable, Sendable {
    case bool, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, char, string, errorContext
    case list(ValType)
    case fixedSizeList(ValType, Int)
    case record([Field])
    case tuple([ValType])
    case variant([Case])
    case `enum`([String])
    case option(ValType)
    case result(ok: ValType?, error: ValType?)
    case flags([String])
    case own(ResourceTypeID)
    case borrow(ResourceTypeID)
    case stream(ValType?)
    case future(ValType?)
    case map(key: ValType, value: ValType)

    public struct Field: Hashable, Sendable {
        public var name: String
        public var type: ValType
        public init(_ name: String, _ type: ValType) {
            self.name = name
            self.type = type
        }
    }

    public struct Case: Hashable, Sendable {
        public var name: String
        public var type: ValType?
        public init(_ name: String, _ type: ValType?) {
            self.name = name
            self.type = type
        }
    }

    /// The primitive type of a primitive value type opcode.
    public init(_ primitive: PrimitiveValueType) {
        switch primitive {
        case .bool: self = .bool
        case .s8: self = .s8
        case .u8: self = .u8
        case .s16: self = .s16
        case .u16: self = .u16
        case .s32: self = .s32
        case .u32: self = .u32
        case .s64: self = .s64
        case .u64: self = .u64
        case .f32: self = .f32
        case .f64: self = .f64
        case .char: self = .char
        case .string: self = .string
        case .errorContext: self = .errorContext
        }
    }

    /// The canonical ABI's "despecialization": tuples are records, enums, options and
    /// results are variants, maps are lists of pairs.
    public var despecialized: ValType {
        switch self {
        case .tuple(let ts): .record(ts.enumerated().map { Field(String($0.offset), $0.element) })
        case .enum(let labels): .variant(labels.map { Case($0, nil) })
        case .option(let t): .variant([Case("none", nil), Case("some", t)])
        case .result(let ok, let error): .variant([Case("ok", ok), Case("error", error)])
        case .map(let k, let v): .list(.tuple([k, v]))
        default: self
        }
    }

    /// Whether the type contains a `borrow` (the borrow scope is then needed).
    public var containsBorrow: Bool {
        switch self {
        case .borrow: true
        case .list(let t), .fixedSizeList(let t, _), .option(let t): t.containsBorrow
        case .record(let fs): fs.contains { $0.type.containsBorrow }
        case .tuple(let ts): ts.contains { $0.containsBorrow }
        case .variant(let cs): cs.contains { $0.type?.containsBorrow ?? false }
        case .result(let ok, let error): (ok?.containsBorrow ?? false) || (error?.containsBorrow ?? false)
        case .map(let k, let v): k.containsBorrow || v.containsBorrow
        default: false
        }
    }
}

/// Which resource type a handle type refers to: an index into the resource types a
/// component plan knows (imported or defined by one of its nested components).
extension ValType {
    /// The deepest nesting of value types the runtime accepts.
    public static let maxNestingDepth = 100

    /// How deeply the type nests (a primitive is 1, `list<u8>` is 2).
    public var nestingDepth: Int {
        switch self {
        case .list(let t), .fixedSizeList(let t, _), .option(let t): 1 + t.nestingDepth
        case .record(let fs): 1 + (fs.map(\.type.nestingDepth).max() ?? 0)
        case .tuple(let ts): 1 + (ts.map(\.nestingDepth).max() ?? 0)
        case .variant(let cs): 1 + (cs.compactMap { $0.type?.nestingDepth }.max() ?? 0)
        case .result(let ok, let error): 1 + max(ok?.nestingDepth ?? 0, error?.nestingDepth ?? 0)
        case .stream(let t), .future(let t): 1 + (t?.nestingDepth ?? 0)
        case .map(let k, let v): 1 + max(k.nestingDepth, v.nestingDepth)
        default: 1
        }
    }
}

public struct ResourceTypeID: Hashable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public var description: String { "resource#\(index)" }
}

/// A component function type: named parameters, at most one result.
public struct FuncType: Hashable, Sendable {
    public let parameters: [ValType.Field]
    public let result: ValType?
    public let isAsync: Bool
    /// The parameters' and result's types, kept because every call lowers and lifts them.
    public let parameterTypes: [ValType]
    public let resultTypes: [ValType]

    public init(parameters: [ValType.Field], result: ValType?, isAsync: Bool = false) {
        self.parameters = parameters
        self.result = result
        self.isAsync = isAsync
        parameterTypes = parameters.map(\.type)
        resultTypes = result.map { [$0] } ?? []
    }
}
