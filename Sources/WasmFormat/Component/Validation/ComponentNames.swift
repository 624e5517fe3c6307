/// The lexical rules of import and export names (`externname` in the explainer): kebab-case
/// labels, the `[constructor]`/`[method]`/`[static]` annotations, interface names with an
/// optional semver, and the import-only dependency, URL and integrity forms.
///
/// Parsing yields what later rules need: the annotation (checked against the item's type
/// by `AnnotatedNameRules`) and the *canonical* form under which names must be
/// strongly-unique (acronyms lowercased, `[method]r.r` reduced to `r`, annotations other
/// than `[constructor]` stripped).
struct ParsedExternName {
    enum Kind: Equatable {
        case label
        case constructor(resource: String)
        case method(resource: String, name: String)
        case `static`(resource: String, name: String)
        case interface
        /// `unlocked-dep=`, `locked-dep=`, `url=`, `integrity=`: imports only.
        case importOnly
    }
    var kind: Kind
    var canonical: String
}

/// A violated naming rule, worded as wasm-tools words it.
struct NameError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

enum ExternNameParser {
    /// Parses an import or export name.
    static func parse(_ name: String, isImport: Bool) throws(NameError) -> ParsedExternName {
        for prefix in ["unlocked-dep=", "locked-dep=", "url=", "integrity="] where name.hasPrefix(prefix) {
            guard isImport else { throw NameError("`\(name)` is not a valid export name") }
            try DependencyNameParser.parse(prefix: prefix, rest: String(name.dropFirst(prefix.count)))
            return ParsedExternName(kind: .importOnly, canonical: name)
        }
        if name.contains(":") {
            try parseInterfaceName(name)
            return ParsedExternName(kind: .interface, canonical: name.lowercased())
        }
        return try parsePlainName(name)
    }

    static func parsePlainName(_ name: String) throws(NameError) -> ParsedExternName {
        if name.hasPrefix("[constructor]") {
            let resource = String(name.dropFirst("[constructor]".count))
            try checkLabel(resource)
            return ParsedExternName(kind: .constructor(resource: resource), canonical: "[constructor]" + resource.lowercased())
        }
        for (prefix, isMethod) in [("[method]", true), ("[static]", false)] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dot = rest.firstIndex(of: ".") else { throw NameError("failed to find `.` character") }
            let resource = String(rest[..<dot]), member = String(rest[rest.index(after: dot)...])
            try checkLabel(resource)
            try checkLabel(member)
            let r = resource.lowercased(), m = member.lowercased()
            let canonical = r == m ? r : r + "." + m
            return ParsedExternName(kind: isMethod ? .method(resource: resource, name: member) : .static(resource: resource, name: member),
                                    canonical: canonical)
        }
        try checkLabel(name)
        return ParsedExternName(kind: .label, canonical: name.lowercased())
    }

    /// `namespace:package/interface(@version)?`, one namespace and one projection.
    static func parseInterfaceName(_ name: String) throws(NameError) {
        var rest = Substring(name)
        var version: Substring?
        if let at = rest.firstIndex(of: "@") {
            version = rest[rest.index(after: at)...]
            rest = rest[..<at]
        }
        guard let colon = rest.firstIndex(of: ":") else { throw NameError("`\(name)` is not in kebab case") }
        try checkPackageWords(rest[..<colon])
        rest = rest[rest.index(after: colon)...]
        guard let slash = rest.firstIndex(of: "/") else {
            if rest.contains(":") { throw NameError("expected `/` after package name") }
            throw NameError("`\(rest)` is not in kebab case")
        }
        let package = rest[..<slash]
        if package.contains(":") { throw NameError("expected `/` after package name") }
        try checkPackageWords(package)
        let projection = rest[rest.index(after: slash)...]
        if let second = projection.firstIndex(of: "/") {
            throw NameError("trailing characters found: `\(projection[second...])`")
        }
        try checkLabel(String(projection))
        if let version {
            do throws(NameError) {
                try SemanticVersion.check(version)
            } catch {
                throw NameError("invalid interface version: \(error.message)")
            }
        }
    }

    /// The namespace or package of an interface name: kebab words, lowercase only.
    static func checkPackageWords(_ words: Substring) throws(NameError) {
        try checkLabel(String(words))
        if let upper = words.first(where: { $0.isASCII && $0.isUppercase }) {
            throw NameError("character `\(upper)` is not lowercase in package name/namespace")
        }
    }

    /// `label ::= first-fragment ('-' fragment)*`: fragments of lowercase letters and
    /// digits, or of uppercase letters and digits; the first starts with a letter.
    static func isKebabCase(_ s: String) -> Bool {
        guard !s.isEmpty else { return false }
        var first = true
        for fragment in s.split(separator: "-", omittingEmptySubsequences: false) {
            guard let head = fragment.unicodeScalars.first else { return false }
            if first {
                guard ("a"..."z").contains(head) || ("A"..."Z").contains(head) else { return false }
                first = false
            }
            let lower = fragment.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            let upper = fragment.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
            guard lower || upper else { return false }
        }
        return true
    }

    static func checkLabel(_ s: String) throws(NameError) {
        guard isKebabCase(s) else { throw NameError("`\(s)` is not in kebab case") }
    }
}

