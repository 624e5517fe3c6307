/// A `directory-entry-stream`: a snapshot of a directory's entries, handed out one by one.
final class DirectoryEntryStream {
    private var entries: [DirectoryEntry]
    private var next = 0

    init(_ entries: [DirectoryEntry]) {
        self.entries = entries
    }

    func nextEntry() -> DirectoryEntry? {
        guard next < entries.count else { return nil }
        defer { next += 1 }
        return entries[next]
    }
}
