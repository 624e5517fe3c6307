/// A module-independent identity for a defined type: two type indices, of the same module
/// or of different modules, denote equivalent types exactly when their keys are equal.
///
/// This is what the runtime needs for `call_indirect` signature checks and import matching
/// across modules. A runtime will usually intern keys into small integer ids once (a
/// `[CanonicalTypeKey: Int]` dictionary), after which type checks are integer compares;
/// subtyping then follows the declared supertype chain (`ValidatedModule.supertype(of:)`),
/// or use `ValidatedModule.isSubtype(_:in:of:in:)` directly.
///
/// Structure: the key is the recursion group the type belongs to plus its position in it.
/// The group is encoded structurally, with references inside the group made relative and
/// references to other groups replaced by *their* canonical keys, which is exactly
/// WebAssembly 3.0's iso-recursive type equivalence.
public struct CanonicalTypeKey: Hashable, Sendable, CustomStringConvertible {
    public let group: CanonicalRecGroup
    /// Position of the type inside its recursion group.
    public let index: Int

    public init(group: CanonicalRecGroup, index: Int) {
        self.group = group
        self.index = index
    }

    public var description: String { "rec group \(group.hashValue) #\(index)" }
}

/// The structural form of one recursion group (see `CanonicalTypeKey`).
///
/// Groups form a DAG through their external references. Hashing is O(1) (each node caches
/// its hash, computed from its children's cached hashes when it is built); equality walks
/// the two DAGs with a visited set, so every pair of nodes is compared at most once, and a
/// shared node is recognised by identity. Neither recurses, so deep chains of groups built
/// by hostile input cannot overflow the stack.
public struct CanonicalRecGroup: Hashable, Sendable {
    final class Storage: @unchecked Sendable {
        let words: [UInt32]
        /// `var` only so that `deinit` can dismantle long chains without recursion; the
        /// node is never mutated while shared (hence `@unchecked Sendable`).
        var externals: [CanonicalTypeKey]
        let typeCount: Int
        let hash: Int

        init(words: [UInt32], externals: [CanonicalTypeKey], typeCount: Int) {
            self.words = words
            self.externals = externals
            self.typeCount = typeCount
            var h = Hasher()
            h.combine(typeCount)
            h.combine(words)
            for e in externals {
                h.combine(e.group.storage.hash)
                h.combine(e.index)
            }
            self.hash = h.finalize()
        }

        deinit {
            // Releasing the last reference to a chain of groups would otherwise free each
            // node from inside its successor's deinit, one stack frame per group. Take the
            // children over and free uniquely-held ones after emptying them.
            guard !externals.isEmpty else { return }
            var pending: [Storage] = externals.map(\.group.storage)
            externals.removeAll()
            while var node = pending.popLast() {
                if isKnownUniquelyReferenced(&node) {
                    for e in node.externals { pending.append(e.group.storage) }
                    node.externals.removeAll()
                }
            }
        }
    }

    let storage: Storage

    init(words: [UInt32], externals: [CanonicalTypeKey], typeCount: Int) {
        storage = Storage(words: words, externals: externals, typeCount: typeCount)
    }

    /// How many types the group defines.
    public var typeCount: Int { storage.typeCount }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.hash)
    }

    private struct Pair: Hashable {
        let a: ObjectIdentifier
        let b: ObjectIdentifier
    }

    public static func == (lhs: CanonicalRecGroup, rhs: CanonicalRecGroup) -> Bool {
        if lhs.storage === rhs.storage { return true }
        var work: [(Storage, Storage)] = [(lhs.storage, rhs.storage)]
        var visited: Set<Pair> = []
        while let (x, y) = work.popLast() {
            guard x.hash == y.hash, x.typeCount == y.typeCount, x.words == y.words,
                  x.externals.count == y.externals.count else { return false }
            for (ex, ey) in zip(x.externals, y.externals) {
                guard ex.index == ey.index else { return false }
                let sx = ex.group.storage, sy = ey.group.storage
                if sx === sy { continue }
                if visited.insert(Pair(a: ObjectIdentifier(sx), b: ObjectIdentifier(sy))).inserted {
                    work.append((sx, sy))
                }
            }
        }
        return true
    }
}

extension TypeCanonicalizer {
    /// The canonical key of every type of `table`, built group by group: a group that is
    /// equivalent to an earlier group of the same module shares its node.
    static func keys(for table: TypeTable) -> [CanonicalTypeKey] {
        var keys: [CanonicalTypeKey] = []
        keys.reserveCapacity(table.count)
        for (g, start32) in table.groupStarts.enumerated() {
            let start = Int(start32)
            let end = g + 1 < table.groupStarts.count ? Int(table.groupStarts[g + 1]) : table.count
            let count = end - start
            guard count > 0 else { continue }
            let first = Int(table.entries[start].canonical)
            if first != start {
                for k in 0..<count { keys.append(keys[first + k]) }
                continue
            }
            let e = encode(table.subtypes, start: start, count: count, table: table)
            let group = CanonicalRecGroup(words: e.words, externals: e.externals.map { keys[Int($0)] }, typeCount: count)
            for k in 0..<count { keys.append(CanonicalTypeKey(group: group, index: k)) }
        }
        return keys
    }
}
