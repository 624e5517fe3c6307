import ComponentRuntime
import Foundation
import WasmFormat
import WasmText

/// A component the session loaded: a binary `.wasm` or a `.wat` file from disk, or
/// component text typed at the prompt, assembled first.
struct ComponentFile {
    /// Where the component came from, so that `reload` can read it again.
    enum Source {
        case file(path: String)
        /// Text typed at the prompt; `reload` assembles it again (a fresh component).
        case typed(text: String, number: Int)
    }

    let source: Source
    let component: CompiledComponent
    /// The validated types, which `wit` prints as a WIT document.
    let validated: ValidatedComponent

    /// The path as given, or what `name` says for typed text.
    var path: String {
        if case .file(let path) = source { return path }
        return name
    }

    /// The file name without its folder (or `<typed #N>`), for prompts and messages.
    var name: String {
        switch source {
        case .file(let path): URL(fileURLWithPath: path).lastPathComponent
        case .typed(_, let number): "<typed #\(number)>"
        }
    }

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw REPLError("cannot read \(path)")
        }
        var bytes = [UInt8](data)
        if path.hasSuffix(".wat") { bytes = try Self.assemble(bytes, file: path) }
        guard Binary.isComponent(bytes[...]) else {
            throw REPLError("\(path) is a core module, not a component; `loupe invoke` and `loupe run` take core modules")
        }
        try self.init(bytes: bytes, source: .file(path: path), place: path)
    }

    /// A `(component …)` typed at the prompt; errors point at its line and column.
    init(typed text: String, number: Int) throws {
        let place = "<typed #\(number)>"
        try self.init(bytes: Self.assemble(Array(text.utf8), file: place), source: .typed(text: text, number: number), place: place)
    }

    /// The same source read again.
    func reread() throws -> ComponentFile {
        switch source {
        case .file(let path): try ComponentFile(path: path)
        case .typed(let text, let number): try ComponentFile(typed: text, number: number)
        }
    }

    private init(bytes: [UInt8], source: Source, place: String) throws {
        do {
            validated = try ComponentValidator().validate(try ComponentDecoder().decode(bytes))
            component = try CompiledComponent(validated: validated)
        } catch {
            throw REPLError("\(place): \(error)")
        }
        self.source = source
    }

    /// Text errors are thrown as they are: they print as compilers do (`file:line:col: error: …`).
    private static func assemble(_ text: [UInt8], file: String) throws -> [UInt8] {
        try ComponentWAT.parse(bytes: text, file: file).bytes
    }
}