/// Semantic Versioning 2.0 (`major.minor.patch(-pre)?(+build)?`), with messages naming the
/// part that failed.
enum SemanticVersion {
    static func check(_ text: Substring) throws(NameError) {
        guard !text.isEmpty else { throw NameError("empty string, expected a semver version") }
        var rest = text
        var build: Substring?
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        var pre: Substring?
        if let dash = rest.firstIndex(of: "-") {
            pre = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        var parts = rest.split(separator: ".", omittingEmptySubsequences: false)[...]
        for what in ["major", "minor", "patch"] {
            guard let part = parts.popFirst() else {
                throw NameError("unexpected end of input while parsing \(what) version number")
            }
            try number(part, what)
        }
        if !parts.isEmpty { throw NameError("unexpected character '.' after patch version number") }
        if let pre { try identifiers(pre, "pre-release identifier", numeric: true) }
        if let build { try identifiers(build, "build metadata", numeric: false) }
    }

    static func number(_ part: Substring, _ what: String) throws(NameError) {
        guard let c = part.first else {
            // An empty part ends the input or runs into the next dot.
            if part.endIndex < part.base.endIndex, part.base[part.endIndex] == "." {
                throw NameError("unexpected character '.' while parsing \(what) version number")
            }
            throw NameError("unexpected end of input while parsing \(what) version number")
        }
        guard c.isASCII, c.isNumber else { throw NameError("unexpected character '\(c)' while parsing \(what) version number") }
        if let bad = part.first(where: { !($0.isASCII && $0.isNumber) }) {
            throw NameError("unexpected character '\(bad)' after \(what) version number")
        }
        if part.count > 1, c == "0" { throw NameError("invalid leading zero in \(what) version number") }
    }

    static func identifiers(_ text: Substring, _ what: String, numeric: Bool) throws(NameError) {
        for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !segment.isEmpty else { throw NameError("empty identifier segment in \(what)") }
            if let bad = segment.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")) }) {
                throw NameError("unexpected character '\(bad)' in \(what)")
            }
            if numeric, segment.count > 1, segment.first == "0", segment.allSatisfy({ $0.isNumber }) {
                throw NameError("invalid leading zero in \(what)")
            }
        }
    }
}

/// The import-only name forms naming a dependency, a URL or an integrity hash.
enum DependencyNameParser {
    static func parse(prefix: String, rest: String) throws(NameError) {
        var s = Substring(rest)
        switch prefix {
        case "unlocked-dep=":
            let body = try bracketed(&s)
            var package = body
            if let at = body.firstIndex(of: "@") {
                package = body[..<at]
                try versionRange(body[body.index(after: at)...])
            }
            try packageName(package)
        case "locked-dep=":
            let body = try bracketed(&s)
            var package = body
            if let at = body.firstIndex(of: "@") {
                package = body[..<at]
                let v = body[body.index(after: at)...]
                do throws(NameError) { try SemanticVersion.check(v) } catch { throw NameError("`\(v)` is not a valid semver") }
            }
            try packageName(package)
            try optionalIntegrity(&s)
        case "url=":
            guard s.first == "<" else { throw NameError("expected `<` at `\(s)`") }
            s = s.dropFirst()
            guard let close = s.firstIndex(of: ">") else { throw NameError("failed to find `>`") }
            if s[..<close].contains("<") { throw NameError("url cannot contain `<`") }
            s = s[s.index(after: close)...]
            try optionalIntegrity(&s)
        default:
            s = Substring(prefix) + s
            try optionalIntegrity(&s, leadingComma: false)
        }
        guard s.isEmpty else { throw NameError("trailing characters found: `\(s)`") }
    }

