import ComponentRuntime
import CoreRuntime
import Debugger
import WasmFormat

/// Debugging the core wasm under a component: breakpoints on core functions
/// (`break [MODULE:]FUNC[@OFFSET]`) and watchpoints (`watch`); when a call stops, `step`
/// (into calls), `next` (over them), `finish` (out of the function), `continue`, `kill`,
/// and the inspection commands `bt`, `frame N`, `locals`, `stack`, `globals`, `disasm`
/// (memory with `x` as always); `trace on|off` prints core calls and returns.
///
/// A call runs on a thread of its own while breakpoints, watches or a trace exist
/// (`PausableRun`), so that it can stop and the prompt come back; without them it runs
/// as it always does.
extension Session {
    /// A call stopped in core wasm, and what to do with its result when it returns.
    struct PausedCall {
        let run: PausableRun
        let store: Store
        let stop: PausableRun.Stop
        let finish: (Result<Any, Error>) throws -> Void
    }

    /// What the store holds for a core breakpoint or a watch of the session.
    enum ArmedProbe {
        case breakpoint(CoreRuntime.Breakpoint)
        case watch(Int)
    }

    /// Commands that do not run wasm, which can be used while a call is stopped.
    static let commandsWhilePaused: Set<String> = [
        "step", "next", "finish", "continue", "kill", "bt", "backtrace", "frame", "locals", "stack", "x", "memory",
        "info", "vars", "handles", "plan", "exports", "imports", "types", "type", "layout", "wit", "resources",
        "instances", "calls", "help", "break", "delete", "watch", "globals", "disasm", "trace", "tier", "tui",
    ]

    /// The function a call is stopped in, for the prompt; nil when none is.
    public var stoppedFunction: String? { paused?.stop.functionName }

    /// Whether calls must run observed: a core breakpoint or a watch exists, or tracing is on.
    var callsRunObserved: Bool {
        tracing || breakpoints.contains {
            switch $0.condition {
            case .wasm, .watch: true
            default: false
            }
        }
    }

    /// Runs wasm work that may stop at a core breakpoint; `then` gets its value when it
    /// ends (now, or after the `continue` that lets it finish).
    func runWasm<T>(on store: Store, _ work: @escaping () throws -> T, then: @escaping (T) throws -> Void) throws {
        guard callsRunObserved else {
            return try then(try Interruption.during(store, work))
        }
        // NB: debug translation before anything runs: switching it while frames run (a
        // `break` typed at a stop) would change the code under them.
        store.usesDebugTranslation = true
        let (run, outcome) = Interruption.during(store) {
            PausableRun.start(on: store, stopsAtAccess: { [unowned self] in isWatched($1, by: $0) },
                              trace: tracing ? traceLine() : nil) { try work() }
        }
        try settle(outcome, of: run, store: store) { try then(try $0.get() as! T) }
    }

    private func settle(_ outcome: PausableRun.Outcome, of run: PausableRun, store: Store,
                        finish: @escaping (Result<Any, Error>) throws -> Void) throws {
        switch outcome {
        case .finished(let result):
            paused = nil
            try finish(result)
        case .stopped(let stop):
            paused = PausedCall(run: run, store: store, stop: stop, finish: finish)
            selectedFrame = 0
            reportCoreStop(stop)
        }
    }

    /// `step`, `next`, `finish`, `continue` while a call is stopped in core wasm.
    func resumeCore(_ how: PausableRun.Resumption) throws {
        let p = try requirePaused()
        let outcome = Interruption.during(p.store) { p.run.resume(how) }
        try settle(outcome, of: p.run, store: p.store, finish: p.finish)
    }

    /// `kill`: the stopped call ends here, as if it trapped.
    func killCall() throws {
        let p = try requirePaused()
        var outcome = p.run.abort()
        while case .stopped = outcome { outcome = p.run.abort() }
        paused = nil
        say("killed: what was running ends here as a trap would (a call leaves its instance unusable, an instantiation fails); `start` makes a new one")
    }

