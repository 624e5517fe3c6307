import CoreRuntime
import WasmFormat

/// How strings are encoded in a component's linear memory (the `string-encoding` option).
public enum StringEncoding: Hashable, Sendable {
    case utf8
    case utf16
    case latin1UTF16

    public var name: String {
        switch self {
        case .utf8: "utf8"
        case .utf16: "utf16"
        case .latin1UTF16: "latin1+utf16"
        }
    }
}

/// Something that watches the canonical ABI at work, for `explain`: each allocation,
/// each value read from or written to linear memory, and around a lifted function's core
/// code the call itself, its return and its `post-return`.
public protocol CanonicalABITracer: AnyObject {
    func reallocated(old: UInt32, oldSize: UInt32, alignment: UInt32, newSize: UInt32, result: UInt32)
    func stored(_ value: Val, as type: ValType, at address: UInt32, bytes: [UInt8])
    func loaded(_ value: Val, as type: ValType, at address: UInt32, bytes: [UInt8])
    /// A lifted function's core code is called with its lowered arguments (everything
    /// traced before belongs to lowering them; calls it makes are traced in between).
    func callingCore(_ function: String, arguments: [Value])
    /// The core code returned; what is traced next lifts `results`.
    func coreReturned(_ results: [Value])
    /// The lifted function's `post-return` runs with the core results, freeing them.
    func postReturning(_ function: String, arguments: [Value])
    /// A part of an aggregate the canonical ABI writes itself — a string's or list's
    /// pointer and length, a variant's case index — said in words (`what`).
    func storedPart(_ what: String, at address: UInt32, bytes: [UInt8])
    func loadedPart(_ what: String, at address: UInt32, bytes: [UInt8])
}

/// The call events are optional: a tracer interested in memory only ignores them.
extension CanonicalABITracer {
    public func callingCore(_ function: String, arguments: [Value]) {}
    public func coreReturned(_ results: [Value]) {}
    public func postReturning(_ function: String, arguments: [Value]) {}
    public func storedPart(_ what: String, at address: UInt32, bytes: [UInt8]) {}
    public func loadedPart(_ what: String, at address: UInt32, bytes: [UInt8]) {}
}

/// The ambient information of a lift or lower (CanonicalABI.md "Lifting and Lowering
/// Context"): the options, the instance whose memory and handle table are used, the
/// resource types in scope, and the call's borrow scope.
struct ABIContext {
    let instance: ComponentInstanceState
    let memory: Memory?
    let realloc: CoreRuntime.Function?
    let encoding: StringEncoding
    /// The run-time resource types, by the plan's resource numbers.
    let resourceTypes: [ResourceType]
    /// The call whose borrows are tracked (lowering borrows into a callee, or lending a
    /// caller's handles).
    let task: Task?
    weak var tracer: CanonicalABITracer?
    /// The encoding strings being lowered came from (the other side's `string-encoding`;
    /// UTF-8 for the host): it decides the spec's sequence of allocations.
    var stringSource: StringEncoding = .utf8

    func trap(_ message: String) -> Trap { Trap(.component(message)) }

    func resources(_ id: ResourceTypeID) -> ResourceType { resourceTypes[id.index] }

    /// The memory's bytes, checking that `count` bytes at `address` are inside it.
    func bytes(at address: UInt64, count: Int) throws(Trap) -> UnsafeMutableRawPointer {
        guard let memory else { throw trap("the canonical options have no memory") }
        let size = UInt64(memory.byteCount)
        guard address <= size, UInt64(count) <= size - address else {
            throw trap("pointer out of bounds: \(count) bytes at \(address) in a memory of \(size) bytes")
        }
        return memory.bytes.baseAddress! + Int(address)
    }

    /// Calls the guest's `realloc`. The instance may not leave during it (it must not call
    /// imports), as the spec says.
    func reallocate(old: UInt32, oldSize: UInt32, alignment: UInt32, newSize: UInt32) throws(Trap) -> UInt32 {
        guard let realloc else { throw trap("the canonical options have no realloc function") }
        instance.mayLeave = false
        defer { instance.mayLeave = true }
        let results = try realloc.call([.i32(old), .i32(oldSize), .i32(alignment), .i32(newSize)])
        guard case .i32(let p)? = results.first else { throw trap("realloc returned no pointer") }
        tracer?.reallocated(old: old, oldSize: oldSize, alignment: alignment, newSize: newSize, result: p)
        guard p % alignment == 0 else { throw trap("realloc returned a misaligned pointer \(p) (alignment \(alignment))") }
        _ = try bytes(at: UInt64(p), count: Int(newSize))
        return p
    }

    func allocate(alignment: Int, size: Int) throws(Trap) -> UInt32 {
        try reallocate(old: 0, oldSize: 0, alignment: UInt32(alignment), newSize: UInt32(size))
    }
}
