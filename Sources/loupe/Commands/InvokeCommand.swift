import ArgumentParser
import ComponentRuntime
import CoreRuntime
import Foundation
import WASI
import WasmFormat
import WasmText

/// `loupe invoke FILE 'f(1, 2)'`: instantiates a module, calls an export, prints the results.
struct InvokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoke",
        abstract: "Call an exported function and print its results.",
        discussion: """
        FILE is a component or a core module (.wasm or .wat). For a component the call and
        the result are written in WAVE (`greet("world")`, `area(circle(2.0))`); for a core
        module the call is written `name(arg, …)`; numeric
        arguments are decimal or hexadecimal integers and decimal floats, typed by the
        function's parameters. A trap prints its reason and a backtrace and exits with 1.
        WASI imports are linked (0.2 for components, preview 1 for core modules) with \
        the world the WASI options describe; a guest's exit status becomes loupe's.
        """)

    @OptionGroup var wasi: WASIOptions

    @Argument(help: "The module (.wasm or .wat).")
    var file: String

    @Argument(help: "The call, e.g. 'add(1, 2)' or just 'run'.")
    var call: String

    @Flag(name: .long, help: "Print the time the call took on standard error.")
    var time = false

    @Option(name: .long, help: ArgumentHelp(
        "Stop at FUNCTION (an export name or an index), optionally at byte OFFSET, and print the frame.",
        valueName: "FUNCTION[@OFFSET]"))
    var breakpoint: [String] = []

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let argv = [URL(fileURLWithPath: file).lastPathComponent]
        if let bytes = try ComponentLoader.componentBytes(file) {
            let component = try ComponentLoader.load(bytes, path: file)
            let instance = try ComponentLoader.instantiate(component, linker: try wasi.componentLinker(arguments: argv))
            print(try ComponentLoader.invoke(instance, call))
            return
        }
        let module = try ModuleLoader.load(file)
        let store = Store()
        let linker = try wasi.coreLinker(store: store, arguments: argv)
        let instance: Instance
        do {
            instance = try store.instantiate(module, imports: try ModuleLoader.imports(module, from: linker))
        } catch let trap as Trap {
            if let status = guestExitStatus(trap) { throw ExitCode(status) }
            throw CommandFailure("instantiation trapped: \(trap)")
        }
        let (name, argumentTexts) = try CallSyntax.parse(call)
        guard let function = instance.function(name) else {
            let names = instance.exports.filter { if case .function = $0.value { true } else { false } }.map(\.name)
            throw CommandFailure("no exported function \"\(name)\"; exports: \(names.joined(separator: ", "))")
        }
        let type = function.type
        guard argumentTexts.count == type.parameters.count else {
            throw CommandFailure("\(name) takes \(type.parameters.count) arguments, got \(argumentTexts.count)")
        }
        let arguments = try zip(argumentTexts, type.parameters).map { try CallSyntax.value($0, as: $1) }
        if !breakpoint.isEmpty {
            store.observer = BreakpointPrinter()
            for spec in breakpoint { try setBreakpoint(spec, instance: instance, store: store) }
        }
        let start = Date()
        do {
            let results = try function.call(arguments)
            if time { FileHandle.standardError.write("time: \(Date().timeIntervalSince(start)) s\n".data(using: .utf8)!) }
            print(results.map(CallSyntax.format).joined(separator: " "))
        } catch {
            if let status = guestExitStatus(error) { throw ExitCode(status) }
            throw CommandFailure("\(error)")
        }
    }
}

extension InvokeCommand {
    /// Sets a breakpoint given as `FUNCTION[@OFFSET]`; without an offset, at the
    /// function's first instruction.
    func setBreakpoint(_ spec: String, instance: Instance, store: Store) throws {
        let parts = spec.split(separator: "@", maxSplits: 1).map(String.init)
        let function: Function
        if let index = Int(parts[0]), index < instance.functions.count {
            function = instance.functions[index]
        } else if let f = instance.function(parts[0]) {
            function = f
        } else {
            throw CommandFailure("breakpoint \(spec): no function \(parts[0])")
        }
        let offset: Int
        if parts.count > 1 {
            guard let o = Int(parts[1]) ?? Int(parts[1].dropFirst(2), radix: 16) else {
                throw CommandFailure("breakpoint \(spec): bad offset \(parts[1])")
            }
            offset = o
        } else {
            guard let first = instance.module.firstInstructionOffset(ofFunction: function) else {
                throw CommandFailure("breakpoint \(spec): \(parts[0]) has no instructions")
            }
            offset = first
        }
        try store.addBreakpoint(in: function, offset: offset)
    }
}

