import ComponentRuntime
import CoreRuntime

/// wasi:io: `error`, `poll` and `streams`.
extension WASIHost {
    func registerIO(_ root: LinkerNamespace) {
        let error = interface("wasi:io/error", in: root)
        error.resource("error", errorType)
        error.function("[method]error.to-debug-string") { a in
            [.string(try self.lookup(self.errors, a.rep(0), "error").message)]
        }

        let poll = interface("wasi:io/poll", in: root)
        poll.resource("pollable", pollableType)
        poll.function("[method]pollable.ready") { a in
            [.bool(try self.lookup(self.pollables, a.rep(0), "pollable").isReady)]
        }
        poll.function("[method]pollable.block") { a in
            _ = Pollable.wait([try self.lookup(self.pollables, a.rep(0), "pollable")])
            return []
        }
        poll.function("poll") { a in
            guard case .list(let handles) = try a.argument(0) else { throw Trap(.host("WASI: poll expects a list of pollables")) }
            guard !handles.isEmpty else { throw Trap(.host("WASI: poll was given an empty list of pollables")) }
            let pollables = try handles.map { try self.lookup(self.pollables, [$0].rep(0), "pollable") }
            return [.list(Pollable.wait(pollables).map { .u32($0) })]
        }

        let streams = interface("wasi:io/streams", in: root)
        registerInputStream(streams)
        registerOutputStream(streams)
    }

    private func registerInputStream(_ streams: LinkerNamespace) {
        streams.resource("input-stream", inputStreamType)
        func input(_ a: [Val]) throws -> InputStream { try lookup(inputStreams, a.rep(0), "input-stream") }
        for blocking in [false, true] {
            let prefix = blocking ? "blocking-" : ""
            streams.function("[method]input-stream.\(prefix)read") { a in
                let stream = try input(a), count = try a.u64(1)
                return [try self.streamResult { .bytes(try stream.read(count, blocking: blocking)) }]
            }
            streams.function("[method]input-stream.\(prefix)skip") { a in
                let stream = try input(a), count = try a.u64(1)
                return [try self.streamResult { .u64(try stream.skip(count, blocking: blocking)) }]
            }
        }
        streams.function("[method]input-stream.subscribe") { a in
            [self.newPollable(try input(a).pollable)]
        }
    }

    private func registerOutputStream(_ streams: LinkerNamespace) {
        streams.resource("output-stream", outputStreamType)
        func output(_ a: [Val]) throws -> OutputStream { try lookup(outputStreams, a.rep(0), "output-stream") }
        streams.function("[method]output-stream.check-write") { a in
            _ = try output(a)
            return [self.streamResult { .u64(OutputStream.writeBudget) }]
        }
        // Writes reach the host at once, so a write is already flushed and the blocking
        // and non-blocking forms do the same.
        for name in ["write", "blocking-write-and-flush"] {
            streams.function("[method]output-stream.\(name)") { a in
                let stream = try output(a), bytes = try a.bytes(1)
                guard UInt64(bytes.count) <= OutputStream.writeBudget || name != "write" else {
                    throw Trap(.host("WASI: write of \(bytes.count) bytes exceeds what check-write permitted"))
                }
                return [try self.streamResult { try stream.write(bytes); return nil }]
            }
        }
        for name in ["flush", "blocking-flush"] {
            streams.function("[method]output-stream.\(name)") { a in
                _ = try output(a)
                return [self.streamResult { nil }]
            }
        }
        for name in ["write-zeroes", "blocking-write-zeroes-and-flush"] {
            streams.function("[method]output-stream.\(name)") { a in
                let stream = try output(a), count = try a.u64(1)
                return [try self.streamResult { try stream.writeZeroes(count); return nil }]
            }
        }
        for blocking in [false, true] {
            streams.function("[method]output-stream.\(blocking ? "blocking-" : "")splice") { a in
                let stream = try output(a)
                let source = try self.lookup(self.inputStreams, a.rep(1), "input-stream"), count = try a.u64(2)
                return [try self.streamResult {
                    let bytes = try source.read(count, blocking: blocking)
                    try stream.write(bytes)
                    return .u64(UInt64(bytes.count))
                }]
            }
        }
        streams.function("[method]output-stream.subscribe") { a in
            _ = try output(a)
            return [self.newPollable(.ready)]
        }
    }

    /// `result<T, stream-error>` of a stream operation.
    func streamResult(_ body: () throws -> Val?) rethrows -> Val {
        do {
            return .ok(try body())
        } catch StreamFailure.closed {
            return .err(.variant("closed", nil))
        } catch StreamFailure.failed(let e) {
            return .err(.variant("last-operation-failed", .resource(.own(errorType, rep: errors.add(e)))))
        }
    }

    func newPollable(_ p: Pollable) -> Val {
        .resource(.own(pollableType, rep: pollables.add(p)))
    }
}
