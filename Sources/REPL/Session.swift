import ComponentRuntime
import CoreRuntime
import Foundation
import WasmText

/// One REPL session: the loaded component, its instantiation (finished, stopped at a
/// breakpoint, or failed), the REPL's stubs, links, breakpoints and variables. Every
/// line goes through `execute`, from a terminal, a script or a test alike; an error is
/// reported and the session keeps its state.
public final class Session {
    /// Where it writes; the full-screen view (`TextUI`) swaps it while it runs.
    var output: SessionOutput
    /// `--stub-missing`: every function import nobody provides gets a default stub.
    public var stubMissing: Bool
    var file: ComponentFile?
    var stubs: [Stub] = []
    var links: [(importName: String, path: String, namespace: LinkerNamespace)] = []
    var breakpoints: [Breakpoint] = []
    var nextBreakpointID = 1
    var instantiator: Instantiator?
    var variables: [String: Val] = [:]
    /// Where a bare `x` goes on; forgotten with the instance.
    var examineCursor: ExamineCursor?
    /// How many components were typed at the prompt, to name them `<typed #N>`.
    var typedCount = 0
    /// A call stopped in core wasm (`CoreDebugging`).
    var paused: PausedCall?
    /// What each core breakpoint was set with (`break SPEC`), to find it again in a
    /// component loaded anew.
    var coreBreakpointSpecs: [Int: String] = [:]
    /// The frame of a stopped call that `locals` and `stack` show (`frame N`).
    var selectedFrame = 0
    /// `trace on`: calls print their core function entries and returns.
    var tracing = false
    /// The core breakpoints and watches set in the current instance's store, by id.
    var armedBreakpoints: [Int: ArmedProbe] = [:]
    /// The import calls of the instances made since the component was loaded.
    let callLog = CallLog()

    public init(output: SessionOutput = StandardOutput(), stubMissing: Bool = false) {
        self.output = output
        self.stubMissing = stubMissing
    }

    /// Runs one line (a command or an expression); false when it failed.
    @discardableResult
    public func execute(_ line: String) -> Bool {
        do {
            try run(line.trimmingCharacters(in: .whitespaces))
            return true
        } catch let e as REPLError {
            output.error("error: \(e)")
        } catch let trap as Trap {
            output.error(trap.description)
        } catch let e as TextError {
            output.error(e.description)
        } catch {
            output.error("error: \(error)")
        }
        return false
    }

    private func run(_ line: String) throws {
        if line.isEmpty || line.hasPrefix("#") { return }
        let (word, rest) = Self.firstWord(line)
        if let p = paused, Self.isTypedText(line) || Self.isCall(line) || !Self.commandsWhilePaused.contains(word.hasPrefix("x/") ? "x" : word) {
            throw REPLError("a call is stopped in \(p.stop.functionName): `continue`, `step`, `next` or `finish` it, or `kill` it, first")
        }
        if Self.isTypedText(line) { return try loadTyped(line) }
        if Self.isCall(line) { return try evaluate(line) }
        // A bare `x` is a variable when one is called so, else it goes on examining memory.
        if word.hasPrefix("x/") || (word == "x" && (!rest.isEmpty || variables["x"] == nil)) { return try examine(line) }
        switch word {
        case "load": try load(rest)
        case "reload": try reload()
        case "info": rest == "breakpoints" ? infoBreakpoints() : try info(rest)
        case "exports": try exports()
        case "imports": try imports()
        case "plan": try plan()
        case "start": try start()
        case "step": try paused == nil ? step() : resumeCore(.stepInto)
        case "next": try paused == nil ? next() : resumeCore(.stepOver)
        case "continue": try paused == nil ? continueInstantiation() : resumeCore(.run)
        case "finish": try paused == nil ? finish() : resumeCore(.stepOut)
        case "kill": try killCall()
        case "watch": try addWatch(rest)
        case "bt", "backtrace": try backtrace()
        case "frame": try selectFrame(rest)
        case "locals": try locals()
        case "stack": try operandStack()
        case "globals": try globals()
        case "trace": try traceCommand(rest)
        case "tier": try tier(rest)
        case "tui": throw REPLError("`tui` needs an interactive session on a terminal")
        case "disasm": try disassemble(rest)
        case "break": try addBreakpoint(rest)
        case "delete": try deleteBreakpoints(rest)
        case "let": try bind(rest)
        case "drop": try drop(rest)
        case "vars": listVariables()
        case "handles": try handles()
        case "stub": try stub(rest)
        case "link": try link(rest)
        case "explain": try explain(rest)
        case "types": try types()
        case "type": try typeCommand(rest)
        case "layout": try layout(rest)
        case "wit": try wit()
        case "resources": try resources()
        case "instances": try instances()
        case "memory": try memoryCommand(rest)
        case "calls": try calls()
        case "help": try help(rest)
        default: try evaluate(line)
        }
    }

