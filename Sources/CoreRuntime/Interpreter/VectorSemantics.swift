import WasmFormat

/// The 128-bit vector instructions (SIMD and relaxed SIMD), executed out of line.
enum VectorSemantics {
    static func execute(_ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>) throws(Unwind) {
        throw .trap(.host("vector instructions are not implemented yet"))
    }

    static func executeLane(_ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>) {}
    static func shuffle(_ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>) {}

    static func laneAccess(_ op: MemoryLaneOp, lane: Int, fp: UnsafeMutablePointer<UInt64>, base: Int,
                           check: MemoryAccess.Check) throws(Unwind) {
        throw .trap(.host("vector instructions are not implemented yet"))
    }
}
