import CoreRuntime
import WasmFormat

/// A component function of an instance: lifted from its core wasm, or an import it
/// re-exports. Called with component values.
public struct ComponentFunction {
    public let instance: ComponentInstance
    public let definition: ComponentFunctionDef
    public let name: String

    public var type: FuncType {
        switch definition {
        case .lifted(let l): return l.type
        case .imported(let ri):
            if case .function(let f) = instance.plan.runtimeImports[ri].kind { return f }
            return FuncType(parameters: [], result: nil)
        }
    }

    /// The signature in WIT, resources by name.
    public var wit: String { type.wit(instance.resourceName) }

    /// The canonical options a lifted function was lifted with (nil for a re-exported
    /// import): the memory, `realloc`, string encoding and `post-return` its calls use.
    public var options: CanonicalOptions? {
        guard case .lifted(let l) = definition else { return nil }
        return l.options
    }

    /// The core function a lifted function runs, as the plan names it.
    public var coreFunction: CoreDef? {
        guard case .lifted(let l) = definition else { return nil }
        return l.core
    }

    /// The core function a lifted function runs and the core arguments `arguments`
    /// lower to (strings and lists are written into the callee's memory through its
    /// `realloc`). For `explain` and for measuring what the canonical ABI costs.
    public func lowered(_ arguments: [Val]) throws -> (function: CoreRuntime.Function, arguments: [Value]) {
        guard case .lifted(let l) = definition else { throw Trap(.component("\(name) is an import, not a lifted function")) }
        let context = instance.abiContext(l.options, task: Task())
        let core = try context.lowerValues(arguments, l.type.parameterTypes, maxFlat: Layout.maxFlatParameters)
        return (try instance.coreFunction(l.core), core)
    }

    /// Calls the function from the host.
    public func call(_ arguments: [Val]) throws -> [Val] {
        try call(arguments, from: nil)
    }

    /// `strings` is the encoding the arguments' strings come from (a calling component's).
    func call(_ arguments: [Val], from caller: ComponentInstanceState?, strings: StringEncoding = .utf8) throws -> [Val] {
        switch definition {
        case .imported(let ri):
            guard case .function(let body) = instance.pre.imports[ri] else { throw Trap(.component("import is not a function")) }
            return try body(arguments)
        case .lifted(let lifted):
            return try instance.callLifted(lifted, arguments, from: caller, strings: strings)
        }
    }
}

extension ComponentInstance {
    /// The canonical ABI's lift side (CanonicalABI.md `canon_lift`, synchronous): lowers
    /// the arguments into the callee, runs the core function, lifts its results, runs
    /// `post-return`, and checks that the callee dropped every borrow it was lent.
    func callLifted(_ lifted: LiftedFunction, _ arguments: [Val], from caller: ComponentInstanceState?,
                    strings: StringEncoding = .utf8) throws -> [Val] {
        let type = lifted.type
        let options = lifted.options
        if options.isAsync { throw Trap(.unsupported("async is not supported yet: cannot call an async-lifted function")) }
        guard arguments.count == type.parameters.count else {
            throw Trap(.component("expected \(type.parameters.count) arguments, got \(arguments.count)"))
        }
        let state = states[options.instance]
        let entering = state.enteringSet(from: caller)
        guard entering.allSatisfy(\.mayEnter) else { throw Trap(.component("cannot enter component instance")) }
        for s in entering { s.mayEnter = false }
        state.context[0] = 0
        state.context[1] = 0
        let task = Task()
        var context = abiContext(options, task: task)
        context.stringSource = strings
        let function = try coreFunction(lifted.core)
        let core = try context.lowerValues(arguments, type.parameterTypes, maxFlat: Layout.maxFlatParameters)
        // A trap from here on leaves the instance poisoned (`mayEnter` stays false).
        tracer?.callingCore(function.debugName, arguments: core)
        let results = try function.call(core)
        tracer?.coreReturned(results)
        let values = try context.liftValues(results, type.resultTypes, maxFlat: Layout.maxFlatResults)
        if let p = options.postReturn, let postReturn = postReturns[p] {
            tracer?.postReturning(postReturn.debugName, arguments: results)
            state.mayLeave = false
            _ = try postReturn.call(results)
            state.mayLeave = true
        }
        try task.finish(checkingBorrows: true)
        for s in entering { s.mayEnter = true }
        return values
    }

    func abiContext(_ options: CanonicalOptions, task: Task?) -> ABIContext {
        ABIContext(instance: states[options.instance], memory: options.memory.flatMap { memories[$0] },
                   realloc: options.realloc.flatMap { reallocs[$0] }, encoding: options.encoding,
                   resourceTypes: resourceTypes, task: task, tracer: tracer)
    }

