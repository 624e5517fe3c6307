import WasmFormat

/// The 128-bit vector instructions (SIMD and relaxed SIMD), executed out of line: a
/// vector occupies two slots, low word first, lanes little-endian.
///
/// Relaxed SIMD lets an engine choose among several results; this one always picks the
/// deterministic one (the strict instruction's result where one exists).
enum VectorSemantics {
    typealias I8 = SIMD16<Int8>
    typealias U8 = SIMD16<UInt8>
    typealias I16 = SIMD8<Int16>
    typealias U16 = SIMD8<UInt16>
    typealias I32 = SIMD4<Int32>
    typealias U32 = SIMD4<UInt32>
    typealias I64 = SIMD2<Int64>
    typealias U64 = SIMD2<UInt64>
    typealias F32 = SIMD4<Float>
    typealias F64 = SIMD2<Double>

    @inline(__always) static func get<T: SIMD>(_ fp: UnsafeMutablePointer<UInt64>, _ i: Int, as: T.Type = T.self) -> T {
        unsafeBitCast((fp[i], fp[i + 1]), to: T.self)
    }

    @inline(__always) static func set<T: SIMD>(_ fp: UnsafeMutablePointer<UInt64>, _ i: Int, _ v: T) {
        let words = unsafeBitCast(v, to: (UInt64, UInt64).self)
        fp[i] = words.0
        fp[i + 1] = words.1
    }

    /// A mask (all ones per true lane) from a comparison.
    @inline(__always) static func mask<T: SIMD>(_ m: SIMDMask<T.MaskStorage>, as: T.Type) -> T where T.Scalar: FixedWidthInteger {
        T(repeating: 0).replacing(with: T(repeating: ~0), where: m)
    }

    static func execute(_ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>) throws(Unwind) {
        let w = pc[0]
        let d = Int(truncatingIfNeeded: (w >> 16) & 0xFFFF)
        let x = Int(truncatingIfNeeded: (w >> 32) & 0xFFFF)
        let y = Int(truncatingIfNeeded: w >> 48)
        let z = Int(truncatingIfNeeded: pc[2])
        guard let op = PlainOp(rawValue: UInt32(truncatingIfNeeded: pc[1])) else {
            throw .trap(.host("unknown vector operation"))
        }
        if try integerOp(op, fp, d, x, y, z) { return }
        if try floatOp(op, fp, d, x, y, z) { return }
        throw .trap(.host("vector operation \(op.name) is not implemented"))
    }

    // MARK: Integer lanes

