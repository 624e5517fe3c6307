/// The type grammar of WebAssembly 3.0: number, vector and reference types, the
/// composite types of the GC proposal, and the external types of imports and exports.
///
/// Type indices inside these types refer to the module's type section; equality of
/// indices is *not* type equivalence once recursion groups are involved, which is why
/// the validator canonicalises them (see `TypeCanonicalizer`).

/// An abstract heap type: the heap types that are not defined by a type index.
public enum AbstractHeapType: UInt8, Hashable, Sendable, CaseIterable {
    // Raw values are the binary encodings (as a negative s33, i.e. one byte).
    case noexn = 0x74
    case nofunc = 0x73
    case noextern = 0x72
    case none = 0x71
    case `func` = 0x70
    case extern = 0x6F
    case any = 0x6E
    case eq = 0x6D
    case i31 = 0x6C
    case `struct` = 0x6B
    case array = 0x6A
    case exn = 0x69

    /// The text-format keyword (`func`, `extern`, `noexn`, …).
    public var name: String {
        switch self {
        case .noexn: "noexn"
        case .nofunc: "nofunc"
        case .noextern: "noextern"
        case .none: "none"
        case .func: "func"
        case .extern: "extern"
        case .any: "any"
        case .eq: "eq"
        case .i31: "i31"
        case .struct: "struct"
        case .array: "array"
        case .exn: "exn"
        }
    }

    /// The top of the hierarchy this type belongs to (`any`, `func`, `extern` or `exn`).
    public var top: AbstractHeapType {
        switch self {
        case .func, .nofunc: .func
        case .extern, .noextern: .extern
        case .exn, .noexn: .exn
        case .any, .eq, .i31, .struct, .array, .none: .any
        }
    }

    /// The bottom of the hierarchy this type belongs to.
    public var bottom: AbstractHeapType {
        switch top {
        case .func: .nofunc
        case .extern: .noextern
        case .exn: .noexn
        default: .none
        }
    }
}

/// A heap type: abstract, or a defined type named by its index in the type section.
public enum HeapType: Hashable, Sendable {
    case abstract(AbstractHeapType)
    case concrete(UInt32)

    public static let `func` = HeapType.abstract(.func)
    public static let extern = HeapType.abstract(.extern)
    public static let exn = HeapType.abstract(.exn)
}

/// A reference type `(ref null? ht)`.
public struct RefType: Hashable, Sendable {
    public var nullable: Bool
    public var heapType: HeapType

    public init(nullable: Bool, heapType: HeapType) {
        self.nullable = nullable
        self.heapType = heapType
    }

    public static let funcref = RefType(nullable: true, heapType: .func)
    public static let externref = RefType(nullable: true, heapType: .extern)
    public static let exnref = RefType(nullable: true, heapType: .exn)
}

/// A value type.
public enum ValueType: Hashable, Sendable {
    case i32, i64, f32, f64, v128
    case ref(RefType)

    public static let funcref = ValueType.ref(.funcref)
    public static let externref = ValueType.ref(.externref)
    public static let exnref = ValueType.ref(.exnref)

    /// Whether locals of this type have a default value (all but non-nullable references).
    public var isDefaultable: Bool {
        if case .ref(let r) = self { return r.nullable }
        return true
    }

    public var isReference: Bool {
        if case .ref = self { return true }
        return false
    }
}

/// The type of a struct field or array element: a value type or a packed integer.
public enum StorageType: Hashable, Sendable {
    case i8, i16
    case value(ValueType)

    /// The type a field has on the operand stack (packed types widen to i32).
    public var unpacked: ValueType {
        switch self {
        case .i8, .i16: .i32
        case .value(let v): v
        }
    }

    public var isPacked: Bool {
        if case .value = self { return false }
        return true
    }
}

public struct FieldType: Hashable, Sendable {
    public var storage: StorageType
    public var mutable: Bool

    public init(storage: StorageType, mutable: Bool) {
        self.storage = storage
        self.mutable = mutable
    }
}

public struct FunctionType: Hashable, Sendable {
    public var parameters: [ValueType]
    public var results: [ValueType]

    public init(parameters: [ValueType], results: [ValueType]) {
        self.parameters = parameters
        self.results = results
    }
}

/// The structure a defined type describes.
public enum CompositeType: Hashable, Sendable {
    case function(FunctionType)
    case `struct`([FieldType])
    case array(FieldType)

    /// The abstract heap type at the top of this composite's hierarchy level.
    public var abstractSuper: AbstractHeapType {
        switch self {
        case .function: .func
        case .struct: .struct
        case .array: .array
        }
    }
}

/// A defined type with its declared supertypes and finality (`(sub final? idx* comptype)`).
public struct SubType: Hashable, Sendable {
    public var isFinal: Bool
    public var supertypes: [UInt32]
    public var composite: CompositeType

    public init(isFinal: Bool = true, supertypes: [UInt32] = [], composite: CompositeType) {
        self.isFinal = isFinal
        self.supertypes = supertypes
        self.composite = composite
    }
}

/// A recursion group. A type written without `rec` is a group of one.
public struct RecGroup: Hashable, Sendable {
    public var types: [SubType]
    /// True when the group was written with `rec` (0x4E), even if it has one member.
    public var isExplicit: Bool

    public init(types: [SubType], isExplicit: Bool) {
        self.types = types
        self.isExplicit = isExplicit
    }
}

/// Address type of a memory or table: 32 or 64 bit.
public enum AddressType: Hashable, Sendable {
    case i32, i64

    public var valueType: ValueType { self == .i32 ? .i32 : .i64 }
}

public struct Limits: Hashable, Sendable {
    public var min: UInt64
    public var max: UInt64?
    public var addressType: AddressType
    public var shared: Bool
    /// log2 of the page size when the custom-page-sizes proposal sets one.
    public var pageSizeLog2: UInt32?

    public init(min: UInt64, max: UInt64? = nil, addressType: AddressType = .i32,
                shared: Bool = false, pageSizeLog2: UInt32? = nil) {
        self.min = min
        self.max = max
        self.addressType = addressType
        self.shared = shared
        self.pageSizeLog2 = pageSizeLog2
    }
}

public struct MemoryType: Hashable, Sendable {
    public var limits: Limits
    public init(limits: Limits) { self.limits = limits }
}

public struct TableType: Hashable, Sendable {
    public var elementType: RefType
    public var limits: Limits
    public init(elementType: RefType, limits: Limits) {
        self.elementType = elementType
        self.limits = limits
    }
}

public struct GlobalType: Hashable, Sendable {
    public var valueType: ValueType
    public var mutable: Bool
    public init(valueType: ValueType, mutable: Bool) {
        self.valueType = valueType
        self.mutable = mutable
    }
}

/// An exception tag: its attribute is always 0, its type a function type with no results.
public struct TagType: Hashable, Sendable {
    public var typeIndex: UInt32
    public init(typeIndex: UInt32) { self.typeIndex = typeIndex }
}

/// What an import asks for or an export provides.
public enum ExternalKind: UInt8, Hashable, Sendable {
    case function = 0, table = 1, memory = 2, global = 3, tag = 4

    public var name: String {
        switch self {
        case .function: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        }
    }
}

public enum ImportDescription: Hashable, Sendable {
    case function(typeIndex: UInt32)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    case tag(TagType)

    public var kind: ExternalKind {
        switch self {
        case .function: .function
        case .table: .table
        case .memory: .memory
        case .global: .global
        case .tag: .tag
        }
    }
}
