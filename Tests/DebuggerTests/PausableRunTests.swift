import CoreRuntime
import Debugger
import Testing
import WasmFormat
import WasmText

/// A run stops at breakpoints and after steps with the caller in control, serves
/// inspections of the stopped frame, resumes in each way, and ends with the work's
/// result, or with `Aborted` when killed.
@Suite struct PausableRunTests {
    static let wat = """
    (module
      (func $double (param $n i32) (result i32)
        (i32.add (local.get $n) (local.get $n)))
      (func (export "run") (param $x i32) (result i32) (local $y i32)
        (local.set $y (call $double (local.get $x)))
        (i32.add (local.get $y) (i32.const 1))))
    """

    struct Fixture {
        let store = Store()
        let module: CompiledModule
        let instance: Instance
        let run: Function

        init() throws {
            module = try CompiledModule(bytes: WAT.parseModule(PausableRunTests.wat).bytes)
            instance = try store.instantiate(module, imports: [])
            run = instance.function("run")!
            store.usesDebugTranslation = true
        }

        func offsets(ofFunction index: Int) throws -> [(offset: Int, instruction: Instruction)] {
            try module.module.codes[index].instructions()
        }

        func start(_ x: UInt32) -> (PausableRun, PausableRun.Outcome) {
            let f = run
            return PausableRun.start(on: store) { try f.call([.i32(x)]) }
        }
    }

    static func stop(_ outcome: PausableRun.Outcome) -> PausableRun.Stop? {
        if case .stopped(let s) = outcome { return s }
        return nil
    }

    static func result(_ outcome: PausableRun.Outcome) -> [Value]? {
        if case .finished(.success(let v)) = outcome { return v as? [Value] }
        return nil
    }

    @Test func stopsAtABreakpointAndInspects() throws {
        let f = try Fixture()
        let double = try f.offsets(ofFunction: 0)
        try f.store.addBreakpoint(in: f.module, function: 0, offset: double[0].offset)
        let (run, first) = f.start(5)
        let stop = try #require(Self.stop(first))
        #expect(stop.reason == .breakpoint && stop.functionIndex == 0 && stop.offset == double[0].offset)
        #expect(stop.depth == 1 && stop.instruction == "local.get 0")
        #expect(run.inspect { $0.locals } == [.i32(5)])
        #expect(run.inspect { $0.backtrace.map(\.functionIndex) } == [0, 1])
        #expect(Self.result(run.resume(.run)) == [.i32(11)])
        #expect(run.isFinished && f.store.observer == nil)
    }

    @Test func stepsIntoOverAndOut() throws {
        let f = try Fixture()
        let body = try f.offsets(ofFunction: 1)
        try f.store.addBreakpoint(in: f.module, function: 1, offset: body[0].offset)
        // Into: from `local.get $x` to `call`, then into $double.
        var (run, outcome) = f.start(5)
        outcome = run.resume(.stepInto)
        #expect(Self.stop(outcome)?.instruction == "call 0")
        outcome = run.resume(.stepInto)
        #expect(Self.stop(outcome)?.functionIndex == 0 && Self.stop(outcome)?.depth == 1)
        // Out: back in the caller, just after the call.
        outcome = run.resume(.stepOut)
        #expect(Self.stop(outcome)?.functionIndex == 1 && Self.stop(outcome)?.instruction == "local.set 1")
        #expect(Self.result(run.resume(.run)) == [.i32(11)])

        // Over: from `call` straight to `local.set`, $double run through.
        (run, outcome) = f.start(2)
        outcome = run.resume(.stepOver)
        #expect(Self.stop(outcome)?.instruction == "call 0")
        outcome = run.resume(.stepOver)
        #expect(Self.stop(outcome)?.functionIndex == 1 && Self.stop(outcome)?.instruction == "local.set 1")
        #expect(run.inspect { $0.operandStack } == [.i32(4)])
        #expect(Self.result(run.resume(.run)) == [.i32(5)])
    }

    @Test func abortEndsTheWorkWithAborted() throws {
        let f = try Fixture()
        try f.store.addBreakpoint(in: f.module, function: 0, offset: try f.offsets(ofFunction: 0)[0].offset)
        let (run, _) = f.start(1)
        guard case .finished(.failure(let error)) = run.abort() else {
            Issue.record("the run did not end")
            return
        }
        // The observer's error reaches the caller of the wasm call as a trap.
        #expect("\(error)".contains("stopped"))
        // The store is usable again, without an observer.
        #expect(f.store.observer == nil)
        #expect(try f.run.call([.i32(1)]) == [.i32(3)])
    }

    @Test func tracesEntriesAndReturns() throws {
        let f = try Fixture()
        final class Lines: @unchecked Sendable { var items: [String] = [] }
        let lines = Lines()
        let g = f.run
        let (_, outcome) = PausableRun.start(on: f.store, trace: { event in
            switch event {
            case .entered(let name, let depth, let arguments): lines.items.append("\(depth) > \(name) \(arguments)")
            case .exiting(let name, let depth, let results): lines.items.append("\(depth) < \(name) \(results)")
            }
        }) { try g.call([.i32(3)]) }
        #expect(Self.result(outcome) == [.i32(7)])
        #expect(lines.items == ["0 > run [i32:3]", "1 > double [i32:3]", "1 < double [i32:6]", "0 < run [i32:7]"])
    }

    /// Wasm that a host function calls back runs a level deeper than the wasm that
    /// called the host: `bt` shows the caller, and stepping over the host call does not
    /// stop in the callback.
    @Test func hostCallbacksRunDeeperThanTheirCaller() throws {
        let module = try CompiledModule(bytes: WAT.parseModule("""
        (module
          (import "host" "call-back" (func $host))
          (func $inner (export "inner") (result i32) (i32.const 7))
          (func (export "run") (result i32)
            (call $host)
            (call $inner)))
        """).bytes)
        let store = Store()
        final class Box: @unchecked Sendable { var instance: Instance? }
        let box = Box()
        let host = store.hostFunction(type: FunctionType(parameters: [], results: [])) { _, _ in
            _ = try box.instance!.function("inner")!.call([])
            return []
        }
        let instance = try store.instantiate(module, imports: [.function(host)])
        box.instance = instance
        store.usesDebugTranslation = true
        let run = try module.module.codes[1].instructions()
        let inner = try module.module.codes[0].instructions()
        // A breakpoint in the callback: its backtrace goes on to `run`.
        try store.addBreakpoint(in: module, function: 1, offset: inner[0].offset)
        let f = instance.function("run")!
        var (paused, outcome) = PausableRun.start(on: store) { try f.call([]) }
        #expect(PausableRunTests.stop(outcome)?.depth == 1)
        #expect(paused.inspect { $0.backtrace.map(\.functionIndex) } == [1, 2])
        _ = paused.resume(.run)  // the breakpoint again, in the call from `run` itself
        #expect(PausableRunTests.result(paused.resume(.run)) == [.i32(7)])
        // Stepping over the host call stops after it, in `run`.
        store.removeBreakpoint(store.breakpoints[0])
        try store.addBreakpoint(in: module, function: 2, offset: run[0].offset)
        (paused, outcome) = PausableRun.start(on: store) { try f.call([]) }
        #expect(PausableRunTests.stop(outcome)?.instruction == "call 0")
        outcome = paused.resume(.stepOver)
        #expect(PausableRunTests.stop(outcome)?.functionIndex == 2 && PausableRunTests.stop(outcome)?.instruction == "call 1")
        #expect(PausableRunTests.result(paused.resume(.run)) == [.i32(7)])
    }
}
