import ComponentRuntime

/// The named value types of a component's imports and exports (`point`, `shape`), each
/// under its own name and its interface-qualified one (`test:types/api@0.1.0.point`), for
/// `types`, `type NAME` and `layout NAME`.
struct TypeCatalog {
    struct Entry {
        /// The interface (or instance) it belongs to; nil at the root.
        var interface: String?
        var name: String
        /// Nil for a resource, which has no structure of its own.
        var type: ValType?
        var isImported: Bool

        var qualifiedName: String { interface.map { "\($0).\(name)" } ?? name }
    }

    let entries: [Entry]

    init(_ plan: ComponentPlan) {
        var entries: [Entry] = []
        func exported(_ items: [Named<ExportItem>], in interface: String?) {
            for item in items {
                switch item.item {
                case .type(let t, _): entries.append(Entry(interface: interface, name: item.name, type: t, isImported: false))
                case .instance(let inner) where interface == nil: exported(inner, in: item.name)
                default: break
                }
            }
        }
        func imported(_ items: [Named<ExternDescription>], in interface: String?) {
            for item in items {
                switch item.item {
                case .type(let t): entries.append(Entry(interface: interface, name: item.name, type: t, isImported: true))
                case .resource: entries.append(Entry(interface: interface, name: item.name, type: nil, isImported: true))
                case .instance(let inner) where interface == nil: imported(inner, in: item.name)
                default: break
                }
            }
        }
        imported(plan.imports.map { Named($0.name, $0.type) }, in: nil)
        exported(plan.exports, in: nil)
        self.entries = entries
    }

    /// By qualified name, or by a short name when exactly one type has it.
    func find(_ name: String) -> Entry? {
        if let e = entries.first(where: { $0.qualifiedName == name }) { return e }
        let named = entries.filter { $0.name == name }
        return named.count == 1 ? named[0] : nil
    }
}
