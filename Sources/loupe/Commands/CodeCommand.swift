import ArgumentParser
import CoreRuntime
import Foundation

/// `loupe code FILE [FUNC]`: the interpreter code a core module's functions translate to.
/// A tool for tuning the translator (the REPL's `disasm` lists the wasm instructions instead).
struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Print the interpreter code of a core module's functions.",
        shouldDisplay: false)

    @Argument(help: "A core module (.wasm or .wat).")
    var file: String

    @Argument(help: "Function indices to print (default: all defined functions).")
    var functions: [UInt32] = []

    func run() throws {
        let module = try ModuleLoader.load(file)
        let imported = UInt32(module.module.imports.count { if case .function = $0.description { true } else { false } })
        let indices = functions.isEmpty ? (0..<UInt32(module.module.codes.count)).map { $0 + imported } : functions
        for index in indices {
            print("== func \(index)\(module.functionName(index).map { " \($0)" } ?? "")")
            print(try module.interpreterListing(ofFunction: index))
        }
    }
}
