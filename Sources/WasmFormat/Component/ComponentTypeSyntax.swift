/// The type definitions of components as written: indices unresolved. (The resolved view,
/// with every type given an identity, is `ComponentTypes`, which validation produces.)

/// A primitive value type, with its binary opcode.
public enum PrimitiveValueType: UInt8, Hashable, Sendable, CaseIterable {
    case bool = 0x7F, s8 = 0x7E, u8 = 0x7D, s16 = 0x7C, u16 = 0x7B, s32 = 0x7A, u32 = 0x79
    case s64 = 0x78, u64 = 0x77, f32 = 0x76, f64 = 0x75, char = 0x74, string = 0x73
    case errorContext = 0x64

    /// The WIT spelling.
    public var name: String {
        switch self {
        case .bool: "bool"
        case .s8: "s8"
        case .u8: "u8"
        case .s16: "s16"
        case .u16: "u16"
        case .s32: "s32"
        case .u32: "u32"
        case .s64: "s64"
        case .u64: "u64"
        case .f32: "f32"
        case .f64: "f64"
        case .char: "char"
        case .string: "string"
        case .errorContext: "error-context"
        }
    }
}

/// A `valtype` reference: a primitive, or a type index of the component type space.
public enum ComponentValTypeRef: Hashable, Sendable {
    case primitive(PrimitiveValueType)
    case index(UInt32)
}

public struct LabeledValType: Hashable, Sendable {
    public var label: String
    public var type: ComponentValTypeRef
    public init(label: String, type: ComponentValTypeRef) {
        self.label = label
        self.type = type
    }
}

public struct VariantCaseSyntax: Hashable, Sendable {
    public var label: String
    public var type: ComponentValTypeRef?
    /// The obsolete `refines` index (always absent in current binaries; kept to re-encode).
    public var refines: UInt32?
    public init(label: String, type: ComponentValTypeRef?, refines: UInt32? = nil) {
        self.label = label
        self.type = type
        self.refines = refines
    }
}

/// A `defvaltype`.
public enum DefinedValTypeSyntax: Hashable, Sendable {
    case primitive(PrimitiveValueType)
    case record([LabeledValType])
    case variant([VariantCaseSyntax])
    case list(ComponentValTypeRef)
    case fixedSizeList(ComponentValTypeRef, length: UInt32)
    case tuple([ComponentValTypeRef])
    case flags([String])
    case `enum`([String])
    case option(ComponentValTypeRef)
    case result(ok: ComponentValTypeRef?, error: ComponentValTypeRef?)
    case own(UInt32)
    case borrow(UInt32)
    case stream(ComponentValTypeRef?)
    case future(ComponentValTypeRef?)
    case map(key: ComponentValTypeRef, value: ComponentValTypeRef)
}

/// A component function type: named parameters and at most one (unnamed) result.
public struct ComponentFunctionTypeSyntax: Hashable, Sendable {
    public var isAsync: Bool
    public var parameters: [LabeledValType]
    public var result: ComponentValTypeRef?
    public init(isAsync: Bool = false, parameters: [LabeledValType], result: ComponentValTypeRef?) {
        self.isAsync = isAsync
        self.parameters = parameters
        self.result = result
    }
}

/// A `type` definition of the component type index space.
public enum ComponentTypeDefinition: Sendable {
    case defined(DefinedValTypeSyntax)
    case function(ComponentFunctionTypeSyntax)
    case component([ComponentTypeDeclaration])
    case instance([InstanceTypeDeclaration])
    /// `(resource (rep i32) (dtor f)?)`; the destructor is a core function index.
    case resource(representation: ValueType, destructor: UInt32?)
}

/// A declaration inside an instance type.
public enum InstanceTypeDeclaration: Sendable {
    case coreType(CoreTypeDefinition)
    case type(ComponentTypeDefinition)
    case alias(Alias)
    case export(ExternName, ComponentExternType)
}

/// A declaration inside a component type: an instance declaration or an import.
public enum ComponentTypeDeclaration: Sendable {
    case instance(InstanceTypeDeclaration)
    case `import`(ExternName, ComponentExternType)
}

/// What an import or export is typed as (`externtype`).
public enum ComponentExternType: Hashable, Sendable {
    /// `(core module (type i))`, a core type index.
    case module(coreType: UInt32)
    case function(type: UInt32)
    case value(ValueBound)
    case type(TypeBound)
    case component(type: UInt32)
    case instance(type: UInt32)

    public var sort: ComponentSort {
        switch self {
        case .module: .core(.module)
        case .function: .function
        case .value: .value
        case .type: .type
        case .component: .component
        case .instance: .instance
        }
    }
}

public enum TypeBound: Hashable, Sendable {
    /// `(eq i)`: the same type as type `i`.
    case equal(UInt32)
    /// `(sub resource)`: a fresh abstract resource type.
    case subResource
}

/// The type of a value import or export.
///
/// NB: `Binary.md` also has `(eq i)` (`0x00 valueidx`, with `0x01 valtype` for a type),
/// but wasm-tools 1.262 writes and reads `0x02 valtype` with no bound discriminant, and
/// the two cannot share one binary (0x00 is both `eq` and type index 0). Only the form
/// the tools read is representable, so every tree encodes to a binary they accept.
public enum ValueBound: Hashable, Sendable {
    case type(ComponentValTypeRef)
}

// MARK: Core types inside components

/// A `core:type` of a component: a core rec group (function, struct, array types) or a
/// module type.
public enum CoreTypeDefinition: Sendable {
    case recGroup(RecGroup)
    case module([CoreModuleDeclaration])
}

/// A declaration inside a core module type.
public enum CoreModuleDeclaration: Sendable {
    case `import`(Import)
    case type(CoreTypeDefinition)
    /// `(alias outer ct idx (type))`.
    case outerTypeAlias(count: UInt32, index: UInt32)
    case export(name: String, type: ImportDescription)
}

// MARK: Names

/// The component `name` custom section: the component's name and names by sort.
public struct ComponentNameSection: Hashable, Sendable {
    public var componentName: String?
    public var names: [ComponentSort: [UInt32: String]] = [:]
    public init() {}
}
