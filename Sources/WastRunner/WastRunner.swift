import CoreRuntime
import Dispatch
import WasmFormat
import WasmText

/// Runs `.wast` scripts: every module is assembled, decoded, validated and instantiated,
/// every assertion checked, and each directive recorded as passed, failed or skipped.
///
/// Counting is honest: a directive the runtime cannot evaluate yet (a garbage-collected
/// type, say) is "skipped" with the reason, never "passed"; assertions about a module
/// that could not be instantiated are skipped too.
public struct WastRunner {
    /// Longest a single invocation may run before it is interrupted (a runaway loop in a
    /// broken engine must not hang the suite).
    public var invocationTimeout: Double = 20
    /// Components are validated but not instantiated (a suite whose components import
    /// what no host provides).
    public var validateComponentsOnly = false
    /// Component text is read in the legacy index mode.
    public var legacyComponentIndices = false
    /// Components wasmtime refuses to run are invalid (`WasmtimeRestrictions`), as the
    /// scripts of wasmtime's suite expect.
    public var wasmtimeRestrictions = false

    public init() {}

    /// Runs a script file.
    public func run(file path: String, contents: [UInt8]) -> WastReport {
        var report = WastReport(file: path)
        let script: WastScript
        do {
            script = try WastScript.parse(bytes: contents, file: path)
        } catch {
            report.add(error.location.line, "script", .failed, error.description)
            return report
        }
        var session = Session(runner: self, report: report, runLine: ScriptRunLine(contents))
        for directive in script.directives {
            session.run(directive)
        }
        return session.report
    }
}

/// The state of one script: its store, the named and registered instances.
struct Session {
    let runner: WastRunner
    var report: WastReport
    /// What the script's wasm-tools `;; RUN:` line asks for.
    let runLine: ScriptRunLine
    let store = Store()
    var spectest: [String: Extern] = [:]
    /// Instances by script id (`$name`).
    var named: [String: Instance] = [:]
    /// Module definitions by script id (`(module definition $m …)`).
    var definitions: [String: CompiledModule] = [:]
    /// Instances importable by name (`register`).
    var registered: [String: Instance] = [:]
    var current: Instance?
    /// How far the module `load` last saw got; attached to the directive's records.
    var moduleCheck: WastReport.ModuleCheck?
    /// Why `current` is missing (the last module was not instantiated), for skips.
    var currentUnavailable: String?
    /// Components of the script (see `ComponentScripts.swift`).
    let components = ComponentScriptState()

    init(runner: WastRunner, report: WastReport, runLine: ScriptRunLine) {
        self.runner = runner
        self.report = report
        self.runLine = runLine
        spectest = (try? SpecTestHost.exports(in: store)) ?? [:]
    }

    /// A module assembled, decoded and validated, or why not.
    enum Loaded {
        case module(CompiledModule)
        case textError(String)
        case malformed(String)
        case invalid(String)
        case unsupported(String)
    }

    mutating func load(_ m: WastModule) -> Loaded {
        let bytes: [UInt8]
        do {
            bytes = try m.compile()
        } catch {
            moduleCheck = .textError
            return .textError(error.description)
        }
        let module: WasmFormat.Module
        do {
            module = try ModuleDecoder().decode(bytes)
        } catch {
            moduleCheck = .malformed
            return .malformed(error.description)
        }
        let validated: ValidatedModule
        do {
            validated = try ModuleValidator().validate(module)
        } catch {
            moduleCheck = error.kind == .unsupported ? .unsupported : .invalid
            return error.kind == .unsupported ? .unsupported(error.description) : .invalid(error.description)
        }
        // NB: from here on the module is valid, even when the runtime cannot compile it.
        moduleCheck = .valid
        do {
            return .module(try CompiledModule(validated: validated))
        } catch {
            return .unsupported(error.description)
        }
    }

    mutating func run(_ directive: WastDirective) {
        let first = report.records.count
        moduleCheck = nil
        evaluate(directive)
        if let moduleCheck {
            for i in first..<report.records.count { report.records[i].moduleCheck = moduleCheck }
        }
    }

