/// The locals of the function being validated: their types and which of them are
/// initialised (only non-defaultable locals ever start uninitialised).
///
/// Why not one flat array: preparing a function must not cost more than its own bytes, or a
/// module of many tiny functions each declaring 50,000 locals (a few bytes each) would cost
/// billions of stores. The first `flatLimit` locals, parameters included, are expanded (the
/// fast path of `local.get`/`local.set`); past them, parameters are read from the module's
/// type pool in place and declared locals found by binary search over the declaration groups.
struct LocalTable {
    static let flatLimit = 512

    /// The module's type pool, where the parameters are.
    private var pool: [OperandType] = []
    private var parameterStart = 0
    private(set) var parameterCount = 0
    /// Parameters plus declared locals.
    private(set) var count = 0

    /// The first `flatLimit` locals (parameters first).
    private var flatTypes: [OperandType] = []
    private var flatInitialized: [Bool] = []
    /// Declared locals as runs: end (exclusive, counted from the first declared local) and
    /// type of each declaration group.
    private var groupEnds: [Int] = []
    private var groupTypes: [OperandType] = []
    /// Locals past the flat prefix that are non-defaultable and currently set.
    private var initializedBeyondFlat: Set<Int> = []

    mutating func reset(pool: [OperandType], parameters: Range<Int>) {
        self.pool = pool
        parameterStart = parameters.lowerBound
        parameterCount = parameters.count
        count = parameterCount
        flatTypes.removeAll(keepingCapacity: true)
        flatInitialized.removeAll(keepingCapacity: true)
        let flat = min(parameterCount, Self.flatLimit)
        flatTypes.append(contentsOf: pool[parameterStart ..< parameterStart + flat])
        flatInitialized.append(contentsOf: repeatElement(true, count: flat))
        groupEnds.removeAll(keepingCapacity: true)
        groupTypes.removeAll(keepingCapacity: true)
        if !initializedBeyondFlat.isEmpty { initializedBeyondFlat.removeAll() }
    }

    /// Appends a declaration group of `n` locals of type `t`.
    mutating func declare(_ n: Int, _ t: OperandType) {
        guard n > 0 else { return }
        let declared = count - parameterCount
        let flat = min(n, max(0, Self.flatLimit - flatTypes.count))
        if flat > 0 {
            flatTypes.append(contentsOf: repeatElement(t, count: flat))
            flatInitialized.append(contentsOf: repeatElement(!t.isReference || t.isNullable, count: flat))
        }
        groupEnds.append(declared + n)
        groupTypes.append(t)
        count += n
    }

    /// The type of local `i`, or nil if there is no such local.
    @inline(__always)
    func type(_ i: Int) -> OperandType? {
        if i < flatTypes.count { return flatTypes[i] }
        guard i < count else { return nil }
        if i < parameterCount { return pool[parameterStart + i] }
        return groupTypes[group(of: i - parameterCount)]
    }

    /// Whether local `i` (which must exist) may be read.
    @inline(__always)
    func isInitialized(_ i: Int) -> Bool {
        if i < flatInitialized.count { return flatInitialized[i] }
        if i < parameterCount { return true }
        let t = groupTypes[group(of: i - parameterCount)]
        return !t.isReference || t.isNullable || initializedBeyondFlat.contains(i)
    }

    /// Marks local `i` (which must exist) initialised; true if it was not.
    @inline(__always)
    mutating func initialize(_ i: Int) -> Bool {
        if isInitialized(i) { return false }
        if i < flatInitialized.count {
            flatInitialized[i] = true
        } else {
            initializedBeyondFlat.insert(i)
        }
        return true
    }

    /// Undoes `initialize(i)` when the block that set the local ends.
    mutating func uninitialize(_ i: Int) {
        if i < flatInitialized.count {
            flatInitialized[i] = false
        } else {
            initializedBeyondFlat.remove(i)
        }
    }

    /// The declaration group holding declared local `j` (binary search over the ends).
    private func group(of j: Int) -> Int {
        var low = 0, high = groupEnds.count - 1
        while low < high {
            let mid = (low + high) / 2
            if groupEnds[mid] > j { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
