import ComponentRuntime

/// A place where `continue` stops an instantiation: before initializer N, or before
/// every initializer of a kind (`LowerImport`, `InstantiateModule`, …).
struct Breakpoint {
    enum Condition {
        case index(Int)
        case kind(String)
    }

    var id: Int
    var condition: Condition

    static let kinds = ["InstantiateModule", "LowerImport", "ExtractMemory", "ExtractRealloc", "ExtractCallback",
                        "ExtractPostReturn", "ExtractTable", "Resource"]

    /// Parses `N` or a kind name (any capitalisation).
    static func condition(_ text: String) throws -> Condition {
        if let n = Int(text), n >= 0 { return .index(n) }
        if let kind = kinds.first(where: { $0.lowercased() == text.lowercased() }) { return .kind(kind) }
        throw REPLError("`break init` takes an initializer number or a kind (\(kinds.joined(separator: ", "))), not \"\(text)\"")
    }

    func matches(_ index: Int, _ initializer: GlobalInitializer) -> Bool {
        switch condition {
        case .index(let n): return n == index
        case .kind(let k): return initializer.kindName == k
        }
    }

    var description: String {
        switch condition {
        case .index(let n): return "\(id): before initializer \(n)"
        case .kind(let k): return "\(id): before every \(k)"
        }
    }
}