    /// `<…>`, consumed from `s`.
    static func bracketed(_ s: inout Substring) throws(NameError) -> Substring {
        guard s.first == "<" else { throw NameError("expected `<` at `\(s)`") }
        s = s.dropFirst()
        // A version range (`{>=1.2.3}`) holds a `>` of its own.
        let rangeEnd = s.firstIndex(of: "}") ?? s.startIndex
        guard let close = s[rangeEnd...].firstIndex(of: ">") else {
            // Report what the package parse makes of the remainder first, as wasm-tools does.
            try packageName(s.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first ?? s)
            throw NameError("expected `>` at ``")
        }
        let body = s[..<close]
        s = s[s.index(after: close)...]
        return body
    }

    static func packageName(_ p: Substring) throws(NameError) {
        let parts = p.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw NameError("`\(p)` is not in kebab case") }
        try ExternNameParser.checkPackageWords(parts[0])
        try ExternNameParser.checkPackageWords(parts[1])
    }

    /// `*`, or `{>=v}`, `{<v}`, `{>=v <w}`.
    static func versionRange(_ r: Substring) throws(NameError) {
        if r == "*" { return }
        guard r.first == "{" else { throw NameError("expected `{` at `\(r.isEmpty ? ">" : r)`") }
        guard r.last == "}" else { throw NameError("expected `}` at `\(r)`") }
        var body = r.dropFirst().dropLast()
        if body.hasPrefix(">=") {
            body = body.dropFirst(2)
            var lower = body
            var upper: Substring?
            if let space = body.firstIndex(of: " ") {
                lower = body[..<space]
                upper = body[body.index(after: space)...]
            }
            try semver(lower)
            if let upper {
                guard upper.hasPrefix("<") else { throw NameError("expected `<` at `\(upper)`") }
                try semver(upper.dropFirst())
            }
        } else if body.hasPrefix("<") {
            try semver(body.dropFirst())
        } else {
            throw NameError("expected `>=` or `<` at start of version range")
        }
    }

    static func semver(_ v: Substring) throws(NameError) {
        do throws(NameError) { try SemanticVersion.check(v) } catch { throw NameError("`\(v)` is not a valid semver") }
    }

    static func optionalIntegrity(_ s: inout Substring, leadingComma: Bool = true) throws(NameError) {
        if leadingComma {
            guard s.first == "," else { return }
            s = s.dropFirst()
        }
        guard s.hasPrefix("integrity=<") else { throw NameError("expected `integrity=<`") }
        s = s.dropFirst("integrity=<".count)
        guard let close = s.firstIndex(of: ">") else { throw NameError("failed to find `>`") }
        try integrity(s[..<close])
        s = s[s.index(after: close)...]
    }

    /// Space-separated `alg-base64(?options)` hashes with alg sha256, sha384 or sha512.
    static func integrity(_ text: Substring) throws(NameError) {
        let hashes = text.split(separator: " ")
        guard !hashes.isEmpty else { throw NameError("integrity hash cannot be empty") }
        for h in hashes {
            guard let dash = h.firstIndex(of: "-") else { throw NameError("expected `-` after hash algorithm") }
            let algorithm = h[..<dash]
            guard ["sha256", "sha384", "sha512"].contains(algorithm) else {
                throw NameError("unrecognized hash algorithm `\(algorithm)`")
            }
            var digest = h[h.index(after: dash)...]
            if let q = digest.firstIndex(of: "?") { digest = digest[..<q] }
            let body = digest.drop { $0 != "=" } .isEmpty ? digest : digest[..<digest.firstIndex(of: "=")!]
            let padding = digest.count - body.count
            let alphabet = body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/") }
            guard !body.isEmpty, alphabet, padding <= 2, digest.dropFirst(body.count).allSatisfy({ $0 == "=" }) else {
                throw NameError("`\(digest)` is not valid base64")
            }
        }
    }
}

/// Strong uniqueness of names in one scope (imports of a component, exports of an
/// instance, …): names are compared by their canonical forms.
struct StronglyUniqueNames {
    private var seen: [String: String] = [:]

    /// Records `name` (whose canonical form is `canonical`); returns the earlier name it
    /// conflicts with, if any.
    mutating func insert(_ name: String, canonical: String) -> String? {
        if let previous = seen[canonical] { return previous }
        seen[canonical] = name
        return nil
    }
}
