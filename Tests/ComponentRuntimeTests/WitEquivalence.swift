/// WIT text reduced to what it says, for comparing printed WIT with a reference: spacing
/// is dropped, and the items WIT lets one reorder (packages, interfaces, world and
/// interface items, resource functions, the names of a `use`) are sorted. Everything
/// ordered by meaning stays as written: record fields, variant and enum cases, flags,
/// parameters.
enum WitEquivalence {
    static func canonical(_ text: String) -> String {
        items(normalizedSpacing(text)[...]).sorted().joined()
    }

    static let punctuation: Set<Character> = ["{", "}", "(", ")", "<", ">", ",", ";", ":", "=", "."]

    /// Whitespace collapsed, none kept next to punctuation, and no trailing comma in a
    /// list (WIT allows one).
    static func normalizedSpacing(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in text {
            if c.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace, let last = out.last, !punctuation.contains(last), !punctuation.contains(c) { out.append(" ") }
            pendingSpace = false
            out.append(c)
        }
        return out.replacingOccurrences(of: ",}", with: "}")
    }

    /// The canonical forms of the items of a body: `…;` statements and `… { … }` blocks.
    static func items(_ text: Substring) -> [String] {
        var result: [String] = []
        var start = text.startIndex
        var depth = 0
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if c == "{" { depth += 1 }
            if c == "}" {
                depth -= 1
                if depth == 0, next == text.endIndex || text[next] != ";" {
                    result.append(block(text[start..<next]))
                    start = next
                }
            }
            if c == ";", depth == 0 {
                result += statement(text[start..<next])
                start = next
            }
            i = next
        }
        if start < text.endIndex { result.append(String(text[start...])) }
        return result
    }

    /// `header { body }`: the body's items sorted, unless the body is an ordered list.
    static func block(_ item: Substring) -> String {
        guard let open = item.firstIndex(of: "{") else { return String(item) }
        let header = item[..<open]
        let keyword = header.prefix { $0 != " " }
        if ["record", "variant", "enum", "flags"].contains(keyword) { return String(item) }
        let body = item[item.index(after: open)..<item.index(before: item.endIndex)]
        return header + "{" + items(body).sorted().joined() + "}"
    }

    /// A statement; `use p.{a, b};` becomes one statement per name.
    static func statement(_ item: Substring) -> [String] {
        guard item.hasPrefix("use "), let open = item.firstIndex(of: "{"), let close = item.lastIndex(of: "}") else {
            return [String(item)]
        }
        let path = item[..<open]
        return item[item.index(after: open)..<close].split(separator: ",").map { "\(path){\($0)};" }
    }
}
