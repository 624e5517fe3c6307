import ComponentRuntime
import Foundation

/// Tab completion: what the word before the cursor could become, from the commands, the
/// exports, the variables, files, import names and breakpoint kinds, depending on where
/// it stands; inside a call's parentheses, the parameters to write.
public struct Completion: Equatable {
    /// The partial word the candidates extend.
    public var word: String
    public var candidates: [String]
    /// A hint to show (the parameters of a call), nothing to insert.
    public var isHint = false

    /// The text all candidates share beyond `word`: what TAB inserts.
    public var insertion: String {
        guard !isHint, var common = candidates.first else { return "" }
        for c in candidates.dropFirst() {
            while !c.hasPrefix(common) { common.removeLast() }
        }
        return common.count > word.count ? String(common.dropFirst(word.count)) : ""
    }
}

extension Session {
    /// Completes the end of `line` (the text before the cursor).
    public func complete(_ line: String) -> Completion {
        if let hint = parameterHint(line) { return hint }
        let word = String(line.reversed().prefix { !$0.isWhitespace && $0 != "(" && $0 != "," }.reversed())
        let before = line.dropLast(word.count).trimmingCharacters(in: .whitespaces)
        let words: [String]
        switch before {
        case "": words = CommandHelp.all.map(\.name) + callableNames() + variables.keys.sorted()
        case "help": words = CommandHelp.all.map(\.name)
        case "info": words = ["breakpoints"]
        case "break": words = ["init"]
        case "break init": words = Breakpoint.kinds
        case "break init LowerImport", "break init InstantiateModule":
            words = file.map { ImportCatalog($0.component.plan).entries.map(\.name) } ?? []
        case "drop": words = variables.keys.sorted()
        case "stub": words = file.map { ImportCatalog($0.component.plan).entries.map(\.name) } ?? []
        case "load": return Completion(word: word, candidates: Self.paths(word))
        default:
            if before.hasPrefix("link "), before.split(separator: " ").count == 2 {
                return Completion(word: word, candidates: Self.paths(word))
            }
            if before == "link" { words = file.map { $0.component.plan.imports.map(\.name) } ?? [] }
            else { words = callableNames() + variables.keys.sorted() }
        }
        return Completion(word: word, candidates: words.filter { $0.hasPrefix(word) }.sorted())
    }

    /// What a call can name: root functions, `iface.f`, `iface.resource.new`, and the
    /// methods of resources bound to variables (`c.increment`).
    func callableNames() -> [String] {
        guard let plan = file?.component.plan else { return [] }
        let catalog = ExportCatalog(plan, wit: witOf(plan))
        var names: [String] = []
        for e in catalog.entries where !e.name.hasPrefix("[method]") {
            names.append(e.interface.map { "\(ExportCatalog.shortInterfaceName($0)).\(e.shortName)" } ?? e.name)
        }
        for (variable, value) in variables {
            guard case .resource(let r) = value else { continue }
            for e in catalog.entries where e.name.hasPrefix("[method]\(r.type.name).") {
                names.append("\(variable).\(e.name.dropFirst("[method]\(r.type.name).".count))")
            }
        }
        return names
    }

    /// Inside `f(` …: the parameters of f, with their WIT types.
    private func parameterHint(_ line: String) -> Completion? {
        var depth = 0
        var open: String.Index?
        for i in line.indices.reversed() {
            if line[i] == ")" { depth += 1 }
            if line[i] == "(" {
                if depth == 0 { open = i; break }
                depth -= 1
            }
        }
        guard let open, let plan = file?.component.plan else { return nil }
        let callee = String(line[..<open].reversed().prefix { !$0.isWhitespace && $0 != "=" }.reversed())
        let catalog = ExportCatalog(plan, wit: witOf(plan))
        var parameters: ArraySlice<ValType.Field>
        if let dot = callee.firstIndex(of: "."), case .resource(let r)? = variables[String(callee[..<dot])],
           let e = catalog.entries.first(where: { $0.name == "[method]\(r.type.name).\(callee[callee.index(after: dot)...])" }) {
            parameters = e.type.parameters.dropFirst()
        } else if let e = try? catalog.resolve(callee) {
            parameters = e.type.parameters[...]
        } else {
            return nil
        }
        let wit = witOf(plan)(FuncType(parameters: Array(parameters), result: nil))
        let text = wit.hasPrefix("func(") ? String(wit.dropFirst(5).prefix { $0 != ")" }) : wit
        return Completion(word: "", candidates: [text.isEmpty ? "(no parameters)" : text], isHint: true)
    }

    /// Files and folders starting with `prefix`.
    static func paths(_ prefix: String) -> [String] {
        let folder = prefix.lastIndex(of: "/").map { String(prefix[...$0]) } ?? ""
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        return names.map { name in
            var isDirectory: ObjCBool = false
            let isFolder = FileManager.default.fileExists(atPath: folder + name, isDirectory: &isDirectory) && isDirectory.boolValue
            return folder + name + (isFolder ? "/" : "")
        }.filter { $0.hasPrefix(prefix) && !$0.dropFirst(folder.count).hasPrefix(".") }.sorted()
    }
}
