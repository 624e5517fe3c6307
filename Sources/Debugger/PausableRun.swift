import CoreRuntime
import Foundation

/// Runs wasm work (a component call, an instantiation) so that it can stop in the middle,
/// at a breakpoint or after a step, and hand control back to its caller while stopped.
///
/// The store's probes are synchronous: an observer is called with execution stopped and
/// resumes it by returning. To let a REPL prompt, print and read in between, the work
/// runs on a thread of its own; the observer parks that thread and serves the caller's
/// requests (inspect the frame, resume, abort) until told to go on. Only one thread runs
/// at a time, so the store is never touched by two at once.
public final class PausableRun: @unchecked Sendable {
    /// How execution goes on from a stop.
    public enum Resumption: Sendable {
        /// To the next breakpoint or the end.
        case run
        /// One wasm instruction, into calls.
        case stepInto
        /// One wasm instruction in this frame (or the caller's when it returns), calls run through.
        case stepOver
        /// Until the current function returns to its caller.
        case stepOut
    }

    /// Why execution stopped.
    public enum StopReason: Sendable, Equatable {
        case breakpoint
        case step
        case watch(address: UInt64, size: Int, isWrite: Bool)
    }

    /// Where execution stopped.
    public struct Stop: Sendable {
        public var reason: StopReason
        public var functionName: String
        public var functionIndex: UInt32
        /// Byte offset of the instruction about to run, in the module's binary.
        public var offset: Int?
        /// Wasm call depth, 0 for the outermost frame.
        public var depth: Int
        /// The module of the function (nil for a host function).
        public var module: CompiledModule?
        /// The instruction about to run, as WAT text.
        public var instruction: String?
    }

    /// A function entered or about to return, for a trace.
    public enum TraceEvent: Sendable {
        case entered(function: String, depth: Int, arguments: [Value])
        case exiting(function: String, depth: Int, results: [Value])
    }

    /// A watched memory access: where, how many bytes, and whether it writes.
    public struct Access: Sendable {
        public var address: UInt64
        public var size: Int
        public var isWrite: Bool
    }

    /// What a run came to: the end of the work, or a stop.
    public enum Outcome {
        case finished(Result<Any, Error>)
        case stopped(Stop)
    }

    /// The error a run aborted at a stop ends with.
    public struct Aborted: Error, CustomStringConvertible {
        public var description: String { "the call was stopped (`kill`)" }
    }

    private enum Command {
        case inspect((FrameView) -> Void)
        case resume(Resumption)
        case abort
    }

    private let store: Store
    /// Which watched accesses stop the run (all when nil); asked on the worker.
    private let stopsAtAccess: ((FrameView, Access) -> Bool)?
    /// Receives every function entry and exit when set (on the worker).
    private let trace: ((TraceEvent) -> Void)?
    private let toWorker = DispatchSemaphore(value: 0)
    private let toCaller = DispatchSemaphore(value: 0)
    private var command: Command?
    private var outcome: Outcome?
    private var mode: Resumption = .run
    private var modeDepth = 0
    /// The caller's stack size for the work: the canonical ABI and host functions
    /// recurse on the host stack (the interpreter does not).
    private static let stackSize = 64 << 20

    public private(set) var isFinished = false

    private init(store: Store, stopsAtAccess: ((FrameView, Access) -> Bool)?, trace: ((TraceEvent) -> Void)?) {
        self.store = store
        self.stopsAtAccess = stopsAtAccess
        self.trace = trace
    }

    /// Starts `work` with `store` observed; returns when it finishes or first stops.
    /// Breakpoints and watches are the store's own (`Store.addBreakpoint`,
    /// `Store.addWatch`); `stopsAtAccess` can narrow which watched accesses stop it;
    /// `trace` gets every function entry and exit.
    public static func start(on store: Store, stopsAtAccess: ((FrameView, Access) -> Bool)? = nil,
                             trace: ((TraceEvent) -> Void)? = nil,
                             _ work: @escaping () throws -> Any) -> (PausableRun, Outcome) {
        let run = PausableRun(store: store, stopsAtAccess: stopsAtAccess, trace: trace)
        store.observer = Observer(run: run)
        store.reportsFunctionEvents = trace != nil
        let handOver = HandOver(work)
        let thread = Thread { [run] in
            let result = Result { try handOver.work() }
            run.store.observer = nil
            run.store.isStepping = false
            run.store.reportsFunctionEvents = false
            run.isFinished = true
            run.post(.finished(result))
        }
        thread.stackSize = stackSize
        thread.start()
        return (run, run.awaitOutcome())
    }

