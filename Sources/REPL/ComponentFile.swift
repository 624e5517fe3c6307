import ComponentRuntime
import Foundation
import WasmFormat
import WasmText

/// A component read from disk: binary `.wasm`, or `.wat` text assembled first.
struct ComponentFile {
    let path: String
    let component: CompiledComponent
    /// The validated types, which `wit` prints as a WIT document.
    let validated: ValidatedComponent

    /// The file name without its folder, for prompts and messages.
    var name: String { URL(fileURLWithPath: path).lastPathComponent }

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw REPLError("cannot read \(path)")
        }
        var bytes = [UInt8](data)
        if path.hasSuffix(".wat") {
            do {
                bytes = try ComponentWAT.parse(bytes: bytes, file: path).bytes
            } catch {
                throw REPLError("\(error)")
            }
        }
        guard Binary.isComponent(bytes[...]) else {
            throw REPLError("\(path) is a core module, not a component; `loupe invoke` and `loupe run` take core modules")
        }
        do {
            validated = try ComponentValidator().validate(try ComponentDecoder().decode(bytes))
            component = try CompiledComponent(validated: validated)
        } catch {
            throw REPLError("\(path): \(error)")
        }
        self.path = path
    }
}
