import ComponentRuntime
import CoreRuntime

/// Reading the arguments a guest passes to a WASI 0.2 function. The host functions are
/// defined without types, so these checks are what stands between a component that
/// declares an import with an unexpected type and a host that would misread it.
extension Array where Element == Val {
    func argument(_ i: Int) throws -> Val {
        guard i < count else { throw Trap(.host("WASI: argument \(i) is missing (the import's type is not the WASI one)")) }
        return self[i]
    }

    func u64(_ i: Int) throws -> UInt64 {
        guard case .u64(let x) = try argument(i) else { throw mismatch(i, "u64") }
        return x
    }

    func u32(_ i: Int) throws -> UInt32 {
        guard case .u32(let x) = try argument(i) else { throw mismatch(i, "u32") }
        return x
    }

    func u8(_ i: Int) throws -> UInt8 {
        guard case .u8(let x) = try argument(i) else { throw mismatch(i, "u8") }
        return x
    }

    func string(_ i: Int) throws -> String {
        guard case .string(let s) = try argument(i) else { throw mismatch(i, "string") }
        return s
    }

    func bytes(_ i: Int) throws -> [UInt8] {
        guard case .list(let items) = try argument(i) else { throw mismatch(i, "list<u8>") }
        var out: [UInt8] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .u8(let b) = item else { throw mismatch(i, "list<u8>") }
            out.append(b)
        }
        return out
    }

    /// The host representation behind a resource argument (owned or borrowed).
    func rep(_ i: Int) throws -> UInt32 {
        guard case .resource(let r) = try argument(i) else { throw mismatch(i, "a resource handle") }
        return r.rep
    }

    func flags(_ i: Int) throws -> Set<String> {
        guard case .flags(let names) = try argument(i) else { throw mismatch(i, "flags") }
        return Set(names)
    }

    func bool(_ i: Int) throws -> Bool {
        guard case .bool(let b) = try argument(i) else { throw mismatch(i, "bool") }
        return b
    }

    private func mismatch(_ i: Int, _ expected: String) -> Trap {
        Trap(.host("WASI: argument \(i) should be \(expected), got \(self[i])"))
    }
}

/// Building the values WASI functions return.
extension Val {
    static func bytes(_ b: some Collection<UInt8>) -> Val { .list(b.map { .u8($0) }) }
    static func ok(_ v: Val? = nil) -> Val { .result(.ok(v)) }
    static func err(_ v: Val?) -> Val { .result(.err(v)) }

    /// wasi:clocks' `datetime`.
    static func datetime(_ t: Timestamp) -> Val {
        .record([Field("seconds", .u64(t.seconds)), Field("nanoseconds", .u32(t.nanoseconds))])
    }
}
