import WasmFormat

/// The raw layout of a table: an array of reference slots (see `ReferenceSlot`).
public struct TableRecord {
    public var elements: UnsafeMutablePointer<UInt64>
    public var count: Int
    public var capacity: Int
    public var max: UInt64
    public var is64: Bool
}

/// A table of references, owned by a store.
public final class Table: @unchecked Sendable {
    public let type: TableType
    /// The element type with concrete indices replaced by canonical type ids.
    let canonicalElementType: RefType
    let record: UnsafeMutablePointer<TableRecord>

    init(type: TableType, canonicalElementType: RefType, initial: UInt64, limitElements: UInt64) throws(RuntimeError) {
        self.type = type
        self.canonicalElementType = canonicalElementType
        let declaredMax = type.limits.max ?? (type.limits.addressType == .i64 ? UInt64.max : UInt64(UInt32.max))
        let max = Swift.min(declaredMax, limitElements)
        guard type.limits.min <= max else {
            throw RuntimeError(.limit, "table minimum of \(type.limits.min) elements exceeds the limit of \(max)")
        }
        let count = Int(type.limits.min)
        let storage = UnsafeMutablePointer<UInt64>.allocate(capacity: Swift.max(count, 1))
        storage.initialize(repeating: initial, count: Swift.max(count, 1))
        record = .allocate(capacity: 1)
        record.initialize(to: TableRecord(elements: storage, count: count, capacity: Swift.max(count, 1), max: max, is64: type.limits.addressType == .i64))
    }

    deinit {
        record.pointee.elements.deallocate()
        record.deallocate()
    }

    public var count: Int { record.pointee.count }

    /// Grows by `delta` elements set to `initial`; returns the old size or nil on failure.
    static func grow(_ r: UnsafeMutablePointer<TableRecord>, by delta: UInt64, initial: UInt64) -> UInt64? {
        let old = UInt64(r.pointee.count)
        guard delta <= r.pointee.max, old + delta <= r.pointee.max else { return nil }
        let newCount = Int(old + delta)
        if newCount > r.pointee.capacity {
            let newCapacity = Swift.max(newCount, r.pointee.capacity * 2)
            let storage = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
            storage.moveInitialize(from: r.pointee.elements, count: r.pointee.count)
            r.pointee.elements.deallocate()
            r.pointee.elements = storage
            r.pointee.capacity = newCapacity
        }
        (r.pointee.elements + Int(old)).initialize(repeating: initial, count: Int(delta))
        r.pointee.count = newCount
        return old
    }
}

/// A global variable: a cell of two words (a v128 needs both).
public final class Global: @unchecked Sendable {
    public let type: GlobalType
    /// The value type with concrete indices replaced by canonical type ids.
    let canonicalType: ValueType
    let cell: UnsafeMutablePointer<UInt64>

    init(type: GlobalType, canonicalType: ValueType) {
        self.type = type
        self.canonicalType = canonicalType
        cell = .allocate(capacity: 2)
        cell.initialize(repeating: 0, count: 2)
    }

    deinit { cell.deallocate() }
}

/// An exception tag. Tags are compared by identity: two instantiations of the same module
/// define different tags.
public final class Tag: @unchecked Sendable {
    public let type: FunctionType
    /// The canonical id of the tag's function type.
    let typeId: UInt32

    init(type: FunctionType, typeId: UInt32) {
        self.type = type
        self.typeId = typeId
    }
}
