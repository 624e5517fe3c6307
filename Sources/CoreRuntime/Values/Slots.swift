import WasmFormat

/// How values are laid out in 64-bit slots (frames, globals, tables).
///
/// References: 0 is null; a function reference is the address of its `FunctionRecord`
/// (8-byte aligned, so its low bits are 0); host (`extern`) references and exceptions are
/// tagged in the low bits.
enum ReferenceSlot {
    static let externTag: UInt64 = 1
    static let exceptionTag: UInt64 = 2
    static let tagMask: UInt64 = 7
}

extension Store {
    func slot(of reference: Reference) -> UInt64 {
        switch reference {
        case .null: 0
        case .function(let f): UInt64(UInt(bitPattern: f.record))
        case .extern(let n): (n << 3) | ReferenceSlot.externTag
        case .exception(let e): (UInt64(e.index) << 3) | ReferenceSlot.exceptionTag
        }
    }

    func reference(fromSlot s: UInt64) -> Reference {
        if s == 0 { return .null }
        switch s & ReferenceSlot.tagMask {
        case ReferenceSlot.externTag: return .extern(s >> 3)
        case ReferenceSlot.exceptionTag: return .exception(ExceptionReference(index: Int(s >> 3)))
        default:
            return .function(Function(record: UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(s))!, store: self))
        }
    }

    /// Writes a value into one slot (two for a v128).
    func write(_ value: Value, to slots: UnsafeMutablePointer<UInt64>) {
        switch value {
        case .i32(let v): slots[0] = UInt64(v)
        case .i64(let v): slots[0] = v
        case .f32(let v): slots[0] = UInt64(v)
        case .f64(let v): slots[0] = v
        case .v128(let v): slots[0] = v.low; slots[1] = v.high
        case .ref(let r): slots[0] = slot(of: r)
        }
    }

    func read(_ type: ValueType, from slots: UnsafeMutablePointer<UInt64>) -> Value {
        switch type {
        case .i32: .i32(UInt32(truncatingIfNeeded: slots[0]))
        case .i64: .i64(slots[0])
        case .f32: .f32(UInt32(truncatingIfNeeded: slots[0]))
        case .f64: .f64(slots[0])
        case .v128: .v128(V128(low: slots[0], high: slots[1]))
        case .ref: .ref(reference(fromSlot: slots[0]))
        }
    }

    /// Writes values one after another and returns the number of slots used.
    @discardableResult
    func write(_ values: [Value], to slots: UnsafeMutablePointer<UInt64>) -> Int {
        var offset = 0
        for v in values {
            write(v, to: slots + offset)
            if case .v128 = v { offset += 2 } else { offset += 1 }
        }
        return offset
    }

    func read(_ types: [ValueType], from slots: UnsafeMutablePointer<UInt64>) -> [Value] {
        var offset = 0
        return types.map { t in
            defer { offset += t.slotCount }
            return read(t, from: slots + offset)
        }
    }
}

extension Value {
    /// Whether the value may be passed where `type` is expected (the embedder's check).
    func matches(_ type: ValueType) -> Bool {
        switch (self, type) {
        case (.i32, .i32), (.i64, .i64), (.f32, .f32), (.f64, .f64), (.v128, .v128): return true
        case (.ref(let r), .ref(let t)):
            switch r {
            case .null: return t.nullable
            case .function:
                if case .concrete = t.heapType { return true }
                return t.heapType == .func
            case .extern: return t.heapType == .extern || t.heapType == .abstract(.any)
            case .exception: return t.heapType == .exn
            }
        default: return false
        }
    }
}
