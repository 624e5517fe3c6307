import Foundation
import CoreRuntime

/// `memory [N]` and `x/FMT ADDR [memory N]`: the linear memories of the instance,
/// numbered in the order their core instances list them (a memory imported by a later
/// core instance is the same memory, listed once).
extension Session {
    /// One linear memory and where it lives.
    struct LinearMemory {
        var memory: Memory
        /// The first core instance that has it (the one defining it, as imports come later).
        var coreInstance: Int
        var moduleName: String?
        var exportNames: [String]
    }

    /// The memories of the instance, complete or stopped part-way, without instantiating.
    func linearMemories() throws -> [LinearMemory] {
        _ = try requireFile()
        guard let instance = instantiator?.instance else {
            throw REPLError("the component is not instantiated yet: a call or `start` makes an instance")
        }
        var seen = Set<ObjectIdentifier>()
        var found: [LinearMemory] = []
        for (index, core) in instance.coreInstances.enumerated() {
            guard let core else { continue }
            for memory in core.memories where seen.insert(ObjectIdentifier(memory)).inserted {
                let exports = core.exports.compactMap { e -> String? in
                    guard case .memory(let m) = e.value, m === memory else { return nil }
                    return e.name
                }
                found.append(LinearMemory(memory: memory, coreInstance: index,
                                          moduleName: core.module.module.names?.moduleName, exportNames: exports))
            }
        }
        return found
    }

    /// `memory` lists every memory; `memory N` one of them with its limits.
    func memoryCommand(_ text: String) throws {
        let memories = try linearMemories()
        if text.isEmpty {
            if memories.isEmpty { say("no memories (yet)") }
            for (n, m) in memories.enumerated() { say(Self.describe(m, number: n)) }
            return
        }
        let m = try Self.select(text, from: memories)
        say(Self.describe(memories[m], number: m))
        let type = memories[m].memory.type.limits
        say("  page size \(memories[m].memory.pageSize) bytes; minimum \(Self.pages(type.min)), maximum \(type.max.map(Self.pages) ?? "none")"
            + (type.addressType == .i64 ? "; 64-bit addresses" : "") + (type.shared ? "; shared" : ""))
    }

    static func describe(_ m: LinearMemory, number: Int) -> String {
        var line = "memory \(number): \(pages(m.memory.pageCount)) (\(m.memory.byteCount) bytes)"
        line += ", core instance #\(m.coreInstance)" + (m.moduleName.map { " ($\($0))" } ?? "")
        if !m.exportNames.isEmpty { line += " exports it as " + m.exportNames.map { "\"\($0)\"" }.joined(separator: ", ") }
        return line
    }

    static func pages(_ n: UInt64) -> String { "\(n) page" + (n == 1 ? "" : "s") }

    static func select(_ text: String, from memories: [LinearMemory]) throws -> Int {
        guard let n = Int(text), n >= 0 else { throw REPLError("a memory is named by its number, not \"\(text)\"; `memory` lists them") }
        guard n < memories.count else {
            throw REPLError("no memory \(n): the instance has \(memories.count) memor\(memories.count == 1 ? "y" : "ies")")
        }
        return n
    }

    /// Where the last `x` stopped, so that `x` or `x/FMT` without an address goes on
    /// from there, as in gdb.
    struct ExamineCursor {
        var format: MemoryFormat
        var next: UInt64
        var memoryNumber: Int
    }

    /// `x/FMT ADDR [memory N]`; without ADDR, the memory after the last `x` (with its
    /// format unless a new one is given).
    func examine(_ command: String) throws {
        var rest = Substring(command.dropFirst())  // the `x`
        var spec: String?
        if rest.hasPrefix("/") {
            let text = String(rest.dropFirst().prefix { !$0.isWhitespace })
            spec = text
            rest = rest.dropFirst(1 + text.count)
        }
        let words = rest.split(whereSeparator: \.isWhitespace)
        let memories = try linearMemories()
        guard !memories.isEmpty else { throw REPLError("the instance has no memory") }
        guard let addressWord = words.first else {
            guard let cursor = examineCursor, cursor.memoryNumber < memories.count else {
                throw REPLError("usage: x/FMT ADDR [memory N], as x/16xb 0x400 or x/s 1024; `x` alone goes on after the last one")
            }
            let format = try spec.map(MemoryFormat.init) ?? cursor.format
            return try show(format, at: cursor.next, in: memories, number: cursor.memoryNumber)
        }
        guard words.count == 1 || (words.count == 3 && words[1] == "memory") else {
            throw REPLError("usage: x/FMT ADDR [memory N], as x/16xb 0x400 or x/s 1024")
        }
        let format = try MemoryFormat(spec ?? "")
        guard let address = Self.parseAddress(addressWord) else {
            throw REPLError("\"\(addressWord)\" is not an address: write it in decimal or as 0x…")
        }
        let number = words.count == 3 ? try Self.select(String(words[2]), from: memories) : 0
        try show(format, at: address, in: memories, number: number)
    }

    private func show(_ format: MemoryFormat, at address: UInt64, in memories: [LinearMemory], number: Int) throws {
        let shown = try format.render(memories[number].memory, at: address, memoryNumber: number)
        for line in shown.lines { say(line) }
        examineCursor = ExamineCursor(format: format, next: shown.next, memoryNumber: number)
    }

    static func parseAddress(_ word: Substring) -> UInt64? {
        let text = word.replacingOccurrences(of: "_", with: "")
        if text.lowercased().hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) }
        return UInt64(text)
    }
}
