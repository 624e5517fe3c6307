import CoreRuntime

/// A resource handle in a component instance's table (CanonicalABI.md "Resource State").
struct ResourceHandle {
    let type: ResourceType
    let rep: UInt32
    let isOwned: Bool
    /// The call that lent a borrowed handle to this instance (it must be dropped before
    /// that call returns).
    let borrowScope: Task?
    /// How many borrows of this handle are currently lent out to callees.
    var lendCount = 0
}

/// The `handles` table of a component instance: indices handed to core wasm, with
/// index 0 reserved and freed slots reused.
struct HandleTable {
    private(set) var slots: [ResourceHandle?] = [nil]
    private var free: [Int] = []
    static let maxLength = (1 << 28) - 1

    func get(_ i: UInt32) throws(Trap) -> ResourceHandle {
        guard Int(i) < slots.count, let h = slots[Int(i)] else {
            throw Trap(.component("unknown handle index \(i)"))
        }
        return h
    }

    mutating func add(_ h: ResourceHandle) throws(Trap) -> UInt32 {
        if let i = free.popLast() {
            slots[i] = h
            return UInt32(i)
        }
        guard slots.count <= HandleTable.maxLength else { throw Trap(.component("handle table is full")) }
        slots.append(h)
        return UInt32(slots.count - 1)
    }

    mutating func remove(_ i: UInt32) throws(Trap) -> ResourceHandle {
        let h = try get(i)
        slots[Int(i)] = nil
        free.append(Int(i))
        return h
    }

    mutating func update(_ i: UInt32, _ change: (inout ResourceHandle) -> Void) {
        guard Int(i) < slots.count, var h = slots[Int(i)] else { return }
        change(&h)
        slots[Int(i)] = h
    }

    /// The live handles, with their indices (for `handles` views).
    var live: [(index: UInt32, handle: ResourceHandle)] {
        slots.enumerated().compactMap { i, h in h.map { (UInt32(i), $0) } }
    }
}

/// A call into a component instance, as far as borrowed handles are concerned: the
/// borrows lowered into the callee (which it must drop before returning) and the handles
/// of the caller lent for the call's duration.
final class Task {
    var borrowCount = 0
    /// Handles whose lend count the call raised: (instance, index) pairs to release.
    var lenders: [(ComponentInstanceState, UInt32)] = []

    /// Ends the call: every lent handle is released; the callee must have dropped all
    /// the borrows it was given.
    func finish(checkingBorrows: Bool) throws(Trap) {
        for (instance, index) in lenders {
            instance.handles.update(index) { $0.lendCount -= 1 }
        }
        lenders = []
        if checkingBorrows && borrowCount != 0 {
            throw Trap(.component("borrow handles still remain at the end of the call"))
        }
    }
}

/// The run-time state of one component instance (the root or a nested one): its handle
/// table and the reentrance flags of CanonicalABI.md "Component Instances".
final class ComponentInstanceState {
    let parent: ComponentInstanceState?
    /// Where it sits in the component, for messages (`root`, `root/$adder`, …).
    let path: String
    var handles = HandleTable()
    var mayEnter = true
    var mayLeave = true
    /// The `context.get`/`context.set` slots of the running task (a synchronous call
    /// is one task, so they start at zero with each call).
    var context: [UInt32] = [0, 0]
    /// The `backpressure.inc`/`.dec` count.
    var backpressure = 0

    init(parent: ComponentInstanceState?, path: String) {
        self.parent = parent
        self.path = path
    }

    var selfAndAncestors: [ComponentInstanceState] {
        var chain: [ComponentInstanceState] = [self]
        var p = parent
        while let q = p {
            chain.append(q)
            p = q.parent
        }
        return chain
    }

    /// The instances a call from `caller` enters: this one and its ancestors, minus those
    /// the caller is already inside (a parent re-entered from its own child is fine).
    func enteringSet(from caller: ComponentInstanceState?) -> [ComponentInstanceState] {
        let mine = selfAndAncestors
        guard let caller else { return mine }
        let theirs = Set(caller.selfAndAncestors.map(ObjectIdentifier.init))
        return mine.filter { !theirs.contains(ObjectIdentifier($0)) }
    }
}
