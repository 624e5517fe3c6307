#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interpreter's stacks, one per store: a value stack of 64-bit slots where frames
/// live back to back, and a call stack of return records.
///
/// NB: wasm calls never recurse on the host stack — the interpreter loop pushes a
/// `CallFrame` and keeps going — so deep wasm recursion ends in the "call stack exhausted"
/// trap when either stack is full, never in a host stack overflow. Only host → wasm
/// re-entry nests host frames, and `maxReentry` bounds that.
final class ExecutionStack {
    let slots: UnsafeMutablePointer<UInt64>
    let slotCapacity: Int
    let end: UnsafeMutablePointer<UInt64>
    let frames: UnsafeMutablePointer<CallFrame>
    let frameCapacity: Int
    /// Frames in use.
    var depth = 0
    /// The first slot not used by any active frame: where a nested invocation starts.
    var top: UnsafeMutablePointer<UInt64>
    /// Nesting of host → wasm invocations.
    var reentry = 0
    let maxReentry = 200

    init(slotCapacity: Int, frameCapacity: Int) {
        self.slotCapacity = slotCapacity
        self.frameCapacity = frameCapacity
        // Reserve lazily: untouched pages cost nothing.
        let bytes = slotCapacity * MemoryLayout<UInt64>.stride
        let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        if let raw, raw != MAP_FAILED {
            slots = raw.bindMemory(to: UInt64.self, capacity: slotCapacity)
        } else {
            slots = .allocate(capacity: slotCapacity)
        }
        end = slots + slotCapacity
        frames = .allocate(capacity: frameCapacity)
        top = slots
    }

    deinit {
        munmap(slots, slotCapacity * MemoryLayout<UInt64>.stride)
        frames.deallocate()
    }
}

/// What a call saves to return to its caller.
struct CallFrame {
    var returnPC: UnsafeMutablePointer<UInt64>
    var fp: UnsafeMutablePointer<UInt64>
    var function: UnsafeMutablePointer<FunctionRecord>
}
