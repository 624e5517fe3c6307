/// The one error type of the binary layer: a malformed binary or an invalid module.
///
/// It reads as one sentence naming the violated rule and says where: the byte offset in
/// the binary and, inside code, the function index and the instruction's offset.
public struct WasmError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The bytes do not follow the binary grammar (decoding failed).
        case malformed
        /// The module is well-formed but breaks a validation rule.
        case invalid
        /// The module uses a feature this implementation does not support yet.
        case unsupported
    }

    public var kind: Kind
    public var message: String
    /// Byte offset in the binary where the problem was found.
    public var offset: Int
    /// Index (in the function index space) of the function whose body is at fault.
    public var function: UInt32?

    public init(_ kind: Kind, _ message: String, offset: Int, function: UInt32? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.function = function
    }

    public static func malformed(_ message: String, at offset: Int) -> WasmError {
        WasmError(.malformed, message, offset: offset)
    }

    public static func invalid(_ message: String, at offset: Int, function: UInt32? = nil) -> WasmError {
        WasmError(.invalid, message, offset: offset, function: function)
    }

    public var description: String {
        let prefix: String = switch kind {
        case .malformed: "malformed"
        case .invalid: "invalid"
        case .unsupported: "not supported"
        }
        var location = "at byte offset \(offset) (0x\(String(offset, radix: 16)))"
        if let function { location = "in function \(function), " + location }
        return "\(prefix): \(message) \(location)"
    }
}
