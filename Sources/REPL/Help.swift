/// The commands of the REPL with their usage and help, for `help` and for completion.
struct CommandHelp {
    var name: String
    var usage: String
    var summary: String
    var details: String = ""

    static let all: [CommandHelp] = [
        CommandHelp(name: "load", usage: "load FILE", summary: "load a component (.wasm or .wat)",
                    details: "Replaces the loaded component; stubs, links, variables and the instance go. `loupe FILE` loads FILE at start. Component text typed at the prompt, `(component …)` over as many lines as it takes, is loaded the same way as `<typed #N>`."),
        CommandHelp(name: "reload", usage: "reload", summary: "read the same file again (or assemble the same typed text)",
                    details: "Keeps stubs, links and breakpoints; the instance and variables go."),
        CommandHelp(name: "info", usage: "info | info breakpoints", summary: "the component and the session's state"),
        CommandHelp(name: "exports", usage: "exports", summary: "exported functions with WIT signatures, by interface",
                    details: "Call them by name: `f(…)`, `iface.f(…)` (the short interface name, as `api` for `test:counter/api`) or the full `test:counter/api.f(…)`."),
        CommandHelp(name: "imports", usage: "imports", summary: "imported functions, and whether each is provided, stubbed or missing"),
        CommandHelp(name: "types", usage: "types", summary: "the named types of the imports and exports, by interface"),
        CommandHelp(name: "type", usage: "type NAME", summary: "one named type's structure",
                    details: "NAME is a type's own name when it is unique, or qualified by its interface: `test:types/api@0.1.0.point`."),
        CommandHelp(name: "layout", usage: "layout TYPE", summary: "a type's canonical ABI layout: size, alignment, offsets, flat types",
                    details: "TYPE is a named type of the component or any WIT type: `layout record { a: u8, b: u64 }`, `layout list<string>`, `layout result<u32, string>`. Works without a component too."),
        CommandHelp(name: "wit", usage: "wit", summary: "the component's imports and exports as a WIT document"),
        CommandHelp(name: "resources", usage: "resources", summary: "the resource types and who implements them"),
        CommandHelp(name: "instances", usage: "instances", summary: "the inlined component instances and the core instances with their modules"),
        CommandHelp(name: "memory", usage: "memory [N]", summary: "the instance's linear memories: size in pages and bytes, owner",
                    details: "Memories are numbered in the order of the core instances that have them; a memory imported by another core instance is listed once. Works on a stopped or failed instantiation too."),
        CommandHelp(name: "x", usage: "x/FMT [ADDR [memory N]]", summary: "examine memory, gdb style: x/16xb 0x400, x/4dw 1024, x/s 0x400",
                    details: "FMT is a count, a format (x hex, d signed decimal, u unsigned, c chars, s NUL-terminated strings) and a unit size (b 1, h 2, w 4, g 8 bytes, little-endian); the default is 1xw. Each line shows 16 bytes after their address; x/…xb adds the ASCII column. ADDR is decimal or 0x…; memory 0 unless `memory N` follows. Without ADDR, `x` (or `x/FMT`) goes on after what the last `x` showed."),
        CommandHelp(name: "plan", usage: "plan", summary: "the numbered initializers of the instantiation plan",
                    details: "Each initializer shows what it makes, from what, and the nested component and byte offset it comes from. `=>` marks where a stopped instantiation is."),
        CommandHelp(name: "start", usage: "start", summary: "a fresh instantiation, stopped before initializer 0",
                    details: "Then `step` runs one initializer, `continue` runs to the next breakpoint or the end. A failing initializer stops in a post-mortem."),
        CommandHelp(name: "step", usage: "step", summary: "run the next initializer and say what it did; in core wasm, one instruction (into calls)"),
        CommandHelp(name: "next", usage: "next", summary: "run the next initializer and the following ones of the same kind; in core wasm, one instruction over calls",
                    details: "Stops before an initializer of another kind, at a breakpoint, or at the end: `next` at the first of ten LowerImports runs all ten. While a call is stopped in core wasm, `next` runs to the next instruction of the same function (or of its caller when it returns), calls included."),
        CommandHelp(name: "continue", usage: "continue", summary: "run initializers until a breakpoint or the end; in core wasm, run the call on"),
        CommandHelp(name: "finish", usage: "finish", summary: "run the rest of the instantiation, ignoring breakpoints; in core wasm, run until the function returns"),
        CommandHelp(name: "break", usage: "break init WHAT | [MOD:]FUNC[@OFF]", summary: "stop `continue` and `next` before initializers, or a call at an instruction of a core function",
                    details: "`break init` takes N (an initializer number), KIND, KIND GLOB or GLOB. Kinds: \(Breakpoint.kinds.joined(separator: ", ")). GLOB matches import names as `imports` shows them (`*` any text, `?` one character): `break init wasi:cli/*` stops before the LowerImport of each matching import and the InstantiateModule wired to one; `break init LowerImport test:host/*` only before the former. A lone GLOB needs a `:`, `/`, `*` or `?`. Without `init`, the breakpoint is in core wasm: FUNC is a function's name (name section or export) or #INDEX, MOD (`#N` or `$name`, as `instances` shows modules) picks one module, OFF is the instruction's byte offset in the module (as backtraces show it; the first instruction by default). A call that reaches it stops: then `step`, `next`, `finish`, `continue`, `bt`, `locals`, `stack`, `x`, or `kill`."),
        CommandHelp(name: "watch", usage: "watch ADDR [LEN] [read|write|access]", summary: "stop a call when core wasm writes (or reads) memory there",
                    details: "LEN bytes (4 by default) at ADDR of memory 0, or of `memory N` added at the end (numbered as `memory` lists them). The call stops after the instruction's address is known and before it runs, as at a breakpoint; `delete` removes watches too."),
        CommandHelp(name: "bt", usage: "bt", summary: "the wasm frames of the call stopped in core wasm, innermost first"),
        CommandHelp(name: "frame", usage: "frame N", summary: "select frame N of the stopped call (as `bt` numbers them) for `locals` and `stack`"),
        CommandHelp(name: "locals", usage: "locals", summary: "the parameters and locals of the selected core wasm frame"),
        CommandHelp(name: "stack", usage: "stack", summary: "the operand stack of the selected core wasm frame, bottom first (a caller's as at its call)"),
        CommandHelp(name: "trace", usage: "trace on | off", summary: "print every core function entry (arguments) and return (results) of the calls that follow",
                    details: "Indented by call depth, at most \(Session.traceLimit) lines a call. Host functions (imports, WASI, the canonical ABI's own work) are not core wasm and do not show."),
        CommandHelp(name: "tui", usage: "tui", summary: "a full-screen view: code, state and output panes over the prompt",
                    details: "Code: the stopped core function with `=>` at the next instruction, else the plan with `=>` before the next initializer. State: backtrace, locals and stack of a stopped call, else `info` and variables. Commands typed at the bottom run as at the prompt; PageUp/PageDown scroll their output; `quit`, `tui` or Ctrl-D goes back."),
        CommandHelp(name: "tier", usage: "tier [interp | jit | auto]", summary: "the tier that runs core wasm: the interpreter (the JIT is not built yet)"),
        CommandHelp(name: "globals", usage: "globals", summary: "the globals of the stopped frame's core instance"),
        CommandHelp(name: "disasm", usage: "disasm [[MOD:]FUNC]", summary: "a core function's instructions with their offsets; `=>` where the call is stopped"),
        CommandHelp(name: "kill", usage: "kill", summary: "end the call stopped in core wasm here, as a trap would"),
        CommandHelp(name: "delete", usage: "delete [ID]", summary: "delete one breakpoint, or all"),
        CommandHelp(name: "let", usage: "let NAME = CALL", summary: "bind a call's result to a name usable as an argument",
                    details: "Resources are values: `let c = api.counter.new(5)` calls the constructor; `c.increment(1)` a method; `api.counter.merge(a, b)` a static function."),
        CommandHelp(name: "drop", usage: "drop NAME", summary: "drop the resource a variable holds (runs its destructor)",
                    details: "Using the variable afterwards is an error, reported before any call is made."),
        CommandHelp(name: "vars", usage: "vars", summary: "the variables bound with `let`"),
        CommandHelp(name: "handles", usage: "handles", summary: "the resource handle tables of each component instance, and the resources the REPL holds"),
        CommandHelp(name: "stub", usage: "stub IMPORT [= VALUE | trap | log]", summary: "define an imported function from the REPL",
                    details: "IMPORT is written as `imports` shows it (`test:host/env/add`) or `test:host/env.add`. Without a value the stub returns the type's simplest value (0, \"\", none, the first case). Each call of a stub is printed. `= log` prints every call of an import WASI or a link provides (and stubs it when nothing does). `loupe --stub-missing` stubs every import nobody provides."),
        CommandHelp(name: "link", usage: "link IMPORT FILE [EXPORT]", summary: "satisfy an instance import with another component's export",
                    details: "FILE is instantiated (WASI linked when it imports it); its exported instance EXPORT, by default the one named IMPORT, or else its root exports, provide the import."),
        CommandHelp(name: "calls", usage: "calls", summary: "the import calls made so far, with arguments and results"),
        CommandHelp(name: "explain", usage: "explain CALL", summary: "make a call and narrate the canonical ABI at work",
                    details: "Shows the flattened core signature, whether parameters or results spill to memory, the string encoding, every realloc(old, old_size, align, new_size) → ptr, the bytes written and read with their WIT types and offsets, the core call and its return, the lift of the results and post-return."),
        CommandHelp(name: "help", usage: "help [COMMAND]", summary: "this list, or one command in detail"),
    ]

