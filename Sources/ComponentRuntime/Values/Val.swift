/// A component-level value: what lifted functions take and return, and what WAVE writes.
public indirect enum Val: Hashable, Sendable {
    case bool(Bool)
    case s8(Int8), u8(UInt8), s16(Int16), u16(UInt16), s32(Int32), u32(UInt32), s64(Int64), u64(UInt64)
    case f32(Float), f64(Double)
    case char(Unicode.Scalar)
    case string(String)
    case list([Val])
    case record([Field])
    case tuple([Val])
    case variant(String, Val?)
    case `enum`(String)
    case option(Val?)
    case result(ResultValue)
    /// The names of the flags that are set, in the order the type lists them.
    case flags([String])
    case resource(Resource)

    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: Val
        public init(_ name: String, _ value: Val) {
            self.name = name
            self.value = value
        }
    }

    public enum ResultValue: Hashable, Sendable {
        case ok(Val?)
        case err(Val?)
    }
}

/// A resource handle held by the host: a resource type and its representation, owned
/// or borrowed. It has identity: dropping it (`ComponentStore.drop`) marks it dropped, and
/// using it afterwards is an error.
public final class Resource: Hashable, @unchecked Sendable, CustomStringConvertible {
    public let type: ResourceType
    public let rep: UInt32
    public let isOwned: Bool
    public internal(set) var isDropped = false

    init(type: ResourceType, rep: UInt32, isOwned: Bool) {
        self.type = type
        self.rep = rep
        self.isOwned = isOwned
    }

    /// A handle the host makes for a resource type it implements: `rep` is whatever the
    /// host uses to find its state (an index into its own table, say).
    public static func own(_ type: ResourceType, rep: UInt32) -> Resource {
        Resource(type: type, rep: rep, isOwned: true)
    }

    public static func == (a: Resource, b: Resource) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }

    public var description: String {
        "\(isOwned ? "own" : "borrow")<\(type.name)>#\(rep)\(isDropped ? " (dropped)" : "")"
    }
}

/// A resource type at run time. Its identity is the type: every instantiation of a
/// component that defines a resource makes a new one, and a host defines its own.
public final class ResourceType: Hashable, @unchecked Sendable, CustomStringConvertible {
    public let name: String
    /// The component instance that implements it (nil for a host resource).
    let implementer: ComponentInstanceState?
    /// Runs when an owned handle is dropped.
    var destructor: ((UInt32) throws -> Void)?

    init(name: String, implementer: ComponentInstanceState?, destructor: ((UInt32) throws -> Void)? = nil) {
        self.name = name
        self.implementer = implementer
        self.destructor = destructor
    }

    /// A resource type the host implements; `destructor` runs when a guest or the host
    /// drops an owned handle.
    public convenience init(hostNamed name: String, destructor: ((UInt32) throws -> Void)? = nil) {
        self.init(name: name, implementer: nil, destructor: destructor)
    }

    public static func == (a: ResourceType, b: ResourceType) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
    public var description: String { name }
}