    /// The canonical ABI's lower side (`canon_lower`, synchronous): a core function that
    /// lifts the guest's arguments, calls `body`, and lowers its results back.
    func lowerHostFunction(name: String, type: FuncType, options: CanonicalOptions, resultStrings: StringEncoding = .utf8,
                           _ body: @escaping HostComponentFunction) -> CoreRuntime.Function {
        let coreType = Layout.coreSignature(of: type, lowering: true)
        let spillsResults = type.resultTypes.reduce(0) { $0 + Layout.flatCount($1) } > Layout.maxFlatResults
        return store.hostFunction(name: name, type: coreType) { [unowned self] _, core in
            let state = self.states[options.instance]
            guard state.mayLeave else { throw Trap(.component("cannot leave component instance")) }
            let task = Task()
            var context = self.abiContext(options, task: task)
            context.stringSource = resultStrings
            var parameters = core
            var resultPointer: UInt32?
            if spillsResults, case .i32(let p)? = parameters.popLast() { resultPointer = p }
            let arguments = try context.liftValues(parameters, type.parameterTypes, maxFlat: Layout.maxFlatParameters)
            let results = try body(arguments)
            guard results.count == type.resultTypes.count else {
                throw Trap(.component("\(name) returned \(results.count) results, expected \(type.resultTypes.count)"))
            }
            let out = try context.lowerValues(results, type.resultTypes, maxFlat: Layout.maxFlatResults, outPointer: resultPointer)
            try task.finish(checkingBorrows: false)
            return out
        }
    }

    /// The core function a trampoline of the plan stands for.
    func makeTrampoline(_ t: Trampoline) -> CoreRuntime.Function {
        switch t {
        case .resourceNew(let r, let instance):
            return store.hostFunction(name: "resource.new", type: t.coreType) { [unowned self] _, args in
                try self.checkMayLeave(instance)
                guard case .i32(let rep)? = args.first else { return [] }
                let handle = ResourceHandle(type: self.resourceTypes[r], rep: rep, isOwned: true, borrowScope: nil)
                return [.i32(try self.states[instance].handles.add(handle))]
            }
        case .resourceRep(let r, let instance):
            return store.hostFunction(name: "resource.rep", type: t.coreType) { [unowned self] _, args in
                guard case .i32(let index)? = args.first else { return [] }
                let h = try self.states[instance].handles.get(index)
                let type = self.resourceTypes[r]
                guard h.type === type else { throw Trap(.component("handle index \(index) is a \(h.type.name), not a \(type.name)")) }
                return [.i32(h.rep)]
            }
        case .resourceDrop(let r, let instance):
            return store.hostFunction(name: "resource.drop", type: t.coreType) { [unowned self] _, args in
                try self.checkMayLeave(instance)
                guard case .i32(let index)? = args.first else { return [] }
                try self.dropHandle(index, resource: r, in: self.states[instance])
                return []
            }
        case .contextGet(let slot, let instance):
            return store.hostFunction(name: "context.get", type: t.coreType) { [unowned self] _, _ in
                [.i32(self.states[instance].context[slot])]
            }
        case .contextSet(let slot, let instance):
            return store.hostFunction(name: "context.set", type: t.coreType) { [unowned self] _, args in
                if case .i32(let v)? = args.first { self.states[instance].context[slot] = v }
                return []
            }
        case .backpressure(let delta, let instance):
            return store.hostFunction(name: delta > 0 ? "backpressure.inc" : "backpressure.dec", type: t.coreType) { [unowned self] _, _ in
                self.states[instance].backpressure += delta
                return []
            }
        case .unsupported(let name, let type, let instance):
            return store.hostFunction(name: name, type: type) { [unowned self] _, _ in
                guard self.states[instance].mayLeave else { throw Trap(.component("cannot leave component instance")) }
                throw Trap(.unsupported("\(name) needs async support, which is not there yet"))
            }
        case .adapter(let callee, let options):
            let function = ComponentFunction(instance: self, definition: .lifted(callee), name: "adapter")
            let caller = states[options.instance]
            let isReentrant = options.instance == callee.options.instance
            return lowerHostFunction(name: "adapter", type: callee.type, options: options,
                                     resultStrings: callee.options.encoding) { args in
                // A component instance calling its own lifted function re-enters itself,
                // which wasmtime refuses (its adapters trap between the same instance).
                if isReentrant { throw Trap(.component("cannot enter component instance")) }
                return try function.call(args, from: caller, strings: options.encoding)
            }
        }
    }

    /// Built-ins may not be called while the instance may not leave (during `realloc`
    /// and `post-return`).
    func checkMayLeave(_ instance: Int) throws(Trap) {
        guard states[instance].mayLeave else { throw Trap(.component("cannot leave component instance")) }
    }

    /// `canon resource.drop` (CanonicalABI.md): an owned handle runs the destructor; a
    /// borrowed one ends its borrow.
    func dropHandle(_ index: UInt32, resource r: Int, in state: ComponentInstanceState) throws {
        let type = resourceTypes[r]
        let h = try state.handles.get(index)
        guard h.type === type else { throw Trap(.component("handle index \(index) is a \(h.type.name), not a \(type.name)")) }
        guard h.lendCount == 0 else { throw Trap(.component("cannot remove owned resource while borrowed")) }
        _ = try state.handles.remove(index)
        guard h.isOwned else {
            h.borrowScope?.borrowCount -= 1
            return
        }
        if let implementer = type.implementer, implementer !== state, !implementer.mayEnter {
            throw Trap(.component("cannot enter component instance"))
        }
        try type.destructor?(h.rep)
    }
}
