import ComponentRuntime
import CoreRuntime

/// Instantiation one initializer at a time: `start`, `step`, `continue`, breakpoints,
/// and the implicit instantiation of a first call.
extension Session {
    /// A new instantiation of the loaded component, stopped before initializer 0. A link
    /// failure is explained (`PostMortem.link`).
    func newInstantiator() throws -> Instantiator {
        let file = try requireFile()
        let linker = try LinkerBuilder(file: file, stubs: stubs, links: links.map { ($0.importName, $0.namespace) },
                                       stubMissing: stubMissing, log: { [weak self] in self?.say($0) }, callLog: callLog).build()
        do {
            let store = Store()
            armedBreakpoints = [:]
            armCoreBreakpoints(in: store)
            return try linker.instantiatePre(file.component).instantiator(in: store)
        } catch {
            throw REPLError(PostMortem.link(error, file: file, linker: linker))
        }
    }

    /// `start`: a fresh instantiation, stopped before its first initializer.
    func start() throws {
        let i = try newInstantiator()
        variables = [:]
        instantiator = i
        say("new instantiation of \(try requireFile().name): \(i.plan.initializers.count) initializers")
        reportStop(i)
    }

    /// The instantiation `step`, `next`, `continue` and `finish` advance.
    private func stoppedInstantiation() throws -> Instantiator {
        guard let i = instantiator, !i.isFinished, i.failure == nil else {
            throw REPLError(instantiator?.failure != nil ? "the instantiation failed; `start` begins a new one"
                            : instantiator?.isFinished == true ? "the instantiation is complete"
                            : "no instantiation is in progress: `start` begins one")
        }
        return i
    }

    /// `step`: runs the next initializer and says what it did.
    func step() throws {
        try advance(try stoppedInstantiation()) { _ in false }
    }

    /// `next`: runs the next initializer and the ones of the same kind after it (all the
    /// LowerImports of a block, say), stopping before one of another kind, at a
    /// breakpoint, or at the end.
    func next() throws {
        let i = try stoppedInstantiation()
        let kind = i.plan.initializers[i.next].kindName
        try advance(i) { [unowned self] in $0.plan.initializers[$0.next].kindName == kind && !stopsAtBreakpoint($0) }
    }

    /// `continue`: runs initializers until a breakpoint or the end.
    func continueInstantiation() throws {
        try advance(try stoppedInstantiation()) { [unowned self] in !stopsAtBreakpoint($0) }
    }

    /// `finish`: runs the rest of the instantiation, breakpoints or not.
    func finish() throws {
        try advance(try stoppedInstantiation()) { _ in true }
    }

    /// Runs initializers, saying what each did, while `more` says so (and the plan has
    /// some left). A core breakpoint in a start function stops it in the middle of an
    /// initializer; the rest runs when that call finishes (`continue`, `finish`, …).
    private func advance(_ i: Instantiator, while more: @escaping (Instantiator) -> Bool) throws {
        final class Flag { var value = true }
        while true {
            let index = i.next
            let now = Flag()
            try runWasm(on: i.instance.store, { () throws -> String in
                do { return try i.step() } catch { throw Self.explained(error, plan: i.plan) }
            }, then: { [unowned self] report in
                say("[\(index)] \(report)")
                // Resumed from a core stop: this step is done, the loop goes on from here.
                if !now.value { try goOn(i, while: more) }
            })
            now.value = false
            if paused != nil { return }
            if i.isFinished || !more(i) { return reportStop(i) }
        }
    }

    private func goOn(_ i: Instantiator, while more: @escaping (Instantiator) -> Bool) throws {
        if i.isFinished || !more(i) { return reportStop(i) }
        try advance(i, while: more)
    }

    /// Whether a breakpoint is set before the next initializer (and says which).
    private func stopsAtBreakpoint(_ i: Instantiator) -> Bool {
        guard let b = breakpoints.first(where: { $0.matches(i.next, in: i.plan) }) else { return false }
        say("breakpoint \(b.id) hit")
        return true
    }