    private mutating func evaluate(_ directive: WastDirective) {
        let line = directive.location.line
        if Self.componentDirective(directive) != nil || Self.action(of: directive).map(targetsComponent) == true {
            evaluateComponent(directive)
            return
        }
        switch directive.kind {
        case .module(let m):
            switch load(m) {
            case .module(let compiled):
                if m.isDefinition {
                    if let id = m.id { definitions[id] = compiled }
                    report.add(line, "module definition", .passed)
                    return
                }
                instantiate(compiled, id: m.id, line: line)
            case .unsupported(let why):
                unavailable(why)
                report.add(line, "module", .skipped, why)
            case .textError(let e), .malformed(let e), .invalid(let e):
                unavailable(e)
                report.add(line, "module", .failed, e)
            }

        case .moduleInstance(let instanceID, let moduleID):
            guard let moduleID, let compiled = definitions[moduleID] else {
                report.add(line, "module instance", .failed, "unknown module definition \(moduleID ?? "(none)")")
                return
            }
            instantiate(compiled, id: instanceID, line: line)

        case .register(let name, let moduleID):
            if let instance = moduleID.flatMap({ named[$0] }) ?? (moduleID == nil ? current : nil) {
                registered[name] = instance
            }

        case .action(let action):
            switch perform(action) {
            case .values: report.add(line, "action", .passed)
            case .trap(let t): report.add(line, "action", .failed, "trapped: \(t)")
            case .unavailable(let why): report.add(line, "action", .skipped, why)
            case .error(let e): report.add(line, "action", .failed, e)
            }

        case .assertReturn(let action, let expected):
            switch perform(action) {
            case .values(let values):
                if values.count == expected.count && zip(values, expected).allSatisfy({ ValueMatching.matches($0, $1) }) {
                    report.add(line, "assert_return", .passed)
                } else {
                    let want = expected.map(ValueMatching.describe).joined(separator: ", ")
                    report.add(line, "assert_return", .failed, "got \(values), expected \(want)")
                }
            case .trap(let t): report.add(line, "assert_return", .failed, "trapped: \(t.reason)")
            case .unavailable(let why): report.add(line, "assert_return", .skipped, why)
            case .error(let e): report.add(line, "assert_return", .failed, e)
            }

        case .assertTrap(let action, let message), .assertExhaustion(let action, let message):
            let kind = if case .assertTrap = directive.kind { "assert_trap" } else { "assert_exhaustion" }
            switch perform(action) {
            case .values(let v): report.add(line, kind, .failed, "returned \(v), expected trap \"\(message)\"")
            case .trap(let t):
                let note = "\(t.reason)".contains(message) || message.contains("\(t.reason)") ? "" : "trapped with \"\(t.reason)\", expected \"\(message)\""
                report.add(line, kind, .passed, note)
            case .unavailable(let why): report.add(line, kind, .skipped, why)
            case .error(let e): report.add(line, kind, .failed, e)
            }

        case .assertException(let action):
            switch perform(action) {
            case .trap(let t) where t.reason == .uncaughtException: report.add(line, "assert_exception", .passed)
            case .trap(let t): report.add(line, "assert_exception", .failed, "trapped \(t.reason), expected an exception")
            case .values(let v): report.add(line, "assert_exception", .failed, "returned \(v), expected an exception")
            case .unavailable(let why): report.add(line, "assert_exception", .skipped, why)
            case .error(let e): report.add(line, "assert_exception", .failed, e)
            }

        case .assertInvalid(let m, let message):
            switch load(m) {
            case .invalid(let e), .malformed(let e): report.add(line, "assert_invalid", .passed, note(e, message))
            case .textError(let e): report.add(line, "assert_invalid", .failed, "the text did not parse: \(e)")
            case .unsupported(let e): report.add(line, "assert_invalid", .passed, note(e, message))
            case .module: report.add(line, "assert_invalid", .failed, "module is valid, expected \"\(message)\"")
            }

        case .assertMalformed(let m, let message):
            switch load(m) {
            case .textError(let e), .malformed(let e), .invalid(let e): report.add(line, "assert_malformed", .passed, note(e, message))
            case .unsupported(let e): report.add(line, "assert_malformed", .passed, note(e, message))
            case .module: report.add(line, "assert_malformed", .failed, "module loaded, expected \"\(message)\"")
            }

        case .assertUnlinkable(let m, let message):
            let loaded = load(m)
            if case .unsupported(let why) = loaded {
                report.add(line, "assert_unlinkable", .skipped, why)
                return
            }
            guard case .module(let compiled) = loaded else {
                report.add(line, "assert_unlinkable", .failed, "module did not load: \(loaded)")
                return
            }
            do {
                _ = try store.instantiate(compiled, imports: try imports(for: compiled))
                report.add(line, "assert_unlinkable", .failed, "instantiated, expected \"\(message)\"")
            } catch let e as RuntimeError where e.kind == .unlinkable {
                report.add(line, "assert_unlinkable", .passed, note(e.message, message))
            } catch {
                report.add(line, "assert_unlinkable", .failed, "\(error), expected unlinkable \"\(message)\"")
            }

        case .assertUninstantiable(let m, let message):
            let loaded = load(m)
            if case .unsupported(let why) = loaded {
                report.add(line, "assert_trap", .skipped, why)
                return
            }
            guard case .module(let compiled) = loaded else {
                report.add(line, "assert_trap", .failed, "module did not load: \(loaded)")
                return
            }
            do {
                _ = try store.instantiate(compiled, imports: try imports(for: compiled))
                report.add(line, "assert_trap", .failed, "instantiated, expected trap \"\(message)\"")
            } catch let t as Trap {
                report.add(line, "assert_trap", .passed, note("\(t.reason)", message))
            } catch {
                report.add(line, "assert_trap", .failed, "\(error), expected trap \"\(message)\"")
            }

        case .assertMalformedCustom(let m, let message), .assertInvalidCustom(let m, let message):
            // The text parser interprets `@custom` (and `@name`): a bad one is refused.
            let kind = if case .assertMalformedCustom = directive.kind { "assert_malformed_custom" } else { "assert_invalid_custom" }
            switch load(m) {
            case .textError(let e), .malformed(let e), .invalid(let e): report.add(line, kind, .passed, note(e, message))
            case .unsupported(let e): report.add(line, kind, .skipped, e)
            case .module: report.add(line, kind, .failed, "module loaded, expected \"\(message)\"")
            }
        case .componentInstance:
            break
        }
    }

