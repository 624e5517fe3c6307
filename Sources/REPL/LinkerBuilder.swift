import ComponentRuntime
import CoreRuntime
import WASI

/// Builds the linker a session instantiates with: WASI when the component imports it,
/// components linked with `link`, the REPL's stubs, and with `--stub-missing` a default
/// stub for every function import still unsatisfied.
struct LinkerBuilder {
    var file: ComponentFile
    var stubs: [Stub]
    var links: [(importName: String, namespace: LinkerNamespace)]
    var stubMissing: Bool
    var log: (String) -> Void

    func build() throws -> ComponentLinker {
        let linker = ComponentLinker()
        let plan = file.component.plan
        if plan.imports.contains(where: { $0.name.hasPrefix("wasi:") }) {
            do {
                try WASIHost(WASIConfiguration(arguments: [file.name])).register(into: linker)
            } catch {
                throw REPLError("cannot set up WASI: \(error)")
            }
        }
        for link in links {
            linker.root.define(link.importName, .instance(link.namespace))
        }
        for stub in stubs {
            define(stub, in: linker)
        }
        if stubMissing {
            for missing in Self.unsatisfied(ImportCatalog(plan), by: linker) {
                if let stub = Stub.defaultStub(importName: missing.name, type: missing.type) {
                    define(stub, in: linker)
                }
            }
        }
        return linker
    }

    private func define(_ stub: Stub, in linker: ComponentLinker) {
        guard let e = ImportCatalog(file.component.plan).find(stub.importName) else { return }
        var namespace = linker.root
        var names = [e.root] + e.path
        let last = names.removeLast()
        for n in names { namespace = namespace.instance(n) }
        namespace.function(last, type: e.type, stub.hostFunction(log: log))
    }

    /// The function imports the linker has nothing for.
    static func unsatisfied(_ imports: ImportCatalog, by linker: ComponentLinker) -> [ImportCatalog.Entry] {
        imports.entries.filter { e in
            var definition = linker.root.lookup(e.root)
            for n in e.path {
                guard case .instance(let ns)? = definition else { return true }
                definition = ns.lookup(n)
            }
            return definition == nil
        }
    }
}