    static func explained(_ error: any Error, plan: ComponentPlan) -> any Error {
        guard let e = error as? InstantiationError else { return error }
        return REPLError(PostMortem.initializer(e, plan: plan))
    }

    private func reportStop(_ i: Instantiator) {
        if i.isFinished {
            say("instantiated: the exports can be called")
        } else {
            say("stopped before initializer \(i.plan.initializerLines[i.next])")
        }
    }

    /// The finished instance calls use, instantiating on first use (core breakpoints
    /// in start functions are passed through: `withInstance` stops at them).
    func instance() throws -> ComponentInstance {
        if instantiator == nil || instantiator?.failure != nil {
            let i = try newInstantiator()
            instantiator = i
            do {
                try Interruption.during(i.instance.store) { try i.run() }
            } catch {
                throw Self.explained(error, plan: i.plan)
            }
        }
        return try finishedInstance()
    }

    /// Runs `then` with the finished instance, instantiating it first on first use; a core
    /// breakpoint in a start function stops the instantiation, and `then` runs when it ends.
    func withInstance(_ then: @escaping (ComponentInstance) throws -> Void) throws {
        guard instantiator == nil || instantiator?.failure != nil else { return try then(try finishedInstance()) }
        let i = try newInstantiator()
        instantiator = i
        try runWasm(on: i.instance.store, {
            do { try i.run() } catch { throw Self.explained(error, plan: i.plan) }
        }, then: { [unowned self] in try then(try finishedInstance()) })
    }

    private func finishedInstance() throws -> ComponentInstance {
        guard let i = instantiator else { throw REPLError("no instance") }
        guard i.isFinished else {
            throw REPLError("the instantiation is stopped before initializer \(i.next): `continue` finishes it")
        }
        return i.instance
    }

    // MARK: Breakpoints

    /// `break init N | KIND | [KIND] IMPORT-GLOB`; an import glob says which
    /// initializers of the loaded plan it stops at, since a typo would match none.
    func addBreakpoint(_ text: String) throws {
        let (word, rest) = Session.firstWord(text)
        guard word == "init" else {
            guard !text.isEmpty else { throw REPLError("usage: break init N | KIND | [KIND] IMPORT-GLOB, or break [MODULE:]FUNC[@OFFSET]") }
            let b = Breakpoint(id: nextBreakpointID, condition: try coreBreakpointCondition(text))
            coreBreakpointSpecs[b.id] = text
            nextBreakpointID += 1
            breakpoints.append(b)
            if let store = instantiator?.instance.store { armCoreBreakpoints(in: store, only: [b]) }
            return say("breakpoint \(b.description)")
        }
        guard !rest.isEmpty else { throw REPLError("usage: break init N | KIND | [KIND] IMPORT-GLOB") }
        let b = Breakpoint(id: nextBreakpointID, condition: try Breakpoint.condition(rest))
        nextBreakpointID += 1
        breakpoints.append(b)
        var line = "breakpoint \(b.description)"
        if case .imports = b.condition, let plan = file?.component.plan {
            let hits = plan.initializers.indices.filter { b.matches($0, in: plan) }
            line += hits.isEmpty ? " (matches no initializer of \(file?.name ?? "the plan"))"
                : " (initializer\(hits.count == 1 ? "" : "s") \(hits.map(String.init).joined(separator: ", ")))"
        }
        say(line)
    }

    /// `delete` (all) or `delete ID`.
    func deleteBreakpoints(_ text: String) throws {
        if text.isEmpty {
            say("deleted \(breakpoints.count) breakpoint\(breakpoints.count == 1 ? "" : "s")")
            breakpoints.forEach(disarm)
            breakpoints = []
            return
        }
        guard let id = Int(text), let index = breakpoints.firstIndex(where: { $0.id == id }) else {
            throw REPLError("no breakpoint \(text); `info breakpoints` lists them")
        }
        disarm(breakpoints.remove(at: index))
        say("deleted breakpoint \(id)")
    }

    func infoBreakpoints() {
        if breakpoints.isEmpty { say("no breakpoints") }
        for b in breakpoints { say(b.description) }
    }
}
