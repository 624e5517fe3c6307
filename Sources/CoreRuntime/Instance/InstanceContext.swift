import WasmFormat

/// The raw per-instance record every tier reads: pointers to the instance's memories,
/// tables, globals, functions and type ids, at fixed offsets (`MemoryLayout.offset(of:)`).
///
/// NB: it is allocated once per instance and never moves, so code may hold a pointer to
/// it for the duration of a call, and a function reference carries it to switch instances
/// on a cross-instance call without any lookup.
struct InstanceContext {
    var memories: UnsafeMutablePointer<UnsafeMutablePointer<MemoryRecord>>
    var tables: UnsafeMutablePointer<UnsafeMutablePointer<TableRecord>>
    var globals: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
    var functions: UnsafeMutablePointer<UnsafeMutablePointer<FunctionRecord>>
    /// Canonical type id of each type index of the module.
    var typeIds: UnsafeMutablePointer<UInt32>
    /// Identity of each tag (the tag object's address).
    var tags: UnsafeMutablePointer<UnsafeRawPointer>
    var elements: UnsafeMutablePointer<SegmentRecord>
    var datas: UnsafeMutablePointer<SegmentRecord>
    var memoryCount: Int
    /// The owning instance, unretained (the instance owns the context).
    var instance: Unmanaged<InstanceState>
}

/// An element or data segment as an instance sees it; `count` becomes 0 when dropped.
struct SegmentRecord {
    var base: UnsafeRawPointer?
    var count: Int
}
