import ComponentRuntime
import CoreRuntime
import WASI

/// Builds the linker a session instantiates with: WASI when the component imports it,
/// components linked with `link`, the REPL's stubs, and with `--stub-missing` a default
/// stub for every function import still unsatisfied. With a `callLog`, every imported
/// function is wrapped to record its calls (and tell them, for `stub IMPORT = log`).
struct LinkerBuilder {
    var file: ComponentFile
    var stubs: [Stub]
    var links: [(importName: String, namespace: LinkerNamespace)]
    var stubMissing: Bool
    var log: (String) -> Void
    var callLog: CallLog? = nil

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
        let catalog = ImportCatalog(plan)
        let provided = Set(catalog.entries.map(\.name)).subtracting(Self.unsatisfied(catalog, by: linker).map(\.name))
        for stub in stubs {
            // A logging stub only stands in for an import nobody provides.
            if case .logs = stub.behaviour, provided.contains(stub.importName) { continue }
            define(stub, in: linker)
        }
        if stubMissing {
            for missing in Self.unsatisfied(ImportCatalog(plan), by: linker) {
                if let stub = Stub.defaultStub(importName: missing.name, type: missing.type) {
                    define(stub, in: linker)
                }
            }
        }
        if let callLog { record(into: callLog, linker) }
        return linker
    }

    /// Wraps every function import the linker provides to record its calls, under the
    /// names the component imports them by (the linker may match another version).
    /// Instances are copied, not changed: a linked component's namespace outlives this
    /// linker.
    private func record(into callLog: CallLog, _ linker: ComponentLinker) {
        let loud = Set(stubs.filter { if case .logs = $0.behaviour { true } else { false } }.map(\.importName))
        func wrap(_ name: String, _ definition: LinkerDefinition) -> LinkerDefinition {
            guard case .function(let type, let body) = definition else { return definition }
            return .function(type, callLog.recording(name, tell: loud.contains(name) ? log : nil, body))
        }
        for rootImport in file.component.plan.imports {
            switch linker.root.lookup(rootImport.name) {
            case .instance(let namespace)?:
                let copy = LinkerNamespace()
                for (name, inner) in namespace.definitions { copy.define(name, wrap("\(rootImport.name)/\(name)", inner)) }
                linker.root.define(rootImport.name, .instance(copy))
            case let definition?:
                linker.root.define(rootImport.name, wrap(rootImport.name, definition))
            case nil:
                continue
            }
        }
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
