/// The plan in words, as `loupe plan` and the REPL's `plan` print it.
extension ComponentPlan {
    /// One line per initializer: index, kind, what it makes, from what.
    public var initializerLines: [String] {
        initializers.enumerated().map { i, initializer in
            var lines = describe(initializer).split(separator: "\n", omittingEmptySubsequences: false)
            lines[0] = "\(i)  \(initializer.kindName)  \(lines[0])  [\(initializer.component) @\(initializer.offset)]"
            return lines.joined(separator: "\n")
        }
    }

    func resourceName(_ id: ResourceTypeID) -> String { resources[id.index].name }

    /// What one initializer does, with its inputs.
    public func describe(_ initializer: GlobalInitializer) -> String {
        switch initializer.kind {
        case .instantiateModule(let instance, let module, let wiring, let arguments):
            var s = "core instance #\(instance) = instantiate \(module)"
            if case .defined(let m) = module, let name = modules[m].module.module.names?.moduleName { s += " ($\(name))" }
            if wiring.isEmpty && !arguments.isEmpty { s += " with " + arguments.map(\.name).joined(separator: ", ") }
            for w in wiring { s += "\n      \(w.module).\(w.name) ← \(describe(w.definition))" }
            return s
        case .lowerImport(let index, let ri, let type, let options):
            let r = runtimeImports[ri]
            let name = ([imports[r.rootImport].name] + r.path).joined(separator: "/")
            return "lowered #\(index) = lower \(name): \(type.wit(resourceName))\(describe(options))"
        case .extractMemory(let index, let def): return "memory #\(index) = \(describe(def))"
        case .extractRealloc(let index, let def): return "realloc #\(index) = \(describe(def))"
        case .extractCallback(let index, let def): return "callback #\(index) = \(describe(def))"
        case .extractPostReturn(let index, let def): return "post-return #\(index) = \(describe(def))"
        case .extractTable(let index, let def): return "table #\(index) = \(describe(def))"
        case .resource(let r, let rep, let destructor, _):
            return "resource \(resources[r].name) (rep \(rep))" + (destructor.map { ", destructor \(describe($0))" } ?? "")
        }
    }

    /// A core definition, trampolines said by what they do.
    public func describe(_ def: CoreDef) -> String {
        guard case .trampoline(let t) = def else { return def.description }
        switch trampolines[t] {
        case .resourceNew(let r, _): return "resource.new \(resources[r].name)"
        case .resourceRep(let r, _): return "resource.rep \(resources[r].name)"
        case .resourceDrop(let r, _): return "resource.drop \(resources[r].name)"
        case .contextGet(let slot, _): return "context.get \(slot)"
        case .contextSet(let slot, _): return "context.set \(slot)"
        case .backpressure(let delta, _): return delta > 0 ? "backpressure.inc" : "backpressure.dec"
        case .unsupported(let name, _, _): return "\(name) (traps: needs async support)"
        case .adapter(let callee, let options):
            return "adapter: lower \(callee.type.wit(resourceName)) lifted from \(describe(callee.core))\(describe(options))"
        }
    }

    private func describe(_ o: CanonicalOptions) -> String {
        var parts: [String] = []
        if o.encoding != .utf8 { parts.append("string-encoding=\(o.encoding.name)") }
        if let m = o.memory { parts.append("memory #\(m)") }
        if let r = o.realloc { parts.append("realloc #\(r)") }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}
