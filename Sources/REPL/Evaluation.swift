import ComponentRuntime
import CoreRuntime

/// Expressions: calls with WAVE arguments, `let` bindings, resources as values.
extension Session {
    /// A call or a variable: prints the value.
    func evaluate(_ text: String) throws {
        if let v = variables[text] { return output.value(WAVE.format(v)) }
        if !Self.isCall(text), !knowsFunction(text) {
            throw REPLError("unknown command, variable or function \"\(text)\"; `help` lists the commands")
        }
        try call(text) { if let v = $0 { self.output.value(WAVE.format(v)) } }
    }

    /// `let NAME = CALL | NAME`.
    func bind(_ text: String) throws {
        guard let eq = text.firstIndex(of: "=") else { throw REPLError("usage: let NAME = CALL") }
        let name = text[..<eq].trimmingCharacters(in: .whitespaces)
        let expression = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard !expression.isEmpty else { throw REPLError("usage: let NAME = CALL (or = VARIABLE): nothing follows `=`") }
        guard Self.isVariableName(name) else {
            throw REPLError("\"\(name)\" cannot name a variable: use letters, digits, `-` and `_`, starting with a letter")
        }
        let bindResult = { (value: Val) in
            self.variables[name] = value
            self.say("\(name) = \(WAVE.format(value))")
        }
        if let v = variables[expression] { return bindResult(v) }
        try call(expression) { v in
            guard let v else { throw REPLError("\(expression) returns nothing to bind") }
            bindResult(v)
        }
    }

    static func isVariableName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// Calls `name(args…)`; `VAR.method(args…)` calls a resource's method with the
    /// resource as `self`. `then` gets the result (nil for a function without one) when
    /// the call returns, which is later when it stops in core wasm on the way.
    func call(_ text: String, then: @escaping (Val?) throws -> Void) throws {
        try withInstance { [unowned self] instance in
            let (function, arguments) = try resolveCall(text, in: instance)
            try runWasm(on: function.instance.store, { try self.perform(function, arguments) }, then: then)
        }
    }

    /// The function a call text names and its arguments parsed against its WIT types
    /// (instantiating on first use); nothing is called yet.
    func resolveCall(_ text: String, in given: ComponentInstance? = nil) throws -> (ComponentFunction, [Val]) {
        let (name, texts): (String, [String])
        do {
            (name, texts) = try WAVE.splitCall(text)
        } catch {
            throw REPLError("\(error)")
        }
        let instance = try given ?? self.instance()
        let catalog = ExportCatalog(instance.plan, wit: witOf(instance.plan))
        var arguments: [Val] = []
        let entry: ExportCatalog.Entry
        var parameters: ArraySlice<ValType.Field>
        if let dot = name.firstIndex(of: "."), case .resource(let r)? = variables[String(name[..<dot])] {
            let variable = String(name[..<dot])
            if r.isDropped { throw REPLError("\(variable) was dropped (or moved into a call); it cannot be used any more") }
            entry = try catalog.method(String(name[name.index(after: dot)...]), of: r, in: instance)
            arguments.append(.resource(r))
            parameters = entry.type.parameters.dropFirst()
        } else {
            entry = try catalog.resolve(name)
            parameters = entry.type.parameters[...]
        }
        guard texts.count == parameters.count else {
            throw REPLError("\(entry.shortName) takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), got \(texts.count): \(entry.wit)")
        }
        for (text, p) in zip(texts, parameters) {
            do {
                arguments.append(try WAVE.parse(text, as: p.type, variables: { self.variables[$0] }))
            } catch {
                throw REPLError("argument \(p.name): \(error)")
            }
        }
        for (a, p) in zip(arguments, entry.type.parameters) {
            if let r = Self.droppedResource(in: a) {
                let holder = variables.first { $0.value == .resource(r) }?.key ?? "\(r)"
                throw REPLError("argument \(p.name): \(holder) was dropped (or moved into a call); it cannot be used any more")
            }
        }
        guard let function = instance.function(entry.path) else { throw REPLError("no exported function \(entry.path)") }
        return (function, arguments)
    }

    /// Calls a resolved function; a trap says the instance is spent.
    func perform(_ function: ComponentFunction, _ arguments: [Val]) throws -> Val? {
        do {
            return try function.call(arguments).first
        } catch let trap as Trap {
            // NB: the component model poisons an instance a call trapped in.
            throw REPLError("\(trap)\nthe instance may not be entered again after a trap; `start` makes a new one")
        }
    }

    private func knowsFunction(_ name: String) -> Bool {
        guard let plan = file?.component.plan else { return false }
        return (try? ExportCatalog(plan, wit: witOf(plan)).resolve(name)) != nil
    }

    static func droppedResource(in v: Val) -> Resource? {
        switch v {
        case .resource(let r): return r.isDropped ? r : nil
        case .list(let items), .tuple(let items): return items.lazy.compactMap(droppedResource).first
        case .record(let fields): return fields.lazy.compactMap { droppedResource(in: $0.value) }.first
        case .variant(_, let p?), .option(let p?), .result(.ok(let p?)), .result(.err(let p?)): return droppedResource(in: p)
        default: return nil
        }
    }

    /// `drop NAME`: drops the resource a variable holds, running its destructor.
    func drop(_ name: String) throws {
        guard !name.isEmpty else { throw REPLError("usage: drop NAME, for a variable holding a resource") }
        guard let value = variables[name] else { throw REPLError("no variable \"\(name)\"; `vars` lists them") }
        guard case .resource(let r) = value else { throw REPLError("\(name) is not a resource: only resources are dropped") }
        if r.isDropped { throw REPLError("\(name) was already dropped (or moved into a call)") }
        let instance = try self.instance()
        try runWasm(on: instance.store, { try instance.drop(r) }, then: { _ in self.say("dropped \(name)") })
    }

    /// `vars`: the bindings made with `let`.
    func listVariables() {
        if variables.isEmpty { say("no variables: `let x = f(…)` makes one") }
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { say("\(name) = \(WAVE.format(value))") }
    }

    /// `handles`: the handle table of every component instance, then the resources the
    /// REPL holds.
    func handles() throws {
        guard let i = instantiator else { throw REPLError("nothing is instantiated yet") }
        for table in i.instance.handleTables {
            let name = table.instance.isEmpty ? "root" : table.instance
            if table.handles.isEmpty { say("\(name): no handles"); continue }
            say("\(name):")
            for h in table.handles {
                say("  [\(h.index)] \(h.owned ? "own" : "borrow")<\(h.resource)>" + (h.lends > 0 ? " lent \(h.lends)×" : ""))
            }
        }
        let held = variables.sorted(by: { $0.key < $1.key }).filter { if case .resource = $0.value { true } else { false } }
        if !held.isEmpty {
            say("held by the REPL:")
            for (name, value) in held { say("  \(name) = \(WAVE.format(value))") }
        }
    }
}
