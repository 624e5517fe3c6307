import ComponentRuntime
import CoreRuntime
import WasmFormat
import WasmText

/// What a script session keeps of components: their definitions, instances, and the
/// linker later components import from (wasmtime's host helpers, and every named
/// top-level component instance as the instance of its name without `$`).
final class ComponentScriptState {
    let linker = ComponentLinker()
    var definitions: [String: CompiledComponent] = [:]
    var named: [String: ComponentRuntime.ComponentInstance] = [:]
    /// The instance `(invoke …)` targets when the last instantiation was a component.
    var current: ComponentRuntime.ComponentInstance?

    init() {
        WasmtimeHostHelpers.define(in: linker)
    }
}

extension Session {
    /// A component assembled, decoded, validated and planned, or why not.
    enum LoadedComponent {
        case component(CompiledComponent)
        /// Valid, and not prepared to run (`validateComponentsOnly`).
        case valid
        case textError(String)
        case malformed(String)
        case invalid(String)
        case unsupported(String)
    }

    mutating func loadComponent(_ m: WastModule) -> LoadedComponent {
        let bytes: [UInt8]
        var m = m
        if runner.legacyComponentIndices || runLine.legacyComponentIndices { m.legacyIndices = true }
        do {
            bytes = try m.assembleComponent().bytes
        } catch {
            moduleCheck = m.encoding == .binary ? .malformed : .textError
            return m.encoding == .binary ? .malformed(error.description) : .textError(error.description)
        }
        let syntax: Component
        do {
            syntax = try ComponentDecoder().decode(bytes)
        } catch {
            moduleCheck = .malformed
            return .malformed(error.description)
        }
        let validated: ValidatedComponent
        switch ComponentValidation.validate(syntax, features: runLine.componentFeatures) {
        case .success(let v): validated = v
        case .failure(let problem):
            moduleCheck = problem.isUnsupported ? .unsupported : .invalid
            return problem.isUnsupported ? .unsupported(problem.message) : .invalid(problem.message)
        }
        if runner.wasmtimeRestrictions, let refusal = WasmtimeRestrictions.violation(in: validated) {
            moduleCheck = .invalid
            return .invalid(refusal)
        }
        moduleCheck = .valid
        if runner.validateComponentsOnly { return .valid }
        do {
            let compiled = try CompiledComponent(validated: validated)
            if runner.wasmtimeRestrictions, let refusal = WasmtimeRestrictions.violation(in: compiled.plan) {
                moduleCheck = .invalid
                return .invalid(refusal)
            }
            return .component(compiled)
        } catch {
            let text = "\(error)"
            return text.contains("not supported") || text.contains("needs async") ? .unsupported(text) : .invalid(text)
        }
    }

