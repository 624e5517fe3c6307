import ComponentRuntime
import Foundation
import WASI

/// The WASI 0.2 host's functions called straight from Swift, by the names a component
/// importing `@0.2.0` uses (so the linker's semver matching is in the way too).
struct WASIFunctions {
    let linker = ComponentLinker()

    init(_ configuration: WASIConfiguration) throws {
        try WASIHost(configuration).register(into: linker)
    }

    /// Calls `interface`.`name` (e.g. `wasi:io/streams`, `[method]output-stream.write`).
    func call(_ interface: String, _ name: String, _ arguments: Val...) throws -> Val? {
        guard case .instance(let ns)? = linker.root.lookup("\(interface)@0.2.0"),
              case .function(_, let body)? = ns.lookup(name) else {
            throw TestFailure("\(interface)@0.2.0 has no function \(name)")
        }
        return try body(arguments).first
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// A scratch directory laid out for escape attempts: `box` is what the guest is
/// granted; beside it, `outside.txt` it must never reach.
///
///     outside.txt
///     box/inside.txt  box/sub/  box/inner-link -> inside.txt
///     box/up -> ..    box/rel-out -> ../outside.txt
///     box/link-out -> /etc    box/abs-link -> /etc/passwd
final class Sandbox {
    let root: URL
    var box: URL { root.appendingPathComponent("box") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-sandbox-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("box/sub"), withIntermediateDirectories: true)
        try Data("secret\n".utf8).write(to: root.appendingPathComponent("outside.txt"))
        try Data("inside\n".utf8).write(to: box.appendingPathComponent("inside.txt"))
        for (name, target) in [("inner-link", "inside.txt"), ("up", ".."), ("rel-out", "../outside.txt"),
                               ("link-out", "/etc"), ("abs-link", "/etc/passwd")] {
            try fm.createSymbolicLink(atPath: box.appendingPathComponent(name).path, withDestinationPath: target)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

extension Val {
    static func ok(_ v: Val? = nil) -> Val { .result(.ok(v)) }
    static func err(_ v: Val?) -> Val { .result(.err(v)) }
    static func bytes(_ b: [UInt8]) -> Val { .list(b.map { .u8($0) }) }
}
