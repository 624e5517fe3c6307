import WasmFormat

/// `canon` definitions: `lift`, `lower`, and every built-in with its immediates and
/// options, in the standalone form `(canon … (core func $id?))` and inside
/// `(core func $id? (canon …))` / `(func $id? type (canon lift …))`.
extension ComponentParser {
    /// `(canon …)`; `(canon` consumed.
    mutating func canonDefinition(_ open: Token) throws(TextError) {
        let name = cursor.next()
        guard name.kind == .atom else { throw unexpected(name, "a canonical built-in") }
        if name.text == "lift" {
            let (function, options) = try liftBody()
            try cursor.expectLParen()
            try cursor.expectAtom("func")
            let id = cursor.takeId()
            let exports = try inlineExportNames()
            let type = try typeUse(.function)
            try cursor.expectRParen()
            try cursor.expectRParen()
            let canon = Canon(kind: .lift(coreFunction: function, options: options, type: type), offset: open.offset)
            return try finish(.canon(canon), defining: .function, id, exports: exports)
        }
        let kind = try builtin(name)
        var id: Token?
        if cursor.isLParen {
            try cursor.expectLParen()
            try cursor.expectAtom("core")
            try cursor.expectAtom("func")
            id = cursor.takeId()
            try cursor.expectRParen()
        }
        try cursor.expectRParen()
        try finish(.canon(Canon(kind: kind, offset: open.offset)), defining: .core(.function), id)
    }

    /// `core-prefix(core:funcidx) canonopt*` of `canon lift`.
    mutating func liftBody() throws(TextError) -> (UInt32, [CanonOption]) {
        let function = try coreIndex(.function)
        return (function, try canonOptions())
    }

