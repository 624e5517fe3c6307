import ComponentRuntime
import Foundation
import LoupeTestSupport
import Testing
import WASI

/// Nothing outside a preopened directory is reachable: `..`, absolute paths and symbolic
/// links that lead out are refused with the error code wasmtime gives (checked against
/// wasmtime 49 for preview 1: `perm` (63) for escapes, `loop` (32) for a link not followed).
struct FilesystemConfinementTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var follow: Bool
        /// What preview 1's `path_open` returns.
        var errno: Int32
        /// WASI 0.2's `error-code` for `open-at`, nil for success.
        var code: String?
        init(_ path: String, _ follow: Bool, _ errno: Int32, _ code: String?) {
            (self.path, self.follow, self.errno, self.code) = (path, follow, errno, code)
        }
        var testDescription: String { "\(path)\(follow ? "" : " (not following links)")" }
    }

    static let cases: [Case] = [
        .init("inside.txt", true, 0, nil),
        .init("sub/../inside.txt", true, 0, nil),
        .init("inner-link", true, 0, nil),
        .init("missing", true, 44, "no-entry"),
        .init("../outside.txt", true, 63, "not-permitted"),
        .init("sub/../../outside.txt", true, 63, "not-permitted"),
        .init("/etc/passwd", true, 63, "not-permitted"),
        .init("up/outside.txt", true, 63, "not-permitted"),
        .init("rel-out", true, 63, "not-permitted"),
        .init("link-out/passwd", true, 63, "not-permitted"),
        .init("abs-link", true, 63, "not-permitted"),
        .init("link-out/passwd", false, 63, "not-permitted"),
        .init("abs-link", false, 32, "loop"),
        .init("inner-link", false, 32, "loop"),
    ]

    /// A core module that opens PATH for reading in preopen 3 and exits with the errno.
    static func openingModule(_ path: String, follow: Bool) -> String {
        """
        (module
          (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "\(path)")
          (func (export "_start")
            (call $exit (call $open (i32.const 3) (i32.const \(follow ? 1 : 0)) (i32.const 16) (i32.const \(path.utf8.count))
                                    (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 8)))))
        """
    }

    @Test(.enabled(if: LoupeProcess.executable != nil, "the loupe executable is not built"), arguments: cases)
    func preview1PathOpenStaysInside(_ c: Case) throws {
        let sandbox = try Sandbox()
        let module = sandbox.root.appendingPathComponent("open.wat")
        try Data(Self.openingModule(c.path, follow: c.follow).utf8).write(to: module)
        let result = try LoupeProcess.run(["run", "--dir", "\(sandbox.box.path)::/sandbox", module.path])
        #expect(result.status == c.errno, "stderr: \(result.stderr)")
    }

    @Test(arguments: cases)
    func preview2OpenAtStaysInside(_ c: Case) throws {
        let sandbox = try Sandbox()
        let wasi = try WASIFunctions(WASIConfiguration(preopens: [.init(hostPath: sandbox.box.path, guestPath: "/sandbox")]))
        let root = try Self.preopen(wasi)
        let opened = try wasi.call("wasi:filesystem/types", "[method]descriptor.open-at", root,
                                   .flags(c.follow ? ["symlink-follow"] : []), .string(c.path), .flags([]), .flags(["read"]))
        if let code = c.code {
            #expect(opened == .err(.enum(code)))
        } else {
            guard case .result(.ok(let d?))? = opened else { Issue.record("open-at failed: \(String(describing: opened))"); return }
            let read = try wasi.call("wasi:filesystem/types", "[method]descriptor.read", d, .u64(100), .u64(0))
            #expect(read == .ok(.tuple([.bytes(Array("inside\n".utf8)), .bool(true)])))
        }
    }

    @Test func changesOutsideAreRefused() throws {
        let sandbox = try Sandbox()
        let wasi = try WASIFunctions(WASIConfiguration(preopens: [.init(hostPath: sandbox.box.path, guestPath: "/sandbox")]))
        let root = try Self.preopen(wasi)
        let types = "wasi:filesystem/types"
        #expect(try wasi.call(types, "[method]descriptor.create-directory-at", root, .string("../made")) == .err(.enum("not-permitted")))
        #expect(try wasi.call(types, "[method]descriptor.unlink-file-at", root, .string("up/outside.txt")) == .err(.enum("not-permitted")))
        #expect(try wasi.call(types, "[method]descriptor.symlink-at", root, .string("/etc"), .string("mine")) == .err(.enum("not-permitted")))
        #expect(try wasi.call(types, "[method]descriptor.stat-at", root, .flags(["symlink-follow"]), .string("rel-out")) == .err(.enum("not-permitted")))
        #expect(FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("outside.txt").path))
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("made").path))
    }

    @Test func readsWritesListsAndStatsInside() throws {
        let sandbox = try Sandbox()
        let wasi = try WASIFunctions(WASIConfiguration(preopens: [.init(hostPath: sandbox.box.path, guestPath: "/sandbox")]))
        let root = try Self.preopen(wasi)
        let types = "wasi:filesystem/types"
        #expect(try wasi.call(types, "[method]descriptor.create-directory-at", root, .string("sub/new")) == .ok(nil))
        let opened = try wasi.call(types, "[method]descriptor.open-at", root, .flags([]), .string("sub/new/f.txt"),
                                   .flags(["create"]), .flags(["read", "write"]))
        guard case .result(.ok(let file?))? = opened else { Issue.record("open-at failed: \(String(describing: opened))"); return }
        #expect(try wasi.call(types, "[method]descriptor.write", file, .bytes(Array("hello".utf8)), .u64(0)) == .ok(.u64(5)))
        guard case .result(.ok(.record(let stat)?))? = try wasi.call(types, "[method]descriptor.stat", file) else {
            Issue.record("stat failed"); return
        }
        #expect(stat.first { $0.name == "size" }?.value == .u64(5))
        #expect(stat.first { $0.name == "type" }?.value == .enum("regular-file"))
        #expect(try String(contentsOf: sandbox.box.appendingPathComponent("sub/new/f.txt"), encoding: .utf8) == "hello")

        guard case .result(.ok(let stream?))? = try wasi.call(types, "[method]descriptor.read-directory", root) else {
            Issue.record("read-directory failed"); return
        }
        var names: [String] = []
        while case .result(.ok(.option(.record(let entry)?)?))? = try wasi.call(types, "[method]directory-entry-stream.read-directory-entry", stream),
              case .string(let name)? = entry.first(where: { $0.name == "name" })?.value {
            names.append(name)
        }
        #expect(names.sorted() == ["abs-link", "inner-link", "inside.txt", "link-out", "rel-out", "sub", "up"])
    }

    /// The descriptor of the one preopened directory, checking its guest name.
    static func preopen(_ wasi: WASIFunctions) throws -> Val {
        guard case .list(let dirs)? = try wasi.call("wasi:filesystem/preopens", "get-directories"),
              case .tuple(let pair)? = dirs.first, pair.count == 2, pair[1] == .string("/sandbox") else {
            throw TestFailure("no preopen /sandbox")
        }
        return pair[0]
    }
}