/// Prints each breakpoint hit and lets execution go on.
final class BreakpointPrinter: ExecutionObserver {
    func breakpointHit(_ frame: FrameView) {
        let offset = frame.offset.map { "0x" + String($0, radix: 16) } ?? "?"
        let locals = frame.locals.map(\.description).joined(separator: ", ")
        let stack = frame.operandStack.map(\.description).joined(separator: ", ")
        FileHandle.standardError.write("breakpoint: \(frame.functionName) at \(offset), locals [\(locals)], stack [\(stack)]\n".data(using: .utf8)!)
    }
}

/// An error that ends a command with a message and exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Loading modules from the command line.
enum ModuleLoader {
    static func load(_ path: String) throws -> CompiledModule {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read \(path)")
        }
        var bytes = [UInt8](data)
        if path.hasSuffix(".wat") || path.hasSuffix(".wast") {
            bytes = try WAT.parseModule(bytes: bytes, file: path).bytes
        }
        return try CompiledModule(module: try ModuleDecoder().decode(bytes))
    }

    /// The linker's definitions (WASI preview 1) for a module's imports; the imports
    /// it cannot satisfy become functions that trap when called, so a module whose
    /// import is never used still runs.
    static func imports(_ module: CompiledModule, from linker: Linker) throws -> [Extern] {
        let store = linker.store
        return try module.module.imports.map { i in
            if let defined = linker.definition(i.module, i.name) { return defined }
            switch i.description {
            case .function(let t):
                let types = module.module.flatTypes
                guard Int(t) < types.count, case .function(let ft) = types[Int(t)].composite else {
                    throw CommandFailure("import \(i.module).\(i.name) has no function type")
                }
                return .function(store.hostFunction(name: "\(i.module).\(i.name)", type: ft) { _, _ in
                    throw Trap(.host("unsatisfied import \(i.module).\(i.name) was called"))
                })
            case .memory(let m): return .memory(try store.memory(m))
            case .table(let t): return .table(try store.table(t))
            case .global(let g): return .global(store.global(g, value: .defaultValue(of: g.valueType)))
            case .tag(let t):
                let types = module.module.flatTypes
                guard Int(t.typeIndex) < types.count, case .function(let ft) = types[Int(t.typeIndex)].composite else {
                    throw CommandFailure("import \(i.module).\(i.name) has no tag type")
                }
                return .tag(store.tag(ft))
            }
        }
    }
}

/// The `name(arg, …)` call syntax for core functions.
enum CallSyntax {
    static func parse(_ text: String) throws -> (String, [String]) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let open = t.firstIndex(of: "(") else { return (t, []) }
        guard t.hasSuffix(")") else { throw CommandFailure("expected ')' at the end of \(text)") }
        let name = String(t[..<open]).trimmingCharacters(in: .whitespaces)
        let inner = t[t.index(after: open)..<t.index(before: t.endIndex)]
        let args = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return (name, args)
    }

    static func value(_ text: String, as type: ValueType) throws -> Value {
        func integer() throws -> Int64 {
            let negative = text.hasPrefix("-")
            let digits = negative ? String(text.dropFirst()) : text
            let magnitude = digits.hasPrefix("0x") ? UInt64(digits.dropFirst(2), radix: 16) : UInt64(digits)
            guard let magnitude else { throw CommandFailure("expected an integer, got \(text)") }
            return negative ? -Int64(bitPattern: magnitude) : Int64(bitPattern: magnitude)
        }
        switch type {
        case .i32: return .i32(UInt32(truncatingIfNeeded: try integer()))
        case .i64: return .i64(UInt64(bitPattern: try integer()))
        case .f32:
            guard let f = Float(text) else { throw CommandFailure("expected a number, got \(text)") }
            return .float(f)
        case .f64:
            guard let d = Double(text) else { throw CommandFailure("expected a number, got \(text)") }
            return .double(d)
        default:
            throw CommandFailure("arguments of type \(type) cannot be written on the command line yet")
        }
    }

    static func format(_ v: Value) -> String {
        switch v {
        case .i32(let x): String(x)
        case .i64(let x): String(x)
        case .f32(let b): "\(Float(bitPattern: b))"
        case .f64(let b): "\(Double(bitPattern: b))"
        default: v.description
        }
    }
}
