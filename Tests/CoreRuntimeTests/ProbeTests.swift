import CoreRuntime
import Testing
import WasmFormat

@Suite struct ProbeTests {
    static let arithmetic = """
    (module
      (func $f (export "f") (param $x i32) (result i32) (local $y i32)
        local.get $x
        i32.const 10
        i32.add
        local.set $y
        local.get $y
        local.get $x
        i32.mul)
      (func $unused (export "unused") (result i32) i32.const 7))
    """

    @Test func breakpointFiresWithLocalsAndOperandStack() throws {
        let module = try compile(Self.arithmetic)
        let store = Store()
        let instance = try store.instantiate(module, imports: [])
        let code = try instructionOffsets(module, definedFunction: 0)
        // Stop at `i32.mul`: the stack holds y (= x + 10) and x.
        let mul = code[6].offset
        #expect(code[6].instruction == .plain(.i32Mul))
        let recorder = Recorder()
        store.observer = recorder
        try store.addBreakpoint(in: instance.function("f")!, offset: mul)
        let result = try instance.function("f")!.call([.i32(3)])
        #expect(result == [.i32(39)])
        #expect(recorder.events == [
            .init(kind: "break", function: 0, offset: mul, locals: [.i32(3), .i32(13)], stack: [.i32(13), .i32(3)]),
        ])
        // The breakpoint stays armed for the next call, and costs nothing once removed.
        _ = try instance.function("f")!.call([.i32(1)])
        #expect(recorder.events.count == 2)
        #expect(recorder.events[1].locals == [.i32(1), .i32(11)])
        store.removeBreakpoint(store.breakpoints[0])
        _ = try instance.function("f")!.call([.i32(1)])
        #expect(recorder.events.count == 2)
    }

    @Test func breakpointInsideALoopFiresEveryIteration() throws {
        let (store, instance) = try instantiate("""
        (module (func (export "count") (param $n i32) (result i32) (local $i i32)
          (loop $l
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
          (local.get $i)))
        """)
        let module = instance.module
        let code = try instructionOffsets(module, definedFunction: 0)
        let add = code.first { $0.instruction == .plain(.i32Add) }!.offset
        let recorder = Recorder()
        store.observer = recorder
        try store.addBreakpoint(in: instance.function("count")!, offset: add)
        #expect(try instance.function("count")!.call([.i32(5)]) == [.i32(5)])
        #expect(recorder.events.map(\.locals) == (0..<5).map { [.i32(5), .i32(UInt32($0))] })
    }

    @Test func breakpointInAFunctionNeverCalledNeverFires() throws {
        let module = try compile(Self.arithmetic)
        let store = Store()
        let instance = try store.instantiate(module, imports: [])
        let recorder = Recorder()
        store.observer = recorder
        let code = try instructionOffsets(module, definedFunction: 1)
        try store.addBreakpoint(in: instance.function("unused")!, offset: code[0].offset)
        #expect(try instance.function("f")!.call([.i32(2)]) == [.i32(24)])
        #expect(recorder.events.isEmpty)
    }

    /// Translated code belongs to the module, which stores share: a breakpoint one store
    /// sets is silent in another, survives the other's own breakpoint coming and going,
    /// and leaves the code when its store goes.
    @Test func storesSharingAModuleKeepTheirBreakpointsApart() throws {
        let module = try compile(Self.arithmetic)
        let mul = try instructionOffsets(module, definedFunction: 0)[6].offset
        let storeB = Store()
        let b = try storeB.instantiate(module, imports: [])
        let recorderB = Recorder()
        storeB.observer = recorderB
        weak var released: Store?
        do {
            let storeA = Store()
            released = storeA
            let a = try storeA.instantiate(module, imports: [])
            let recorderA = Recorder()
            storeA.observer = recorderA
            try storeA.addBreakpoint(in: module, function: 0, offset: mul)
            #expect(try a.function("f")!.call([.i32(3)]) == [.i32(39)])
            #expect(try b.function("f")!.call([.i32(3)]) == [.i32(39)])
            #expect(recorderA.events.count == 1 && recorderB.events.isEmpty)
            // Both set it; B removes its own; A's still fires, B's no longer.
            try storeB.addBreakpoint(in: module, function: 0, offset: mul)
            #expect(try b.function("f")!.call([.i32(1)]) == [.i32(11)])
            #expect(recorderB.events.count == 1)
            storeB.removeBreakpoint(storeB.breakpoints[0])
            #expect(try a.function("f")!.call([.i32(1)]) == [.i32(11)])
            #expect(try b.function("f")!.call([.i32(1)]) == [.i32(11)])
            #expect(recorderA.events.count == 2 && recorderB.events.count == 1)
        }
        // Store A is gone, its breakpoint with it; B runs on unaffected.
        #expect(released == nil)
        #expect(try b.function("f")!.call([.i32(2)]) == [.i32(24)])
        #expect(recorderB.events.count == 1)
    }

    @Test func breakpointRejectsAnOffsetWithoutInstruction() throws {
        let (store, instance) = try instantiate(Self.arithmetic)
        #expect(throws: RuntimeError.self) { try store.addBreakpoint(in: instance.function("f")!, offset: 1) }
    }

    @Test func debugSteppingStopsAtEveryInstructionWithItsStack() throws {
        let module = try compile(Self.arithmetic)
        let store = Store()
        store.usesDebugTranslation = true
        let instance = try store.instantiate(module, imports: [])
        let recorder = Recorder()
        store.observer = recorder
        store.isStepping = true
        #expect(try instance.function("f")!.call([.i32(2)]) == [.i32(24)])
        store.isStepping = false
        let code = try instructionOffsets(module, definedFunction: 0)
        // One stop per instruction, the final `end` included, in order.
        #expect(recorder.events.map(\.offset) == code.map(\.offset))
        #expect(recorder.events.map(\.stack) == [
            [], [.i32(2)], [.i32(2), .i32(10)], [.i32(12)], [], [.i32(12)], [.i32(12), .i32(2)], [.i32(24)],
        ])
        #expect(recorder.events[4].locals == [.i32(2), .i32(12)])
    }

    @Test func fastSteppingStopsAtInstructionsWithCodeInOrder() throws {
        let module = try compile(Self.arithmetic)
        let store = Store()
        let instance = try store.instantiate(module, imports: [])
        let recorder = Recorder()
        store.observer = recorder
        store.isStepping = true
        #expect(try instance.function("f")!.call([.i32(2)]) == [.i32(24)])
        let offsets = recorder.events.compactMap(\.offset)
        #expect(!offsets.isEmpty)
        #expect(offsets == offsets.sorted())
        // Whatever the stop, the operand stack it shows is the real one: at `local.set`
        // it holds x + 10.
        let code = try instructionOffsets(module, definedFunction: 0)
        if let stop = recorder.events.first(where: { $0.offset == code[3].offset }) {
            #expect(stop.stack == [.i32(12)])
        }
    }

    @Test func functionEventsNestInCallOrder() throws {
        let (store, instance) = try instantiate("""
        (module
          (func $leaf (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
          (func $mid (param i32) (result i32) (call $leaf (i32.add (local.get 0) (i32.const 1))))
          (func (export "top") (result i32) (call $mid (i32.const 4))))
        """)
        let recorder = Recorder()
        store.observer = recorder
        store.reportsFunctionEvents = true
        #expect(try instance.function("top")!.call([]) == [.i32(10)])
        #expect(recorder.events.map { "\($0.kind) \($0.function)" } == [
            "enter 2", "enter 1", "enter 0", "exit 0", "exit 1", "exit 2",
        ])
        #expect(recorder.events[2].locals == [.i32(5)])
    }

    @Test func memoryWatchReportsWritesAndReads() throws {
        let (store, instance) = try instantiate("""
        (module (memory 1)
          (func (export "poke") (param $a i32) (param $v i32)
            (i32.store (local.get $a) (local.get $v)))
          (func (export "peek") (param $a i32) (result i32)
            (i32.load8_u offset=1 (local.get $a))))
        """)
        let recorder = Recorder()
        store.observer = recorder
        store.addWatch(MemoryWatch(address: 100, size: 4, onRead: true, onWrite: true))
        _ = try instance.function("poke")!.call([.i32(200), .i32(1)])
        #expect(recorder.accesses.isEmpty)
        _ = try instance.function("poke")!.call([.i32(98), .i32(1)])
        _ = try instance.function("peek")!.call([.i32(102)])
        #expect(recorder.accesses.map { "\($0.address)/\($0.size)/\($0.isWrite)" } == ["98/4/true", "103/1/false"])
    }

    @Test func countersCountCallsAndLoops() throws {
        let (_, instance) = try instantiate("""
        (module
          (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func (export "run") (param $n i32) (result i32) (local $i i32)
            (loop $l
              (local.set $i (call $inc (local.get $i)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $i)))
        """)
        #expect(try instance.function("run")!.call([.i32(100_000)]) == [.i32(100_000)])
        #expect(instance.functions[0].callCount == 100_000)
        #expect(instance.functions[1].callCount == 1)
        // Loop iterations are credited in batches; almost all of them are counted.
        #expect(instance.functions[1].loopCount > 90_000 && instance.functions[1].loopCount <= 100_000)
    }
}
