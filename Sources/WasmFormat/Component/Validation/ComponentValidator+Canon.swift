/// Canonical definitions: `lift` and `lower` (options checked against what the function
/// type needs, core signatures against `flatten_functype`), and the built-ins, each of
/// which defines a core function of a fixed signature.
extension ComponentChecker {
    /// The canonical options of one definition, checked individually.
    struct CanonicalOptions {
        var encoding: CanonOption?
        var memory: MemoryType?
        var realloc: UInt32?
        var postReturn: UInt32?
        var async = false
        var callback: UInt32?
        var coreType: UInt32?
        var gc = false

        var pointer64: Bool { memory?.limits.addressType == .i64 }
    }

    static func encodingName(_ o: CanonOption) -> String {
        switch o {
        case .utf16: "utf16"
        case .latin1UTF16: "latin1-utf16"
        default: "utf8"
        }
    }

    func canonicalOptions(_ options: [CanonOption]) throws(WasmError) -> CanonicalOptions {
        var o = CanonicalOptions()
        func once(_ present: Bool, _ name: String) throws(WasmError) {
            if present { throw invalid("canonical option `\(name)` is specified more than once") }
        }
        for option in options {
            switch option {
            case .utf8, .utf16, .latin1UTF16:
                if let previous = o.encoding {
                    throw invalid("canonical encoding option `\(Self.encodingName(previous))` conflicts with option `\(Self.encodingName(option))`")
                }
                o.encoding = option
            case .memory(let m):
                try once(o.memory != nil, "memory")
                let memory = try coreMemory(m)
                guard !memory.limits.shared else { throw invalid("mismatch in the shared flag for memories") }
                try checkAddressType(memory)
                o.memory = memory
            case .realloc(let f):
                try once(o.realloc != nil, "realloc")
                _ = try coreFunction(f)
                o.realloc = f
            case .postReturn(let f):
                try once(o.postReturn != nil, "post-return")
                _ = try coreFunction(f)
                o.postReturn = f
            case .async:
                try once(o.async, "async")
                o.async = true
            case .callback(let f):
                try once(o.callback != nil, "callback")
                _ = try coreFunction(f)
                o.callback = f
            case .coreType(let t):
                try once(o.coreType != nil, "core-type")
                o.coreType = t
            case .gc:
                try once(o.gc, "gc")
                o.gc = true
            }
        }
        if let f = o.realloc {
            guard let memory = o.memory else { throw invalid("canonical option `realloc` requires `memory` to also be specified") }
            let a: ValueType = memory.limits.addressType == .i64 ? .i64 : .i32
            guard try coreFunction(f) == FunctionType(parameters: [a, a, a, a], results: [a]) else {
                throw invalid("canonical option `realloc` uses a core function with an incorrect signature")
            }
        }
        if let f = o.callback {
            guard try coreFunction(f) == FunctionType(parameters: [.i32, .i32, .i32], results: [.i32]) else {
                throw invalid("canonical option `callback` uses a core function with an incorrect signature")
            }
        }
        return o
    }

    /// 64-bit memories in canonical options and built-ins are the `cm64` proposal.
    func checkAddressType(_ memory: MemoryType) throws(WasmError) {
        if memory.limits.addressType == .i64, !features.contains(.memory64) {
            throw invalid("64-bit memories require the `cm64` feature to be enabled")
        }
    }

    /// The `async` forms of the cancellation built-ins are the `cm-more-async-builtins` proposal.
    func checkAsyncBuiltin(_ async: Bool, _ what: String) throws(WasmError) {
        if async, !features.contains(.moreAsyncBuiltins) {
            throw invalid("async `\(what)` requires the component model more async builtins feature")
        }
    }

    /// The thread built-ins other than `thread.yield` are the `cm-threading` proposal.
    func checkThreading(_ what: String) throws(WasmError) {
        guard features.contains(.threading) else {
            throw invalid("`\(what)` requires the component model threading feature")
        }
    }

