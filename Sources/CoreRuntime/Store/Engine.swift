import WasmFormat

/// Configuration shared by the stores that run modules: limits and features.
public struct EngineConfiguration: Sendable {
    /// Largest size any memory may grow to, in bytes.
    public var maxMemoryBytes: UInt64 = 4 << 30
    /// Largest number of elements any table may grow to.
    public var maxTableElements: UInt64 = 10_000_000
    /// Value stack size in 64-bit slots (frames live here; deep recursion exhausts it).
    public var stackSlots: Int = 1 << 20
    /// Most wasm call frames active at once.
    public var maxCallDepth: Int = 50_000

    public init() {}
}

/// An engine: a configuration from which stores are made.
public final class Engine: Sendable {
    public let configuration: EngineConfiguration

    public init(configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
    }
}
