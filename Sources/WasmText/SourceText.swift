/// The bytes of one text input and the table that turns byte offsets into lines.
///
/// Everything below the public API works on UTF-8 bytes rather than `String`: quoted
/// modules in scripts are built from string literals whose escapes can produce bytes that
/// are not UTF-8, and the lexer must be able to report them ("malformed UTF-8 encoding")
/// instead of having them silently replaced. It is a class so that the tokens and the
/// lazily parsed script modules of a large `.wast` file share one copy.
public final class SourceText: Sendable {
    public let file: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of every line; `lineStarts[0] == 0`.
    let lineStarts: [Int]
    /// With no multi-byte characters a column is a byte count: no need to scan lines.
    let isASCII: Bool

    public init(bytes: [UInt8], file: String) {
        self.file = file
        self.bytes = bytes
        var starts = [0]
        var i = 0
        while i < bytes.count {
            // A line ends at LF, CR, or CR LF (line comments end at either, too).
            if bytes[i] == 0x0A {
                starts.append(i + 1)
            } else if bytes[i] == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        self.lineStarts = starts
        self.isASCII = !bytes.contains { $0 >= 0x80 }
    }

    public convenience init(_ text: String, file: String) {
        self.init(bytes: Array(text.utf8), file: file)
    }

    /// The 0-based index of the line containing `offset`.
    func lineIndex(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let line = lineIndex(of: clamped)
        return SourceLocation(file: file, line: line + 1, column: column(of: clamped, lineStart: lineStarts[line]))
    }

    /// The locations of many offsets at once, in the order given. Sorting first lets one
    /// sweep count the columns, so a huge one-line module is not quadratic.
    func locations(of offsets: [Int]) -> [SourceLocation] {
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = [SourceLocation](repeating: SourceLocation(file: file, line: 1, column: 1), count: offsets.count)
        var line = 0
        var position = 0
        var column = 1
        for i in order {
            let target = max(0, min(offsets[i], bytes.count))
            let targetLine = lineIndex(of: target)
            if targetLine != line || position > target {
                line = targetLine
                position = lineStarts[line]
                column = 1
            }
            if isASCII {
                column += target - position
                position = target
            } else {
                while position < target {
                    if bytes[position] & 0xC0 != 0x80 { column += 1 }
                    position += 1
                }
            }
            result[i] = SourceLocation(file: file, line: line + 1, column: column)
        }
        return result
    }

    /// Columns count scalars: continuation bytes (10xxxxxx) do not start a new column.
    private func column(of offset: Int, lineStart: Int) -> Int {
        if isASCII { return offset - lineStart + 1 }
        var column = 1
        for i in lineStart..<offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    /// The text of the 1-based line `line`, without its line terminator.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
