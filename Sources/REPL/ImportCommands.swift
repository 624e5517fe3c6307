import ComponentRuntime
import CoreRuntime

/// Satisfying imports from the REPL: `stub` and `link`. Both change how the component
/// links, so the current instance (and its values) go; the next call instantiates anew.
extension Session {
    /// `stub IMPORT [= VALUE | trap]`.
    func stub(_ text: String) throws {
        let file = try requireFile()
        let (name, value): (String, String?)
        if let eq = text.firstIndex(of: "=") {
            name = text[..<eq].trimmingCharacters(in: .whitespaces)
            value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        } else {
            (name, value) = (text, nil)
        }
        guard !name.isEmpty else { throw REPLError("usage: stub IMPORT [= VALUE | trap]") }
        guard let entry = ImportCatalog(file.component.plan).find(name) else {
            throw REPLError("\(file.name) imports no function \"\(name)\"; `imports` lists them")
        }
        let stub = try Stub(importName: entry.name, type: entry.type, text: value, variables: { self.variables[$0] })
        stubs.removeAll { $0.importName == entry.name }
        stubs.append(stub)
        forgetInstance()
        say("\(stub.command)  (\(witOf(file.component.plan)(entry.type)))")
    }

    /// `link IMPORT FILE`: instantiates FILE and satisfies the instance import IMPORT
    /// with its export of that name, or with its root exports when it has none.
    func link(_ text: String) throws {
        let file = try requireFile()
        let (importName, path) = Session.firstWord(text)
        guard !importName.isEmpty, !path.isEmpty else { throw REPLError("usage: link IMPORT FILE") }
        guard file.component.plan.imports.contains(where: { $0.name == importName }) else {
            throw REPLError("\(file.name) has no import \"\(importName)\"; `imports` lists them")
        }
        let provider = try ComponentFile(path: path)
        let linker = try LinkerBuilder(file: provider, stubs: [], links: [], stubMissing: stubMissing, log: { [weak self] in self?.say($0) }).build()
        let instance: ComponentInstance
        do {
            instance = try linker.instantiatePre(provider.component).instantiate(in: Store())
        } catch let e as LinkError {
            throw REPLError(PostMortem.link(e, file: provider, linker: linker))
        } catch {
            throw Self.explained(error, plan: provider.component.plan)
        }
        let exports = LinkerNamespace(exportsOf: instance)
        var namespace = exports
        if case .instance(let inner)? = exports.lookup(importName) { namespace = inner }
        links.removeAll { $0.importName == importName }
        links.append((importName, path, namespace))
        forgetInstance()
        say("linked \(importName) to \(provider.name)")
    }
}