    func require(_ o: CanonicalOptions, memory: Bool, realloc: Bool) throws(WasmError) {
        if (memory || realloc) && o.memory == nil { throw invalid("canonical option `memory` is required") }
        if realloc && o.realloc == nil { throw invalid("canonical option `realloc` is required") }
    }

    static func typeList(_ ts: [ValueType]) -> String {
        "[" + ts.map { CoreTypeText.value($0).uppercased() }.joined(separator: ", ") + "]"
    }

    // MARK: Definitions

    mutating func defineCanon(_ canon: Canon) throws(WasmError) {
        offset = canon.offset
        switch canon.kind {
        case .lift(let coreFunctionIndex, let options, let typeIndex):
            try lift(coreFunctionIndex, options, typeIndex)
        case .lower(let functionIndex, let options):
            try lower(functionIndex, options)
        default:
            scope.coreFunctions.append(try builtin(canon.kind))
        }
    }

    mutating func lift(_ coreFunctionIndex: UInt32, _ options: [CanonOption], _ typeIndex: UInt32) throws(WasmError) {
        let core = try coreFunction(coreFunctionIndex)
        let o = try canonicalOptions(options)
        let typeID = try typeID(typeIndex)
        guard let f = arena.function(typeID) else { throw invalid("type index \(typeIndex) is not a function type") }
        if o.async {
            guard o.postReturn == nil else { throw invalid("cannot specify post-return function in async") }
            guard f.isAsync else { throw invalid("the `async` canonical option requires an async function type") }
        } else if o.callback != nil {
            throw invalid("cannot specify callback without async")
        }
        let signature = CanonicalSignature(parameters: f.parameters.map { layout($0.type) },
                                           result: f.result.map { layout($0) }, pointer64: o.pointer64)
        if !o.gc {
            let params = signature.flatParameters
            let paramsNeedMemory = signature.parameters.contains { $0.needsMemory }
                || (params?.count ?? .max) > ValueTypeLayout.maximumFlatParameters
            let resultLimit = o.async ? ValueTypeLayout.maximumFlatParameters : ValueTypeLayout.maximumFlatResults
            let resultNeedsMemory = (signature.result?.needsMemory ?? false)
                || (signature.flatResults?.count ?? .max) > resultLimit
            try require(o, memory: paramsNeedMemory || resultNeedsMemory, realloc: paramsNeedMemory)
        }
        let expected = try expectedCoreType(o, signature, lift: true)
        if o.gc {
            // The core function's reference types are its module's; only a `core-type`
            // signature can be checked against the component type here.
            if o.coreType != nil { try checkGarbageCollectedSignature(f, expected, utf16: o.encoding == .utf16) }
        } else {
            try compare(lowered: expected, core, coreFunctionIndex)
        }
        if let p = o.postReturn {
            guard try coreFunction(p) == FunctionType(parameters: expected.results, results: []) else {
                throw invalid("canonical option `post-return` uses a core function with an incorrect signature")
            }
        }
        scope.functions.append(typeID)
    }

    mutating func lower(_ functionIndex: UInt32, _ options: [CanonOption]) throws(WasmError) {
        let typeID = try functionTypeID(functionIndex)
        let o = try canonicalOptions(options)
        guard let f = arena.function(typeID) else { throw invalid("function \(functionIndex) has no function type") }
        guard o.postReturn == nil else { throw invalid("canonical option `post-return` cannot be specified for lowerings") }
        guard o.callback == nil else { throw invalid("canonical option `callback` cannot be specified for lowerings") }
        if o.async, !f.isAsync { throw invalid("the `async` canonical option requires an async function type") }
        let signature = CanonicalSignature(parameters: f.parameters.map { layout($0.type) },
                                           result: f.result.map { layout($0) }, pointer64: o.pointer64)
        if !o.gc {
            let paramLimit = o.async ? ValueTypeLayout.maximumFlatAsyncParameters : ValueTypeLayout.maximumFlatParameters
            let paramsNeedMemory = signature.parameters.contains { $0.needsMemory }
                || (signature.flatParameters?.count ?? .max) > paramLimit
            let resultNeedsRealloc = signature.result?.needsMemory ?? false
            let resultNeedsMemory = resultNeedsRealloc || (o.async && signature.result != nil)
                || (signature.flatResults?.count ?? .max) > ValueTypeLayout.maximumFlatResults
            try require(o, memory: paramsNeedMemory || resultNeedsMemory, realloc: resultNeedsRealloc)
        }
        let defined = try expectedCoreType(o, signature, lift: false)
        if o.gc, o.coreType != nil { try checkGarbageCollectedSignature(f, defined, utf16: o.encoding == .utf16) }
        scope.coreFunctions.append(defined)
    }

