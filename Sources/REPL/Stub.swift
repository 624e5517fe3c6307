import ComponentRuntime
import CoreRuntime

/// A host function defined from the REPL (`stub IMPORT = VALUE | trap`) in place of an
/// import nobody provides, or (`stub IMPORT = log`) a request to tell every call of an
/// import. Every call is reported, so a stub also shows how the guest uses its imports.
struct Stub {
    enum Behaviour {
        /// Returns this value (nil for a function without a result).
        case returns(Val?)
        case traps
        /// Tells each call and passes it on to what provides the import (WASI, a link);
        /// returns the type's simplest value when nothing does.
        case logs
    }

    /// The import's name as the plan writes it (`test:host/env/add`).
    var importName: String
    var type: FuncType
    var behaviour: Behaviour

    /// The stub command that defines `behaviour`, for suggestions and `info stubs`.
    var command: String {
        switch behaviour {
        case .traps: return "stub \(importName) = trap"
        case .logs: return "stub \(importName) = log"
        case .returns(nil): return "stub \(importName)"
        case .returns(let v?): return "stub \(importName) = \(WAVE.format(v))"
        }
    }

    /// Parses the text after `=` (or nothing) against the import's result type.
    init(importName: String, type: FuncType, text: String?, variables: @escaping (String) -> Val?) throws {
        self.importName = importName
        self.type = type
        switch text {
        case "trap"?:
            behaviour = .traps
        case "log"?:
            behaviour = .logs
        case nil:
            guard let result = type.result else { behaviour = .returns(nil); break }
            guard let v = defaultValue(of: result) else {
                throw REPLError("\(importName) returns \(result.wit()), which has no default value: give one, `stub \(importName) = VALUE`, or `= trap`")
            }
            behaviour = .returns(v)
        case let text?:
            guard let result = type.result else {
                throw REPLError("\(importName) returns nothing: write `stub \(importName)` or `stub \(importName) = trap`")
            }
            do {
                behaviour = .returns(try WAVE.parse(text, as: result, variables: variables))
            } catch {
                throw REPLError("the value for \(importName) must be a \(result.wit()): \(error)")
            }
        }
    }

    /// The simplest stub for an import, or nil when its result has no default value.
    static func defaultStub(importName: String, type: FuncType) -> Stub? {
        try? Stub(importName: importName, type: type, text: nil, variables: { _ in nil })
    }

    /// The host function, reporting each call through `log`.
    func hostFunction(log: @escaping (String) -> Void) -> HostComponentFunction {
        let name = importName, behaviour = behaviour, type = type
        return { arguments in
            let call = "\(name)(\(arguments.map(WAVE.format).joined(separator: ", ")))"
            switch behaviour {
            case .traps:
                log("stub \(call) traps")
                throw Trap(.host("the stub \(name) traps"))
            case .returns(let v):
                log("stub \(call)" + (v.map { " -> \(WAVE.format($0))" } ?? ""))
                return v.map { [$0] } ?? []
            case .logs:
                guard let result = type.result else { return [] }
                guard let v = defaultValue(of: result) else {
                    throw Trap(.host("nothing provides \(name), and its \(result.wit()) result has no default value to return"))
                }
                return [v]
            }
        }
    }
}
