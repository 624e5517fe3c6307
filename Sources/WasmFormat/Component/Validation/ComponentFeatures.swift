/// The component model proposals beyond the base model that `ComponentValidator` accepts
/// only when asked: each flag is one of wasm-tools' `cm-*` features that it leaves off by
/// default, so that `.default` accepts what `wasm-tools validate` (1.262) accepts and `.all`
/// what `wasm-tools validate --features all` accepts.
///
/// The proposals wasm-tools enables by default (`cm-async`, `cm-map`, `cm-implements`) are
/// always accepted and have no flag. Proposals wasm-tools leaves off but Loupe does not gate
/// yet (error contexts, fixed-length lists, the GC lowering, `stream.forward`,
/// `shared-everything-threads` built-ins, …) are accepted too: a flag is added with its gate.
public struct ComponentFeatures: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// `cm64`: canonical options naming a 64-bit memory, and `i64` context slots.
    public static let memory64 = ComponentFeatures(rawValue: 1 << 0)
    /// `cm-more-async-builtins`: the `async` form of `subtask.cancel` and of the stream
    /// and future `cancel-read`/`cancel-write` built-ins.
    public static let moreAsyncBuiltins = ComponentFeatures(rawValue: 1 << 1)
    /// `cm-threading`: the `thread.*` built-ins that create, suspend and resume threads
    /// (`thread.yield` belongs to async), and the second context slot.
    public static let threading = ComponentFeatures(rawValue: 1 << 2)

    /// What wasm-tools 1.262 enables by default: none of the gated proposals.
    public static let `default`: ComponentFeatures = []
    /// Every proposal Loupe knows.
    public static let all: ComponentFeatures = [.memory64, .moreAsyncBuiltins, .threading]

    /// The features a wasm-tools `--features` list selects: the defaults, then each
    /// comma-separated name (`cm64`, `cm-threading`, `all`) enabled, or disabled when it
    /// starts with `-`. Names not gated here (core proposals, always-accepted ones) change
    /// nothing.
    public init(wasmToolsFeatures list: String) {
        self = .default
        for item in list.split(separator: ",") {
            let disable = item.hasPrefix("-")
            let feature: ComponentFeatures = switch item.dropFirst(disable ? 1 : 0) {
            case "cm64": .memory64
            case "cm-more-async-builtins": .moreAsyncBuiltins
            case "cm-threading": .threading
            case "all": .all
            default: []
            }
            if disable { subtract(feature) } else { formUnion(feature) }
        }
    }
}