    func requirePaused() throws -> PausedCall {
        guard let paused else { throw REPLError("no call is stopped in core wasm: `break FUNC` sets a breakpoint in one") }
        return paused
    }

    /// `bt`: the wasm frames of the stopped call, innermost first; `=>` marks the one
    /// `frame` selected.
    func backtrace() throws {
        let p = try requirePaused()
        let frames = p.run.inspect { $0.backtrace }
        for (i, f) in frames.enumerated() { say((i == selectedFrame ? "=> " : "   ") + "#\(i) \(f)") }
    }

    /// `frame N`: the frame `locals` and `stack` show (0, the innermost, at each stop).
    func selectFrame(_ text: String) throws {
        let p = try requirePaused()
        guard let n = Int(text), n >= 0 else { throw REPLError("usage: frame N, a frame number as `bt` shows it") }
        guard let line = p.run.inspect({ $0.frame(n).map { $0.backtrace[0].description } }) else {
            throw REPLError("no frame \(n): `bt` lists the frames")
        }
        selectedFrame = n
        say("#\(n) \(line)")
    }

    /// `locals`: the parameters and locals of the stopped frame, with their names when
    /// the name section has them.
    func locals() throws {
        let p = try requirePaused()
        let n = selectedFrame
        let (values, names) = p.run.inspect { top -> ([String], [UInt32: String]) in
            guard let frame = top.frame(n) else { return ([], [:]) }
            return (frame.locals.map { "\($0)" }, frame.module?.module.names?.localNames[frame.functionIndex] ?? [:])
        }
        if values.isEmpty { say("no locals") }
        for (i, v) in values.enumerated() {
            say("local \(i)" + (names[UInt32(i)].map { " $\($0)" } ?? "") + " = \(v)")
        }
    }

    /// `stack`: the operand stack of the stopped frame, bottom first.
    func operandStack() throws {
        let p = try requirePaused()
        let n = selectedFrame
        let values = p.run.inspect { $0.frame(n)?.operandStack.map { "\($0)" } ?? [] }
        if values.isEmpty { say("the operand stack is empty") }
        for (i, v) in values.enumerated() { say("[\(i)] \(v)") }
    }

    /// `trace on|off`: print every core function entry (with its arguments) and return
    /// (with its results) of the calls that follow, indented by call depth.
    func traceCommand(_ text: String) throws {
        switch text {
        case "on": tracing = true
        case "off": tracing = false
        case "": break
        default: throw REPLError("usage: trace on | off")
        }
        say("tracing core calls is \(tracing ? "on" : "off")")
    }

    /// `tier [interp|jit|auto]`: which tier runs core wasm. Only the interpreter exists;
    /// asking for the JIT says so rather than pretending.
    func tier(_ text: String) throws {
        switch text {
        case "", "interp": say("tier: interp (the interpreter runs all core wasm)")
        case "jit", "auto": throw REPLError("the x86-64 JIT tier is not built yet: the interpreter runs all core wasm")
        default: throw REPLError("usage: tier [interp | jit | auto]")
        }
    }

    /// At most this many trace lines a run: a recursion must not flood the session.
    static let traceLimit = 400

    /// What prints trace events of a call started while `trace` was on; `trace off` at a
    /// stop silences the rest of it (the flag is read at each event).
    private func traceLine() -> (PausableRun.TraceEvent) -> Void {
        var count = 0
        return { [unowned self] event in
            guard tracing else { return }
            count += 1
            if count > Self.traceLimit {
                if count == Self.traceLimit + 1 { say("… (the trace stops here: more than \(Self.traceLimit) events)") }
                return
            }
            switch event {
            case .entered(let name, let depth, let arguments):
                say(String(repeating: "  ", count: depth) + "→ \(name)(" + arguments.map { "\($0)" }.joined(separator: ", ") + ")")
            case .exiting(let name, let depth, let results):
                say(String(repeating: "  ", count: depth) + "← \(name)" + (results.isEmpty ? "" : " = " + results.map { "\($0)" }.joined(separator: ", ")))
            }
        }
    }

