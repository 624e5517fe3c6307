/// The names WIT text is made of: identifiers (escaped with `%` when they are keywords),
/// interface names (`ns:pkg/iface@version`) split into package and interface, and the
/// `[constructor]`/`[method]`/`[static]` names that attach functions to resources.
enum WitNames {
    /// WIT's keywords (WIT.md, "Keywords"): an identifier spelled like one is written `%word`.
    static let keywords: Set<String> = [
        "as", "async", "bool", "borrow", "char", "constructor", "enum", "export", "f32", "f64",
        "flags", "from", "func", "future", "import", "include", "interface", "list", "map",
        "option", "own", "package", "record", "resource", "result", "s16", "s32", "s64", "s8",
        "static", "stream", "string", "tuple", "type", "u16", "u32", "u64", "u8", "use",
        "variant", "with", "world",
    ]

    /// `name`, or `%name` when it is a keyword.
    static func identifier(_ name: String) -> String {
        keywords.contains(name) ? "%" + name : name
    }
}

/// A package name with its optional version: `wasi:io@0.2.0`.
struct WitPackageName: Hashable {
    var namespace: String
    var name: String
    var version: String?

    var description: String {
        "\(namespace):\(name)" + (version.map { "@" + $0 } ?? "")
    }
}

/// An interface name of an import or export: `wasi:io/streams@0.2.0` is interface
/// `streams` of package `wasi:io@0.2.0`.
struct WitInterfaceName: Hashable {
    var package: WitPackageName
    var interface: String

    /// Nil for plain names (`add`, `exports`), which name functions and inline interfaces.
    init?(_ externName: String) {
        guard let colon = externName.firstIndex(of: ":"),
              let slash = externName[colon...].firstIndex(of: "/") else { return nil }
        let namespace = String(externName[..<colon])
        let package = String(externName[externName.index(after: colon)..<slash])
        var rest = externName[externName.index(after: slash)...]
        var version: String?
        if let at = rest.firstIndex(of: "@") {
            version = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        self.package = WitPackageName(namespace: namespace, name: package, version: version)
        self.interface = String(rest)
    }

    /// How a `use` in an interface of package `from` spells this interface: just the
    /// interface within the same package, the full name otherwise.
    func spelled(from: WitPackageName?) -> String {
        if from == package { return WitNames.identifier(interface) }
        let path = "\(package.namespace):\(package.name)/\(interface)"
        return path + (package.version.map { "@" + $0 } ?? "")
    }
}

/// What a function's name says about its place: a plain function, or a resource's
/// constructor, method or static function (the component model's annotated names).
enum WitFunctionRole: Equatable {
    case freestanding
    case constructor(resource: String)
    case method(resource: String, name: String)
    case `static`(resource: String, name: String)

    /// The name a freestanding function is written with (`[async]f` is `f`, made async by
    /// its type).
    static func plainName(_ name: String) -> String {
        name.hasPrefix("[async]") ? String(name.dropFirst("[async]".count)) : name
    }

    init(_ name: String) {
        func split(_ rest: Substring) -> (String, String)? {
            guard let dot = rest.firstIndex(of: ".") else { return nil }
            return (String(rest[..<dot]), String(rest[rest.index(after: dot)...]))
        }
        for prefix in ["[constructor]", "[async constructor]"] where name.hasPrefix(prefix) {
            self = .constructor(resource: String(name.dropFirst(prefix.count)))
            return
        }
        for prefix in ["[method]", "[async method]"] where name.hasPrefix(prefix) {
            if let (r, m) = split(name.dropFirst(prefix.count)) {
                self = .method(resource: r, name: m)
                return
            }
        }
        for prefix in ["[static]", "[async static]"] where name.hasPrefix(prefix) {
            if let (r, m) = split(name.dropFirst(prefix.count)) {
                self = .static(resource: r, name: m)
                return
            }
        }
        self = .freestanding
    }

    var resource: String? {
        switch self {
        case .freestanding: nil
        case .constructor(let r), .method(let r, _), .static(let r, _): r
        }
    }
}
