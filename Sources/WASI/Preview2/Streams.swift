#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a stream operation did not go through (wasi:io's `stream-error`): the stream has
/// ended, or the operation failed and the stream is unusable from then on.
enum StreamFailure: Error {
    case closed
    case failed(IOError)

    /// The failure of the system call that just returned -1 (a broken pipe is the end).
    static var last: StreamFailure {
        let code = errno
        return code == EPIPE ? .closed : .failed(IOError(message: String(cString: strerror(code)), code: FileError(errno: code)))
    }
}

/// The most one read hands back, whatever the guest asks for: a guest cannot make the
/// host allocate without bound.
let maxReadLength = 1 << 20

/// A wasi:io `input-stream`: the host's stdin, or a file read from an offset on.
final class InputStream {
    enum Source {
        /// A host descriptor the host does not own (stdin).
        case descriptor(Int32)
        case file(OpenFile)
    }

    let source: Source
    private(set) var offset: UInt64
    private var ended = false

    init(_ source: Source, offset: UInt64 = 0) {
        self.source = source
        self.offset = offset
    }

    /// Reads up to `count` bytes. A non-blocking read of a descriptor returns what is
    /// available now, possibly nothing; the end of the input is `closed`.
    func read(_ count: UInt64, blocking: Bool) throws(StreamFailure) -> [UInt8] {
        if ended { throw .closed }
        let n = Int(min(count, UInt64(maxReadLength)))
        if n == 0 { return [] }
        var buffer = [UInt8](repeating: 0, count: n)
        let got: Int
        switch source {
        case .descriptor(let fd):
            if !blocking && !Pollable.readable(fd).isReady { return [] }
            got = buffer.withUnsafeMutableBytes { b in retryingInterrupts { hostRead(fd, b.baseAddress, n) } }
        case .file(let file):
            got = buffer.withUnsafeMutableBytes { b in retryingInterrupts { pread(file.fd, b.baseAddress, n, off_t(offset)) } }
        }
        if got < 0 { throw StreamFailure.last }
        if got == 0 {
            ended = true
            throw .closed
        }
        offset += UInt64(got)
        return Array(buffer[..<got])
    }

    /// Skips up to `count` bytes; how many were skipped.
    func skip(_ count: UInt64, blocking: Bool) throws(StreamFailure) -> UInt64 {
        UInt64(try read(count, blocking: blocking).count)
    }

    /// What a guest waits on before reading: a descriptor's readiness, else nothing.
    var pollable: Pollable {
        if case .descriptor(let fd) = source { return .readable(fd) }
        return .ready
    }
}

/// A wasi:io `output-stream`: the host's stdout or stderr, or a file written at an offset
/// or appended to. Writes go straight to the host (nothing is buffered), so `flush`
/// has nothing to do.
final class OutputStream {
    enum Sink {
        /// A host descriptor the host does not own (stdout, stderr).
        case descriptor(Int32)
        case file(OpenFile)
        case append(OpenFile)
    }

    let sink: Sink
    private(set) var offset: UInt64
    private var failed = false

    init(_ sink: Sink, offset: UInt64 = 0) {
        self.sink = sink
        self.offset = offset
    }

    /// How much `check-write` permits at once.
    static let writeBudget: UInt64 = 1 << 20

    func write(_ bytes: [UInt8]) throws(StreamFailure) {
        if failed { throw .closed }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { b -> Int in
                let p = b.baseAddress! + done, count = bytes.count - done
                return retryingInterrupts {
                    switch sink {
                    case .descriptor(let fd): hostWrite(fd, p, count)
                    case .file(let file): pwrite(file.fd, p, count, off_t(offset))
                    case .append(let file): pwrite(file.fd, p, count, off_t((try? FileStatus.of(file.fd).size) ?? 0))
                    }
                }
            }
            if n < 0 {
                if errno == EAGAIN, case .descriptor(let fd) = sink {
                    Pollable.wait(forWritable: fd)
                    continue
                }
                failed = true
                throw StreamFailure.last
            }
            done += n
            offset += UInt64(n)
        }
    }

    /// Writes `count` zero bytes.
    func writeZeroes(_ count: UInt64) throws(StreamFailure) {
        var left = count
        while left > 0 {
            let n = min(left, UInt64(64 << 10))
            try write([UInt8](repeating: 0, count: Int(n)))
            left -= n
        }
    }
}

/// Repeats a system call interrupted by a signal.
func retryingInterrupts(_ call: () -> Int) -> Int {
    while true {
        let r = call()
        if r >= 0 || errno != EINTR { return r }
    }
}