    static func integerOp(_ op: PlainOp, _ fp: UnsafeMutablePointer<UInt64>, _ d: Int, _ x: Int, _ y: Int, _ z: Int) throws(Unwind) -> Bool {
        switch op {
        // Splats from scalars.
        case .i8x16Splat: set(fp, d, U8(repeating: UInt8(truncatingIfNeeded: fp[x])))
        case .i16x8Splat: set(fp, d, U16(repeating: UInt16(truncatingIfNeeded: fp[x])))
        case .i32x4Splat: set(fp, d, U32(repeating: UInt32(truncatingIfNeeded: fp[x])))
        case .i64x2Splat: set(fp, d, U64(repeating: fp[x]))
        case .f32x4Splat: set(fp, d, U32(repeating: UInt32(truncatingIfNeeded: fp[x])))
        case .f64x2Splat: set(fp, d, U64(repeating: fp[x]))

        // Bitwise.
        case .v128Not: set(fp, d, ~get(fp, x, as: U64.self))
        case .v128And: set(fp, d, get(fp, x, as: U64.self) & get(fp, y, as: U64.self))
        case .v128Andnot: set(fp, d, get(fp, x, as: U64.self) & ~get(fp, y, as: U64.self))
        case .v128Or: set(fp, d, get(fp, x, as: U64.self) | get(fp, y, as: U64.self))
        case .v128Xor: set(fp, d, get(fp, x, as: U64.self) ^ get(fp, y, as: U64.self))
        case .v128Bitselect, .i8x16RelaxedLaneselect, .i16x8RelaxedLaneselect, .i32x4RelaxedLaneselect, .i64x2RelaxedLaneselect:
            let m = get(fp, z, as: U64.self)
            set(fp, d, (get(fp, x, as: U64.self) & m) | (get(fp, y, as: U64.self) & ~m))
        case .v128AnyTrue: fp[d] = (fp[x] | fp[x + 1]) != 0 ? 1 : 0

        // Swizzle and byte shuffles.
        case .i8x16Swizzle, .i8x16RelaxedSwizzle:
            let a = get(fp, x, as: U8.self), s = get(fp, y, as: U8.self)
            var r = U8()
            for i in 0..<16 { r[i] = s[i] < 16 ? a[Int(s[i])] : 0 }
            set(fp, d, r)

        // Lanewise arithmetic.
        case .i8x16Add: set(fp, d, get(fp, x, as: U8.self) &+ get(fp, y, as: U8.self))
        case .i16x8Add: set(fp, d, get(fp, x, as: U16.self) &+ get(fp, y, as: U16.self))
        case .i32x4Add: set(fp, d, get(fp, x, as: U32.self) &+ get(fp, y, as: U32.self))
        case .i64x2Add: set(fp, d, get(fp, x, as: U64.self) &+ get(fp, y, as: U64.self))
        case .i8x16Sub: set(fp, d, get(fp, x, as: U8.self) &- get(fp, y, as: U8.self))
        case .i16x8Sub: set(fp, d, get(fp, x, as: U16.self) &- get(fp, y, as: U16.self))
        case .i32x4Sub: set(fp, d, get(fp, x, as: U32.self) &- get(fp, y, as: U32.self))
        case .i64x2Sub: set(fp, d, get(fp, x, as: U64.self) &- get(fp, y, as: U64.self))
        case .i16x8Mul: set(fp, d, get(fp, x, as: U16.self) &* get(fp, y, as: U16.self))
        case .i32x4Mul: set(fp, d, get(fp, x, as: U32.self) &* get(fp, y, as: U32.self))
        case .i64x2Mul: set(fp, d, get(fp, x, as: U64.self) &* get(fp, y, as: U64.self))
        case .i8x16Neg: set(fp, d, U8(repeating: 0) &- get(fp, x, as: U8.self))
        case .i16x8Neg: set(fp, d, U16(repeating: 0) &- get(fp, x, as: U16.self))
        case .i32x4Neg: set(fp, d, U32(repeating: 0) &- get(fp, x, as: U32.self))
        case .i64x2Neg: set(fp, d, U64(repeating: 0) &- get(fp, x, as: U64.self))
        case .i8x16Abs: set(fp, d, lanewise(get(fp, x, as: I8.self)) { $0 < 0 ? 0 &- $0 : $0 })
        case .i16x8Abs: set(fp, d, lanewise(get(fp, x, as: I16.self)) { $0 < 0 ? 0 &- $0 : $0 })
        case .i32x4Abs: set(fp, d, lanewise(get(fp, x, as: I32.self)) { $0 < 0 ? 0 &- $0 : $0 })
        case .i64x2Abs: set(fp, d, lanewise(get(fp, x, as: I64.self)) { $0 < 0 ? 0 &- $0 : $0 })
        case .i8x16Popcnt: set(fp, d, lanewise(get(fp, x, as: U8.self)) { UInt8($0.nonzeroBitCount) })

        case .i8x16MinS: set(fp, d, pointwiseMin(get(fp, x, as: I8.self), get(fp, y, as: I8.self)))
        case .i8x16MinU: set(fp, d, pointwiseMin(get(fp, x, as: U8.self), get(fp, y, as: U8.self)))
        case .i8x16MaxS: set(fp, d, pointwiseMax(get(fp, x, as: I8.self), get(fp, y, as: I8.self)))
        case .i8x16MaxU: set(fp, d, pointwiseMax(get(fp, x, as: U8.self), get(fp, y, as: U8.self)))
        case .i16x8MinS: set(fp, d, pointwiseMin(get(fp, x, as: I16.self), get(fp, y, as: I16.self)))
        case .i16x8MinU: set(fp, d, pointwiseMin(get(fp, x, as: U16.self), get(fp, y, as: U16.self)))
        case .i16x8MaxS: set(fp, d, pointwiseMax(get(fp, x, as: I16.self), get(fp, y, as: I16.self)))
        case .i16x8MaxU: set(fp, d, pointwiseMax(get(fp, x, as: U16.self), get(fp, y, as: U16.self)))
        case .i32x4MinS: set(fp, d, pointwiseMin(get(fp, x, as: I32.self), get(fp, y, as: I32.self)))
        case .i32x4MinU: set(fp, d, pointwiseMin(get(fp, x, as: U32.self), get(fp, y, as: U32.self)))
        case .i32x4MaxS: set(fp, d, pointwiseMax(get(fp, x, as: I32.self), get(fp, y, as: I32.self)))
        case .i32x4MaxU: set(fp, d, pointwiseMax(get(fp, x, as: U32.self), get(fp, y, as: U32.self)))
        case .i8x16AvgrU: set(fp, d, lanewise2(get(fp, x, as: U8.self), get(fp, y, as: U8.self)) { UInt8((UInt16($0) + UInt16($1) + 1) / 2) })
        case .i16x8AvgrU: set(fp, d, lanewise2(get(fp, x, as: U16.self), get(fp, y, as: U16.self)) { UInt16((UInt32($0) + UInt32($1) + 1) / 2) })

        case .i8x16AddSatS: set(fp, d, lanewise2(get(fp, x, as: I8.self), get(fp, y, as: I8.self)) { saturate(Int($0) + Int($1)) })
        case .i8x16AddSatU: set(fp, d, lanewise2(get(fp, x, as: U8.self), get(fp, y, as: U8.self)) { saturate(Int($0) + Int($1)) })
        case .i8x16SubSatS: set(fp, d, lanewise2(get(fp, x, as: I8.self), get(fp, y, as: I8.self)) { saturate(Int($0) - Int($1)) })
        case .i8x16SubSatU: set(fp, d, lanewise2(get(fp, x, as: U8.self), get(fp, y, as: U8.self)) { saturate(Int($0) - Int($1)) })
        case .i16x8AddSatS: set(fp, d, lanewise2(get(fp, x, as: I16.self), get(fp, y, as: I16.self)) { saturate(Int($0) + Int($1)) })
        case .i16x8AddSatU: set(fp, d, lanewise2(get(fp, x, as: U16.self), get(fp, y, as: U16.self)) { saturate(Int($0) + Int($1)) })
        case .i16x8SubSatS: set(fp, d, lanewise2(get(fp, x, as: I16.self), get(fp, y, as: I16.self)) { saturate(Int($0) - Int($1)) })
        case .i16x8SubSatU: set(fp, d, lanewise2(get(fp, x, as: U16.self), get(fp, y, as: U16.self)) { saturate(Int($0) - Int($1)) })
        case .i16x8Q15mulrSatS, .i16x8RelaxedQ15mulrS:
            set(fp, d, lanewise2(get(fp, x, as: I16.self), get(fp, y, as: I16.self)) { saturate((Int($0) * Int($1) + 0x4000) >> 15) })

        // Shifts: the count is taken modulo the lane width.
        case .i8x16Shl: set(fp, d, get(fp, x, as: U8.self) &<< U8(repeating: UInt8(fp[y] & 7)))
        case .i8x16ShrS: set(fp, d, get(fp, x, as: I8.self) &>> I8(repeating: Int8(fp[y] & 7)))
        case .i8x16ShrU: set(fp, d, get(fp, x, as: U8.self) &>> U8(repeating: UInt8(fp[y] & 7)))
        case .i16x8Shl: set(fp, d, get(fp, x, as: U16.self) &<< U16(repeating: UInt16(fp[y] & 15)))
        case .i16x8ShrS: set(fp, d, get(fp, x, as: I16.self) &>> I16(repeating: Int16(fp[y] & 15)))
        case .i16x8ShrU: set(fp, d, get(fp, x, as: U16.self) &>> U16(repeating: UInt16(fp[y] & 15)))
        case .i32x4Shl: set(fp, d, get(fp, x, as: U32.self) &<< U32(repeating: UInt32(fp[y] & 31)))
        case .i32x4ShrS: set(fp, d, get(fp, x, as: I32.self) &>> I32(repeating: Int32(fp[y] & 31)))
        case .i32x4ShrU: set(fp, d, get(fp, x, as: U32.self) &>> U32(repeating: UInt32(fp[y] & 31)))
        case .i64x2Shl: set(fp, d, get(fp, x, as: U64.self) &<< U64(repeating: fp[y] & 63))
        case .i64x2ShrS: set(fp, d, get(fp, x, as: I64.self) &>> I64(repeating: Int64(fp[y] & 63)))
        case .i64x2ShrU: set(fp, d, get(fp, x, as: U64.self) &>> U64(repeating: fp[y] & 63))

        // Comparisons give all-ones or all-zeros lanes.
        case .i8x16Eq: set(fp, d, mask(get(fp, x, as: U8.self) .== get(fp, y, as: U8.self), as: U8.self))
        case .i8x16Ne: set(fp, d, mask(get(fp, x, as: U8.self) .!= get(fp, y, as: U8.self), as: U8.self))
        case .i8x16LtS: set(fp, d, mask(get(fp, x, as: I8.self) .< get(fp, y, as: I8.self), as: I8.self))
        case .i8x16LtU: set(fp, d, mask(get(fp, x, as: U8.self) .< get(fp, y, as: U8.self), as: U8.self))
        case .i8x16GtS: set(fp, d, mask(get(fp, x, as: I8.self) .> get(fp, y, as: I8.self), as: I8.self))
        case .i8x16GtU: set(fp, d, mask(get(fp, x, as: U8.self) .> get(fp, y, as: U8.self), as: U8.self))
        case .i8x16LeS: set(fp, d, mask(get(fp, x, as: I8.self) .<= get(fp, y, as: I8.self), as: I8.self))
        case .i8x16LeU: set(fp, d, mask(get(fp, x, as: U8.self) .<= get(fp, y, as: U8.self), as: U8.self))
        case .i8x16GeS: set(fp, d, mask(get(fp, x, as: I8.self) .>= get(fp, y, as: I8.self), as: I8.self))
        case .i8x16GeU: set(fp, d, mask(get(fp, x, as: U8.self) .>= get(fp, y, as: U8.self), as: U8.self))
        case .i16x8Eq: set(fp, d, mask(get(fp, x, as: U16.self) .== get(fp, y, as: U16.self), as: U16.self))
        case .i16x8Ne: set(fp, d, mask(get(fp, x, as: U16.self) .!= get(fp, y, as: U16.self), as: U16.self))
        case .i16x8LtS: set(fp, d, mask(get(fp, x, as: I16.self) .< get(fp, y, as: I16.self), as: I16.self))
        case .i16x8LtU: set(fp, d, mask(get(fp, x, as: U16.self) .< get(fp, y, as: U16.self), as: U16.self))
        case .i16x8GtS: set(fp, d, mask(get(fp, x, as: I16.self) .> get(fp, y, as: I16.self), as: I16.self))
        case .i16x8GtU: set(fp, d, mask(get(fp, x, as: U16.self) .> get(fp, y, as: U16.self), as: U16.self))
        case .i16x8LeS: set(fp, d, mask(get(fp, x, as: I16.self) .<= get(fp, y, as: I16.self), as: I16.self))
        case .i16x8LeU: set(fp, d, mask(get(fp, x, as: U16.self) .<= get(fp, y, as: U16.self), as: U16.self))
        case .i16x8GeS: set(fp, d, mask(get(fp, x, as: I16.self) .>= get(fp, y, as: I16.self), as: I16.self))
        case .i16x8GeU: set(fp, d, mask(get(fp, x, as: U16.self) .>= get(fp, y, as: U16.self), as: U16.self))
        case .i32x4Eq: set(fp, d, mask(get(fp, x, as: U32.self) .== get(fp, y, as: U32.self), as: U32.self))
        case .i32x4Ne: set(fp, d, mask(get(fp, x, as: U32.self) .!= get(fp, y, as: U32.self), as: U32.self))
        case .i32x4LtS: set(fp, d, mask(get(fp, x, as: I32.self) .< get(fp, y, as: I32.self), as: I32.self))
        case .i32x4LtU: set(fp, d, mask(get(fp, x, as: U32.self) .< get(fp, y, as: U32.self), as: U32.self))
        case .i32x4GtS: set(fp, d, mask(get(fp, x, as: I32.self) .> get(fp, y, as: I32.self), as: I32.self))
        case .i32x4GtU: set(fp, d, mask(get(fp, x, as: U32.self) .> get(fp, y, as: U32.self), as: U32.self))
        case .i32x4LeS: set(fp, d, mask(get(fp, x, as: I32.self) .<= get(fp, y, as: I32.self), as: I32.self))
        case .i32x4LeU: set(fp, d, mask(get(fp, x, as: U32.self) .<= get(fp, y, as: U32.self), as: U32.self))
        case .i32x4GeS: set(fp, d, mask(get(fp, x, as: I32.self) .>= get(fp, y, as: I32.self), as: I32.self))
        case .i32x4GeU: set(fp, d, mask(get(fp, x, as: U32.self) .>= get(fp, y, as: U32.self), as: U32.self))
        case .i64x2Eq: set(fp, d, mask(get(fp, x, as: U64.self) .== get(fp, y, as: U64.self), as: U64.self))
        case .i64x2Ne: set(fp, d, mask(get(fp, x, as: U64.self) .!= get(fp, y, as: U64.self), as: U64.self))
        case .i64x2LtS: set(fp, d, mask(get(fp, x, as: I64.self) .< get(fp, y, as: I64.self), as: I64.self))
        case .i64x2GtS: set(fp, d, mask(get(fp, x, as: I64.self) .> get(fp, y, as: I64.self), as: I64.self))
        case .i64x2LeS: set(fp, d, mask(get(fp, x, as: I64.self) .<= get(fp, y, as: I64.self), as: I64.self))
        case .i64x2GeS: set(fp, d, mask(get(fp, x, as: I64.self) .>= get(fp, y, as: I64.self), as: I64.self))

        // Reductions to a scalar.
        case .i8x16AllTrue: fp[d] = allTrue(get(fp, x, as: U8.self))
        case .i16x8AllTrue: fp[d] = allTrue(get(fp, x, as: U16.self))
        case .i32x4AllTrue: fp[d] = allTrue(get(fp, x, as: U32.self))
        case .i64x2AllTrue: fp[d] = allTrue(get(fp, x, as: U64.self))
        case .i8x16Bitmask: fp[d] = bitmask(get(fp, x, as: I8.self))
        case .i16x8Bitmask: fp[d] = bitmask(get(fp, x, as: I16.self))
        case .i32x4Bitmask: fp[d] = bitmask(get(fp, x, as: I32.self))
        case .i64x2Bitmask: fp[d] = bitmask(get(fp, x, as: I64.self))

        // Narrowing with saturation.
        case .i8x16NarrowI16x8S: set(fp, d, narrow(get(fp, x, as: I16.self), get(fp, y, as: I16.self), to: I8.self))
        case .i8x16NarrowI16x8U: set(fp, d, narrow(get(fp, x, as: I16.self), get(fp, y, as: I16.self), to: U8.self))
        case .i16x8NarrowI32x4S: set(fp, d, narrow(get(fp, x, as: I32.self), get(fp, y, as: I32.self), to: I16.self))
        case .i16x8NarrowI32x4U: set(fp, d, narrow(get(fp, x, as: I32.self), get(fp, y, as: I32.self), to: U16.self))

        // Widening.
        case .i16x8ExtendLowI8x16S: set(fp, d, extend(get(fp, x, as: I8.self), high: false, to: I16.self))
        case .i16x8ExtendHighI8x16S: set(fp, d, extend(get(fp, x, as: I8.self), high: true, to: I16.self))
        case .i16x8ExtendLowI8x16U: set(fp, d, extend(get(fp, x, as: U8.self), high: false, to: U16.self))
        case .i16x8ExtendHighI8x16U: set(fp, d, extend(get(fp, x, as: U8.self), high: true, to: U16.self))
        case .i32x4ExtendLowI16x8S: set(fp, d, extend(get(fp, x, as: I16.self), high: false, to: I32.self))
        case .i32x4ExtendHighI16x8S: set(fp, d, extend(get(fp, x, as: I16.self), high: true, to: I32.self))
        case .i32x4ExtendLowI16x8U: set(fp, d, extend(get(fp, x, as: U16.self), high: false, to: U32.self))
        case .i32x4ExtendHighI16x8U: set(fp, d, extend(get(fp, x, as: U16.self), high: true, to: U32.self))
        case .i64x2ExtendLowI32x4S: set(fp, d, extend(get(fp, x, as: I32.self), high: false, to: I64.self))
        case .i64x2ExtendHighI32x4S: set(fp, d, extend(get(fp, x, as: I32.self), high: true, to: I64.self))
        case .i64x2ExtendLowI32x4U: set(fp, d, extend(get(fp, x, as: U32.self), high: false, to: U64.self))
        case .i64x2ExtendHighI32x4U: set(fp, d, extend(get(fp, x, as: U32.self), high: true, to: U64.self))
        case .i16x8ExtmulLowI8x16S: set(fp, d, extend(get(fp, x, as: I8.self), high: false, to: I16.self) &* extend(get(fp, y, as: I8.self), high: false, to: I16.self))
        case .i16x8ExtmulHighI8x16S: set(fp, d, extend(get(fp, x, as: I8.self), high: true, to: I16.self) &* extend(get(fp, y, as: I8.self), high: true, to: I16.self))
        case .i16x8ExtmulLowI8x16U: set(fp, d, extend(get(fp, x, as: U8.self), high: false, to: U16.self) &* extend(get(fp, y, as: U8.self), high: false, to: U16.self))
        case .i16x8ExtmulHighI8x16U: set(fp, d, extend(get(fp, x, as: U8.self), high: true, to: U16.self) &* extend(get(fp, y, as: U8.self), high: true, to: U16.self))
        case .i32x4ExtmulLowI16x8S: set(fp, d, extend(get(fp, x, as: I16.self), high: false, to: I32.self) &* extend(get(fp, y, as: I16.self), high: false, to: I32.self))
        case .i32x4ExtmulHighI16x8S: set(fp, d, extend(get(fp, x, as: I16.self), high: true, to: I32.self) &* extend(get(fp, y, as: I16.self), high: true, to: I32.self))
        case .i32x4ExtmulLowI16x8U: set(fp, d, extend(get(fp, x, as: U16.self), high: false, to: U32.self) &* extend(get(fp, y, as: U16.self), high: false, to: U32.self))
        case .i32x4ExtmulHighI16x8U: set(fp, d, extend(get(fp, x, as: U16.self), high: true, to: U32.self) &* extend(get(fp, y, as: U16.self), high: true, to: U32.self))
        case .i64x2ExtmulLowI32x4S: set(fp, d, extend(get(fp, x, as: I32.self), high: false, to: I64.self) &* extend(get(fp, y, as: I32.self), high: false, to: I64.self))
        case .i64x2ExtmulHighI32x4S: set(fp, d, extend(get(fp, x, as: I32.self), high: true, to: I64.self) &* extend(get(fp, y, as: I32.self), high: true, to: I64.self))
        case .i64x2ExtmulLowI32x4U: set(fp, d, extend(get(fp, x, as: U32.self), high: false, to: U64.self) &* extend(get(fp, y, as: U32.self), high: false, to: U64.self))
        case .i64x2ExtmulHighI32x4U: set(fp, d, extend(get(fp, x, as: U32.self), high: true, to: U64.self) &* extend(get(fp, y, as: U32.self), high: true, to: U64.self))
        case .i16x8ExtaddPairwiseI8x16S: set(fp, d, pairwise(get(fp, x, as: I8.self), to: I16.self))
        case .i16x8ExtaddPairwiseI8x16U: set(fp, d, pairwise(get(fp, x, as: U8.self), to: U16.self))
        case .i32x4ExtaddPairwiseI16x8S: set(fp, d, pairwise(get(fp, x, as: I16.self), to: I32.self))
        case .i32x4ExtaddPairwiseI16x8U: set(fp, d, pairwise(get(fp, x, as: U16.self), to: U32.self))
        case .i32x4DotI16x8S:
            let a = get(fp, x, as: I16.self), b = get(fp, y, as: I16.self)
            var r = I32()
            for i in 0..<4 { r[i] = Int32(a[2 * i]) &* Int32(b[2 * i]) &+ Int32(a[2 * i + 1]) &* Int32(b[2 * i + 1]) }
            set(fp, d, r)
        case .i16x8RelaxedDotI8x16I7x16S:
            let a = get(fp, x, as: I8.self), b = get(fp, y, as: I8.self)
            var r = I16()
            for i in 0..<8 { r[i] = Int16(a[2 * i]) &* Int16(b[2 * i]) &+ Int16(a[2 * i + 1]) &* Int16(b[2 * i + 1]) }
            set(fp, d, r)
        case .i32x4RelaxedDotI8x16I7x16AddS:
            let a = get(fp, x, as: I8.self), b = get(fp, y, as: I8.self), c = get(fp, z, as: I32.self)
            var r = I32()
            for i in 0..<4 {
                var sum: Int32 = 0
                for k in 0..<4 { sum = sum &+ Int32(a[4 * i + k]) &* Int32(b[4 * i + k]) }
                r[i] = sum &+ c[i]
            }
            set(fp, d, r)
        default:
            return false
        }
        return true
    }

