#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a WASI program is given: its arguments and environment, the host directories it
/// may reach, and the file descriptors behind its standard streams. Shared by the
/// preview 1 and 0.2 hosts, which see the same world.
public struct WASIConfiguration {
    /// The program's arguments, the program name first (`argv`).
    public var arguments: [String]
    /// Environment variables in order; nothing of the host's leaks in unless put here.
    public var environment: [(key: String, value: String)]
    public var preopens: [Preopen]
    /// Host descriptors the guest's stdin, stdout and stderr read and write (not closed
    /// by the host: they belong to whoever made the configuration).
    public var stdin: Int32
    public var stdout: Int32
    public var stderr: Int32

    public init(arguments: [String] = [], environment: [(key: String, value: String)] = [], preopens: [Preopen] = [],
                stdin: Int32 = 0, stdout: Int32 = 1, stderr: Int32 = 2) {
        self.arguments = arguments
        self.environment = environment
        self.preopens = preopens
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
    }

    /// A host directory granted to the guest under a name of its own.
    public struct Preopen {
        public var hostPath: String
        public var guestPath: String

        public init(hostPath: String, guestPath: String) {
            self.hostPath = hostPath
            self.guestPath = guestPath
        }

        /// Reads the command line's `HOST[::GUEST]` (the guest name defaults to the host path).
        public init(commandLine text: String) {
            if let r = text.firstRange(of: "::") {
                self.init(hostPath: String(text[..<r.lowerBound]), guestPath: String(text[r.upperBound...]))
            } else {
                self.init(hostPath: text, guestPath: text)
            }
        }
    }

    /// Parses `K=V` (the value may contain `=`; a missing one is empty).
    public static func environmentEntry(_ text: String) -> (key: String, value: String) {
        guard let eq = text.firstIndex(of: "=") else { return (text, "") }
        return (String(text[..<eq]), String(text[text.index(after: eq)...]))
    }

    /// The host process's own environment, for `--inherit-env`.
    public static var hostEnvironment: [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        var p = environ
        while let entry = p.pointee {
            out.append(environmentEntry(String(cString: entry)))
            p += 1
        }
        return out
    }
}

/// A WASI host could not be set up (a preopened directory cannot be opened, say).
public struct WASISetupError: Error, CustomStringConvertible {
    public var description: String
    init(_ message: String) { description = message }
}