    /// The core function type a lift expects or a lower defines: `flatten_functype`, or
    /// the `core-type` option's type under the GC lowering.
    func expectedCoreType(_ o: CanonicalOptions, _ signature: CanonicalSignature, lift: Bool) throws(WasmError) -> FunctionType {
        if let t = o.coreType {
            guard case .subtype(let s) = try lookup(scope.coreTypes, t, "core type", "type"),
                  case .function(let f) = s.composite else {
                throw invalid("core type index \(t) is not a function type")
            }
            return f
        }
        return signature.coreType(lift: lift, async: o.async, callback: o.callback != nil)
    }

    func compare(lowered expected: FunctionType, _ actual: FunctionType, _ index: UInt32) throws(WasmError) {
        guard expected.parameters == actual.parameters else {
            throw invalid("lowered parameter types `\(Self.typeList(expected.parameters))` do not match parameter types `\(Self.typeList(actual.parameters))` of core function \(index)")
        }
        guard expected.results == actual.results else {
            throw invalid("lowered result types `\(Self.typeList(expected.results))` do not match result types `\(Self.typeList(actual.results))` of core function \(index)")
        }
    }

    // MARK: Built-ins

    func locallyDefinedResource(_ index: UInt32) throws(WasmError) -> ValueType {
        let id = try resourceType(index)
        let info = arena[arena.resource(id)!]
        guard case .defined(let representation, _) = info.origin, info.definingComponent == componentSerials.last else {
            throw invalid("resource type \(index) is not a resource type defined in the current component")
        }
        return representation
    }

    func streamOrFuture(_ index: UInt32, stream: Bool, _ what: String) throws(WasmError) -> ComponentValueType? {
        let id = try typeID(index)
        switch arena.valueType(id) {
        case .stream(let t) where stream: return t
        case .future(let t) where !stream: return t
        default: throw invalid("`\(what)` requires a \(stream ? "stream" : "future") type")
        }
    }

