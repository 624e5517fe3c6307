import ComponentRuntime
import CoreRuntime

/// Watches one call through the canonical ABI (`ComponentInstance.tracer`) and tells
/// what happens as it happens (so that calls of stubs fall into place): allocations, bytes written and read with their
/// WIT types, the core call, the return and `post-return`. Addresses inside a block the
/// story knows (an allocation, the return area) are also written as offsets into it.
final class ABINarrator: CanonicalABITracer {
    private let emit: (String) -> Void
    /// Memory lines beyond `maxMemoryLines` are counted, not told (a long list would
    /// bury the story).
    private(set) var untoldMemoryLines = 0
    private let maxMemoryLines = 40
    private var memoryLines = 0
    private var blocks: [(name: String, start: UInt32, size: UInt32)] = []
    /// Calls nest: the function's own core code may call imports, which lift and lower too.
    private var depth = 0
    private let resourceName: (ResourceTypeID) -> String
    /// The size of the results' area when they spill to memory (its pointer is the core
    /// result).
    private let resultAreaSize: Int?
    /// How the outer core call's arguments and results split among the WIT parameters
    /// and result (`n: u32` takes one flat value, `s: string` two); nil when they spill.
    private let parameterViews: [(label: String, count: Int)]?
    private let resultViews: [(label: String, count: Int)]?

    init(emit: @escaping (String) -> Void, resourceName: @escaping (ResourceTypeID) -> String, resultAreaSize: Int?,
         parameterViews: [(label: String, count: Int)]?, resultViews: [(label: String, count: Int)]?) {
        self.emit = emit
        self.resourceName = resourceName
        self.resultAreaSize = resultAreaSize
        self.parameterViews = parameterViews
        self.resultViews = resultViews
        tell("lower the arguments into the callee:")
    }

    /// `  n: u32 → i32:7` for each view of a flat list of core values.
    private func tellFlat(_ values: [Value], _ views: [(label: String, count: Int)]?, arrow: String) {
        guard let views, depth == 0 else { return }
        var rest = values[...]
        for v in views {
            let taken = rest.prefix(v.count)
            rest = rest.dropFirst(v.count)
            tell("  \(v.label) \(arrow) " + (taken.isEmpty ? "nothing" : taken.map(\.description).joined(separator: ", ")))
        }
    }

    private func tell(_ line: String) {
        emit(String(repeating: "  ", count: depth) + line)
    }

    private func tellMemory(_ line: String) {
        memoryLines += 1
        if memoryLines > maxMemoryLines { untoldMemoryLines += 1 } else { tell("  " + line) }
    }

    func reallocated(old: UInt32, oldSize: UInt32, alignment: UInt32, newSize: UInt32, result: UInt32) {
        blocks.removeAll { $0.start == old && old != 0 }
        blocks.append(("block \(Self.hex(result))", result, newSize))
        tellMemory("realloc(\(old), \(oldSize), \(alignment), \(newSize)) → \(Self.hex(result))")
    }

    func stored(_ value: Val, as type: ValType, at address: UInt32, bytes: [UInt8]) {
        tellMemory("write \(type.wit(resourceName)) \(Self.short(WAVE.format(value))) at \(place(address)): \(Self.dump(bytes))")
    }

    func loaded(_ value: Val, as type: ValType, at address: UInt32, bytes: [UInt8]) {
        tellMemory("read \(type.wit(resourceName)) \(Self.short(WAVE.format(value))) at \(place(address)): \(Self.dump(bytes))")
    }

    func storedPart(_ what: String, at address: UInt32, bytes: [UInt8]) {
        tellMemory("write \(what) at \(place(address)): \(Self.dump(bytes))")
    }

    func loadedPart(_ what: String, at address: UInt32, bytes: [UInt8]) {
        tellMemory("read \(what) at \(place(address)): \(Self.dump(bytes))")
    }

    func callingCore(_ function: String, arguments: [Value]) {
        tellFlat(arguments, parameterViews, arrow: "→")
        tell("core call: \(function)(\(arguments.map(\.description).joined(separator: ", ")))")
        depth += 1
    }

    func coreReturned(_ results: [Value]) {
        depth = max(0, depth - 1)
        tell("core return: " + (results.isEmpty ? "nothing" : results.map(\.description).joined(separator: ", ")))
        if depth == 0, let size = resultAreaSize, case .i32(let p)? = results.first {
            blocks.append(("return area", p, UInt32(size)))
        }
        if depth == 0 {
            tell("lift the results:")
            tellFlat(results, resultViews, arrow: "←")
        }
    }

    func postReturning(_ function: String, arguments: [Value]) {
        tell("post-return: \(function)(\(arguments.map(\.description).joined(separator: ", "))) frees what the results used")
    }

    /// `0x10 (block 0x8 +8)` when the address lies in a known block.
    private func place(_ address: UInt32) -> String {
        guard let b = blocks.last(where: { address >= $0.start && address - $0.start < max($0.size, 1) }) else {
            return Self.hex(address)
        }
        return "\(Self.hex(address)) (\(b.name) +\(address - b.start))"
    }

    static func hex(_ v: UInt32) -> String { "0x" + String(v, radix: 16) }

    /// At most 16 bytes in hex, then how many there were.
    static func dump(_ bytes: [UInt8]) -> String {
        let shown = bytes.prefix(16).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
        return bytes.count > 16 ? "\(shown) … (\(bytes.count) bytes)" : shown
    }

    static func short(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(37)) + "…" : text
    }
}