    /// Resumes a stopped run; returns at its next stop or its end.
    public func resume(_ how: Resumption) -> Outcome {
        precondition(!isFinished, "resuming a finished run")
        send(.resume(how))
        return awaitOutcome()
    }

    /// Aborts a stopped run: `Aborted` is thrown where it stopped, which the store turns
    /// into a trap ("stopped by the observer") that ends the work.
    public func abort() -> Outcome {
        precondition(!isFinished, "aborting a finished run")
        send(.abort)
        return awaitOutcome()
    }

    /// Reads something of the stopped frame, on the thread that owns it.
    public func inspect<T>(_ read: @escaping (FrameView) -> T) -> T {
        precondition(!isFinished, "inspecting a finished run")
        var value: T?
        send(.inspect { value = read($0) })
        toCaller.wait()
        return value!
    }

    // MARK: The caller's side

    private func send(_ c: Command) {
        command = c
        toWorker.signal()
    }

    private func awaitOutcome() -> Outcome {
        toCaller.wait()
        let o = outcome!
        outcome = nil
        return o
    }

    // MARK: The worker's side

    private func post(_ o: Outcome) {
        outcome = o
        toCaller.signal()
    }

    /// Whether an instruction step ends the current resumption.
    fileprivate func stepEnds(at frame: FrameView) -> Bool {
        switch mode {
        case .run: false
        case .stepInto: true
        case .stepOver: frame.depth <= modeDepth
        case .stepOut: frame.depth < modeDepth
        }
    }

    /// Parks the worker at a stop, serving the caller until it says how to go on.
    fileprivate func stop(_ reason: StopReason, at frame: FrameView) throws {
        let module = frame.module
        let instruction = module.flatMap { m in frame.offset.flatMap { InstructionText.at($0, function: frame.functionIndex, in: m) } }
        post(.stopped(Stop(reason: reason, functionName: frame.functionName, functionIndex: frame.functionIndex,
                           offset: frame.offset, depth: frame.depth, module: module, instruction: instruction)))
        while true {
            toWorker.wait()
            switch command! {
            case .inspect(let read):
                read(frame)
                toCaller.signal()
            case .resume(let how):
                mode = how
                modeDepth = frame.depth
                store.isStepping = how != .run
                return
            case .abort:
                store.isStepping = false
                throw Aborted()
            }
        }
    }

    /// The work, moved to the thread that runs it (and only ever run there).
    private final class HandOver: @unchecked Sendable {
        let work: () throws -> Any
        init(_ work: @escaping () throws -> Any) { self.work = work }
    }

    private final class Observer: ExecutionObserver {
        unowned let run: PausableRun
        init(run: PausableRun) { self.run = run }

        func breakpointHit(_ frame: FrameView) throws {
            try run.stop(.breakpoint, at: frame)
        }

        func instructionStep(_ frame: FrameView) throws {
            if run.stepEnds(at: frame) { try run.stop(.step, at: frame) }
        }

        func functionEntered(_ frame: FrameView) throws {
            run.trace?(.entered(function: frame.functionName, depth: frame.depth, arguments: frame.parameters))
        }

        func functionExiting(_ frame: FrameView) throws {
            run.trace?(.exiting(function: frame.functionName, depth: frame.depth, results: frame.results))
        }

        func memoryAccess(_ frame: FrameView, address: UInt64, size: Int, isWrite: Bool) throws {
            guard run.stopsAtAccess?(frame, Access(address: address, size: size, isWrite: isWrite)) ?? true else { return }
            try run.stop(.watch(address: address, size: size, isWrite: isWrite), at: frame)
        }
    }
}