    /// The core signature of a built-in, after its own checks.
    mutating func builtin(_ kind: Canon.Kind) throws(WasmError) -> FunctionType {
        func sig(_ p: [ValueType], _ r: [ValueType]) -> FunctionType { FunctionType(parameters: p, results: r) }
        switch kind {
        case .lift, .lower:
            return sig([], [])
        case .resourceNew(let t):
            return sig([try locallyDefinedResource(t)], [.i32])
        case .resourceDrop(let t):
            _ = try resourceType(t)
            return sig([.i32], [])
        case .resourceRep(let t):
            return sig([.i32], [try locallyDefinedResource(t)])
        case .backpressureIncrement, .backpressureDecrement, .taskCancel:
            return sig([], [])
        case .taskReturn(let result, let options):
            let o = try canonicalOptions(options)
            guard !o.async else { throw invalid("cannot specify `async` option on `task.return`") }
            guard o.postReturn == nil else { throw invalid("cannot specify `post-return` option on `task.return`") }
            guard o.callback == nil else { throw invalid("cannot specify callback without async") }
            // The results are the callee's to read from its own memory: nothing is allocated.
            guard o.realloc == nil else { throw invalid("cannot specify `realloc` option on `task.return`") }
            let resultType = try optionalValueType(result)
            let l = resultType.map { layout($0) }
            let flat = l?.flat(pointer64: o.pointer64)
            let overflows = (flat?.count ?? .max) > ValueTypeLayout.maximumFlatParameters
            if let l, !o.gc { try require(o, memory: l.needsMemory || overflows, realloc: false) }
            guard l != nil else { return sig([], []) }
            return sig(overflows ? [o.pointer64 ? .i64 : .i32] : flat ?? [], [])
        case .contextGet(let t, let i):
            try checkContextSlot(t, i, "context.get")
            return sig([], [t])
        case .contextSet(let t, let i):
            try checkContextSlot(t, i, "context.set")
            return sig([t], [])
        case .subtaskCancel(let async):
            try checkAsyncBuiltin(async, "subtask.cancel")
            return sig([.i32], [.i32])
        case .threadResumeLater:
            try checkThreading("thread.resume-later")
            return sig([.i32], [])
        case .subtaskDrop, .waitableSetDrop, .errorContextDrop:
            return sig([.i32], [])
        case .streamNew(let t):
            _ = try streamOrFuture(t, stream: true, "stream.new")
            return sig([], [.i64])
        case .futureNew(let t):
            _ = try streamOrFuture(t, stream: false, "future.new")
            return sig([], [.i64])
        case .streamRead(let t, let options), .streamWrite(let t, let options):
            let isRead: Bool = if case .streamRead = kind { true } else { false }
            let element = try streamOrFuture(t, stream: true, isRead ? "stream.read" : "stream.write")
            let o = try canonicalOptions(options)
            try checkCopyOptions(o, element, isRead: isRead)
            let a: ValueType = o.pointer64 ? .i64 : .i32
            return sig([.i32, a, a], [a])
        case .futureRead(let t, let options), .futureWrite(let t, let options):
            let isRead: Bool = if case .futureRead = kind { true } else { false }
            let payload = try streamOrFuture(t, stream: false, isRead ? "future.read" : "future.write")
            let o = try canonicalOptions(options)
            try checkCopyOptions(o, payload, isRead: isRead)
            return sig([.i32, o.pointer64 ? .i64 : .i32], [.i32])
        case .streamCancelRead(let t, let async), .streamCancelWrite(let t, let async):
            _ = try streamOrFuture(t, stream: true, "stream.cancel")
            let isRead: Bool = if case .streamCancelRead = kind { true } else { false }
            try checkAsyncBuiltin(async, isRead ? "stream.cancel-read" : "stream.cancel-write")
            return sig([.i32], [.i32])
        case .futureCancelRead(let t, let async), .futureCancelWrite(let t, let async):
            _ = try streamOrFuture(t, stream: false, "future.cancel")
            let isRead: Bool = if case .futureCancelRead = kind { true } else { false }
            try checkAsyncBuiltin(async, isRead ? "future.cancel-read" : "future.cancel-write")
            return sig([.i32], [.i32])
        case .streamDropReadable(let t), .streamDropWritable(let t):
            _ = try streamOrFuture(t, stream: true, "stream.drop")
            return sig([.i32], [])
        case .futureDropReadable(let t), .futureDropWritable(let t):
            _ = try streamOrFuture(t, stream: false, "future.drop")
            return sig([.i32], [])
        case .errorContextNew(let options):
            let o = try canonicalOptions(options)
            if !o.gc { try require(o, memory: true, realloc: false) }
            let a: ValueType = o.pointer64 ? .i64 : .i32
            return sig([a, a], [.i32])
        case .errorContextDebugMessage(let options):
            let o = try canonicalOptions(options)
            if !o.gc { try require(o, memory: true, realloc: true) }
            return sig([.i32, o.pointer64 ? .i64 : .i32], [])
        case .threadIndex:
            try checkThreading("thread.index")
            return sig([], [.i32])
        case .threadSuspend:
            try checkThreading("thread.suspend")
            return sig([], [.i32])
        case .waitableSetNew, .threadYield:
            return sig([], [.i32])
        case .waitableSetWait(_, let m), .waitableSetPoll(_, let m):
            let memory = try coreMemory(m)
            try checkAddressType(memory)
            return sig([.i32, memory.limits.addressType == .i64 ? .i64 : .i32], [.i32])
        case .waitableJoin:
            return sig([.i32, .i32], [])
        case .threadSuspendThenResume, .threadYieldThenResume, .threadSuspendThenPromote, .threadYieldThenPromote:
            let name = switch kind {
            case .threadSuspendThenResume: "thread.suspend-then-resume"
            case .threadYieldThenResume: "thread.yield-then-resume"
            case .threadSuspendThenPromote: "thread.suspend-then-promote"
            default: "thread.yield-then-promote"
            }
            try checkThreading(name)
            return sig([.i32], [.i32])
        case .threadNewIndirect(let t, let table):
            try checkThreading("thread.new-indirect")
            let f = try coreFunctionType(t)
            let tableType = try coreTable(table)
            guard f.parameters.count <= 1, f.results.isEmpty else {
                throw invalid("start function must take at most one parameter and return nothing")
            }
            return sig([tableType.limits.addressType == .i64 ? .i64 : .i32] + f.parameters, [.i32])
        case .threadSpawnRef(let t):
            let f = try coreFunctionType(t)
            return sig([.ref(RefType(nullable: true, heapType: .concrete(t)))] + f.parameters, [.i32])
        case .threadSpawnIndirect(let t, let table):
            let f = try coreFunctionType(t)
            let tableType = try coreTable(table)
            return sig([tableType.limits.addressType == .i64 ? .i64 : .i32] + f.parameters, [.i32])
        case .threadAvailableParallelism:
            return sig([], [.i32])
        case .streamForward(let t):
            _ = try streamOrFuture(t, stream: true, "stream.forward")
            return sig([.i32, .i32], [])
        case .futureForward(let t):
            _ = try streamOrFuture(t, stream: false, "future.forward")
            return sig([.i32, .i32], [])
        }
    }

