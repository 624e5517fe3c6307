import Foundation
import LoupeTestSupport
import Testing

/// `loupe run` end to end: the preview 1 commands of `../shared/components/core` print
/// what wasmtime prints, and a guest's exit status, input and output pass through.
@Suite(.enabled(if: LoupeProcess.executable != nil, "the loupe executable is not built"))
struct CommandTests {
    /// What `wasmtime run` 49 prints for them.
    static let wasmtimeOutput: [(arguments: [String], stdout: String)] = [
        (["core/c-bench.wasm", "25"], """
        fib(25) = 75025
        primes <= 1000000: 78498
        sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        sha256^10000 = 571e1e3868f1edad...

        """),
        (["core/rust-hello.wasm", "a", "b"], """
        hello from rust ["rust-hello.wasm", "a", "b"]; fib(20) = 6765; squares = [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]

        """),
    ]

    @Test(.enabled(if: TestEnvironment.components != nil, "no ../shared/components (set LOUPE_SHARED)"),
          arguments: 0..<wasmtimeOutput.count)
    func coreCommandsPrintWhatWasmtimePrints(_ index: Int) throws {
        let (arguments, expected) = Self.wasmtimeOutput[index]
        let file = TestEnvironment.components!.appendingPathComponent(arguments[0]).path
        let result = try LoupeProcess.run(["run", file] + arguments.dropFirst())
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == expected)
        if let wasmtime = TestEnvironment.referenceTools?.appendingPathComponent("wasmtime"),
           FileManager.default.isExecutableFile(atPath: wasmtime.path) {
            let p = Process()
            p.executableURL = wasmtime
            p.arguments = ["run", file] + arguments.dropFirst()
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(String(decoding: data, as: UTF8.self) == expected, "wasmtime itself prints something else now")
        }
    }

    /// A preview 1 command that copies stdin to stdout, says so on stderr, and exits with
    /// the number of bytes it read.
    static let catModule = """
    (module
      (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (memory (export "memory") 1)
      (data (i32.const 64) "copied\\n")
      (func (export "_start")
        (local $n i32)
        ;; iovec at 0: buffer 1024, length 512
        (i32.store (i32.const 0) (i32.const 1024))
        (i32.store (i32.const 4) (i32.const 512))
        (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 16)))
        (local.set $n (i32.load (i32.const 16)))
        (i32.store (i32.const 4) (local.get $n))
        (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))
        ;; iovec at 32: "copied\\n"
        (i32.store (i32.const 32) (i32.const 64))
        (i32.store (i32.const 36) (i32.const 7))
        (drop (call $write (i32.const 2) (i32.const 32) (i32.const 1) (i32.const 16)))
        (call $exit (local.get $n))))
    """

    @Test func stdinStdoutStderrAndTheExitStatusPassThrough() throws {
        let sandbox = try Sandbox()
        let module = sandbox.root.appendingPathComponent("cat.wat")
        try Data(Self.catModule.utf8).write(to: module)
        let result = try LoupeProcess.run(["run", module.path], stdin: "hello, wasi")
        #expect(result.stdout == "hello, wasi")
        #expect(result.stderr == "copied\n")
        #expect(result.status == 11)
    }

    @Test func aTrapEndsWithStatusOneAndSaysWhy() throws {
        let sandbox = try Sandbox()
        let module = sandbox.root.appendingPathComponent("trap.wat")
        try Data("(module (memory (export \"memory\") 1) (func (export \"_start\") unreachable))".utf8).write(to: module)
        let result = try LoupeProcess.run(["run", module.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("unreachable"))
    }

    @Test func aFileWithoutAnEntryPointIsRefused() throws {
        let sandbox = try Sandbox()
        let module = sandbox.root.appendingPathComponent("lib.wat")
        try Data("(module (func (export \"f\")))".utf8).write(to: module)
        let result = try LoupeProcess.run(["run", module.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("_start"))
    }
}
