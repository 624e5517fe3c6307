import Testing
import WasmFormat
import WasmText

/// Assembles `text` and decodes the result, failing the test on any error.
func assemble(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Module {
    let wat = try WAT.parseModule(text, file: "test.wat")
    return try ModuleDecoder().decode(wat.bytes)
}

/// The instructions of the `index`th defined function, `end` included.
func body(_ module: Module, _ index: Int = 0) throws -> [Instruction] {
    try module.codes[index].instructions().map(\.instruction)
}

/// The single instruction a constant text assembles to, e.g. `f32.const 0x1p-149`.
func constant(_ instruction: String) throws -> Instruction {
    let m = try assemble("(module (func \(instruction) drop))")
    return try body(m)[0]
}

/// The error `text` fails with; records a test issue when it does not fail.
func parseError(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> WasmText.TextError? {
    do {
        _ = try WAT.parseModule(text, file: "test.wat")
        Issue.record("expected a parse error", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
