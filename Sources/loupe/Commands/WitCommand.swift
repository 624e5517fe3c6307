import ArgumentParser
import ComponentRuntime
import WasmFormat

/// `loupe wit FILE`: the component's type information as WIT.
struct WitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wit",
        abstract: "Print a component's imports and exports as WIT.",
        discussion: """
        Prints the component's world (`package root:component; world root { … }`) with its \
        imports and exports, then the interfaces they name grouped by package, with their \
        types, resources (constructor, methods, static functions) and functions; a type one \
        interface takes from another is a `use`. The layout is that of \
        `wasm-tools component wit`.

        Only decoding and validation run (nothing is instantiated), so large components \
        print quickly too.
        """)

    @Argument(help: "The component (.wasm, or .wat in the component text format).")
    var file: String

    func run() throws {
        guard let bytes = try ComponentLoader.componentBytes(file) else {
            throw CommandFailure("\(file) is a core module; only components have a WIT world (`loupe validate` checks core modules)")
        }
        let validated: ValidatedComponent
        do {
            validated = try ComponentValidator().validate(try ComponentDecoder().decode(bytes))
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
        print(WitDocument(validated).text, terminator: "")
    }
}
