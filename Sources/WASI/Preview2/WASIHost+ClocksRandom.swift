import ComponentRuntime
import CoreRuntime

/// wasi:clocks (`monotonic-clock`, `wall-clock`) and wasi:random (`random`, `insecure`,
/// `insecure-seed`).
extension WASIHost {
    func registerClocks(_ root: LinkerNamespace) {
        let monotonic = interface("wasi:clocks/monotonic-clock", in: root)
        monotonic.function("now") { _ in [.u64(HostClock.monotonicNow())] }
        monotonic.function("resolution") { _ in [.u64(HostClock.resolution(monotonic: true))] }
        monotonic.function("subscribe-instant") { a in [self.newPollable(.deadline(try a.u64(0)))] }
        monotonic.function("subscribe-duration") { a in
            let (deadline, overflow) = HostClock.monotonicNow().addingReportingOverflow(try a.u64(0))
            return [self.newPollable(.deadline(overflow ? .max : deadline))]
        }

        let wall = interface("wasi:clocks/wall-clock", in: root)
        wall.function("now") { _ in [.datetime(HostClock.wallNow())] }
        wall.function("resolution") { _ in
            let r = HostClock.resolution(monotonic: false)
            return [.datetime(Timestamp(seconds: r / 1_000_000_000, nanoseconds: UInt32(r % 1_000_000_000)))]
        }
    }

    /// The most random bytes one call may ask for: each becomes a component value on its
    /// way to the guest, and a guest cannot make the host allocate without bound.
    static let maxRandomBytes: UInt64 = 1 << 20

    func registerRandom(_ root: LinkerNamespace) {
        // The system generator is cryptographically secure, and fast enough to serve
        // the insecure interface too.
        for (name, prefix) in [("wasi:random/random", ""), ("wasi:random/insecure", "insecure-")] {
            let random = interface(name, in: root)
            random.function("get-\(prefix)random-bytes") { a in
                let count = try a.u64(0)
                guard count <= WASIHost.maxRandomBytes else {
                    throw Trap(.host("WASI: \(count) random bytes asked for at once (at most \(WASIHost.maxRandomBytes))"))
                }
                var g = SystemRandomNumberGenerator()
                return [.list((0..<Int(count)).map { _ in .u8(g.next()) })]
            }
            random.function("get-\(prefix)random-u64") { _ in [.u64(UInt64.random(in: .min ... .max))] }
        }
        let seed = interface("wasi:random/insecure-seed", in: root)
        seed.function("insecure-seed") { _ in [.tuple([.u64(self.insecureSeed.0), .u64(self.insecureSeed.1)])] }
    }
}