    static let expressions = """
    Expressions (anything that is not a command):
      f(ARGS)             call an export; arguments in WAVE: 1, "text", [1, 2], {x: 1}, some(2), ok("x"), red
      iface.f(ARGS)       call a function of an exported interface
      NAME                print a variable; variables can be used as arguments
      VAR.method(ARGS)    call a method of the resource VAR holds
      (component …)       load component text typed here, like `load FILE.wat`
    The first call instantiates the component (WASI is linked when it imports it). Traps print
    the reason and a backtrace; Ctrl-C interrupts a running call; the session always goes on.
    An input goes on over `...> ` lines while a (, [ or { outside a string is open.
    """
}

extension Session {
    /// `help` or `help COMMAND`.
    func help(_ topic: String) throws {
        if topic.isEmpty {
            say("Commands:")
            let width = CommandHelp.all.map(\.usage.count).max() ?? 0
            for c in CommandHelp.all {
                say("  " + c.usage + String(repeating: " ", count: width - c.usage.count + 2) + c.summary)
            }
            say(CommandHelp.expressions)
            return
        }
        guard let c = CommandHelp.all.first(where: { $0.name == topic }) else {
            throw REPLError("no command \"\(topic)\"; `help` lists them")
        }
        say("\(c.usage)\n  \(c.summary)" + (c.details.isEmpty ? "" : "\n  \(c.details)"))
    }
}
