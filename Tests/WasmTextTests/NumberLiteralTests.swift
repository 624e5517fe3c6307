import Testing
import WasmFormat
import WasmText

/// Numeric literals, through the public API: each is assembled as a constant and read
/// back from the binary.
@Suite struct NumberLiteralTests {
    @Test(arguments: [
        ("0x1p-149", UInt32(0x0000_0001)),          // smallest subnormal
        ("0x1p-150", UInt32(0x0000_0000)),          // half of it rounds to even: zero
        ("0x1.000001p-149", UInt32(0x0000_0001)),
        ("-0x0p+0", UInt32(0x8000_0000)),
        ("-0.0", UInt32(0x8000_0000)),
        ("inf", UInt32(0x7F80_0000)),
        ("-inf", UInt32(0xFF80_0000)),
        ("nan", UInt32(0x7FC0_0000)),
        ("-nan", UInt32(0xFFC0_0000)),
        ("nan:0x200000", UInt32(0x7FA0_0000)),
        ("-nan:0x7fffff", UInt32(0xFFFF_FFFF)),
        ("nan:0x1", UInt32(0x7F80_0001)),
        ("0x1.fffffep127", UInt32(0x7F7F_FFFF)),
        ("0x1.fffffefffffffffffffp127", UInt32(0x7F7F_FFFF)),  // rounds down to max
        ("340282356779733623858607532500980858880", UInt32(0x7F7F_FFFF)),
        ("1", UInt32(0x3F80_0000)),
        ("1.", UInt32(0x3F80_0000)),
        ("1.e1", UInt32(0x4120_0000)),
        ("1_000.5", UInt32(0x447A_2000)),
        ("0x1_0p-4", UInt32(0x3F80_0000)),
        ("+0x1P+2", UInt32(0x4080_0000)),
        ("1E-1", UInt32(0x3DCC_CCCD)),
    ])
    func f32Literals(text: String, bits: UInt32) throws {
        #expect(try constant("f32.const \(text)") == .f32Const(bits))
    }

    @Test(arguments: [
        ("0x1p-1074", UInt64(1)),
        ("-0x0p+0", UInt64(0x8000_0000_0000_0000)),
        ("nan:0x8000000000000", UInt64(0x7FF8_0000_0000_0000)),
        ("nan:0xfffffffffffff", UInt64(0x7FFF_FFFF_FFFF_FFFF)),
        ("-nan", UInt64(0xFFF8_0000_0000_0000)),
        ("inf", UInt64(0x7FF0_0000_0000_0000)),
        ("0x1.fffffffffffff7ffffffp1023", UInt64(0x7FEF_FFFF_FFFF_FFFF)),
        ("0.1", UInt64(0x3FB9_9999_9999_999A)),
        ("1e308", UInt64(0x7FE1_CCF3_85EB_C8A0)),
    ])
    func f64Literals(text: String, bits: UInt64) throws {
        #expect(try constant("f64.const \(text)") == .f64Const(bits))
    }

    @Test(arguments: [
        ("0xffffffff", Int32(-1)),
        ("4294967295", Int32(-1)),
        ("-0x80000000", Int32.min),
        ("0x80000000", Int32.min),
        ("-2147483648", Int32.min),
        ("+42", Int32(42)),
        ("-0", Int32(0)),
        ("010", Int32(10)),
        ("1_000_000", Int32(1_000_000)),
        ("0xa_0f_00_99", Int32(0x0A0F_0099)),
    ])
    func i32Literals(text: String, value: Int32) throws {
        #expect(try constant("i32.const \(text)") == .i32Const(value))
    }

    @Test func i64Bounds() throws {
        #expect(try constant("i64.const 0xffffffffffffffff") == .i64Const(-1))
        #expect(try constant("i64.const -0x8000000000000000") == .i64Const(.min))
        #expect(try constant("i64.const 18446744073709551615") == .i64Const(-1))
    }

    @Test(arguments: [
        ("i32.const 0x100000000", "constant out of range"),
        ("i32.const -0x80000001", "constant out of range"),
        ("i32.const 4294967296", "constant out of range"),
        ("i64.const 18446744073709551616", "constant out of range"),
        ("i64.const -9223372036854775809", "constant out of range"),
        ("i32.const 99999999999999999999999999999999999999", "constant out of range"),
        ("f32.const 1e39", "constant out of range"),
        ("f32.const 0x1p128", "constant out of range"),
        ("f32.const 0x1.ffffffp127", "constant out of range"),
        ("f64.const 0x1p1024", "constant out of range"),
        ("f32.const nan:0x0", "constant out of range"),
        ("f32.const nan:0x800000", "constant out of range"),
        ("f64.const nan:0x10000000000000", "constant out of range"),
        ("i32.const _100", "unknown operator"),
        ("i32.const 1__000", "unknown operator"),
        ("i32.const 99_", "unknown operator"),
        ("i32.const 0x_100", "unknown operator"),
        ("f32.const 1.e", "unknown operator"),
        ("f32.const .5", "unknown operator"),
        ("f32.const 0x1p", "unknown operator"),
        ("f32.const nan:canonical", "unexpected token"),
        ("i32.const 1.5", "unexpected token"),
    ])
    func malformedLiterals(text: String, message: String) {
        let error = parseError("(module (func \(text) drop))")
        #expect(error?.message.contains(message) == true, "got \(String(describing: error?.message))")
    }

    @Test func vectorConstantsInEveryShape() throws {
        let bytes: [UInt8] = (0..<16).map { UInt8($0) }
        let expected = Instruction.v128Const(V128(bytes: bytes))
        #expect(try constant("v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15") == expected)
        #expect(try constant("v128.const i16x8 0x0100 0x0302 0x0504 0x0706 0x0908 0x0b0a 0x0d0c 0x0f0e") == expected)
        #expect(try constant("v128.const i32x4 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c") == expected)
        #expect(try constant("v128.const i64x2 0x0706050403020100 0x0f0e0d0c0b0a0908") == expected)
        #expect(try constant("v128.const i8x16 -1 -1 -1 -1 -1 -1 -1 -1 255 255 255 255 255 255 255 255")
                == .v128Const(V128(low: .max, high: .max)))
        #expect(try constant("v128.const f32x4 1 -0 inf nan")
                == .v128Const(V128(low: 0x8000_0000_3F80_0000, high: 0x7FC0_0000_7F80_0000)))
        #expect(try constant("v128.const f64x2 1 -nan:0x1")
                == .v128Const(V128(low: 0x3FF0_0000_0000_0000, high: 0xFFF0_0000_0000_0001)))
        #expect(parseError("(module (func v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 drop))")?
                    .message.contains("i8 constant out of range") == true)
    }

    @Test func giantLiteralsAreRejectedNotCrashed() throws {
        let digits = String(repeating: "9", count: 20_000)
        #expect(parseError("(module (func i64.const \(digits) drop))")?.message.contains("out of range") == true)
        #expect(parseError("(module (func f32.const \(digits) drop))")?.message.contains("out of range") == true)
        // A very long literal for a tiny number rounds to zero.
        #expect(try constant("f64.const 0.\(String(repeating: "0", count: 5000))1") == .f64Const(0))
    }
}
