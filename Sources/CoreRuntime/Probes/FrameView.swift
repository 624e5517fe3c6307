import WasmFormat

/// What a probe shows of a wasm frame: the function, the instruction about to execute,
/// and the values of the locals and of the operand stack.
///
/// A frame view is valid only during the observer call that received it.
public struct FrameView {
    let store: Store
    let record: UnsafeMutablePointer<FunctionRecord>
    let pc: UnsafeMutablePointer<UInt64>
    let fp: UnsafeMutablePointer<UInt64>
    /// Call depth: 0 for the outermost wasm frame of the store's current invocations.
    public let depth: Int

    public var function: Function { Function(record: record, store: store) }

    /// The function's index in its module's function index space.
    public var functionIndex: UInt32 { record.pointee.index }

    public var functionName: String { store.name(of: record) }

    /// Byte offset in the module binary of the instruction about to execute.
    public var offset: Int? {
        guard let t = record.pointee.translated?.takeUnretainedValue() else { return nil }
        return t.wasmOffset(ofCodeIndex: pc - t.code)
    }

    /// This frame and its callers, innermost first (callers in outer invocations that a
    /// host function started included; the host frames between them are not shown).
    public var backtrace: [BacktraceFrame] {
        var frames = [store.backtraceFrame(record, pc: pc)]
        var d = min(depth, store.stack.depth)
        while d > 0 {
            d -= 1
            let f = store.stack.frames[d]
            frames.append(store.backtraceFrame(f.function, pc: f.returnPC - 1))
        }
        return frames
    }

    /// The frame `n` calls out from this one: 0 is this frame, 1 its caller, and so on
    /// (as `backtrace` lists them); nil past the outermost. A caller's view stands at its
    /// call instruction; the slots of the arguments it passed now belong to the callee.
    public func frame(_ n: Int) -> FrameView? {
        guard n > 0 else { return n == 0 ? self : nil }
        let d = min(depth, store.stack.depth) - n
        guard d >= 0 else { return nil }
        let f = store.stack.frames[d]
        return FrameView(store: store, record: f.function, pc: f.returnPC - 1, fp: f.fp, depth: d)
    }

    /// The compiled module of the function (nil for host functions).
    public var module: CompiledModule? { instance?.module }

    public var instance: Instance? {
        record.pointee.context.map { Instance(store: store, state: $0.pointee.instance.takeUnretainedValue()) }
    }

    /// Types of the parameters and declared locals, in index order.
    public var localTypes: [ValueType] {
        guard let instance else { return [] }
        let module = instance.module
        var types = module.info.functionType(ofFunction: record.pointee.index).parameters
        let defined = Int(record.pointee.index) - module.info.importedFunctionCount
        for group in module.module.codes[defined].locals {
            types += Array(repeating: group.type, count: Int(group.count))
        }
        return types
    }

    /// The arguments of the call, at a function-entry event.
    public var parameters: [Value] {
        guard let instance else { return [] }
        return store.read(instance.module.info.functionType(ofFunction: record.pointee.index).parameters, from: fp)
    }

    /// The values the function returns, at a function-exit event (where the interpreter
    /// has put them at the bottom of the frame).
    public var results: [Value] {
        guard let instance else { return [] }
        return store.read(instance.module.info.functionType(ofFunction: record.pointee.index).results, from: fp)
    }

    /// The values of the parameters and locals.
    public var locals: [Value] {
        store.read(localTypes, from: fp)
    }

    /// The operand stack before the instruction at `offset`, bottom first.
    public var operandStack: [Value] {
        guard let offset, let instance,
              let translated = record.pointee.translated?.takeUnretainedValue(),
              let entries = instance.module.operandStack(ofFunction: record.pointee.index, before: offset,
                                                         debug: translated.isDebug) else { return [] }
        return entries.map { e in
            switch e.location {
            case .home: store.read(e.type, from: fp + Int(e.home))
            case .local(let s): store.read(e.type, from: fp + Int(s))
            case .const(let bits):
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 1) { p in
                    p[0] = bits
                    return store.read(e.type, from: p.baseAddress!)
                }
            case .const128(let v): .v128(v)
            }
        }
    }
}