    // MARK: Float lanes

    static func floatOp(_ op: PlainOp, _ fp: UnsafeMutablePointer<UInt64>, _ d: Int, _ x: Int, _ y: Int, _ z: Int) throws(Unwind) -> Bool {
        switch op {
        case .f32x4Add: set(fp, d, get(fp, x, as: F32.self) + get(fp, y, as: F32.self))
        case .f32x4Sub: set(fp, d, get(fp, x, as: F32.self) - get(fp, y, as: F32.self))
        case .f32x4Mul: set(fp, d, get(fp, x, as: F32.self) * get(fp, y, as: F32.self))
        case .f32x4Div: set(fp, d, get(fp, x, as: F32.self) / get(fp, y, as: F32.self))
        case .f64x2Add: set(fp, d, get(fp, x, as: F64.self) + get(fp, y, as: F64.self))
        case .f64x2Sub: set(fp, d, get(fp, x, as: F64.self) - get(fp, y, as: F64.self))
        case .f64x2Mul: set(fp, d, get(fp, x, as: F64.self) * get(fp, y, as: F64.self))
        case .f64x2Div: set(fp, d, get(fp, x, as: F64.self) / get(fp, y, as: F64.self))
        case .f32x4Sqrt: set(fp, d, lanewise(get(fp, x, as: F32.self)) { $0.squareRoot() })
        case .f64x2Sqrt: set(fp, d, lanewise(get(fp, x, as: F64.self)) { $0.squareRoot() })
        case .f32x4Min, .f32x4RelaxedMin: set(fp, d, lanewise2(get(fp, x, as: F32.self), get(fp, y, as: F32.self)) { Semantics.min($0, $1) })
        case .f32x4Max, .f32x4RelaxedMax: set(fp, d, lanewise2(get(fp, x, as: F32.self), get(fp, y, as: F32.self)) { Semantics.max($0, $1) })
        case .f64x2Min, .f64x2RelaxedMin: set(fp, d, lanewise2(get(fp, x, as: F64.self), get(fp, y, as: F64.self)) { Semantics.min($0, $1) })
        case .f64x2Max, .f64x2RelaxedMax: set(fp, d, lanewise2(get(fp, x, as: F64.self), get(fp, y, as: F64.self)) { Semantics.max($0, $1) })
        // pmin/pmax: `b < a ? b : a` exactly as written, NaNs and zeros included.
        case .f32x4Pmin: set(fp, d, lanewise2(get(fp, x, as: F32.self), get(fp, y, as: F32.self)) { $1 < $0 ? $1 : $0 })
        case .f32x4Pmax: set(fp, d, lanewise2(get(fp, x, as: F32.self), get(fp, y, as: F32.self)) { $0 < $1 ? $1 : $0 })
        case .f64x2Pmin: set(fp, d, lanewise2(get(fp, x, as: F64.self), get(fp, y, as: F64.self)) { $1 < $0 ? $1 : $0 })
        case .f64x2Pmax: set(fp, d, lanewise2(get(fp, x, as: F64.self), get(fp, y, as: F64.self)) { $0 < $1 ? $1 : $0 })
        case .f32x4Abs: set(fp, d, get(fp, x, as: U32.self) & U32(repeating: 0x7FFF_FFFF))
        case .f32x4Neg: set(fp, d, get(fp, x, as: U32.self) ^ U32(repeating: 0x8000_0000))
        case .f64x2Abs: set(fp, d, get(fp, x, as: U64.self) & U64(repeating: 0x7FFF_FFFF_FFFF_FFFF))
        case .f64x2Neg: set(fp, d, get(fp, x, as: U64.self) ^ U64(repeating: 0x8000_0000_0000_0000))
        case .f32x4Ceil: set(fp, d, lanewise(get(fp, x, as: F32.self)) { $0.rounded(.up) })
        case .f32x4Floor: set(fp, d, lanewise(get(fp, x, as: F32.self)) { $0.rounded(.down) })
        case .f32x4Trunc: set(fp, d, lanewise(get(fp, x, as: F32.self)) { $0.rounded(.towardZero) })
        case .f32x4Nearest: set(fp, d, lanewise(get(fp, x, as: F32.self)) { $0.rounded(.toNearestOrEven) })
        case .f64x2Ceil: set(fp, d, lanewise(get(fp, x, as: F64.self)) { $0.rounded(.up) })
        case .f64x2Floor: set(fp, d, lanewise(get(fp, x, as: F64.self)) { $0.rounded(.down) })
        case .f64x2Trunc: set(fp, d, lanewise(get(fp, x, as: F64.self)) { $0.rounded(.towardZero) })
        case .f64x2Nearest: set(fp, d, lanewise(get(fp, x, as: F64.self)) { $0.rounded(.toNearestOrEven) })
        case .f32x4Eq: set(fp, d, mask(get(fp, x, as: F32.self) .== get(fp, y, as: F32.self), as: I32.self))
        case .f32x4Ne: set(fp, d, mask(get(fp, x, as: F32.self) .!= get(fp, y, as: F32.self), as: I32.self))
        case .f32x4Lt: set(fp, d, mask(get(fp, x, as: F32.self) .< get(fp, y, as: F32.self), as: I32.self))
        case .f32x4Gt: set(fp, d, mask(get(fp, x, as: F32.self) .> get(fp, y, as: F32.self), as: I32.self))
        case .f32x4Le: set(fp, d, mask(get(fp, x, as: F32.self) .<= get(fp, y, as: F32.self), as: I32.self))
        case .f32x4Ge: set(fp, d, mask(get(fp, x, as: F32.self) .>= get(fp, y, as: F32.self), as: I32.self))
        case .f64x2Eq: set(fp, d, mask(get(fp, x, as: F64.self) .== get(fp, y, as: F64.self), as: I64.self))
        case .f64x2Ne: set(fp, d, mask(get(fp, x, as: F64.self) .!= get(fp, y, as: F64.self), as: I64.self))
        case .f64x2Lt: set(fp, d, mask(get(fp, x, as: F64.self) .< get(fp, y, as: F64.self), as: I64.self))
        case .f64x2Gt: set(fp, d, mask(get(fp, x, as: F64.self) .> get(fp, y, as: F64.self), as: I64.self))
        case .f64x2Le: set(fp, d, mask(get(fp, x, as: F64.self) .<= get(fp, y, as: F64.self), as: I64.self))
        case .f64x2Ge: set(fp, d, mask(get(fp, x, as: F64.self) .>= get(fp, y, as: F64.self), as: I64.self))
        case .f32x4RelaxedMadd: set(fp, d, lanewise3(get(fp, x, as: F32.self), get(fp, y, as: F32.self), get(fp, z, as: F32.self)) { $0 * $1 + $2 })
        case .f32x4RelaxedNmadd: set(fp, d, lanewise3(get(fp, x, as: F32.self), get(fp, y, as: F32.self), get(fp, z, as: F32.self)) { -($0 * $1) + $2 })
        case .f64x2RelaxedMadd: set(fp, d, lanewise3(get(fp, x, as: F64.self), get(fp, y, as: F64.self), get(fp, z, as: F64.self)) { $0 * $1 + $2 })
        case .f64x2RelaxedNmadd: set(fp, d, lanewise3(get(fp, x, as: F64.self), get(fp, y, as: F64.self), get(fp, z, as: F64.self)) { -($0 * $1) + $2 })

        // Conversions.
        case .f32x4ConvertI32x4S: set(fp, d, lanewiseMap(get(fp, x, as: I32.self), to: F32.self) { Float($0) })
        case .f32x4ConvertI32x4U: set(fp, d, lanewiseMap(get(fp, x, as: U32.self), to: F32.self) { Float($0) })
        case .f64x2ConvertLowI32x4S:
            let a = get(fp, x, as: I32.self)
            set(fp, d, F64(Double(a[0]), Double(a[1])))
        case .f64x2ConvertLowI32x4U:
            let a = get(fp, x, as: U32.self)
            set(fp, d, F64(Double(a[0]), Double(a[1])))
        case .i32x4TruncSatF32x4S, .i32x4RelaxedTruncF32x4S:
            set(fp, d, lanewiseMap(get(fp, x, as: F32.self), to: U32.self) { UInt32(truncatingIfNeeded: Semantics.truncateSaturating(Double($0), signed: true, bits: 32)) })
        case .i32x4TruncSatF32x4U, .i32x4RelaxedTruncF32x4U:
            set(fp, d, lanewiseMap(get(fp, x, as: F32.self), to: U32.self) { UInt32(truncatingIfNeeded: Semantics.truncateSaturating(Double($0), signed: false, bits: 32)) })
        case .i32x4TruncSatF64x2SZero, .i32x4RelaxedTruncF64x2SZero:
            let a = get(fp, x, as: F64.self)
            set(fp, d, U32(UInt32(truncatingIfNeeded: Semantics.truncateSaturating(a[0], signed: true, bits: 32)),
                           UInt32(truncatingIfNeeded: Semantics.truncateSaturating(a[1], signed: true, bits: 32)), 0, 0))
        case .i32x4TruncSatF64x2UZero, .i32x4RelaxedTruncF64x2UZero:
            let a = get(fp, x, as: F64.self)
            set(fp, d, U32(UInt32(truncatingIfNeeded: Semantics.truncateSaturating(a[0], signed: false, bits: 32)),
                           UInt32(truncatingIfNeeded: Semantics.truncateSaturating(a[1], signed: false, bits: 32)), 0, 0))
        case .f32x4DemoteF64x2Zero:
            let a = get(fp, x, as: F64.self)
            set(fp, d, F32(Float(a[0]), Float(a[1]), 0, 0))
        case .f64x2PromoteLowF32x4:
            let a = get(fp, x, as: F32.self)
            set(fp, d, F64(Double(a[0]), Double(a[1])))
        default:
            return false
        }
        return true
    }