    /// The action a directive performs, if any.
    static func action(of directive: WastDirective) -> WastAction? {
        switch directive.kind {
        case .action(let a), .assertReturn(let a, _), .assertTrap(let a, _), .assertExhaustion(let a, _), .assertException(let a): a
        default: nil
        }
    }

    /// The record kind of a directive about a component, nil for core directives.
    static func componentDirective(_ directive: WastDirective) -> String? {
        switch directive.kind {
        case .module(let m) where m.isComponent: "component"
        case .componentInstance: "component instance"
        case .assertInvalid(let m, _) where m.isComponent: "assert_invalid"
        case .assertMalformed(let m, _) where m.isComponent: "assert_malformed"
        case .assertUnlinkable(let m, _) where m.isComponent: "assert_unlinkable"
        case .assertUninstantiable(let m, _) where m.isComponent: "assert_trap"
        default: nil
        }
    }

    /// A mismatch between our message and the suite's, kept as a note (messages are
    /// compared loosely and never decide pass or fail).
    func note(_ ours: String, _ theirs: String) -> String {
        ours.contains(theirs) ? "" : "\(ours) (suite: \"\(theirs)\")"
    }

    mutating func unavailable(_ why: String) {
        current = nil
        components.current = nil
        currentUnavailable = why
    }

    mutating func instantiate(_ compiled: CompiledModule, id: String?, line: Int) {
        do {
            let instance = try store.instantiate(compiled, imports: try imports(for: compiled))
            current = instance
            components.current = nil
            currentUnavailable = nil
            if let id { named[id] = instance }
            report.add(line, "module", .passed)
        } catch {
            unavailable("\(error)")
            report.add(line, "module", .failed, "instantiation failed: \(error)")
        }
    }

    func imports(for compiled: CompiledModule) throws -> [Extern] {
        try compiled.module.imports.map { i throws -> Extern in
            let found: Extern? = i.module == "spectest" && registered["spectest"] == nil
                ? spectest[i.name]
                : registered[i.module]?.export(i.name)
            guard let found else {
                throw RuntimeError(.unlinkable, "unknown import \"\(i.module)\" \"\(i.name)\"")
            }
            return found
        }
    }

    enum Outcome {
        case values([Value])
        case trap(Trap)
        case unavailable(String)
        case error(String)
    }

    func perform(_ action: WastAction) -> Outcome {
        let instance: Instance?
        let moduleID: String?
        switch action {
        case .invoke(let m, _, _), .get(let m, _): moduleID = m
        }
        if let moduleID {
            instance = named[moduleID]
        } else {
            instance = current
        }
        guard let instance else {
            return .unavailable(currentUnavailable.map { "no instance: \($0)" } ?? "no instance")
        }
        switch action {
        case .get(_, let name):
            guard let g = instance.global(name) else { return .error("no exported global \"\(name)\"") }
            return .values([g.value(in: store)])
        case .invoke(_, let name, let arguments):
            guard let f = instance.function(name) else { return .error("no exported function \"\(name)\"") }
            let values: [Value]
            do {
                values = try arguments.map { a throws(ValueMatching.Unsupported) in try ValueMatching.value(a) }
            } catch {
                return .unavailable(error.what)
            }
            let watchdog = Watchdog(store: store, seconds: runner.invocationTimeout)
            defer { watchdog.cancel() }
            do {
                return .values(try f.call(values))
            } catch {
                return .trap(error)
            }
        }
    }
}

/// Interrupts a store's running call after a timeout, unless cancelled first.
final class Watchdog: @unchecked Sendable {
    private let flag: UnsafeMutablePointer<Int>
    private var cancelled = false
    private let lock = DispatchSemaphore(value: 1)

    init(store: Store, seconds: Double) {
        flag = store.interruptFlag
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            lock.wait()
            if !cancelled { flag.pointee = 1 }
            lock.signal()
        }
    }

    /// Stops the watchdog; an interrupt it raised that nobody saw is withdrawn.
    func cancel() {
        lock.wait()
        cancelled = true
        flag.pointee = 0
        lock.signal()
    }
}
