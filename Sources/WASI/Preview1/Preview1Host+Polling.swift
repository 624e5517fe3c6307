import CoreRuntime

/// preview 1's `poll_oneoff`, and the socket functions, which the network being off
/// makes unsupported.
extension Preview1Host {
    func registerPolling(_ linker: Linker) {
        define(linker, "poll_oneoff", [.i32, .i32, .i32, .i32]) { m, a in
            let input = a.u32(0), output = a.u32(1), count = a.u32(2)
            guard count > 0 else { throw Errno.inval }
            // Each subscription is 48 bytes: userdata, then a tagged union (clock: id,
            // timeout, precision, flags; fd_read/fd_write: the descriptor).
            var subscriptions: [(userdata: UInt64, tag: UInt8, pollable: Pollable)] = []
            for i in 0..<count {
                let s = input &+ i &* 48
                let userdata = try m.u64(s), tag = try m.u8(s + 8)
                let pollable: Pollable
                switch tag {
                case 0:
                    let clock = try m.u32(s + 16), timeout = try m.u64(s + 24), absolute = try m.u16(s + 40) & 1 != 0
                    let now = try Self.clock(clock).now
                    let wait = absolute ? (timeout > now ? timeout - now : 0) : timeout
                    let (deadline, overflow) = HostClock.monotonicNow().addingReportingOverflow(wait)
                    pollable = .deadline(overflow ? .max : deadline)
                case 1, 2:
                    let f = try self.file(try m.u32(s + 16))
                    pollable = tag == 1 && f.stdioFD != nil ? .readable(f.hostFD) : .ready
                default:
                    throw Errno.inval
                }
                subscriptions.append((userdata, tag, pollable))
            }
            let ready = Pollable.wait(subscriptions.map(\.pollable))
            // Each event is 32 bytes: userdata, errno, type, then for descriptors the
            // bytes available (unknown here: 0) and flags.
            for (n, i) in ready.enumerated() {
                let e = output &+ UInt32(n) &* 32, sub = subscriptions[Int(i)]
                try m.write([UInt8](repeating: 0, count: 32), at: e)
                try m.store(sub.userdata, at: e)
                try m.store(sub.tag, at: e + 10)
            }
            try m.store(UInt32(ready.count), at: a.u32(3))
        }
        define(linker, "sock_accept", [.i32, .i32, .i32]) { _, _ in throw Errno.notsup }
        define(linker, "sock_recv", [.i32, .i32, .i32, .i32, .i32, .i32]) { _, _ in throw Errno.notsup }
        define(linker, "sock_send", [.i32, .i32, .i32, .i32, .i32]) { _, _ in throw Errno.notsup }
        define(linker, "sock_shutdown", [.i32, .i32]) { _, _ in throw Errno.notsup }
    }
}
