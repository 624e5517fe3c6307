import ComponentRuntime
import WasmFormat

/// The component's types and structure: `types`, `type NAME`, `layout TYPE`, `wit`,
/// `resources`, `instances`.
extension Session {
    private func resourceNamer(_ plan: ComponentPlan) -> (ResourceTypeID) -> String {
        { plan.resources[$0.index].name }
    }

    /// `types`: the named types of the imports and exports, by interface.
    func types() throws {
        let plan = try requireFile().component.plan
        let catalog = TypeCatalog(plan)
        if catalog.entries.isEmpty { say("no named types") }
        var interface: String?? = .none
        for e in catalog.entries {
            if interface != .some(e.interface), let name = e.interface { say("\(name):") }
            interface = .some(e.interface)
            say((e.interface == nil ? "" : "  ") + "\(e.name) = \(e.type?.wit(resourceNamer(plan)) ?? "resource")" + (e.isImported ? "  (imported)" : ""))
        }
    }

    /// `type NAME`: one named type's structure.
    func typeCommand(_ name: String) throws {
        guard !name.isEmpty else { throw REPLError("usage: type NAME (`types` lists them)") }
        let plan = try requireFile().component.plan
        guard let e = TypeCatalog(plan).find(name) else {
            throw REPLError("no type \"\(name)\"; `types` lists them")
        }
        say("\(e.qualifiedName) = \(e.type?.wit(resourceNamer(plan)) ?? "resource")")
    }

    /// `layout TYPE`: size, alignment, the offsets of its parts and its flat types.
    func layout(_ text: String) throws {
        guard !text.isEmpty else { throw REPLError("usage: layout TYPE, e.g. layout record { a: u8, b: u32 }") }
        let plan = file?.component.plan
        let catalog = plan.map(TypeCatalog.init)
        let type = try WitTypeExpression.parse(text) { catalog?.find($0)?.type }
        let wit = type.wit(plan.map(resourceNamer) ?? { $0.description })
        say(wit)
        say("size \(CanonicalLayout.size(of: type)), alignment \(CanonicalLayout.alignment(of: type))")
        let flat = CanonicalLayout.flatTypes(of: type)
        say("flat: (\(Self.flatList(flat)))" + (flat.count > CanonicalLayout.maxFlatResults ? "  (as a result it goes to memory)" : ""))
        for part in CanonicalLayout.parts(of: type) {
            say("  +\(part.offset)  \(part.name): \(part.type.wit(plan.map(resourceNamer) ?? { $0.description }))"
                + "  size \(CanonicalLayout.size(of: part.type)), alignment \(CanonicalLayout.alignment(of: part.type))")
        }
        if case .string = type { say("  +0  pointer: u32\n  +4  length in code units: u32") }
        if case .list = type { say("  +0  pointer: u32\n  +4  length in elements: u32") }
    }

    /// `wit`: the component's imports and exports as a WIT document.
    func wit() throws {
        let text = WitDocument(try requireFile().validated).text
        say(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }

    /// `resources`: the resource types the component deals with and who implements them.
    func resources() throws {
        let plan = try requireFile().component.plan
        if plan.resources.isEmpty { say("no resource types") }
        for (i, r) in plan.resources.enumerated() {
            let origin = switch r.origin {
            case .imported(let ri): "imported: " + ([plan.imports[plan.runtimeImports[ri].rootImport].name] + plan.runtimeImports[ri].path).joined(separator: "/")
            case .defined(let instance): "defined by component instance #\(instance) (\(plan.componentInstances[instance].path))"
            }
            say("[\(i)] \(r.name)  \(origin)")
        }
    }

    /// `instances`: the component instances the root inlines and the core instances with
    /// their modules, marked when the current instantiation has made them.
    func instances() throws {
        let plan = try requireFile().component.plan
        say("component instances:")
        for (i, c) in plan.componentInstances.enumerated() {
            say("  #\(i) \(c.path)" + (c.parent.map { "  (inside #\($0))" } ?? ""))
        }
        say("core instances:")
        let made = instantiator?.instance.coreInstances
        for initializer in plan.initializers {
            guard case .instantiateModule(let index, let module, let imports, let arguments) = initializer.kind else { continue }
            var line = "  #\(index) = \(module)"
            if case .defined(let m) = module, let name = plan.modules[m].module.module.names?.moduleName { line += " ($\(name))" }
            line += " in \(initializer.component)"
            let wired = imports.count + arguments.count
            if wired > 0 { line += ", \(imports.count) imports wired" }
            if let made, index < made.count { line += made[index] == nil ? "  [not yet]" : "  [instantiated]" }
            say(line)
        }
    }
}