    /// `globals`: the globals of the stopped frame's core instance, with their names.
    func globals() throws {
        let p = try requirePaused()
        let names = p.stop.module?.module.names?.globalNames ?? [:]
        let lines = p.run.inspect { frame -> [String] in
            guard let instance = frame.instance else { return [] }
            return instance.globals.enumerated().map { i, g in
                "global \(i)" + (names[UInt32(i)].map { " $\($0)" } ?? "") + (g.type.mutable ? " (mut)" : "") + " = \(g.value(in: instance.store))"
            }
        }
        if lines.isEmpty { say("no globals") }
        lines.forEach(say)
    }

    /// `disasm [[MOD:]FUNC]`: the instructions of a core function with their offsets; by
    /// default the stopped one, `=>` marking where it is.
    func disassemble(_ spec: String) throws {
        let module: CompiledModule, function: UInt32, current: Int?
        if spec.isEmpty {
            let p = try requirePaused()
            guard let m = p.stop.module else { throw REPLError("\(p.stop.functionName) is a host function: it has no instructions") }
            (module, function, current) = (m, p.stop.functionIndex, p.stop.offset)
        } else {
            guard case .wasm(let m, let f, _, _) = try coreBreakpointCondition(spec) else { return }
            (module, function, current) = (try requireFile().component.modules[m], f, nil)
        }
        let instructions = InstructionText.instructions(ofFunction: function, in: module) ?? []
        say("\(module.functionName(function) ?? "func \(function)") (func \(function)):")
        var depth = 0
        for (offset, instruction) in instructions {
            switch instruction {
            case .plain(.end), .plain(.else), .plain(.catchAll), .legacyCatch, .legacyDelegate: depth = max(0, depth - 1)
            default: break
            }
            let marker = offset == current ? "=> " : "   "
            say(marker + "0x" + String(offset, radix: 16) + "  " + String(repeating: "  ", count: depth) + InstructionText.of(instruction))
            switch instruction {
            case .block, .loop, .if, .tryTable, .legacyTry: depth += 1
            case .plain(.else), .plain(.catchAll), .legacyCatch: depth += 1
            default: break
            }
        }
    }

    private func reportCoreStop(_ stop: PausableRun.Stop) {
        let place = describe(stop)
        switch stop.reason {
        case .breakpoint:
            let id = breakpoints.first { b in
                guard case .wasm(let m, let f, let o, _) = b.condition else { return false }
                return f == stop.functionIndex && o == stop.offset && moduleIndex(of: stop) == m
            }?.id
            say("breakpoint\(id.map { " \($0)" } ?? "") hit in \(place)")
        case .step:
            say("stopped in \(place)")
        case .watch(let address, let size, let isWrite):
            say("watch: \(isWrite ? "write" : "read") of \(size) byte\(size == 1 ? "" : "s") at \(MemoryFormat.address(address)) in \(place)")
        }
    }

    private func moduleIndex(of stop: PausableRun.Stop) -> Int? {
        guard let module = stop.module else { return nil }
        return file?.component.modules.firstIndex { $0 === module }
    }

    private func describe(_ stop: PausableRun.Stop) -> String {
        var s = "\(stop.functionName) (func \(stop.functionIndex)"
        if let m = moduleIndex(of: stop) { s += ", " + moduleLabel(m) }
        s += ")"
        if let offset = stop.offset { s += " at 0x" + String(offset, radix: 16) }
        if let instruction = stop.instruction { s += ": " + instruction }
        return s
    }

    func moduleLabel(_ index: Int) -> String {
        let name = file?.component.modules[index].module.names?.moduleName
        return "module #\(index)" + (name.map { " $\($0)" } ?? "")
    }

    // MARK: Breakpoints in core functions

