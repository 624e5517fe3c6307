/// The WebAssembly proposals a validator accepts.
///
/// Loupe validates WebAssembly 3.0 plus a few proposals still in flight. The flags exist so
/// that a layer which cannot run a feature yet (the runtime before it supports GC, say) can
/// turn it off and get a clear "not enabled" error at validation time instead of a surprise
/// later. A module that uses a disabled feature fails with a `WasmError` of kind
/// `.unsupported` naming the feature.
///
/// The gates are checked where a feature first shows up (a section, a type, an instruction
/// family), never on the per-instruction fast path of MVP operators.
public struct WasmFeatures: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// 128-bit vectors (`v128` and the `0xFD` operators).
    public static let simd = WasmFeatures(rawValue: 1 << 0)
    /// Relaxed SIMD operators (`0xFD 0x100` and up).
    public static let relaxedSimd = WasmFeatures(rawValue: 1 << 1)
    /// Shared memories and atomic operators (the threads proposal).
    public static let threads = WasmFeatures(rawValue: 1 << 2)
    /// `i64.add128`, `i64.sub128`, `i64.mul_wide_s/u`.
    public static let wideArithmetic = WasmFeatures(rawValue: 1 << 3)
    /// Struct, array and i31 references, subtyping declarations, casts.
    public static let gc = WasmFeatures(rawValue: 1 << 4)
    /// Typed function references: `call_ref`, `ref.as_non_null`, `br_on_null`, non-null types.
    public static let functionReferences = WasmFeatures(rawValue: 1 << 5)
    /// `try_table`, `throw`, `throw_ref`, tags and `exnref`.
    public static let exceptions = WasmFeatures(rawValue: 1 << 6)
    /// The pre-3.0 exception instructions `try`, `catch`, `catch_all`, `delegate`, `rethrow`.
    public static let legacyExceptions = WasmFeatures(rawValue: 1 << 7)
    /// `return_call`, `return_call_indirect`, `return_call_ref`.
    public static let tailCall = WasmFeatures(rawValue: 1 << 8)
    /// More than one memory.
    public static let multiMemory = WasmFeatures(rawValue: 1 << 9)
    /// 64-bit memories and tables.
    public static let memory64 = WasmFeatures(rawValue: 1 << 10)
    /// Memories with a page size other than 64 KiB.
    public static let customPageSizes = WasmFeatures(rawValue: 1 << 11)
    /// `i32/i64.add/sub/mul` in constant expressions.
    public static let extendedConst = WasmFeatures(rawValue: 1 << 12)
    /// Bulk memory and table operators, passive segments, the data count section.
    public static let bulkMemory = WasmFeatures(rawValue: 1 << 13)
    /// `externref`, several tables, `ref.null`, `ref.func`, `ref.is_null`, typed `select`.
    public static let referenceTypes = WasmFeatures(rawValue: 1 << 14)

    /// WebAssembly 3.0 as standardised.
    public static let wasm3: WasmFeatures = [
        .simd, .relaxedSimd, .gc, .functionReferences, .exceptions, .tailCall, .multiMemory,
        .memory64, .extendedConst, .bulkMemory, .referenceTypes,
    ]

    /// Everything Loupe knows how to validate (the default).
    public static let all: WasmFeatures = WasmFeatures.wasm3.union([
        .threads, .wideArithmetic, .legacyExceptions, .customPageSizes,
    ])

    /// A human name for one feature flag, used in "… is not enabled" errors.
    public var name: String {
        switch self {
        case .simd: "SIMD"
        case .relaxedSimd: "relaxed SIMD"
        case .threads: "threads"
        case .wideArithmetic: "wide arithmetic"
        case .gc: "garbage collection"
        case .functionReferences: "typed function references"
        case .exceptions: "exception handling"
        case .legacyExceptions: "legacy exception handling"
        case .tailCall: "tail calls"
        case .multiMemory: "multiple memories"
        case .memory64: "64-bit memories and tables"
        case .customPageSizes: "custom page sizes"
        case .extendedConst: "extended constant expressions"
        case .bulkMemory: "bulk memory"
        case .referenceTypes: "reference types"
        default: "features 0x\(String(rawValue, radix: 16))"
        }
    }
}
