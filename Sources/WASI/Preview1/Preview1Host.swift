#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CoreRuntime
import WasmFormat

/// WASI preview 1 (`wasi_snapshot_preview1`) for core modules, registered into a core
/// `Linker`: arguments, environment, clocks, randomness, file descriptors (the standard
/// streams, then the preopened directories from 3 on, then what the guest opens), paths
/// inside the preopens, polling and `proc_exit`.
///
/// Files are host descriptors reached through `SandboxedPath`, as in the 0.2 host, so the
/// two confine the guest the same way; errors are preview 1's `errno` numbers.
public final class Preview1Host {
    public static let moduleName = "wasi_snapshot_preview1"

    public let configuration: WASIConfiguration
    var files: [UInt32: Preview1File] = [:]

    /// Opens the preopened directories as descriptors 3, 4, ….
    public init(_ configuration: WASIConfiguration) throws {
        self.configuration = configuration
        files[0] = Preview1File(stdio: configuration.stdin)
        files[1] = Preview1File(stdio: configuration.stdout)
        files[2] = Preview1File(stdio: configuration.stderr)
        for (i, p) in configuration.preopens.enumerated() {
            let fd = open(p.hostPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else {
                throw WASISetupError("cannot open directory \(p.hostPath) for --dir: \(FileError.last.rawValue)")
            }
            files[UInt32(3 + i)] = Preview1File(descriptor: .preopen(OpenFile(fd: fd)), preopenName: p.guestPath)
        }
    }

    /// Defines every preview 1 function in `linker`.
    public func register(into linker: Linker) {
        registerProcess(linker)
        registerFileDescriptors(linker)
        registerPaths(linker)
        registerPolling(linker)
    }

    /// Defines a function returning an `errno`: a thrown `Errno` or `FileError` is returned
    /// as its number; anything else (a `Trap`) goes on unwinding.
    func define(_ linker: Linker, _ name: String, _ parameters: [ValueType],
                _ body: @escaping (GuestMemory, [Value]) throws -> Void) {
        linker.defineFunction(Self.moduleName, name, type: FunctionType(parameters: parameters, results: [.i32])) { caller, args in
            do {
                try body(try GuestMemory(caller), args)
                return [.i32(0)]
            } catch let e as Errno {
                return [.i32(UInt32(e.code))]
            } catch let e as FileError {
                return [.i32(UInt32(e.preview1Errno))]
            }
        }
    }

    func file(_ fd: UInt32) throws(Errno) -> Preview1File {
        guard let f = files[fd] else { throw .badf }
        return f
    }

    /// The directory descriptor paths are resolved from.
    func directory(_ fd: UInt32) throws(Errno) -> Descriptor {
        guard let d = try file(fd).descriptor else { throw .notdir }
        return d
    }

    private func registerProcess(_ linker: Linker) {
        let arguments = configuration.arguments
        let environment = configuration.environment.map { "\($0.key)=\($0.value)" }
        for (prefix, strings) in [("args", arguments), ("environ", environment)] {
            define(linker, "\(prefix)_sizes_get", [.i32, .i32]) { m, a in
                try m.store(UInt32(strings.count), at: a.u32(0))
                try m.store(UInt32(strings.reduce(0) { $0 + $1.utf8.count + 1 }), at: a.u32(1))
            }
            define(linker, "\(prefix)_get", [.i32, .i32]) { m, a in
                try m.storeStrings(strings, pointers: a.u32(0), buffer: a.u32(1))
            }
        }
        define(linker, "clock_res_get", [.i32, .i32]) { m, a in
            try m.store(try Self.clock(a.u32(0)).resolution, at: a.u32(1))
        }
        define(linker, "clock_time_get", [.i32, .i64, .i32]) { m, a in
            try m.store(try Self.clock(a.u32(0)).now, at: a.u32(2))
        }
        define(linker, "random_get", [.i32, .i32]) { m, a in
            var g = SystemRandomNumberGenerator()
            let b = try m.buffer(a.u32(0), a.u32(1))
            for i in b.indices { b[i] = g.next() }
        }
        linker.defineFunction(Self.moduleName, "proc_exit", type: FunctionType(parameters: [.i32], results: [])) { _, a in
            throw Trap(.exit(Int32(bitPattern: a.u32(0))))
        }
        define(linker, "proc_raise", [.i32]) { _, _ in throw Errno.nosys }
        define(linker, "sched_yield", []) { _, _ in }
    }

    /// A preview 1 clock id's current time and resolution, in nanoseconds.
    static func clock(_ id: UInt32) throws(Errno) -> (now: UInt64, resolution: UInt64) {
        switch id {
        case 0: (HostClock.wallNow().totalNanoseconds, HostClock.resolution(monotonic: false))
        case 1: (HostClock.monotonicNow(), HostClock.resolution(monotonic: true))
        case 2, 3: (HostClock.cpuTime(), HostClock.resolution(monotonic: true))
        default: throw .inval
        }
    }
}

/// An open preview 1 file descriptor: a standard stream (a host descriptor the host
/// does not own) or a file or directory the guest may name paths under.
final class Preview1File {
    let descriptor: Descriptor?
    let stdioFD: Int32?
    /// The guest name of a preopened directory (what `fd_prestat_dir_name` reports).
    let preopenName: String?

    init(stdio fd: Int32) {
        descriptor = nil
        stdioFD = fd
        preopenName = nil
    }

    init(descriptor: Descriptor, preopenName: String? = nil) {
        self.descriptor = descriptor
        stdioFD = nil
        self.preopenName = preopenName
    }

    var hostFD: Int32 { descriptor?.fd ?? stdioFD! }
}

extension Array where Element == Value {
    /// Argument `i` as the i32 the function's type says it is.
    func u32(_ i: Int) -> UInt32 {
        if case .i32(let x) = self[i] { return x }
        return 0
    }

    func u64(_ i: Int) -> UInt64 {
        if case .i64(let x) = self[i] { return x }
        return 0
    }
}