    /// Evaluates a directive about a component.
    mutating func evaluateComponent(_ directive: WastDirective) {
        let line = directive.location.line
        switch directive.kind {
        case .module(let m):
            switch loadComponent(m) {
            case .component(let c):
                if m.isDefinition || runner.validateComponentsOnly {
                    if let id = m.id { components.definitions[id] = c }
                    report.add(line, m.isDefinition ? "component definition" : "component", .passed)
                } else {
                    instantiateComponent(c, id: m.id, line: line)
                }
            case .valid:
                unavailable("components are only validated")
                report.add(line, "component", .passed)
            case .unsupported(let why):
                unavailable(why)
                report.add(line, "component", .skipped, why)
            case .textError(let e), .malformed(let e), .invalid(let e):
                unavailable(e)
                report.add(line, "component", .failed, e)
            }

        case .componentInstance(let instanceID, let componentID):
            guard let componentID, let c = components.definitions[componentID] else {
                report.add(line, "component instance", .failed, "unknown component definition \(componentID ?? "(none)")")
                return
            }
            instantiateComponent(c, id: instanceID, line: line)

        case .assertInvalid(let m, let message):
            switch loadComponent(m) {
            case .invalid(let e), .malformed(let e): report.add(line, "assert_invalid", .passed, note(e, message))
            case .textError(let e): report.add(line, "assert_invalid", .failed, "the text did not parse: \(e)")
            case .unsupported(let e): report.add(line, "assert_invalid", .skipped, e)
            case .component, .valid: report.add(line, "assert_invalid", .failed, "component is valid, expected \"\(message)\"")
            }

        case .assertMalformed(let m, let message):
            switch loadComponent(m) {
            case .textError(let e), .malformed(let e), .invalid(let e): report.add(line, "assert_malformed", .passed, note(e, message))
            case .unsupported(let e): report.add(line, "assert_malformed", .skipped, e)
            case .component, .valid: report.add(line, "assert_malformed", .failed, "component loaded, expected \"\(message)\"")
            }

        case .assertUnlinkable(let m, let message), .assertUninstantiable(let m, let message):
            let kind = if case .assertUnlinkable = directive.kind { "assert_unlinkable" } else { "assert_trap" }
            let c: CompiledComponent
            switch loadComponent(m) {
            case .component(let loaded): c = loaded
            case .valid:
                report.add(line, kind, .skipped, "components are only validated")
                return
            case .unsupported(let why):
                report.add(line, kind, .skipped, why)
                return
            case .textError(let e), .malformed(let e), .invalid(let e):
                report.add(line, kind, .failed, "component did not load: \(e)")
                return
            }
            do {
                _ = try components.linker.instantiatePre(c).instantiate(in: store)
                report.add(line, kind, .failed, "instantiated, expected \"\(message)\"")
            } catch {
                report.add(line, kind, .passed, note("\(error)", message))
            }

        case .action(let action):
            switch performComponent(action) {
            case .values: report.add(line, "action", .passed)
            case .trap(let t): report.add(line, "action", .failed, "trapped: \(t)")
            case .unavailable(let why): report.add(line, "action", .skipped, why)
            case .error(let e): report.add(line, "action", .failed, e)
            }

        case .assertReturn(let action, let expected):
            switch performComponent(action) {
            case .values(let values, let types):
                switch ComponentValues.matches(values, types, expected) {
                case nil: report.add(line, "assert_return", .passed)
                case let why?: report.add(line, "assert_return", .failed, why)
                }
            case .trap(let t): report.add(line, "assert_return", .failed, "trapped: \(t)")
            case .unavailable(let why): report.add(line, "assert_return", .skipped, why)
            case .error(let e): report.add(line, "assert_return", .failed, e)
            }

        case .assertTrap(let action, let message):
            switch performComponent(action) {
            case .values(let v, _): report.add(line, "assert_trap", .failed, "returned \(v), expected trap \"\(message)\"")
            case .trap(let t): report.add(line, "assert_trap", .passed, note(t, message))
            case .unavailable(let why): report.add(line, "assert_trap", .skipped, why)
            case .error(let e): report.add(line, "assert_trap", .failed, e)
            }

        default:
            report.add(line, "component", .skipped, "not a component directive")
        }
    }

    mutating func instantiateComponent(_ c: CompiledComponent, id: String?, line: Int) {
        do {
            let instance = try components.linker.instantiatePre(c).instantiate(in: store)
            current = nil
            currentUnavailable = nil
            components.current = instance
            if let id {
                components.named[id] = instance
                components.linker.root.define(String(id.drop { $0 == "$" }), .instance(LinkerNamespace(exportsOf: instance)))
            }
            report.add(line, "component", .passed)
        } catch {
            unavailable("\(error)")
            report.add(line, "component", .failed, "instantiation failed: \(error)")
        }
    }

    enum ComponentOutcome {
        case values([Val], [ValType])
        case trap(String)
        case unavailable(String)
        case error(String)
    }

    /// Whether an action goes to a component: the one it names, or the current one when
    /// the last instantiation was a component.
    func targetsComponent(_ action: WastAction) -> Bool {
        switch action {
        case .invoke(let m?, _, _), .get(let m?, _): components.named[m] != nil
        default: components.current != nil && current == nil
        }
    }

    func performComponent(_ action: WastAction) -> ComponentOutcome {
        guard case .invoke(let moduleID, let name, let arguments) = action else {
            return .unavailable("`get` has no meaning for a component")
        }
        guard let instance = moduleID.map({ components.named[$0] }) ?? components.current else {
            return .unavailable(currentUnavailable.map { "no instance: \($0)" } ?? "no instance")
        }
        guard let function = instance.function(name) else { return .error("no exported function \"\(name)\"") }
        let type = function.type
        guard arguments.count == type.parameters.count else {
            return .error("\(name) takes \(type.parameters.count) arguments, the script gives \(arguments.count)")
        }
        var values: [Val] = []
        for (a, p) in zip(arguments, type.parameters) {
            guard let v = ComponentValues.val(a, as: p.type) else {
                return .error("argument \(p.name) does not fit \(p.type.wit())")
            }
            values.append(v)
        }
        let watchdog = Watchdog(store: store, seconds: runner.invocationTimeout)
        defer { watchdog.cancel() }
        do {
            return .values(try function.call(values), type.resultTypes)
        } catch let trap as Trap {
            // What the runtime cannot do yet (async) is skipped, not failed.
            if case .unsupported = trap.reason { return .unavailable("\(trap)") }
            return .trap("\(trap)")
        } catch {
            return .trap("\(error)")
        }
    }
}
