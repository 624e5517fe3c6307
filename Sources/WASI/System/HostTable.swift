/// Host objects behind resource handles: the `rep` a guest's handle carries is an index
/// here. Freed slots are reused, so a rep alone does not prove an object is the one a
/// handle was made for; the component runtime's handle tables guarantee that.
struct HostTable<Object> {
    private var slots: [Object?] = []
    private var free: [UInt32] = []

    mutating func add(_ object: Object) -> UInt32 {
        if let rep = free.popLast() {
            slots[Int(rep)] = object
            return rep
        }
        slots.append(object)
        return UInt32(slots.count - 1)
    }

    subscript(rep: UInt32) -> Object? {
        Int(rep) < slots.count ? slots[Int(rep)] : nil
    }

    @discardableResult
    mutating func remove(_ rep: UInt32) -> Object? {
        guard let object = self[rep] else { return nil }
        slots[Int(rep)] = nil
        free.append(rep)
        return object
    }
}
