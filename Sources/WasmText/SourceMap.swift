/// Maps byte offsets of a module binary back to the text it was assembled from.
///
/// Every instruction of every function body and constant expression has an entry: its
/// offset and length in the binary and the location of its mnemonic in the text (the
/// closing parenthesis for the `end` a folded block or function body implies).
public struct SourceMap: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// Offset of the instruction's first byte in the module binary.
        public var byteOffset: Int
        /// Number of bytes of the instruction's encoding.
        public var length: Int
        public var location: SourceLocation

        public init(byteOffset: Int, length: Int, location: SourceLocation) {
            self.byteOffset = byteOffset
            self.length = length
            self.location = location
        }
    }

    /// Sorted by `byteOffset`; entries never overlap.
    public private(set) var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries.sorted { $0.byteOffset < $1.byteOffset }
    }

    /// The text location of the instruction that covers `offset`, or nil when the offset
    /// is not inside an instruction (section headers, types, names, data bytes).
    public func location(ofByteOffset offset: Int) -> SourceLocation? {
        // The last entry starting at or before `offset`.
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].byteOffset <= offset { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        let e = entries[lo - 1]
        return offset < e.byteOffset + max(e.length, 1) ? e.location : nil
    }
}
