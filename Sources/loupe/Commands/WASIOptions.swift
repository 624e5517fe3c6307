import ArgumentParser
import ComponentRuntime
import CoreRuntime
import WASI

/// The options that shape the world a WASI guest sees, shared by `run` and `invoke`.
struct WASIOptions: ParsableArguments {
    @Option(name: .customLong("env"), help: ArgumentHelp("Set an environment variable for the guest (repeatable).", valueName: "K=V"))
    var environment: [String] = []

    @Flag(name: .customLong("inherit-env"), help: "Give the guest loupe's own environment (--env entries override it).")
    var inheritEnvironment = false

    @Option(name: .customLong("dir"), help: ArgumentHelp(
        "Grant the guest a host directory (repeatable), under the name GUEST if given.", valueName: "HOST[::GUEST]"))
    var directories: [String] = []

    /// The guest's world; `arguments` starts with the program name.
    func configuration(arguments: [String]) -> WASIConfiguration {
        var environment = inheritEnvironment ? WASIConfiguration.hostEnvironment : []
        for entry in self.environment.map(WASIConfiguration.environmentEntry) {
            environment.removeAll { $0.key == entry.key }
            environment.append(entry)
        }
        return WASIConfiguration(arguments: arguments, environment: environment,
                                 preopens: directories.map(WASIConfiguration.Preopen.init(commandLine:)))
    }

    /// A component linker with the WASI 0.2 interfaces defined.
    func componentLinker(arguments: [String]) throws -> ComponentLinker {
        let linker = ComponentLinker()
        do {
            try WASIHost(configuration(arguments: arguments)).register(into: linker)
        } catch {
            throw CommandFailure("\(error)")
        }
        return linker
    }

    /// A core linker with `wasi_snapshot_preview1` defined.
    func coreLinker(store: Store, arguments: [String]) throws -> Linker {
        let linker = Linker(store: store)
        do {
            try Preview1Host(configuration(arguments: arguments)).register(into: linker)
        } catch {
            throw CommandFailure("\(error)")
        }
        return linker
    }
}

/// The exit status a guest asked for, when `error` is its WASI `exit` unwinding the run
/// (possibly from inside an instantiation).
func guestExitStatus(_ error: any Error) -> Int32? {
    if let trap = error as? Trap, case .exit(let status) = trap.reason { return status }
    if let e = error as? InstantiationError { return guestExitStatus(e.underlying) }
    return nil
}