    // MARK: Lane helpers

    @inline(__always) static func lanewise<T: SIMD>(_ a: T, _ f: (T.Scalar) -> T.Scalar) -> T {
        var r = T()
        for i in 0..<T.scalarCount { r[i] = f(a[i]) }
        return r
    }

    @inline(__always) static func lanewise2<T: SIMD>(_ a: T, _ b: T, _ f: (T.Scalar, T.Scalar) -> T.Scalar) -> T {
        var r = T()
        for i in 0..<T.scalarCount { r[i] = f(a[i], b[i]) }
        return r
    }

    @inline(__always) static func lanewise3<T: SIMD>(_ a: T, _ b: T, _ c: T, _ f: (T.Scalar, T.Scalar, T.Scalar) -> T.Scalar) -> T {
        var r = T()
        for i in 0..<T.scalarCount { r[i] = f(a[i], b[i], c[i]) }
        return r
    }

    @inline(__always) static func lanewiseMap<T: SIMD, U: SIMD>(_ a: T, to: U.Type, _ f: (T.Scalar) -> U.Scalar) -> U {
        var r = U()
        for i in 0..<U.scalarCount { r[i] = f(a[i]) }
        return r
    }

    static func saturate<T: FixedWidthInteger>(_ v: Int) -> T {
        if v < Int(T.min) { return T.min }
        if v > Int(T.max) { return T.max }
        return T(v)
    }

