import CoreRuntime
import Dispatch
import Testing
import WasmFormat

@Suite struct LimitTests {
    static let spin = """
    (module
      (func (export "spin") (loop $l (br $l)))
      (func (export "answer") (result i32) i32.const 42)
      (func $down (export "down") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
      (func $forever (export "forever") (result i32) (call $forever)))
    """

    @Test func fuelStopsARunawayLoopAndTheStoreGoesOn() throws {
        let (store, instance) = try instantiate(Self.spin)
        store.setFuel(10_000)
        #expect {
            try instance.function("spin")!.call([])
        } throws: { ($0 as? Trap)?.reason == .outOfFuel }
        store.setFuel(nil)
        #expect(try instance.function("answer")!.call([]) == [.i32(42)])
    }

    @Test func fuelIsConsumedPerInstruction() throws {
        let (store, instance) = try instantiate(Self.spin)
        store.setFuel(1_000)
        _ = try instance.function("answer")!.call([])
        let left = try #require(store.remainingFuel)
        #expect(left < 1_000 && left > 990)
    }

    @Test(.timeLimit(.minutes(1))) func interruptStopsAnEndlessLoopFromAnotherThread() throws {
        let (store, instance) = try instantiate(Self.spin)
        let flag = UnsafeSendablePointer(store.interruptFlag)
        let finished = DispatchSemaphore(value: 0)
        // Raise the flag every 100 ms until the call ends: on a loaded machine the call may
        // start only after a single early interrupt (which a new call clears).
        DispatchQueue.global().async {
            while finished.wait(timeout: .now() + 0.1) == .timedOut { flag.pointer.pointee = 1 }
        }
        #expect {
            try instance.function("spin")!.call([])
        } throws: { ($0 as? Trap)?.reason == .interrupted }
        finished.signal()
        #expect(try instance.function("answer")!.call([]) == [.i32(42)])
    }

    @Test func deepRecursionWorksAndEndlessRecursionExhaustsTheStack() throws {
        let (_, instance) = try instantiate(Self.spin)
        #expect(try instance.function("down")!.call([.i32(20_000)]) == [.i32(20_000)])
        #expect {
            try instance.function("forever")!.call([])
        } throws: { ($0 as? Trap)?.reason == .callStackExhausted }
        // The store survives exhaustion.
        #expect(try instance.function("down")!.call([.i32(10)]) == [.i32(10)])
    }

    @Test func memoryGrowthStopsAtTheEngineLimit() throws {
        var configuration = EngineConfiguration()
        configuration.maxMemoryBytes = 4 * 65536
        let store = Store(engine: Engine(configuration: configuration))
        let (_, instance) = try instantiate("""
        (module (memory 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
        """, store: store)
        #expect(try instance.function("grow")!.call([.i32(3)]) == [.i32(1)])
        #expect(try instance.function("grow")!.call([.i32(1)]) == [.i32(UInt32.max)])
    }

    @Test func trapsCarryTheReasonAndABacktraceWithNames() throws {
        let (_, instance) = try instantiate("""
        (module
          (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
          (func $outer (export "outer") (result i32) (call $inner (i32.const 0))))
        """)
        let trap = #expect(throws: Trap.self) { try instance.function("outer")!.call([]) }
        #expect(trap?.reason == .integerDivideByZero)
        #expect(trap?.backtrace.map(\.functionName) == ["inner", "outer"])
        #expect(trap?.backtrace.allSatisfy { $0.offset != nil } == true)
    }

    @Test func unlinkableImportNamesTheImportAndBothTypes() throws {
        let store = Store()
        let module = try compile("""
        (module (import "env" "f" (func (param i32) (result i32))))
        """)
        let wrong = store.hostFunction(type: FunctionType(parameters: [.i64], results: [])) { _, _ in [] }
        let error = #expect(throws: RuntimeError.self) { try store.instantiate(module, imports: [.function(wrong)]) }
        #expect(error?.kind == .unlinkable)
        #expect(error?.message.contains("\"env\" \"f\"") == true)
        #expect(error?.message.contains("i32") == true && error?.message.contains("i64") == true)
    }
}

/// Carries a pointer into a @Sendable closure (the interrupt flag is written from another
/// thread by design).
struct UnsafeSendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int>
    init(_ p: UnsafeMutablePointer<Int>) { pointer = p }
}
