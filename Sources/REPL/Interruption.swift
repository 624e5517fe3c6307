import CoreRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C while a call runs sets the running store's interrupt flag, so the call ends
/// with an "interrupted" trap and the session goes on; at the prompt it abandons the line.
///
/// NB: a signal handler may only touch plain memory, hence the globals: the flag of the
/// store that runs now, and whether a signal came while none did.
enum Interruption {
    nonisolated(unsafe) static var runningFlag: UnsafeMutablePointer<Int>?
    nonisolated(unsafe) static var pending: sig_atomic_t = 0

    /// Runs `body` with Ctrl-C aimed at `store`.
    static func during<T>(_ store: Store, _ body: () throws -> T) rethrows -> T {
        let saved = runningFlag
        runningFlag = store.interruptFlag
        defer { runningFlag = saved }
        return try body()
    }

    /// Installs the SIGINT handler, without SA_RESTART so that a read at the prompt
    /// returns and the line editor can start a fresh line.
    static func install() {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in
            if let flag = Interruption.runningFlag { flag.pointee = 1 } else { Interruption.pending = 1 }
        }
        #else
        action.__sigaction_u.__sa_handler = { _ in
            if let flag = Interruption.runningFlag { flag.pointee = 1 } else { Interruption.pending = 1 }
        }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have started us with SIGINT blocked (the mask survives exec).
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
    }
}
