#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmFormat

/// The raw layout of a linear memory that every tier reads directly.
///
/// NB: `base` never moves: the whole range a memory may grow to is reserved as virtual
/// address space when it is created, and growing only makes more of it accessible. So a
/// pointer into memory stays valid across `memory.grow`, and compiled code may cache
/// `base`; only `byteCount` changes.
public struct MemoryRecord {
    public var base: UnsafeMutableRawPointer
    /// Current size in bytes.
    public var byteCount: Int
    /// The most pages this memory may grow to (declared maximum, clipped to the engine's
    /// limit and the reservation).
    public var maxPages: UInt64
    public var reservedBytes: Int
    public var pageSizeLog2: UInt8
    public var is64: Bool
    public var shared: Bool

    public var pageCount: UInt64 { UInt64(byteCount) >> UInt64(pageSizeLog2) }
}

/// A linear memory: owned by a store, shared by the instances that import it.
public final class Memory: @unchecked Sendable {
    public let type: MemoryType
    let record: UnsafeMutablePointer<MemoryRecord>

    /// Creates a memory of the given type, or fails if its minimum exceeds `limitBytes`.
    init(type: MemoryType, limitBytes: UInt64) throws(RuntimeError) {
        self.type = type
        let log2 = UInt8(type.limits.pageSizeLog2 ?? 16)
        let pageSize = UInt64(1) << UInt64(log2)
        let architecturalMax: UInt64 = type.limits.addressType == .i64 ? (UInt64(1) << 48) : (UInt64(1) << 32) >> UInt64(log2)
        let declaredMax = min(type.limits.max ?? architecturalMax, architecturalMax)
        let limitPages = limitBytes / pageSize
        let maxPages = min(declaredMax, limitPages)
        guard type.limits.min <= maxPages else {
            throw RuntimeError(.limit, "memory minimum of \(type.limits.min) pages exceeds the limit of \(maxPages) pages")
        }
        let reserve = Int(max(maxPages * pageSize, UInt64(pageSize), 4096))
        guard let raw = mmap(nil, reserve, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
              raw != MAP_FAILED else {
            throw RuntimeError(.limit, "cannot reserve \(reserve) bytes of address space for a memory")
        }
        record = .allocate(capacity: 1)
        record.initialize(to: MemoryRecord(
            base: raw, byteCount: 0, maxPages: maxPages, reservedBytes: reserve,
            pageSizeLog2: log2, is64: type.limits.addressType == .i64, shared: type.limits.shared))
        guard grow(by: type.limits.min) != nil else {
            throw RuntimeError(.limit, "cannot allocate \(type.limits.min) pages of memory")
        }
    }

    deinit {
        munmap(record.pointee.base, record.pointee.reservedBytes)
        record.deallocate()
    }

    public var pageCount: UInt64 { record.pointee.pageCount }
    public var byteCount: Int { record.pointee.byteCount }
    public var pageSize: Int { 1 << Int(record.pointee.pageSizeLog2) }

    /// Grows by `delta` pages and returns the old page count, or nil when the maximum or
    /// the system refuses (which `memory.grow` reports as -1).
    @discardableResult
    public func grow(by delta: UInt64) -> UInt64? {
        Memory.grow(record, by: delta)
    }

    static func grow(_ r: UnsafeMutablePointer<MemoryRecord>, by delta: UInt64) -> UInt64? {
        let old = r.pointee.pageCount
        guard delta <= r.pointee.maxPages, old + delta <= r.pointee.maxPages else { return nil }
        if delta == 0 { return old }
        let newBytes = Int((old + delta) << UInt64(r.pointee.pageSizeLog2))
        guard newBytes <= r.pointee.reservedBytes else { return nil }
        // Make the new range accessible; fresh anonymous pages read as zero.
        let pageAligned = (newBytes + 4095) & ~4095
        guard mprotect(r.pointee.base, pageAligned, PROT_READ | PROT_WRITE) == 0 else { return nil }
        r.pointee.byteCount = newBytes
        return old
    }

    /// The memory's bytes, valid until the next `grow` changes the count.
    public var bytes: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: record.pointee.base, count: record.pointee.byteCount)
    }

    /// Copies `count` bytes starting at `address`, or nil when out of bounds.
    public func read(at address: UInt64, count: Int) -> [UInt8]? {
        guard address <= UInt64(byteCount), UInt64(count) <= UInt64(byteCount) - address else { return nil }
        return Array(UnsafeRawBufferPointer(start: record.pointee.base + Int(address), count: count))
    }

    /// Writes bytes at `address`; false when out of bounds.
    @discardableResult
    public func write(_ data: some Collection<UInt8>, at address: UInt64) -> Bool {
        guard address <= UInt64(byteCount), UInt64(data.count) <= UInt64(byteCount) - address else { return false }
        let dst = UnsafeMutableRawBufferPointer(start: record.pointee.base + Int(address), count: data.count)
        dst.copyBytes(from: data)
        return true
    }
}