    static func allTrue<T: SIMD>(_ v: T) -> UInt64 where T.Scalar: FixedWidthInteger {
        for i in 0..<T.scalarCount where v[i] == 0 { return 0 }
        return 1
    }

    static func bitmask<T: SIMD>(_ v: T) -> UInt64 where T.Scalar: FixedWidthInteger & SignedInteger {
        var m: UInt64 = 0
        for i in 0..<T.scalarCount where v[i] < 0 { m |= 1 << UInt64(i) }
        return m
    }

    /// Two vectors of wide lanes into one of narrow lanes, saturating.
    static func narrow<T: SIMD, U: SIMD>(_ a: T, _ b: T, to: U.Type) -> U
    where T.Scalar: FixedWidthInteger, U.Scalar: FixedWidthInteger {
        var r = U()
        for i in 0..<T.scalarCount {
            r[i] = saturate(Int(a[i]))
            r[i + T.scalarCount] = saturate(Int(b[i]))
        }
        return r
    }

    /// The low or high half of the lanes, widened (sign or zero by the source type).
    static func extend<T: SIMD, U: SIMD>(_ a: T, high: Bool, to: U.Type) -> U
    where T.Scalar: FixedWidthInteger, U.Scalar: FixedWidthInteger {
        var r = U()
        let offset = high ? U.scalarCount : 0
        for i in 0..<U.scalarCount { r[i] = U.Scalar(truncatingIfNeeded: Int64(a[i + offset])) }
        return r
    }

