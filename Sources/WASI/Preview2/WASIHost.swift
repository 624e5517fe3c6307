#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentRuntime
import CoreRuntime

/// A WASI 0.2 host for components: the interfaces of `wasi:cli/imports` (io, clocks,
/// random, cli, filesystem, and sockets that deny everything), registered into a
/// `ComponentLinker`.
///
/// Every resource is a host `ResourceType`; a handle's `rep` indexes a table here. The
/// linker's functions hold the host strongly (it lives as long as any instance that uses
/// it), while the resource types' destructors, which the host itself holds, do not. The
/// functions are defined without types: the component's own declaration of each import
/// drives lifting and lowering, and the argument readers in `ValAccess` refuse values of
/// another shape.
///
/// Interfaces are defined at `version`: the linker's semver matching lets a component
/// importing any `0.2.x` link against them, as wasmtime's host does.
public final class WASIHost {
    public static let version = "0.2.9"

    public let configuration: WASIConfiguration
    let preopens: [(file: OpenFile, guestPath: String)]
    /// Fixed for the host's lifetime, as `insecure-seed` asks.
    let insecureSeed = (UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max))

    var errors = HostTable<IOError>()
    var pollables = HostTable<Pollable>()
    var inputStreams = HostTable<InputStream>()
    var outputStreams = HostTable<OutputStream>()
    var descriptors = HostTable<Descriptor>()
    var directoryStreams = HostTable<DirectoryEntryStream>()
    /// Resources that carry no state (terminals, the network): only their existence counts.
    var stateless = HostTable<Void>()

    lazy var errorType = ResourceType(hostNamed: "error") { [unowned self] in self.errors.remove($0) }
    lazy var pollableType = ResourceType(hostNamed: "pollable") { [unowned self] in self.pollables.remove($0) }
    lazy var inputStreamType = ResourceType(hostNamed: "input-stream") { [unowned self] in self.inputStreams.remove($0) }
    lazy var outputStreamType = ResourceType(hostNamed: "output-stream") { [unowned self] in self.outputStreams.remove($0) }
    lazy var descriptorType = ResourceType(hostNamed: "descriptor") { [unowned self] in self.descriptors.remove($0) }
    lazy var directoryStreamType = ResourceType(hostNamed: "directory-entry-stream") { [unowned self] in
        self.directoryStreams.remove($0)
    }
    lazy var terminalInputType = statelessType("terminal-input")
    lazy var terminalOutputType = statelessType("terminal-output")

    /// Opens the preopened directories; a directory that cannot be opened is an error
    /// now rather than a surprise to the guest later.
    public init(_ configuration: WASIConfiguration) throws {
        self.configuration = configuration
        preopens = try configuration.preopens.map { p in
            let fd = open(p.hostPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else {
                throw WASISetupError("cannot open directory \(p.hostPath) for --dir: \(FileError.last.rawValue)")
            }
            return (OpenFile(fd: fd), p.guestPath)
        }
    }

    /// Defines every interface in `linker`.
    public func register(into linker: ComponentLinker) {
        let root = linker.root
        registerIO(root)
        registerClocks(root)
        registerRandom(root)
        registerCLI(root)
        registerFilesystem(root)
        registerSockets(root)
    }

    /// The namespace of interface `name` (`wasi:io/streams`) at this host's version.
    func interface(_ name: String, in root: LinkerNamespace) -> LinkerNamespace {
        root.instance("\(name)@\(WASIHost.version)")
    }

    func statelessType(_ name: String) -> ResourceType {
        ResourceType(hostNamed: name) { [unowned self] in self.stateless.remove($0) }
    }

    /// A new owned handle to a stateless resource.
    func newStateless(_ type: ResourceType) -> Val {
        .resource(.own(type, rep: stateless.add(())))
    }

    /// The object behind a handle; a rep the table does not know means the handle outlived
    /// what it stood for.
    func lookup<T>(_ table: HostTable<T>, _ rep: UInt32, _ what: String) throws -> T {
        guard let object = table[rep] else { throw Trap(.host("WASI: unknown \(what) handle (rep \(rep))")) }
        return object
    }
}

/// The state behind a wasi:io `error`: a message, and for filesystem failures the cause
/// (which `filesystem-error-code` reports).
struct IOError {
    var message: String
    var code: FileError?
}
