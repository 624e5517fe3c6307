import WasmFormat

/// A decoded, validated module ready to instantiate. Function bodies are translated for
/// the interpreter on their first call and shared by every instance.
public final class CompiledModule: @unchecked Sendable {
    public let module: WasmFormat.Module
    /// The validator's view: types, canonical type keys, index spaces.
    public let validated: ValidatedModule
    let info: ModuleInfo
    private var translated: [TranslatedFunction?]
    /// Debug translations (see `Translator.debug`), made when a debugger asks.
    private var debugTranslated: [TranslatedFunction?]
    /// Data segment bytes copied to stable memory (see `dataSegmentBytes`).
    var dataCopies: [UnsafeMutableRawPointer]?
    /// Export positions by name bytes: a component wiring thousands of imports to a
    /// module with thousands of exports (libpython) would otherwise scan for each.
    let exportIndex: [[UInt8]: Int]

    deinit {
        for p in dataCopies ?? [] { p.deallocate() }
    }

    /// Decodes and validates a binary module.
    public convenience init(bytes: [UInt8]) throws(RuntimeError) {
        let module: WasmFormat.Module
        do {
            module = try ModuleDecoder().decode(bytes)
        } catch {
            throw RuntimeError(.invalidModule, error.description)
        }
        try self.init(module: module)
    }

    /// Validates a decoded module.
    public convenience init(module: WasmFormat.Module) throws(RuntimeError) {
        let validated: ValidatedModule
        do {
            validated = try ModuleValidator().validate(module)
        } catch {
            throw RuntimeError(error.kind == .unsupported ? .unsupported : .invalidModule, error.description)
        }
        try self.init(validated: validated)
    }

    /// Prepares a validated module, after checking that the runtime can run it.
    public init(validated: ValidatedModule) throws(RuntimeError) {
        self.validated = validated
        self.module = validated.module
        self.info = ModuleInfo(module)
        self.translated = Array(repeating: nil, count: module.codes.count)
        self.debugTranslated = translated
        var exportIndex: [[UInt8]: Int] = [:]
        for (i, e) in module.exports.enumerated() where exportIndex[Array(e.name.utf8)] == nil {
            exportIndex[Array(e.name.utf8)] = i
        }
        self.exportIndex = exportIndex
        try Self.checkSupported(validated)
    }

    /// Garbage collection cannot run yet: refuse a module that uses its types or
    /// instructions at load rather than at the first call.
    static func checkSupported(_ validated: ValidatedModule) throws(RuntimeError) {
        let refusal = "garbage collection cannot run in this runtime yet"
        for t in validated.types {
            switch t.composite {
            case .struct, .array: throw RuntimeError(.unsupported, "\(refusal): the module defines struct or array types")
            case .function: break
            }
        }
        if validated.bodiesUseGarbageCollection {
            throw RuntimeError(.unsupported, "\(refusal): a function uses its instructions")
        }
        let m = validated.module
        var initializers = m.globals.map(\.initializer) + m.tables.compactMap(\.initializer)
        for e in m.elements {
            if case .expressions(let x) = e.items { initializers += x }
        }
        if initializers.contains(where: { $0.instructions.contains(where: \.isGarbageCollection) }) {
            throw RuntimeError(.unsupported, "\(refusal): an initializer uses its instructions")
        }
    }

    /// The translation of a defined function, made on first use.
    func translation(ofFunction index: UInt32, debug: Bool = false) throws(RuntimeError) -> TranslatedFunction {
        let defined = Int(index) - info.importedFunctionCount
        if let t = debug ? debugTranslated[defined] : translated[defined] { return t }
        var translator = Translator(info: info, functionIndex: index, debug: debug)
        let t = try translator.translate(module.codes[defined])
        if debug { debugTranslated[defined] = t } else { translated[defined] = t }
        return t
    }

    /// The translations of a defined function made so far (fast and debug).
    func existingTranslations(ofFunction index: UInt32) -> [TranslatedFunction] {
        let defined = Int(index) - info.importedFunctionCount
        guard defined >= 0 && defined < translated.count else { return [] }
        return [translated[defined], debugTranslated[defined]].compactMap { $0 }
    }

    /// The operand stack before the instruction at `offset` of a defined function, as
    /// the translation that `debug` selects lays it out.
    func operandStack(ofFunction index: UInt32, before offset: Int, debug: Bool) -> [Translator.Entry]? {
        let defined = Int(index) - info.importedFunctionCount
        guard defined >= 0 && defined < module.codes.count else { return nil }
        var translator = Translator(info: info, functionIndex: index, debug: debug)
        translator.captureOffset = offset
        _ = try? translator.translate(module.codes[defined])
        return translator.capturedStack
    }

    /// The byte offset of a wasm function's first instruction.
    public func firstInstructionOffset(ofFunction function: Function) -> Int? {
        let defined = Int(function.record.pointee.index) - info.importedFunctionCount
        guard !function.isHost, defined >= 0, defined < module.codes.count else { return nil }
        return module.codes[defined].codeOffset
    }

    /// The function's name from the name section, or the first export naming it.
    public func functionName(_ index: UInt32) -> String? {
        if let name = module.names?.functionNames[index] { return name }
        return module.exports.first { $0.kind == .function && $0.index == index }?.name
    }
}
