import Testing
import WasmFormat

/// Small builders for hand-made modules: function bodies are encoded with `ByteWriter` so
/// that instruction offsets are known, starting at `base`.
enum Build {
    static let base = 1000

    /// A body from instructions (the final `end` is added) and the offset of each one.
    static func body(_ code: [Instruction], locals: [FunctionBody.Locals] = [], base: Int = base) -> (FunctionBody, [Int]) {
        var w = ByteWriter()
        var offsets: [Int] = []
        for i in code {
            offsets.append(base + w.bytes.count)
            w.instruction(i)
        }
        offsets.append(base + w.bytes.count)
        w.instruction(.plain(.end))
        return (FunctionBody(locals: locals, code: w.bytes[...], codeOffset: base, offset: base - 2), offsets)
    }

    static func function(_ params: [ValueType] = [], _ results: [ValueType] = []) -> RecGroup {
        RecGroup(types: [SubType(composite: .function(FunctionType(parameters: params, results: results)))], isExplicit: false)
    }

    /// A module with one function type per `signatures` entry and one function per `bodies`
    /// entry (type index, code, locals).
    static func module(types: [RecGroup], functions: [(UInt32, [Instruction], [FunctionBody.Locals])]) -> (Module, [[Int]]) {
        var m = Module()
        m.types = types
        var offsets: [[Int]] = []
        var base = Build.base
        for (t, code, locals) in functions {
            let (b, o) = body(code, locals: locals, base: base)
            m.functions.append(t)
            m.codes.append(b)
            offsets.append(o)
            base += 1000
        }
        return (m, offsets)
    }

    /// A module with a single function of type `params -> results`.
    static func single(_ params: [ValueType] = [], _ results: [ValueType] = [], _ code: [Instruction],
                       locals: [FunctionBody.Locals] = []) -> (Module, [Int]) {
        let (m, o) = module(types: [function(params, results)], functions: [(0, code, locals)])
        return (m, o[0])
    }
}

extension WasmError {
    /// Runs `body` and returns the `WasmError` it throws, or nil.
    static func caught(_ body: () throws(WasmError) -> Void) -> WasmError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}

/// The error validating `module` raises (nil when it is valid).
func validationError(_ module: Module, features: WasmFeatures = .all) -> WasmError? {
    WasmError.caught { () throws(WasmError) in _ = try ModuleValidator(features: features).validate(module) }
}

/// Expects validation to fail with a message starting with `prefix`.
func expectInvalid(_ module: Module, _ prefix: String, at offset: Int? = nil, function: UInt32? = nil,
                   features: WasmFeatures = .all, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let e = validationError(module, features: features) else {
        Issue.record("expected \"\(prefix)\", but the module validated", sourceLocation: sourceLocation)
        return
    }
    #expect(e.message.hasPrefix(prefix), "message: \(e.message)", sourceLocation: sourceLocation)
    if let offset { #expect(e.offset == offset, "offset of: \(e)", sourceLocation: sourceLocation) }
    if let function { #expect(e.function == function, "function of: \(e)", sourceLocation: sourceLocation) }
}

func expectValid(_ module: Module, features: WasmFeatures = .all, sourceLocation: SourceLocation = #_sourceLocation) {
    if let e = validationError(module, features: features) {
        Issue.record("expected a valid module: \(e)", sourceLocation: sourceLocation)
    }
}
