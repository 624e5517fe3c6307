/// A position in a text file, as people read it: 1-based line and column.
///
/// Columns count Unicode scalars, not bytes, so that a caret printed under a line that
/// contains non-ASCII characters still lands under the right character.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and terminals turn into links.
    public var description: String { "\(file):\(line):\(column)" }
}
