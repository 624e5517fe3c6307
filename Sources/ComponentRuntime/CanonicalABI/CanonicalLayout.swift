import WasmFormat

/// The canonical ABI's layout and flattening of value types as public facts, for tools
/// that teach the ABI (the REPL's `layout` and `explain`). The runtime's own `Layout`
/// stays internal and is the one place these rules are computed.
public enum CanonicalLayout {
    /// At most this many flat parameters are passed as core arguments; more go to memory.
    public static let maxFlatParameters = Layout.maxFlatParameters
    /// At most this many flat results are returned as core results; more go to memory.
    public static let maxFlatResults = Layout.maxFlatResults

    public static func size(of type: ValType) -> Int { Layout.size(type) }
    public static func alignment(of type: ValType) -> Int { Layout.alignment(type) }

    /// The core value types a value of `type` is passed as when it is not in memory.
    public static func flatTypes(of type: ValType) -> [ValueType] { Layout.flatten(type) }

    /// The parts of a value in memory with their byte offsets: a record's fields, a
    /// tuple's elements, a variant's (option's, result's, enum's) discriminant and
    /// payloads; empty for other types.
    public static func parts(of type: ValType) -> [(name: String, offset: Int, type: ValType)] {
        switch type.despecialized {
        case .record(let fields):
            return zip(fields, Layout.fieldOffsets(fields.map(\.type))).map { ($0.name, $1, $0.type) }
        case .variant(let cases):
            let payload = Layout.payloadOffset(cases)
            return [("discriminant", 0, Layout.discriminant(cases.count))]
                + cases.compactMap { c in c.type.map { (c.name, payload, $0) } }
        default:
            return []
        }
    }

    /// The core signature of a component function: `lifting` for the callee's side of
    /// an export (results spill to a returned pointer), otherwise the caller's side of
    /// an import (results spill to a pointer passed as the last argument).
    public static func coreSignature(of type: FuncType, lifting: Bool) -> FunctionType {
        Layout.coreSignature(of: type, lowering: !lifting)
    }
}
