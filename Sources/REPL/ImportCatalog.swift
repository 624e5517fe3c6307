import ComponentRuntime

/// The function imports of a component by the names a user writes: the plan's
/// `test:host/env/add`, or `test:host/env.add` / `test:host/env#add` as in WIT.
struct ImportCatalog {
    struct Entry {
        /// `root/path…`, as the plan and link errors name it.
        var name: String
        var root: String
        var path: [String]
        var type: FuncType
    }

    let entries: [Entry]

    init(_ plan: ComponentPlan) {
        entries = plan.runtimeImports.compactMap { ri in
            guard case .function(let type) = ri.kind else { return nil }
            let root = plan.imports[ri.rootImport].name
            return Entry(name: ([root] + ri.path).joined(separator: "/"), root: root, path: ri.path, type: type)
        }
    }

    func find(_ spelling: String) -> Entry? {
        entries.first { e in
            guard let last = e.path.last else { return e.root == spelling }
            let parent = ([e.root] + e.path.dropLast()).joined(separator: "/")
            return spelling == e.name || spelling == "\(parent).\(last)" || spelling == "\(parent)#\(last)"
        }
    }
}
