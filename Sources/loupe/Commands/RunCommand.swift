import ArgumentParser
import ComponentRuntime
import CoreRuntime
import Foundation
import WASI

/// `loupe run FILE [ARGS…]`: runs a WASI command and exits with its status.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a WASI command: a component's wasi:cli/run export or a core module's _start.",
        discussion: """
        Components get WASI 0.2, core modules WASI preview 1. The guest sees only what the \
        options grant: the environment given with --env (and loupe's own with \
        --inherit-env) and the directories given with --dir. Its exit status becomes \
        loupe's; `run` returning an error is status 1, and so is a trap.
        """)

    @OptionGroup var wasi: WASIOptions

    @Argument(help: "The component or core module (.wasm or .wat).")
    var file: String

    @Argument(parsing: .captureForPassthrough, help: "Arguments for the program.")
    var arguments: [String] = []

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        // As wasmtime does, the program's name is the file's name without its directory.
        let argv = [URL(fileURLWithPath: file).lastPathComponent] + arguments
        if let bytes = try ComponentLoader.componentBytes(file) {
            let component = try ComponentLoader.load(bytes, path: file)
            let instance = try ComponentLoader.instantiate(component, linker: try wasi.componentLinker(arguments: argv))
            guard let name = instance.plan.exports.map(\.name).first(where: { $0.hasPrefix("wasi:cli/run@0.2.") }),
                  let run = instance.function("\(name)#run") else {
                throw CommandFailure("\(file) does not export wasi:cli/run@0.2; `loupe invoke` calls other exports")
            }
            let results = try ComponentLoader.call(run, [])
            if case .result(.err)? = results.first { throw ExitCode(1) }
            return
        }
        let module = try ModuleLoader.load(file)
        let store = Store()
        let linker = try wasi.coreLinker(store: store, arguments: argv)
        let instance: Instance
        do {
            instance = try linker.instantiate(module)
        } catch {
            if let status = guestExitStatus(error) { throw ExitCode(status) }
            throw CommandFailure("cannot instantiate \(file): \(error)")
        }
        guard let start = instance.function("_start") else {
            throw CommandFailure("\(file) does not export _start; `loupe invoke` calls other exports")
        }
        do {
            _ = try start.call([])
        } catch {
            if let status = guestExitStatus(error) { throw ExitCode(status) }
            throw CommandFailure("\(error)")
        }
    }
}