    /// `break [MODULE:]FUNC[@OFFSET]`: MODULE is `#N` or `$name`, FUNC a function's name
    /// (name section or export) or `#N`, OFFSET a byte offset in the module (as backtraces
    /// show them); without it, the function's first instruction.
    func coreBreakpointCondition(_ spec: String) throws -> Breakpoint.Condition {
        let modules = try requireFile().component.modules
        var rest = Substring(spec)
        var offset: Int?
        if let at = rest.lastIndex(of: "@") {
            let text = rest[rest.index(after: at)...]
            guard let o = Self.parseAddress(text).flatMap({ Int(exactly: $0) }) else {
                throw REPLError("\"\(text)\" is not an offset: write it in decimal or as 0x…")
            }
            offset = o
            rest = rest[..<at]
        }
        var moduleFilter: ((Int) -> Bool)?
        if let colon = rest.firstIndex(of: ":"), rest.first == "#" || rest.first == "$" {
            let m = String(rest[..<colon])
            moduleFilter = { i in m == "#\(i)" || m == "$" + (modules[i].module.names?.moduleName ?? "\u{0}") }
            rest = rest[rest.index(after: colon)...]
        }
        let name = String(rest)
        guard !name.isEmpty else { throw REPLError("usage: break [MODULE:]FUNC[@OFFSET], as break greet or break $main:greet@0x1a3") }
        var found: [(module: Int, function: UInt32)] = []
        for (m, module) in modules.enumerated() where moduleFilter?(m) ?? true {
            let imported = module.module.imports.count { if case .function = $0.description { true } else { false } }
            for f in imported..<(imported + module.module.codes.count) {
                let index = UInt32(f)
                if name == "#\(f)" || module.functionName(index) == name { found.append((m, index)) }
            }
        }
        guard let target = found.first else {
            throw REPLError("no core function \(name) in the component's modules; `instances` lists the modules, and a function can be named by its index, as #3")
        }
        guard found.count == 1 else {
            throw REPLError("\(name) names functions of several modules; qualify it: "
                            + found.map { "\(moduleLabel($0.module).split(separator: " ").last!):\(name)" }.joined(separator: ", "))
        }
        let instructions = InstructionText.instructions(ofFunction: target.function, in: modules[target.module]) ?? []
        let at: Int
        if let offset {
            guard instructions.contains(where: { $0.offset == offset }) else {
                let range = instructions.first.map { " (its instructions lie between 0x\(String($0.offset, radix: 16)) and 0x\(String(instructions.last!.offset, radix: 16)))" } ?? ""
                throw REPLError("no instruction of \(name) starts at 0x\(String(offset, radix: 16))\(range)")
            }
            at = offset
        } else {
            guard let first = instructions.first else { throw REPLError("\(name) has no instructions") }
            at = first.offset
        }
        let label = "\(modules[target.module].functionName(target.function) ?? "func \(target.function)") (func \(target.function), \(moduleLabel(target.module))) at 0x\(String(at, radix: 16))"
        return .wasm(module: target.module, function: target.function, offset: at, label: label)
    }

