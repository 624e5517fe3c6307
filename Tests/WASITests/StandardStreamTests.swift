#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentRuntime
import CoreRuntime
import Foundation
import Testing
import WASI

/// stdin, stdout and stderr of the WASI 0.2 host over real host descriptors: reads that
/// wait or not, readiness, the end of input, and writes reaching the host at once.
struct StandardStreamTests {
    @Test func stdinReadsBlockingAndNonBlockingUntilItEnds() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let wasi = try WASIFunctions(WASIConfiguration(stdin: fds[0]))
        let streams = "wasi:io/streams"
        let stdin = try #require(try wasi.call("wasi:cli/stdin", "get-stdin"))
        let pollable = try #require(try wasi.call(streams, "[method]input-stream.subscribe", stdin))
        #expect(try wasi.call("wasi:io/poll", "[method]pollable.ready", pollable) == .bool(false))
        #expect(try wasi.call(streams, "[method]input-stream.read", stdin, .u64(10)) == .ok(.bytes([])))
        #expect(write(fds[1], "abc", 3) == 3)
        #expect(try wasi.call("wasi:io/poll", "[method]pollable.ready", pollable) == .bool(true))
        #expect(try wasi.call("wasi:io/poll", "poll", .list([pollable])) == .list([.u32(0)]))
        #expect(try wasi.call(streams, "[method]input-stream.blocking-read", stdin, .u64(2)) == .ok(.bytes(Array("ab".utf8))))
        #expect(try wasi.call(streams, "[method]input-stream.read", stdin, .u64(10)) == .ok(.bytes(Array("c".utf8))))
        close(fds[1])
        #expect(try wasi.call(streams, "[method]input-stream.blocking-read", stdin, .u64(10)) == .err(.variant("closed", nil)))
    }

    @Test func stdoutAndStderrWritesReachTheHostAtOnce() throws {
        let out = try #require(tmpfile()), err = try #require(tmpfile())
        defer {
            fclose(out)
            fclose(err)
        }
        let wasi = try WASIFunctions(WASIConfiguration(stdout: fileno(out), stderr: fileno(err)))
        let streams = "wasi:io/streams"
        let stdout = try #require(try wasi.call("wasi:cli/stdout", "get-stdout"))
        let stderr = try #require(try wasi.call("wasi:cli/stderr", "get-stderr"))
        guard case .result(.ok(.u64(let budget)?))? = try wasi.call(streams, "[method]output-stream.check-write", stdout) else {
            Issue.record("check-write failed"); return
        }
        #expect(budget > 0)
        #expect(try wasi.call(streams, "[method]output-stream.write", stdout, .bytes(Array("to ".utf8))) == .ok())
        #expect(try wasi.call(streams, "[method]output-stream.blocking-write-and-flush", stdout, .bytes(Array("stdout".utf8))) == .ok())
        #expect(try wasi.call(streams, "[method]output-stream.blocking-write-and-flush", stderr, .bytes(Array("to stderr".utf8))) == .ok())
        #expect(try wasi.call(streams, "[method]output-stream.flush", stdout) == .ok())
        #expect(Self.contents(out) == "to stdout")
        #expect(Self.contents(err) == "to stderr")
    }

    @Test func writingToAClosedPipeReportsClosed() throws {
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        defer { close(fds[1]) }
        let wasi = try WASIFunctions(WASIConfiguration(stdout: fds[1]))
        let stdout = try #require(try wasi.call("wasi:cli/stdout", "get-stdout"))
        #expect(try wasi.call("wasi:io/streams", "[method]output-stream.blocking-write-and-flush", stdout, .bytes([1]))
            == .err(.variant("closed", nil)))
    }

    /// A guest's `exit` ends the run with its status, as a trap carrying it.
    @Test func exitCarriesTheStatus() throws {
        let wasi = try WASIFunctions(WASIConfiguration())
        for (status, value): (Int32, Val) in [(0, .ok()), (1, .err(nil))] {
            let trap = #expect(throws: Trap.self) { try wasi.call("wasi:cli/exit", "exit", value) }
            #expect(trap?.reason == .exit(status))
        }
        let trap = #expect(throws: Trap.self) { try wasi.call("wasi:cli/exit", "exit-with-code", .u8(42)) }
        #expect(trap?.reason == .exit(42))
    }

    static func contents(_ file: UnsafeMutablePointer<FILE>) -> String {
        rewind(file)
        var bytes: [UInt8] = []
        while case let c = fgetc(file), c != EOF { bytes.append(UInt8(c)) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
