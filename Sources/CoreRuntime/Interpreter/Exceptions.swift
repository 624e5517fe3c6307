/// Throwing and catching wasm exceptions (`throw`, `throw_ref`, `try_table`).
extension Store {
    func makeException(tag: Int, payload: UnsafeMutablePointer<UInt64>, context: UnsafeMutablePointer<InstanceContext>) -> ExceptionRecord {
        let tagObject = Unmanaged<Tag>.fromOpaque(context.pointee.tags[tag]).takeUnretainedValue()
        let slots = tagObject.type.parameters.slotCount
        let record = ExceptionRecord(tag: tagObject, payload: Array(UnsafeBufferPointer(start: payload, count: slots)),
                                     index: exceptions.count)
        exceptions.append(record)
        return record
    }

    func exception(fromReference slot: UInt64) -> ExceptionRecord {
        exceptions[Int(slot >> 3)]
    }

    /// Finds the innermost handler for `exception`, from the current frame outwards, and
    /// moves `state` there with the payload in place. Frames of outer invocations are not
    /// searched: the exception leaves this run as `Unwind.exception`.
    func unwind(_ exception: ExceptionRecord, state: inout ExecutionState, depth: inout Int) throws(Unwind) {
        var pc = state.pc
        var fp = state.fp
        var function = state.function
        while true {
            if let translated = function.pointee.translated?.takeUnretainedValue() {
                let index = pc - translated.code
                // A legacy `delegate` sends the search to the handler it names (or out).
                var skippingTo: Int?
                handlers: for handler in translated.handlers where handler.start <= index && index < handler.end {
                    if let target = skippingTo {
                        guard handler.id == target else { continue }
                        skippingTo = nil
                    }
                    if let target = handler.delegate {
                        if target < 0 { break handlers }
                        skippingTo = target
                        continue
                    }
                    for c in handler.catches {
                        let matches: Bool
                        switch c.kind {
                        case .catchAll, .catchAllRef:
                            matches = true
                        case .catch, .catchRef:
                            let tag = function.pointee.context!.pointee.tags[Int(c.tag!)]
                            matches = tag == UnsafeRawPointer(Unmanaged.passUnretained(exception.tag).toOpaque())
                        }
                        guard matches else { continue }
                        var slot = Int(c.base)
                        if c.kind == .catch || c.kind == .catchRef {
                            for (i, v) in exception.payload.enumerated() { fp[slot + i] = v }
                            slot += exception.payload.count
                        }
                        let reference = (UInt64(exception.index) << 3) | ReferenceSlot.exceptionTag
                        if c.kind == .catchRef || c.kind == .catchAllRef { fp[slot] = reference }
                        if let s = c.exceptionSlot { fp[Int(s)] = reference }
                        state.pc = translated.code + c.landing
                        state.fp = fp
                        state.function = function
                        stack.depth = depth
                        return
                    }
                }
            }
            guard depth > state.entryDepth else {
                state.pc = pc
                state.fp = fp
                state.function = function
                throw .exception(exception)
            }
            depth -= 1
            let frame = stack.frames[depth]
            // Inside the caller, the call instruction is the one before the return address.
            pc = frame.returnPC - 1
            fp = frame.fp
            function = frame.function
        }
    }
}
