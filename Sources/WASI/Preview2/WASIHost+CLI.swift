#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentRuntime
import CoreRuntime

/// wasi:cli: `environment`, `exit`, the standard streams and the terminal interfaces.
extension WASIHost {
    func registerCLI(_ root: LinkerNamespace) {
        let environment = interface("wasi:cli/environment", in: root)
        environment.function("get-environment") { _ in
            [.list(self.configuration.environment.map { .tuple([.string($0.key), .string($0.value)]) })]
        }
        environment.function("get-arguments") { _ in [.list(self.configuration.arguments.map(Val.string))] }
        // The guest's paths are relative to its preopens; it has no working directory.
        environment.function("initial-cwd") { _ in [.option(nil)] }

        // Exiting unwinds the whole run as a trap that carries the status, which the
        // embedder turns into the process's exit status.
        let exit = interface("wasi:cli/exit", in: root)
        exit.function("exit") { a in
            guard case .result(let status) = try a.argument(0) else { throw Trap(.host("WASI: exit expects a result")) }
            if case .ok = status { throw Trap(.exit(0)) }
            throw Trap(.exit(1))
        }
        exit.function("exit-with-code") { a in throw Trap(.exit(Int32(try a.u8(0)))) }

        interface("wasi:cli/stdin", in: root).function("get-stdin") { _ in
            [.resource(.own(self.inputStreamType, rep: self.inputStreams.add(InputStream(.descriptor(self.configuration.stdin)))))]
        }
        for (name, fd) in [("stdout", configuration.stdout), ("stderr", configuration.stderr)] {
            interface("wasi:cli/\(name)", in: root).function("get-\(name)") { _ in
                [.resource(.own(self.outputStreamType, rep: self.outputStreams.add(OutputStream(.descriptor(fd)))))]
            }
        }

        interface("wasi:cli/terminal-input", in: root).resource("terminal-input", terminalInputType)
        interface("wasi:cli/terminal-output", in: root).resource("terminal-output", terminalOutputType)
        for (name, fd, type) in [("stdin", configuration.stdin, terminalInputType), ("stdout", configuration.stdout, terminalOutputType),
                                 ("stderr", configuration.stderr, terminalOutputType)] {
            interface("wasi:cli/terminal-\(name)", in: root).function("get-terminal-\(name)") { _ in
                [.option(isatty(fd) != 0 ? self.newStateless(type) : nil)]
            }
        }
    }
}
