import ComponentRuntime

/// The exported functions of a component under every spelling the REPL accepts, so that
/// a call names a function the way a reader of the WIT would: `greet`, `api.live`,
/// `test:counter/api.live`, `test:counter/api#live`, and for resources
/// `api.counter.new` (the constructor) and `api.counter.merge` (a static function).
struct ExportCatalog {
    struct Entry {
        /// The exporting interface's full name, nil for a root export.
        var interface: String?
        /// The function's own name (`[method]counter.get`).
        var name: String
        var type: FuncType
        var wit: String

        /// `iface#name`, or the bare name at the root: how `ComponentInstance.function`
        /// finds it.
        var path: String { interface.map { "\($0)#\(name)" } ?? name }

        /// The resource a `[method]`, `[static]` or `[constructor]` function belongs to.
        var resource: String? {
            for prefix in ["[constructor]", "[method]", "[static]"] where name.hasPrefix(prefix) {
                return String(name.dropFirst(prefix.count).prefix { $0 != "." })
            }
            return nil
        }

        /// The name a REPL user writes after the interface.
        var shortName: String {
            if name.hasPrefix("[constructor]") { return "\(resource ?? "").new" }
            for prefix in ["[method]", "[static]"] where name.hasPrefix(prefix) { return String(name.dropFirst(prefix.count)) }
            return name
        }
    }

    let entries: [Entry]

    init(_ plan: ComponentPlan, wit: (FuncType) -> String) {
        var entries: [Entry] = []
        for e in plan.exports {
            switch e.item {
            case .function(let def):
                let type = Self.type(def, plan)
                entries.append(Entry(interface: nil, name: e.name, type: type, wit: wit(type)))
            case .instance(let items):
                for item in items {
                    guard case .function(let def) = item.item else { continue }
                    let type = Self.type(def, plan)
                    entries.append(Entry(interface: e.name, name: item.name, type: type, wit: wit(type)))
                }
            default:
                break
            }
        }
        self.entries = entries
    }

    private static func type(_ def: ComponentFunctionDef, _ plan: ComponentPlan) -> FuncType {
        switch def {
        case .lifted(let l): return l.type
        case .imported(let ri):
            if case .function(let f) = plan.runtimeImports[ri].kind { return f }
            return FuncType(parameters: [], result: nil)
        }
    }

    /// The short name of an interface: `api` for `test:counter/api@1.0.0`.
    static func shortInterfaceName(_ name: String) -> String {
        let afterSlash = name.split(separator: "/").last.map(String.init) ?? name
        return String(afterSlash.prefix { $0 != "@" })
    }

    /// Every spelling of an entry a call may use.
    func spellings(of e: Entry) -> [String] {
        let names = Set([e.name, e.shortName])
        guard let i = e.interface else { return Array(names) }
        var out: [String] = []
        for n in names {
            out += ["\(i).\(n)", "\(i)#\(n)", "\(Self.shortInterfaceName(i)).\(n)", n]
        }
        return out
    }

    /// The function a call names; an error lists what there is when nothing or more than
    /// one function matches.
    func resolve(_ spelling: String) throws -> Entry {
        let matches = entries.filter { spellings(of: $0).contains(spelling) }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw REPLError("no exported function \"\(spelling)\"; `exports` lists them")
        }
        throw REPLError("\"\(spelling)\" is ambiguous: it could be \(matches.map(\.path).joined(separator: " or ")); qualify it with the interface")
    }

    /// The method `name` of a resource: `[method]TYPE.name` in the interface exporting
    /// `type`.
    func method(_ name: String, of resource: Resource, in instance: ComponentInstance) throws -> Entry {
        let wanted = "[method]\(resource.type.name).\(name)"
        let candidates = entries.filter { $0.name == wanted }
        let exact = candidates.filter { e in
            instance.resourceType([e.interface, resource.type.name].compactMap { $0 }) === resource.type
        }
        if let e = exact.first ?? (candidates.count == 1 ? candidates.first : nil) { return e }
        let methods = entries.filter { $0.name.hasPrefix("[method]\(resource.type.name).") }.map { String($0.shortName.dropFirst(resource.type.name.count + 1)) }
        throw REPLError("a \(resource.type.name) has no method \"\(name)\"" + (methods.isEmpty ? "" : "; its methods: \(methods.joined(separator: ", "))"))
    }
}
