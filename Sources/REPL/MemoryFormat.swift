import CoreRuntime

/// The `FMT` of gdb's `x/FMT`: a count, a format letter and a unit size in any order
/// (`16xb`, `4dw`, `s`). Units are read little-endian, as wasm stores them; each line
/// shows 16 bytes after its address, so that columns line up with a hex dump.
struct MemoryFormat: Equatable {
    enum Letter: Character {
        case hex = "x", signed = "d", unsigned = "u", char = "c", string = "s"
    }

    var count = 1
    var letter = Letter.hex
    /// The unit in bytes: 1, 2, 4 or 8 (`b`, `h`, `w`, `g`).
    var size = 4

    /// NB: one `x` may show at most this much, so that a slip (`x/99999999xg 0`) does
    /// not flood the terminal or the transcript.
    static let maximumBytes = 64 * 1024
    /// How far `x/s` looks for the NUL that ends a string.
    static let maximumStringBytes = 4096

    init(_ spec: String) throws {
        let digits = spec.prefix { $0.isNumber }
        if !digits.isEmpty {
            guard let n = Int(digits), n > 0 else { throw REPLError("the count of `x/FMT` must be a number from 1 up, not \"\(digits)\"") }
            count = n
        }
        var sizeGiven = false
        for c in spec.dropFirst(digits.count) {
            if let l = Letter(rawValue: c) {
                letter = l
            } else if let s = ["b": 1, "h": 2, "w": 4, "g": 8][c] {
                size = s
                sizeGiven = true
            } else {
                throw REPLError("`x/FMT` takes a count, a format (x hex, d signed, u unsigned, c char, s string) and a size (b, h, w, g), not \"\(c)\"")
            }
        }
        if letter == .char || letter == .string {
            guard !sizeGiven || size == 1 else { throw REPLError("`x/\(letter.rawValue)` reads bytes: its size can only be b") }
            size = 1
        }
    }

    /// The lines `x` prints for the memory numbered `memoryNumber` and the address just
    /// after what they show (where a bare `x` goes on), or an error naming the range
    /// that does not fit.
    func render(_ memory: Memory, at address: UInt64, memoryNumber: Int) throws -> (lines: [String], next: UInt64) {
        if letter == .string { return try strings(memory, at: address, memoryNumber: memoryNumber) }
        let byteCount = count * size
        guard byteCount <= Self.maximumBytes else {
            throw REPLError("x shows at most \(Self.maximumBytes) bytes at a time; \(count) units of \(size) bytes are \(byteCount)")
        }
        guard let bytes = memory.read(at: address, count: byteCount) else {
            throw Self.outOfBounds(address, byteCount, memory, memoryNumber)
        }
        var lines: [String] = []
        for lineStart in stride(from: 0, to: byteCount, by: 16) {
            let chunk = bytes[lineStart..<min(lineStart + 16, byteCount)]
            var units: [String] = []
            for unitStart in stride(from: chunk.startIndex, to: chunk.endIndex, by: size) {
                units.append(unit(chunk[unitStart..<unitStart + size]))
            }
            var line = Self.address(address + UInt64(lineStart)) + ": " + units.joined(separator: " ")
            if letter == .hex && size == 1 {
                line += String(repeating: "   ", count: 16 - chunk.count) + "  |" + String(chunk.map(Self.printable)) + "|"
            }
            lines.append(line)
        }
        return (lines, address + UInt64(byteCount))
    }

    /// One unit in the chosen format, padded to the width of its widest value.
    private func unit(_ bytes: ArraySlice<UInt8>) -> String {
        let raw = bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let text: String, width: Int
        switch letter {
        case .hex:
            text = String(raw, radix: 16)
            return String(repeating: "0", count: 2 * size - text.count) + text
        case .unsigned:
            text = String(raw)
            width = [1: 3, 2: 5, 4: 10, 8: 20][size]!
        case .signed:
            let shift = UInt64(64 - 8 * size)
            text = String(Int64(bitPattern: raw << shift) >> Int64(shift))
            width = [1: 4, 2: 6, 4: 11, 8: 20][size]!
        case .char:
            text = "'" + Self.escaped(UInt8(raw), quote: "'") + "'"
            width = 6
        case .string:
            text = ""
            width = 0
        }
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// `count` NUL-terminated strings, one a line, as WAVE-style quoted text.
    private func strings(_ memory: Memory, at address: UInt64, memoryNumber: Int) throws -> (lines: [String], next: UInt64) {
        var lines: [String] = []
        var start = address
        for _ in 0..<count {
            guard start < UInt64(memory.byteCount) else { throw Self.outOfBounds(start, 1, memory, memoryNumber) }
            let available = min(UInt64(Self.maximumStringBytes), UInt64(memory.byteCount) - start)
            let bytes = memory.read(at: start, count: Int(available)) ?? []
            let length = bytes.firstIndex(of: 0) ?? bytes.count
            var line = Self.address(start) + ": " + Self.quoted(bytes[..<length])
            if length == bytes.count {
                line += available == UInt64(Self.maximumStringBytes)
                    ? "…  (no NUL in the first \(Self.maximumStringBytes) bytes)" : "  (no NUL before the end of memory)"
            }
            lines.append(line)
            start += UInt64(length) + 1
        }
        return (lines, start)
    }

    static func outOfBounds(_ address: UInt64, _ count: Int, _ memory: Memory, _ number: Int) -> REPLError {
        let end = address.addingReportingOverflow(UInt64(count)).partialValue
        return REPLError("\(Self.address(address))..<\(Self.address(end)) is out of bounds of memory \(number), which has \(memory.byteCount) bytes (\(Session.pages(memory.pageCount)))")
    }

    static func address(_ a: UInt64) -> String {
        let hex = String(a, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    /// The bytes as a quoted string: UTF-8 text when they are valid UTF-8, escapes for
    /// control characters and for the bytes of invalid sequences.
    static func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) {
            return "\"" + text.unicodeScalars.map { $0.isASCII ? escaped(UInt8($0.value), quote: "\"") : String($0) }.joined() + "\""
        }
        return "\"" + bytes.map { escaped($0, quote: "\"") }.joined() + "\""
    }

    static func escaped(_ byte: UInt8, quote: Character) -> String {
        switch byte {
        case 0: return "\\0"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x5C: return "\\\\"
        case UInt8(ascii: "'") where quote == "'", UInt8(ascii: "\"") where quote == "\"": return "\\" + String(quote)
        case 0x20..<0x7F: return String(UnicodeScalar(byte))
        default:
            let hex = String(byte, radix: 16)
            return "\\x" + (hex.count == 1 ? "0" : "") + hex
        }
    }

    /// The ASCII column of a hex dump.
    static func printable(_ byte: UInt8) -> Character {
        (0x20..<0x7F).contains(byte) ? Character(UnicodeScalar(byte)) : "."
    }
}
