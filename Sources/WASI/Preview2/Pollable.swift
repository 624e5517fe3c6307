#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a wasi:io `pollable` waits for.
enum Pollable {
    /// Nothing: files and output streams are always ready.
    case ready
    /// A monotonic-clock instant, in nanoseconds.
    case deadline(UInt64)
    /// Input on a host descriptor (or its end).
    case readable(Int32)

    var isReady: Bool {
        switch self {
        case .ready: true
        case .deadline(let t): HostClock.monotonicNow() >= t
        case .readable(let fd): Pollable.poll([pollfd(fd: fd, events: Int16(POLLIN), revents: 0)], timeout: 0)
        }
    }

    /// Blocks until at least one of `pollables` is ready; their indices that are.
    static func wait(_ pollables: [Pollable]) -> [UInt32] {
        while true {
            let ready = pollables.indices.filter { pollables[$0].isReady }.map(UInt32.init)
            if !ready.isEmpty { return ready }
            var fds: [pollfd] = []
            var earliest: UInt64?
            for p in pollables {
                switch p {
                case .ready: break
                case .deadline(let t): earliest = min(earliest ?? t, t)
                case .readable(let fd): fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
                }
            }
            var timeout: Int32 = -1
            if let earliest {
                let now = HostClock.monotonicNow()
                let nanos = earliest > now ? earliest - now : 0
                timeout = Int32(min((nanos + 999_999) / 1_000_000, UInt64(Int32.max)))
            }
            _ = poll(fds, timeout: timeout)
        }
    }

    /// Blocks until `fd` accepts more output.
    static func wait(forWritable fd: Int32) {
        _ = poll([pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)], timeout: -1)
    }

    /// `poll(2)`: whether any descriptor has an event.
    private static func poll(_ fds: [pollfd], timeout: Int32) -> Bool {
        var fds = fds
        let n = fds.withUnsafeMutableBufferPointer { b in
            hostPoll(b.baseAddress, nfds_t(b.count), timeout)
        }
        return n > 0
    }
}
