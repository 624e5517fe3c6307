import ComponentRuntime

/// Why an instantiation failed, in the user's terms, and what would fix it.
enum PostMortem {
    /// A link failure: the import with expected and provided types side by side, then
    /// every function import still unsatisfied with the `stub` command that would
    /// satisfy it.
    static func link(_ error: LinkError, file: ComponentFile, linker: ComponentLinker) -> String {
        var lines = ["cannot instantiate \(file.name): \(error.message)",
                     "  import:   \(error.importName)",
                     "  expected: \(error.expected)",
                     "  provided: \(error.provided ?? "nothing")"]
        let missing = LinkerBuilder.unsatisfied(ImportCatalog(file.component.plan), by: linker)
        if !missing.isEmpty {
            lines.append("unsatisfied imports, and commands that would satisfy them:")
            for m in missing {
                lines.append("  \(m.name): \(m.type.wit { file.component.plan.resources[$0.index].name })")
                lines.append("    " + (Stub.defaultStub(importName: m.name, type: m.type)?.command ?? "stub \(m.name) = trap"))
            }
            let roots = Array(Set(missing.map(\.root))).sorted()
            lines.append("  or `link \(roots.joined(separator: "|")) FILE` with a component exporting it, or `--stub-missing`")
        }
        return lines.joined(separator: "\n")
    }

    /// An initializer that failed: which one, what it was doing, and why.
    static func initializer(_ error: InstantiationError, plan: ComponentPlan) -> String {
        var lines = ["instantiation failed at initializer \(error.index) (\(error.initializer.kindName) in \(error.initializer.component)):"]
        lines.append("  " + plan.initializerLines[error.index])
        let why = "\(error.underlying)".split(separator: "\n", omittingEmptySubsequences: false)
        lines.append("  why: " + why.joined(separator: "\n  "))
        lines.append("initializers 0..<\(error.index) ran; the partial instance stays for `handles` and `info`; `start` begins again")
        return lines.joined(separator: "\n")
    }
}
