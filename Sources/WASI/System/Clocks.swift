#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The host clocks WASI exposes, in nanoseconds.
enum HostClock {
    /// Monotonic time: only differences mean anything.
    static func monotonicNow() -> UInt64 { now(CLOCK_MONOTONIC) }

    /// Wall-clock time since the Unix epoch.
    static func wallNow() -> Timestamp {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Timestamp(t)
    }

    /// CPU time the process has used.
    static func cpuTime() -> UInt64 { now(CLOCK_PROCESS_CPUTIME_ID) }

    /// The resolution of a clock.
    static func resolution(monotonic: Bool) -> UInt64 {
        var t = timespec()
        clock_getres(monotonic ? CLOCK_MONOTONIC : CLOCK_REALTIME, &t)
        return Timestamp(t).totalNanoseconds
    }

    private static func now(_ clock: clockid_t) -> UInt64 {
        var t = timespec()
        clock_gettime(clock, &t)
        return Timestamp(t).totalNanoseconds
    }
}
