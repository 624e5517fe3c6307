import WasmFormat

/// The settings a wasm-tools test script declares on its first line, e.g.
/// `;; RUN: WAST_STRICT_COMPONENT_INDICES=0 wast --assert default … % -f cm-async,cm64`:
/// the script expects wasm-tools' default features plus those `-f` names, and the
/// environment variable asks for the legacy component index syntax.
///
/// Scripts without such a line (the component model's own suite, wasmtime's) test every
/// proposal they touch, so their components are validated with `ComponentFeatures.all`.
struct ScriptRunLine {
    var componentFeatures: ComponentFeatures = .all
    var legacyComponentIndices = false

    init(_ contents: [UInt8]) {
        let firstLine = contents.prefix { $0 != UInt8(ascii: "\n") }
        let text = String(decoding: firstLine, as: UTF8.self)
        guard text.hasPrefix(";; RUN:") else { return }
        let words = text.split(separator: " ").map(String.init)
        legacyComponentIndices = words.contains("WAST_STRICT_COMPONENT_INDICES=0")
        let lists = words.indices.dropLast().filter { words[$0] == "-f" || words[$0] == "--features" }.map { words[$0 + 1] }
        componentFeatures = ComponentFeatures(wasmToolsFeatures: lists.joined(separator: ","))
    }
}
