/// The validator's operand stack: packed types in a growable raw buffer.
///
/// Why not `Array`: each `append` and `removeLast` on an array checks, with a runtime call,
/// that its buffer is not shared, and that was a fair part of the validator's time per
/// instruction. Here the check happens once per instruction, in `makeUnique()`, which
/// `FunctionValidator` calls at each public entry point that mutates; in between, pushes and
/// pops are plain stores and loads. Copies of a validator share the buffer until one of them
/// mutates, exactly as arrays behave, so the validator keeps value semantics.
///
/// The buffer's address lives in the struct, not in the owning object: a class's mutable
/// stored properties are subject to dynamic exclusivity checks on every access.
struct OperandStack {
    /// Owns (and frees) one buffer; immutable, so reading it needs no exclusivity check.
    final class Owner {
        let base: UnsafeMutablePointer<OperandType>
        let capacity: Int

        init(capacity: Int) {
            base = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        deinit { base.deallocate() }
    }

    private var owner: Owner
    private var base: UnsafeMutablePointer<OperandType>
    private var capacity: Int
    /// The number of operands; `base[0 ..< count]` are initialised.
    private(set) var count = 0

    init() {
        owner = Owner(capacity: 256)
        base = owner.base
        capacity = owner.capacity
    }

    /// Gives this stack its own buffer if a copy of it shares the current one.
    mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&owner) else { return }
        replaceBuffer(capacity: capacity)
    }

    /// Requires `makeUnique()` since the last copy.
    @inline(__always)
    mutating func append(_ t: OperandType) {
        if count == capacity { replaceBuffer(capacity: capacity * 2) }
        (base + count).initialize(to: t)
        count += 1
    }

    /// Requires `count > 0` (callers compare with the frame height first).
    @inline(__always)
    mutating func removeLast() -> OperandType {
        assert(count > 0)
        count -= 1
        return base[count]
    }

    @inline(__always)
    mutating func removeLast(_ n: Int) {
        assert(n >= 0 && n <= count)
        count -= n
    }

    mutating func removeAll() {
        count = 0
    }

    /// Requires `0 <= i < count`.
    @inline(__always)
    subscript(i: Int) -> OperandType {
        assert(i >= 0 && i < count)
        return base[i]
    }

    var array: [OperandType] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    private mutating func replaceBuffer(capacity newCapacity: Int) {
        let fresh = Owner(capacity: newCapacity)
        fresh.base.initialize(from: base, count: count)
        owner = fresh
        base = fresh.base
        capacity = newCapacity
    }
}
