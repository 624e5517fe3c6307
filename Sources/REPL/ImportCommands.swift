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

    /// `link IMPORT FILE [EXPORT]`: instantiates FILE and satisfies the instance import
    /// IMPORT with its export EXPORT, by default its export named IMPORT, or else its
    /// root exports.
    func link(_ text: String) throws {
        let file = try requireFile()
        let (importName, rest) = Session.firstWord(text)
        let (path, exportName) = Session.firstWord(rest)
        guard !importName.isEmpty, !path.isEmpty else { throw REPLError("usage: link IMPORT FILE [EXPORT]") }
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
        if !exportName.isEmpty {
            guard case .instance(let inner)? = exports.lookup(exportName) else {
                throw REPLError("\(provider.name) exports no instance \"\(exportName)\"; its exports: "
                                + exports.definitions.map(\.name).joined(separator: ", "))
            }
            namespace = inner
        } else if case .instance(let inner)? = exports.lookup(importName) {
            namespace = inner
        }
        links.removeAll { $0.importName == importName }
        links.append((importName, path, namespace))
        forgetInstance()
        say("linked \(importName) to \(provider.name)" + (exportName.isEmpty ? "" : " export \(exportName)"))
    }

    /// `calls`: the import calls made since the component was loaded, oldest first.
    func calls() throws {
        _ = try requireFile()
        if callLog.calls.isEmpty { say("no import calls yet") }
        if callLog.forgotten > 0 { say("(\(callLog.forgotten) older calls forgotten)") }
        for (i, call) in callLog.calls.enumerated() {
            say("\(callLog.forgotten + i + 1): \(call.description)")
        }
    }
}
