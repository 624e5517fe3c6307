import ComponentRuntime

/// What the loaded component is: `info`, `exports`, `imports`, `plan`.
extension Session {
    /// `info`: the file, its interface in numbers, and the state of the session.
    func info(_ topic: String) throws {
        guard topic.isEmpty else { throw REPLError("`info` takes nothing or `breakpoints`, not \"\(topic)\"") }
        let file = try requireFile()
        let plan = file.component.plan
        say("file: \(file.path)")
        say("exports: \(ExportCatalog(plan, wit: witOf(plan)).entries.count) functions; imports: \(ImportCatalog(plan).entries.count) functions")
        say("plan: \(plan.initializers.count) initializers, \(plan.modules.count) core modules, \(plan.componentInstances.count) component instances")
        let state: String
        if let i = instantiator {
            if let f = i.failure { state = "failed at initializer \(f.index)" }
            else if i.isFinished { state = "instantiated" }
            else { state = "stopped before initializer \(i.next)" }
        } else {
            state = "not instantiated (the first call instantiates it)"
        }
        say("instance: \(state)")
        for s in stubs { say("stub: \(s.command)") }
        for l in links { say("link: \(l.importName) ← \(l.path)") }
        say("variables: \(variables.count); breakpoints: \(breakpoints.count)")
    }

    /// `exports`: one line per function with its WIT signature, grouped by interface.
    func exports() throws {
        let plan = try requireFile().component.plan
        let catalog = ExportCatalog(plan, wit: witOf(plan))
        if catalog.entries.isEmpty { say("no exported functions") }
        var interface: String?? = .none
        for e in catalog.entries {
            if interface != .some(e.interface), let name = e.interface { say("\(name):") }
            interface = .some(e.interface)
            say((e.interface == nil ? "" : "  ") + "\(e.name): \(e.wit)")
        }
    }

    /// `imports`: the functions the component needs, by interface, each with what
    /// satisfies it now (WASI or a link, a stub, or nothing yet).
    func imports() throws {
        let file = try requireFile()
        let plan = file.component.plan
        let catalog = ImportCatalog(plan)
        if catalog.entries.isEmpty { say("no imported functions") }
        let linker = try LinkerBuilder(file: file, stubs: [], links: links.map { ($0.importName, $0.namespace) },
                                       stubMissing: false, log: { _ in }).build()
        let missing = Set(LinkerBuilder.unsatisfied(catalog, by: linker).map(\.name))
        var root: String?
        for e in catalog.entries {
            if !e.path.isEmpty, root != e.root { say("\(e.root):") }
            root = e.path.isEmpty ? nil : e.root
            let stub = stubs.first { $0.importName == e.name }
            let logged = stub.map { if case .logs = $0.behaviour { true } else { false } } ?? false
            let status = switch (stub != nil, missing.contains(e.name)) {
            case (true, false) where logged, (false, false): logged ? "provided, logged" : "provided"
            case (true, _): logged ? "stubbed, logged" : "stubbed"
            case (false, true): "missing"
            }
            let name = e.path.isEmpty ? e.root : "  " + e.path.joined(separator: "/")
            say("\(name): \(witOf(plan)(e.type))  [\(status)]")
        }
    }

    /// `plan`: the numbered initializers; `=>` marks where a stopped instantiation is.
    func plan() throws {
        let plan = try requireFile().component.plan
        let next = instantiator.flatMap { $0.isFinished ? nil : $0.next }
        for (i, line) in plan.initializerLines.enumerated() {
            say((i == next ? "=> " : "   ") + line)
        }
    }
}