    static func pairwise<T: SIMD, U: SIMD>(_ a: T, to: U.Type) -> U
    where T.Scalar: FixedWidthInteger, U.Scalar: FixedWidthInteger {
        var r = U()
        for i in 0..<U.scalarCount { r[i] = U.Scalar(truncatingIfNeeded: Int64(a[2 * i]) + Int64(a[2 * i + 1])) }
        return r
    }

    // MARK: Lanes and shuffles

    /// extract_lane / replace_lane: A ← op(B[, C]) with the lane in w2.
    static func executeLane(_ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>) {
        let w = pc[0]
        let d = Int(truncatingIfNeeded: (w >> 16) & 0xFFFF)
        let x = Int(truncatingIfNeeded: (w >> 32) & 0xFFFF)
        let y = Int(truncatingIfNeeded: w >> 48)
        let lane = Int(pc[2])
        guard let op = LaneOp(rawValue: UInt32(truncatingIfNeeded: pc[1])) else { return }
        switch op {
        case .i8x16ExtractLaneS: fp[d] = UInt64(UInt32(bitPattern: Int32(get(fp, x, as: I8.self)[lane])))
        case .i8x16ExtractLaneU: fp[d] = UInt64(get(fp, x, as: U8.self)[lane])
        case .i16x8ExtractLaneS: fp[d] = UInt64(UInt32(bitPattern: Int32(get(fp, x, as: I16.self)[lane])))
        case .i16x8ExtractLaneU: fp[d] = UInt64(get(fp, x, as: U16.self)[lane])
        case .i32x4ExtractLane, .f32x4ExtractLane: fp[d] = UInt64(get(fp, x, as: U32.self)[lane])
        case .i64x2ExtractLane, .f64x2ExtractLane: fp[d] = get(fp, x, as: U64.self)[lane]
        case .i8x16ReplaceLane:
            var v = get(fp, x, as: U8.self); v[lane] = UInt8(truncatingIfNeeded: fp[y]); set(fp, d, v)
        case .i16x8ReplaceLane:
            var v = get(fp, x, as: U16.self); v[lane] = UInt16(truncatingIfNeeded: fp[y]); set(fp, d, v)
        case .i32x4ReplaceLane, .f32x4ReplaceLane:
            var v = get(fp, x, as: U32.self); v[lane] = UInt32(truncatingIfNeeded: fp[y]); set(fp, d, v)
        case .i64x2ReplaceLane, .f64x2ReplaceLane:
            var v = get(fp, x, as: U64.self); v[lane] = fp[y]; set(fp, d, v)
        }
    }