    /// `(component …` or `(module …`: text to assemble, not a WAVE tuple.
    static func isTypedText(_ line: String) -> Bool {
        guard line.hasPrefix("(") else { return false }
        let keyword = line.dropFirst().drop(while: \.isWhitespace).prefix { $0.isLetter }
        return keyword == "component" || keyword == "module"
    }

    /// `f(…)`: a name directly followed by a parenthesis.
    static func isCall(_ line: String) -> Bool {
        guard let open = line.firstIndex(of: "(") else { return false }
        let name = line[..<open]
        return !name.isEmpty && !name.contains(where: \.isWhitespace)
    }

    static func firstWord(_ line: String) -> (String, String) {
        guard let space = line.firstIndex(where: \.isWhitespace) else { return (line, "") }
        return (String(line[..<space]), line[space...].trimmingCharacters(in: .whitespaces))
    }

    func say(_ text: String) { output.result(text) }

    func requireFile() throws -> ComponentFile {
        guard let file else { throw REPLError("no component is loaded: `load FILE` loads one") }
        return file
    }

    // MARK: Loading

    /// `load FILE`: a new component; stubs and links of the previous one go.
    func load(_ path: String) throws {
        guard !path.isEmpty else { throw REPLError("`load` needs a file: load FILE.wasm or FILE.wat") }
        adopt(try ComponentFile(path: path))
    }

    /// `(component …)` typed at the prompt (over as many lines as it takes) is loaded
    /// like a file; a core `(module …)` is refused with what to write instead.
    func loadTyped(_ text: String) throws {
        if text.dropFirst().drop(while: \.isWhitespace).hasPrefix("module") {
            throw REPLError("the REPL opens components: wrap the module as (component (core module $m …) (core instance (instantiate $m)) …), or run it with `loupe invoke FILE.wat 'f(…)'`")
        }
        typedCount += 1
        adopt(try ComponentFile(typed: text, number: typedCount))
    }

    private func adopt(_ loaded: ComponentFile) {
        file = loaded
        stubs = []
        links = []
        callLog.clear()
        forgetInstance()
        resolveCoreBreakpointsAgain()
        let plan = loaded.component.plan
        let functions = ExportCatalog(plan, wit: witOf(plan)).entries.count
        say("loaded \(loaded.name): \(ImportCatalog(plan).entries.count) imported and \(functions) exported functions, \(plan.initializers.count) initializers")
    }

    /// `reload`: the same file read again (or the same typed text assembled again);
    /// stubs, links and breakpoints stay.
    func reload() throws {
        let again = try requireFile().reread()
        let keptStubs = stubs, keptLinks = links
        adopt(again)
        stubs = keptStubs
        links = keptLinks
    }

    /// Drops the instance and the values that belong to it.
    func forgetInstance() {
        instantiator = nil
        variables = [:]
        examineCursor = nil
    }

    func witOf(_ plan: ComponentPlan) -> (FuncType) -> String {
        { $0.wit { plan.resources[$0.index].name } }
    }
}