    /// The immediates and options of a built-in that defines a core function.
    mutating func builtin(_ name: Token) throws(TextError) -> Canon.Kind {
        switch name.text {
        case "lower":
            let function = try indexOrSortIndex(.function)
            return .lower(function: function, options: try canonOptions())
        case "resource.new": return .resourceNew(type: try indexOrSortIndex(.type))
        case "resource.drop": return .resourceDrop(type: try indexOrSortIndex(.type))
        case "resource.rep": return .resourceRep(type: try indexOrSortIndex(.type))
        case "backpressure.inc": return .backpressureIncrement
        case "backpressure.dec": return .backpressureDecrement
        case "task.return":
            var result: ComponentValTypeRef?
            if cursor.takeList("result") {
                result = try valueType()
                try cursor.expectRParen()
            }
            return .taskReturn(result: result, options: try canonOptions())
        case "task.cancel": return .taskCancel
        case "context.get", "context.set":
            guard let type = cursor.atom().flatMap({ ModuleParser.numericTypes[$0] }) else {
                throw cursor.unexpected("a core value type")
            }
            cursor.next()
            let slot = try cursor.expectU32(what: "a context slot")
            return name.text == "context.get" ? .contextGet(type: type, index: slot) : .contextSet(type: type, index: slot)
        case "subtask.cancel": return .subtaskCancel(async: cursor.takeAtom("async"))
        case "subtask.drop": return .subtaskDrop
        case "stream.new": return .streamNew(type: try indexOrSortIndex(.type))
        case "stream.read":
            let t = try indexOrSortIndex(.type)
            return .streamRead(type: t, options: try canonOptions())
        case "stream.write":
            let t = try indexOrSortIndex(.type)
            return .streamWrite(type: t, options: try canonOptions())
        case "stream.cancel-read":
            let t = try indexOrSortIndex(.type)
            return .streamCancelRead(type: t, async: cursor.takeAtom("async"))
        case "stream.cancel-write":
            let t = try indexOrSortIndex(.type)
            return .streamCancelWrite(type: t, async: cursor.takeAtom("async"))
        case "stream.drop-readable": return .streamDropReadable(type: try indexOrSortIndex(.type))
        case "stream.drop-writable": return .streamDropWritable(type: try indexOrSortIndex(.type))
        case "future.new": return .futureNew(type: try indexOrSortIndex(.type))
        case "future.read":
            let t = try indexOrSortIndex(.type)
            return .futureRead(type: t, options: try canonOptions())
        case "future.write":
            let t = try indexOrSortIndex(.type)
            return .futureWrite(type: t, options: try canonOptions())
        case "future.cancel-read":
            let t = try indexOrSortIndex(.type)
            return .futureCancelRead(type: t, async: cursor.takeAtom("async"))
        case "future.cancel-write":
            let t = try indexOrSortIndex(.type)
            return .futureCancelWrite(type: t, async: cursor.takeAtom("async"))
        case "future.drop-readable": return .futureDropReadable(type: try indexOrSortIndex(.type))
        case "future.drop-writable": return .futureDropWritable(type: try indexOrSortIndex(.type))
        case "error-context.new": return .errorContextNew(options: try canonOptions())
        case "error-context.debug-message": return .errorContextDebugMessage(options: try canonOptions())
        case "error-context.drop": return .errorContextDrop
        case "waitable-set.new": return .waitableSetNew
        case "waitable-set.wait", "waitable-set.poll":
            let cancellable = cursor.takeAtom("cancellable")
            try cursor.expectLParen()
            try cursor.expectAtom("memory")
            let memory = try coreIndex(.memory)
            try cursor.expectRParen()
            return name.text == "waitable-set.wait"
                ? .waitableSetWait(cancellable: cancellable, memory: memory)
                : .waitableSetPoll(cancellable: cancellable, memory: memory)
        case "waitable-set.drop": return .waitableSetDrop
        case "waitable.join": return .waitableJoin
        case "thread.index": return .threadIndex
        case "thread.new-indirect":
            let type = try coreIndex(.type)
            return .threadNewIndirect(type: type, table: try coreIndex(.table))
        case "thread.resume-later": return .threadResumeLater
        case "thread.suspend": return .threadSuspend(cancellable: cursor.takeAtom("cancellable"))
        case "thread.yield": return .threadYield(cancellable: cursor.takeAtom("cancellable"))
        case "thread.suspend-then-resume": return .threadSuspendThenResume(cancellable: cursor.takeAtom("cancellable"))
        case "thread.yield-then-resume": return .threadYieldThenResume(cancellable: cursor.takeAtom("cancellable"))
        case "thread.suspend-then-promote": return .threadSuspendThenPromote(cancellable: cursor.takeAtom("cancellable"))
        case "thread.yield-then-promote": return .threadYieldThenPromote(cancellable: cursor.takeAtom("cancellable"))
        case "thread.spawn-ref": return .threadSpawnRef(type: try coreIndex(.type))
        case "thread.spawn-indirect":
            let type = try coreIndex(.type)
            return .threadSpawnIndirect(type: type, table: try coreIndex(.table))
        // wasm-tools 1.262 spells this one with an underscore.
        case "thread.available_parallelism", "thread.available-parallelism": return .threadAvailableParallelism
        case "stream.forward": return .streamForward(type: try indexOrSortIndex(.type))
        case "future.forward": return .futureForward(type: try indexOrSortIndex(.type))
        default:
            throw cursor.error("unknown canonical built-in `\(name.text)`", at: name.offset)
        }
    }

    /// `canonopt*`: string encodings, `async`, `gc`, and `(memory …)`, `(realloc …)`,
    /// `(post-return …)`, `(callback …)`, `(core-type …)`.
    mutating func canonOptions() throws(TextError) -> [CanonOption] {
        var options: [CanonOption] = []
        while true {
            if let a = cursor.atom() {
                switch a {
                case "string-encoding=utf8": options.append(.utf8)
                case "string-encoding=utf16": options.append(.utf16)
                case "string-encoding=latin1+utf16": options.append(.latin1UTF16)
                case "async": options.append(.async)
                case "gc": options.append(.gc)
                default: return options
                }
                cursor.next()
                continue
            }
            guard cursor.isLParen, let head = cursor.atom(1) else { return options }
            switch head {
            case "memory":
                cursor.index += 2
                options.append(.memory(try coreIndex(.memory)))
            case "realloc":
                cursor.index += 2
                options.append(.realloc(try coreIndex(.function)))
            case "post-return":
                cursor.index += 2
                options.append(.postReturn(try coreIndex(.function)))
            case "callback":
                cursor.index += 2
                options.append(.callback(try coreIndex(.function)))
            case "core-type":
                cursor.index += 2
                options.append(.coreType(try coreIndex(.type)))
            default:
                return options
            }
            try cursor.expectRParen()
        }
    }
}