    /// `watch ADDR [LEN] [read|write|access] [memory N]`: stop a call when core wasm
    /// writes (or reads, or either) the LEN bytes (default 4) at ADDR of memory N (0).
    func addWatch(_ text: String) throws {
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        var memory = 0
        if words.count >= 2, words[words.count - 2] == "memory" {
            guard let n = Int(words.last!), n >= 0 else { throw REPLError("a memory is named by its number, not \"\(words.last!)\"; `memory` lists them") }
            memory = n
            words.removeLast(2)
        }
        var onRead = false, onWrite = true
        if let kind = words.last, ["read", "write", "access"].contains(kind) {
            (onRead, onWrite) = kind == "read" ? (true, false) : kind == "write" ? (false, true) : (true, true)
            words.removeLast()
        }
        guard let first = words.first, words.count <= 2 else {
            throw REPLError("usage: watch ADDR [LEN] [read|write|access] [memory N], as watch 0x400 16")
        }
        guard let address = Self.parseAddress(Substring(first)) else {
            throw REPLError("\"\(first)\" is not an address: write it in decimal or as 0x…")
        }
        var size: UInt64 = 4
        if words.count == 2 {
            guard let n = Self.parseAddress(Substring(words[1])), n > 0 else { throw REPLError("the length of a watch is a number of bytes from 1 up, not \"\(words[1])\"") }
            size = n
        }
        guard !address.addingReportingOverflow(size).overflow else {
            throw REPLError("\(MemoryFormat.address(address)) + \(size) bytes is past the largest address")
        }
        _ = try requireFile()
        if let memories = try? linearMemories(), memory >= memories.count {
            throw REPLError("no memory \(memory): the instance has \(memories.count) memor\(memories.count == 1 ? "y" : "ies")")
        }
        let b = Breakpoint(id: nextBreakpointID, condition: .watch(memory: memory, address: address, size: size, onRead: onRead, onWrite: onWrite))
        nextBreakpointID += 1
        breakpoints.append(b)
        if let store = instantiator?.instance.store { armCoreBreakpoints(in: store, only: [b]) }
        say("watchpoint \(b.description)")
    }

    /// Whether an access the store reports (to the frame's memory 0: watches are set
    /// by the instance's own memory numbers) is one a `watch` asks for: that memory, as
    /// `memory` numbers it, an overlapping range and the right kind. A memory no listed
    /// instance has yet (a start function's) gets the next number.
    func isWatched(_ access: PausableRun.Access, by frame: FrameView) -> Bool {
        guard let accessed = frame.instance?.memories.first else { return false }
        let memories = (try? linearMemories()) ?? []
        let number = memories.firstIndex { $0.memory === accessed } ?? memories.count
        return breakpoints.contains { b in
            guard case .watch(let n, let address, let size, let onRead, let onWrite) = b.condition, n == number,
                  access.isWrite ? onWrite : onRead else { return false }
            return access.address < address &+ size && address < access.address &+ UInt64(access.size)
        }
    }

    /// After `load` or `reload`: each core breakpoint names its function again in the new
    /// component (its module and offset may have moved), or goes, saying why.
    func resolveCoreBreakpointsAgain() {
        breakpoints = breakpoints.compactMap { b in
            guard case .wasm = b.condition, let spec = coreBreakpointSpecs[b.id] else { return b }
            do {
                return Breakpoint(id: b.id, condition: try coreBreakpointCondition(spec))
            } catch {
                coreBreakpointSpecs[b.id] = nil
                say("breakpoint \(b.id) (\(spec)) deleted: \(error)")
                return nil
            }
        }
    }

    /// Puts the session's core breakpoints into a store (a new instantiation's, or the
    /// current one when a breakpoint is added), with debug translation so that every
    /// instruction can be stepped to.
    func armCoreBreakpoints(in store: Store, only: [Breakpoint]? = nil) {
        guard let modules = file?.component.modules else { return }
        for b in only ?? breakpoints {
            switch b.condition {
            case .wasm(let m, let f, let o, _):
                guard m < modules.count else { continue }
                store.usesDebugTranslation = true
                if let armed = try? store.addBreakpoint(in: modules[m], function: f, offset: o) { armedBreakpoints[b.id] = .breakpoint(armed) }
            case .watch(_, let address, let size, let onRead, let onWrite):
                let id = store.addWatch(MemoryWatch(memory: 0, address: address, size: size, onRead: onRead, onWrite: onWrite))
                armedBreakpoints[b.id] = .watch(id)
            default:
                continue
            }
        }
    }

    /// Takes a deleted breakpoint or watch out of the current store.
    func disarm(_ b: Breakpoint) {
        guard let armed = armedBreakpoints.removeValue(forKey: b.id), let store = instantiator?.instance.store else { return }
        switch armed {
        case .breakpoint(let x): store.removeBreakpoint(x)
        case .watch(let id): store.removeWatch(id)
        }
    }
}