    func coreFunctionType(_ index: UInt32) throws(WasmError) -> FunctionType {
        guard case .subtype(let s) = try lookup(scope.coreTypes, index, "core type", "type"),
              case .function(let f) = s.composite else {
            throw invalid("core type index \(index) is not a function type")
        }
        return f
    }

    /// Stream and future reads and writes copy through memory; reads of values holding
    /// lists or strings also allocate.
    func checkCopyOptions(_ o: CanonicalOptions, _ element: ComponentValueType?, isRead: Bool) throws(WasmError) {
        guard !o.gc else { return }
        guard o.postReturn == nil else { throw invalid("cannot specify post-return function in a stream or future copy") }
        guard o.callback == nil else { throw invalid("cannot specify callback without async") }
        let needsRealloc = isRead && (element.map { layout($0).needsMemory } ?? false)
        try require(o, memory: element != nil, realloc: needsRealloc)
    }

    /// Context slots: index 0 (or 1 with threading), and every use in a component agrees on
    /// the slots' type (i32, or i64 for 64-bit components).
    mutating func checkContextSlot(_ t: ValueType, _ index: UInt32, _ what: String) throws(WasmError) {
        guard t == .i32 || t == .i64 else { throw invalid("`\(what)` only supports i32 or i64 context types") }
        if t == .i64, !features.contains(.memory64) {
            throw invalid("64-bit `\(what)` requires the component model 64-bit feature")
        }
        if features.contains(.threading) {
            guard index < 2 else { throw invalid("`\(what)` immediate must be zero or one: \(index)") }
        } else {
            guard index == 0 else { throw invalid("`\(what)` immediate must be zero: \(index)") }
        }
        let key = componentSerials.last ?? 0
        if let previous = contextSlotTypes[key] {
            guard previous == t else { throw invalid("`\(what)` type must match previous context type") }
        } else {
            contextSlotTypes[key] = t
        }
    }
}