    /// i8x16.shuffle: A ← bytes of B ++ C chosen by the 16 lane indices in w1, w2.
    static func shuffle(_ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>) {
        let w = pc[0]
        let d = Int(truncatingIfNeeded: (w >> 16) & 0xFFFF)
        let x = Int(truncatingIfNeeded: (w >> 32) & 0xFFFF)
        let y = Int(truncatingIfNeeded: w >> 48)
        let a = get(fp, x, as: U8.self), b = get(fp, y, as: U8.self)
        let lanes = unsafeBitCast((pc[1], pc[2]), to: U8.self)
        var r = U8()
        for i in 0..<16 {
            let l = Int(lanes[i])
            r[i] = l < 16 ? a[l] : b[l - 16]
        }
        set(fp, d, r)
    }

    /// v128.loadN_lane / storeN_lane: operands are the address (base) and the vector
    /// (base + 1, two slots); loads write the vector back to base.
    static func laneAccess(_ op: MemoryLaneOp, lane: Int, fp: UnsafeMutablePointer<UInt64>, base: Int,
                           check: MemoryAccess.Check) throws(Unwind) {
        var v = get(fp, base + 1, as: U8.self)
        let width = 1 << Int(op.naturalAlignment)
        switch op {
        case .v128Load8Lane, .v128Load16Lane, .v128Load32Lane, .v128Load64Lane:
            let p = try check(UInt64(width))
            for k in 0..<width { v[lane * width + k] = p.load(fromByteOffset: k, as: UInt8.self) }
            set(fp, base, v)
        case .v128Store8Lane, .v128Store16Lane, .v128Store32Lane, .v128Store64Lane:
            let p = try check(UInt64(width))
            for k in 0..<width { p.storeBytes(of: v[lane * width + k], toByteOffset: k, as: UInt8.self) }
        }
    }
}
