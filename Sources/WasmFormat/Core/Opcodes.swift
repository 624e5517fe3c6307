// Opcode tables of WebAssembly 3.0 (and the threads and wide-arithmetic proposals).
// Raw values are the binary encodings: one byte, or (prefix << 16) | sub-opcode.
// Generated once from the spec's opcode list; edit by hand from now on.

/// An instruction without immediates.
public enum PlainOp: UInt32, CaseIterable, Sendable {
    case unreachable = 0x0
    case nop = 0x1
    case `else` = 0x5
    case end = 0xB
    case `return` = 0xF
    case drop = 0x1A
    case select = 0x1B
    case throwRef = 0xA
    case refIsNull = 0xD1
    case refEq = 0xD3
    case refAsNonNull = 0xD4
    case catchAll = 0x19
    case i32Eqz = 0x45
    case i32Eq = 0x46
    case i32Ne = 0x47
    case i32LtS = 0x48
    case i32LtU = 0x49
    case i32GtS = 0x4A
    case i32GtU = 0x4B
    case i32LeS = 0x4C
    case i32LeU = 0x4D
    case i32GeS = 0x4E
    case i32GeU = 0x4F
    case i64Eqz = 0x50
    case i64Eq = 0x51
    case i64Ne = 0x52
    case i64LtS = 0x53
    case i64LtU = 0x54
    case i64GtS = 0x55
    case i64GtU = 0x56
    case i64LeS = 0x57
    case i64LeU = 0x58
    case i64GeS = 0x59
    case i64GeU = 0x5A
    case f32Eq = 0x5B
    case f32Ne = 0x5C
    case f32Lt = 0x5D
    case f32Gt = 0x5E
    case f32Le = 0x5F
    case f32Ge = 0x60
    case f64Eq = 0x61
    case f64Ne = 0x62
    case f64Lt = 0x63
    case f64Gt = 0x64
    case f64Le = 0x65
    case f64Ge = 0x66
    case i32Clz = 0x67
    case i32Ctz = 0x68
    case i32Popcnt = 0x69
    case i32Add = 0x6A
    case i32Sub = 0x6B
    case i32Mul = 0x6C
    case i32DivS = 0x6D
    case i32DivU = 0x6E
    case i32RemS = 0x6F
    case i32RemU = 0x70
    case i32And = 0x71
    case i32Or = 0x72
    case i32Xor = 0x73
    case i32Shl = 0x74
    case i32ShrS = 0x75
    case i32ShrU = 0x76
    case i32Rotl = 0x77
    case i32Rotr = 0x78
    case i64Clz = 0x79
    case i64Ctz = 0x7A
    case i64Popcnt = 0x7B
    case i64Add = 0x7C
    case i64Sub = 0x7D
    case i64Mul = 0x7E
    case i64DivS = 0x7F
    case i64DivU = 0x80
    case i64RemS = 0x81
    case i64RemU = 0x82
    case i64And = 0x83
    case i64Or = 0x84
    case i64Xor = 0x85
    case i64Shl = 0x86
    case i64ShrS = 0x87
    case i64ShrU = 0x88
    case i64Rotl = 0x89
    case i64Rotr = 0x8A
    case f32Abs = 0x8B
    case f32Neg = 0x8C
    case f32Ceil = 0x8D
    case f32Floor = 0x8E
    case f32Trunc = 0x8F
    case f32Nearest = 0x90
    case f32Sqrt = 0x91
    case f32Add = 0x92
    case f32Sub = 0x93
    case f32Mul = 0x94
    case f32Div = 0x95
    case f32Min = 0x96
    case f32Max = 0x97
    case f32Copysign = 0x98
    case f64Abs = 0x99
    case f64Neg = 0x9A
    case f64Ceil = 0x9B
    case f64Floor = 0x9C
    case f64Trunc = 0x9D
    case f64Nearest = 0x9E
    case f64Sqrt = 0x9F
    case f64Add = 0xA0
    case f64Sub = 0xA1
    case f64Mul = 0xA2
    case f64Div = 0xA3
    case f64Min = 0xA4
    case f64Max = 0xA5
    case f64Copysign = 0xA6
    case i32WrapI64 = 0xA7
    case i32TruncF32S = 0xA8
    case i32TruncF32U = 0xA9
    case i32TruncF64S = 0xAA
    case i32TruncF64U = 0xAB
    case i64ExtendI32S = 0xAC
    case i64ExtendI32U = 0xAD
    case i64TruncF32S = 0xAE
    case i64TruncF32U = 0xAF
    case i64TruncF64S = 0xB0
    case i64TruncF64U = 0xB1
    case f32ConvertI32S = 0xB2
    case f32ConvertI32U = 0xB3
    case f32ConvertI64S = 0xB4
    case f32ConvertI64U = 0xB5
    case f32DemoteF64 = 0xB6
    case f64ConvertI32S = 0xB7
    case f64ConvertI32U = 0xB8
    case f64ConvertI64S = 0xB9
    case f64ConvertI64U = 0xBA
    case f64PromoteF32 = 0xBB
    case i32ReinterpretF32 = 0xBC
    case i64ReinterpretF64 = 0xBD
    case f32ReinterpretI32 = 0xBE
    case f64ReinterpretI64 = 0xBF
    case i32Extend8S = 0xC0
    case i32Extend16S = 0xC1
    case i64Extend8S = 0xC2
    case i64Extend16S = 0xC3
    case i64Extend32S = 0xC4
    case i32TruncSatF32S = 0xFC0000
    case i32TruncSatF32U = 0xFC0001
    case i32TruncSatF64S = 0xFC0002
    case i32TruncSatF64U = 0xFC0003
    case i64TruncSatF32S = 0xFC0004
    case i64TruncSatF32U = 0xFC0005
    case i64TruncSatF64S = 0xFC0006
    case i64TruncSatF64U = 0xFC0007
    case i64Add128 = 0xFC0013
    case i64Sub128 = 0xFC0014
    case i64MulWideS = 0xFC0015
    case i64MulWideU = 0xFC0016
    case arrayLen = 0xFB000F
    case anyConvertExtern = 0xFB001A
    case externConvertAny = 0xFB001B
    case refI31 = 0xFB001C
    case i31GetS = 0xFB001D
    case i31GetU = 0xFB001E
    case i8x16Swizzle = 0xFD000E
    case i8x16Splat = 0xFD000F
    case i16x8Splat = 0xFD0010
    case i32x4Splat = 0xFD0011
    case i64x2Splat = 0xFD0012
    case f32x4Splat = 0xFD0013
    case f64x2Splat = 0xFD0014
    case i8x16Eq = 0xFD0023
    case i8x16Ne = 0xFD0024
    case i8x16LtS = 0xFD0025
    case i8x16LtU = 0xFD0026
    case i8x16GtS = 0xFD0027
    case i8x16GtU = 0xFD0028
    case i8x16LeS = 0xFD0029
    case i8x16LeU = 0xFD002A
    case i8x16GeS = 0xFD002B
    case i8x16GeU = 0xFD002C
    case i16x8Eq = 0xFD002D
    case i16x8Ne = 0xFD002E
    case i16x8LtS = 0xFD002F
    case i16x8LtU = 0xFD0030
    case i16x8GtS = 0xFD0031
    case i16x8GtU = 0xFD0032
    case i16x8LeS = 0xFD0033
    case i16x8LeU = 0xFD0034
    case i16x8GeS = 0xFD0035
    case i16x8GeU = 0xFD0036
    case i32x4Eq = 0xFD0037
    case i32x4Ne = 0xFD0038
    case i32x4LtS = 0xFD0039
    case i32x4LtU = 0xFD003A
    case i32x4GtS = 0xFD003B
    case i32x4GtU = 0xFD003C
    case i32x4LeS = 0xFD003D
    case i32x4LeU = 0xFD003E
    case i32x4GeS = 0xFD003F
    case i32x4GeU = 0xFD0040
    case f32x4Eq = 0xFD0041
    case f32x4Ne = 0xFD0042
    case f32x4Lt = 0xFD0043
    case f32x4Gt = 0xFD0044
    case f32x4Le = 0xFD0045
    case f32x4Ge = 0xFD0046
    case f64x2Eq = 0xFD0047
    case f64x2Ne = 0xFD0048
    case f64x2Lt = 0xFD0049
    case f64x2Gt = 0xFD004A
    case f64x2Le = 0xFD004B
    case f64x2Ge = 0xFD004C
    case v128Not = 0xFD004D
    case v128And = 0xFD004E
    case v128Andnot = 0xFD004F
    case v128Or = 0xFD0050
    case v128Xor = 0xFD0051
    case v128Bitselect = 0xFD0052
    case v128AnyTrue = 0xFD0053
    case f32x4DemoteF64x2Zero = 0xFD005E
    case f64x2PromoteLowF32x4 = 0xFD005F
    case i8x16Abs = 0xFD0060
    case i8x16Neg = 0xFD0061
    case i8x16Popcnt = 0xFD0062
    case i8x16AllTrue = 0xFD0063
    case i8x16Bitmask = 0xFD0064
    case i8x16NarrowI16x8S = 0xFD0065
    case i8x16NarrowI16x8U = 0xFD0066
    case f32x4Ceil = 0xFD0067
    case f32x4Floor = 0xFD0068
    case f32x4Trunc = 0xFD0069
    case f32x4Nearest = 0xFD006A
    case i8x16Shl = 0xFD006B
    case i8x16ShrS = 0xFD006C
    case i8x16ShrU = 0xFD006D
    case i8x16Add = 0xFD006E
    case i8x16AddSatS = 0xFD006F
    case i8x16AddSatU = 0xFD0070
    case i8x16Sub = 0xFD0071
    case i8x16SubSatS = 0xFD0072
    case i8x16SubSatU = 0xFD0073
    case f64x2Ceil = 0xFD0074
    case f64x2Floor = 0xFD0075
    case i8x16MinS = 0xFD0076
    case i8x16MinU = 0xFD0077
    case i8x16MaxS = 0xFD0078
    case i8x16MaxU = 0xFD0079
    case f64x2Trunc = 0xFD007A
    case i8x16AvgrU = 0xFD007B
    case i16x8ExtaddPairwiseI8x16S = 0xFD007C
    case i16x8ExtaddPairwiseI8x16U = 0xFD007D
    case i32x4ExtaddPairwiseI16x8S = 0xFD007E
    case i32x4ExtaddPairwiseI16x8U = 0xFD007F
    case i16x8Abs = 0xFD0080
    case i16x8Neg = 0xFD0081
    case i16x8Q15mulrSatS = 0xFD0082
    case i16x8AllTrue = 0xFD0083
    case i16x8Bitmask = 0xFD0084
    case i16x8NarrowI32x4S = 0xFD0085
    case i16x8NarrowI32x4U = 0xFD0086
    case i16x8ExtendLowI8x16S = 0xFD0087
    case i16x8ExtendHighI8x16S = 0xFD0088
    case i16x8ExtendLowI8x16U = 0xFD0089
    case i16x8ExtendHighI8x16U = 0xFD008A
    case i16x8Shl = 0xFD008B
    case i16x8ShrS = 0xFD008C
    case i16x8ShrU = 0xFD008D
    case i16x8Add = 0xFD008E
    case i16x8AddSatS = 0xFD008F
    case i16x8AddSatU = 0xFD0090
    case i16x8Sub = 0xFD0091
    case i16x8SubSatS = 0xFD0092
    case i16x8SubSatU = 0xFD0093
    case f64x2Nearest = 0xFD0094
    case i16x8Mul = 0xFD0095
    case i16x8MinS = 0xFD0096
    case i16x8MinU = 0xFD0097
    case i16x8MaxS = 0xFD0098
    case i16x8MaxU = 0xFD0099
    case i16x8AvgrU = 0xFD009B
    case i16x8ExtmulLowI8x16S = 0xFD009C
    case i16x8ExtmulHighI8x16S = 0xFD009D
    case i16x8ExtmulLowI8x16U = 0xFD009E
    case i16x8ExtmulHighI8x16U = 0xFD009F
    case i32x4Abs = 0xFD00A0
    case i32x4Neg = 0xFD00A1
    case i32x4AllTrue = 0xFD00A3
    case i32x4Bitmask = 0xFD00A4
    case i32x4ExtendLowI16x8S = 0xFD00A7
    case i32x4ExtendHighI16x8S = 0xFD00A8
    case i32x4ExtendLowI16x8U = 0xFD00A9
    case i32x4ExtendHighI16x8U = 0xFD00AA
    case i32x4Shl = 0xFD00AB
    case i32x4ShrS = 0xFD00AC
    case i32x4ShrU = 0xFD00AD
    case i32x4Add = 0xFD00AE
    case i32x4Sub = 0xFD00B1
    case i32x4Mul = 0xFD00B5
    case i32x4MinS = 0xFD00B6
    case i32x4MinU = 0xFD00B7
    case i32x4MaxS = 0xFD00B8
    case i32x4MaxU = 0xFD00B9
    case i32x4DotI16x8S = 0xFD00BA
    case i32x4ExtmulLowI16x8S = 0xFD00BC
    case i32x4ExtmulHighI16x8S = 0xFD00BD
    case i32x4ExtmulLowI16x8U = 0xFD00BE
    case i32x4ExtmulHighI16x8U = 0xFD00BF
    case i64x2Abs = 0xFD00C0
    case i64x2Neg = 0xFD00C1
    case i64x2AllTrue = 0xFD00C3
    case i64x2Bitmask = 0xFD00C4
    case i64x2ExtendLowI32x4S = 0xFD00C7
    case i64x2ExtendHighI32x4S = 0xFD00C8
    case i64x2ExtendLowI32x4U = 0xFD00C9
    case i64x2ExtendHighI32x4U = 0xFD00CA
    case i64x2Shl = 0xFD00CB
    case i64x2ShrS = 0xFD00CC
    case i64x2ShrU = 0xFD00CD
    case i64x2Add = 0xFD00CE
    case i64x2Sub = 0xFD00D1
    case i64x2Mul = 0xFD00D5
    case i64x2Eq = 0xFD00D6
    case i64x2Ne = 0xFD00D7
    case i64x2LtS = 0xFD00D8
    case i64x2GtS = 0xFD00D9
    case i64x2LeS = 0xFD00DA
    case i64x2GeS = 0xFD00DB
    case i64x2ExtmulLowI32x4S = 0xFD00DC
    case i64x2ExtmulHighI32x4S = 0xFD00DD
    case i64x2ExtmulLowI32x4U = 0xFD00DE
    case i64x2ExtmulHighI32x4U = 0xFD00DF
    case f32x4Abs = 0xFD00E0
    case f32x4Neg = 0xFD00E1
    case f32x4Sqrt = 0xFD00E3
    case f32x4Add = 0xFD00E4
    case f32x4Sub = 0xFD00E5
    case f32x4Mul = 0xFD00E6
    case f32x4Div = 0xFD00E7
    case f32x4Min = 0xFD00E8
    case f32x4Max = 0xFD00E9
    case f32x4Pmin = 0xFD00EA
    case f32x4Pmax = 0xFD00EB
    case f64x2Abs = 0xFD00EC
    case f64x2Neg = 0xFD00ED
    case f64x2Sqrt = 0xFD00EF
    case f64x2Add = 0xFD00F0
    case f64x2Sub = 0xFD00F1
    case f64x2Mul = 0xFD00F2
    case f64x2Div = 0xFD00F3
    case f64x2Min = 0xFD00F4
    case f64x2Max = 0xFD00F5
    case f64x2Pmin = 0xFD00F6
    case f64x2Pmax = 0xFD00F7
    case i32x4TruncSatF32x4S = 0xFD00F8
    case i32x4TruncSatF32x4U = 0xFD00F9
    case f32x4ConvertI32x4S = 0xFD00FA
    case f32x4ConvertI32x4U = 0xFD00FB
    case i32x4TruncSatF64x2SZero = 0xFD00FC
    case i32x4TruncSatF64x2UZero = 0xFD00FD
    case f64x2ConvertLowI32x4S = 0xFD00FE
    case f64x2ConvertLowI32x4U = 0xFD00FF
    case i8x16RelaxedSwizzle = 0xFD0100
    case i32x4RelaxedTruncF32x4S = 0xFD0101
    case i32x4RelaxedTruncF32x4U = 0xFD0102
    case i32x4RelaxedTruncF64x2SZero = 0xFD0103
    case i32x4RelaxedTruncF64x2UZero = 0xFD0104
    case f32x4RelaxedMadd = 0xFD0105
    case f32x4RelaxedNmadd = 0xFD0106
    case f64x2RelaxedMadd = 0xFD0107
    case f64x2RelaxedNmadd = 0xFD0108
    case i8x16RelaxedLaneselect = 0xFD0109
    case i16x8RelaxedLaneselect = 0xFD010A
    case i32x4RelaxedLaneselect = 0xFD010B
    case i64x2RelaxedLaneselect = 0xFD010C
    case f32x4RelaxedMin = 0xFD010D
    case f32x4RelaxedMax = 0xFD010E
    case f64x2RelaxedMin = 0xFD010F
    case f64x2RelaxedMax = 0xFD0110
    case i16x8RelaxedQ15mulrS = 0xFD0111
    case i16x8RelaxedDotI8x16I7x16S = 0xFD0112
    case i32x4RelaxedDotI8x16I7x16AddS = 0xFD0113

    /// The text-format mnemonic.
    public var name: String {
        switch self {
        case .unreachable: "unreachable"
        case .nop: "nop"
        case .else: "else"
        case .end: "end"
        case .return: "return"
        case .drop: "drop"
        case .select: "select"
        case .throwRef: "throw_ref"
        case .refIsNull: "ref.is_null"
        case .refEq: "ref.eq"
        case .refAsNonNull: "ref.as_non_null"
        case .catchAll: "catch_all"
        case .i32Eqz: "i32.eqz"
        case .i32Eq: "i32.eq"
        case .i32Ne: "i32.ne"
        case .i32LtS: "i32.lt_s"
        case .i32LtU: "i32.lt_u"
        case .i32GtS: "i32.gt_s"
        case .i32GtU: "i32.gt_u"
        case .i32LeS: "i32.le_s"
        case .i32LeU: "i32.le_u"
        case .i32GeS: "i32.ge_s"
        case .i32GeU: "i32.ge_u"
        case .i64Eqz: "i64.eqz"
        case .i64Eq: "i64.eq"
        case .i64Ne: "i64.ne"
        case .i64LtS: "i64.lt_s"
        case .i64LtU: "i64.lt_u"
        case .i64GtS: "i64.gt_s"
        case .i64GtU: "i64.gt_u"
        case .i64LeS: "i64.le_s"
        case .i64LeU: "i64.le_u"
        case .i64GeS: "i64.ge_s"
        case .i64GeU: "i64.ge_u"
        case .f32Eq: "f32.eq"
        case .f32Ne: "f32.ne"
        case .f32Lt: "f32.lt"
        case .f32Gt: "f32.gt"
        case .f32Le: "f32.le"
        case .f32Ge: "f32.ge"
        case .f64Eq: "f64.eq"
        case .f64Ne: "f64.ne"
        case .f64Lt: "f64.lt"
        case .f64Gt: "f64.gt"
        case .f64Le: "f64.le"
        case .f64Ge: "f64.ge"
        case .i32Clz: "i32.clz"
        case .i32Ctz: "i32.ctz"
        case .i32Popcnt: "i32.popcnt"
        case .i32Add: "i32.add"
        case .i32Sub: "i32.sub"
        case .i32Mul: "i32.mul"
        case .i32DivS: "i32.div_s"
        case .i32DivU: "i32.div_u"
        case .i32RemS: "i32.rem_s"
        case .i32RemU: "i32.rem_u"
        case .i32And: "i32.and"
        case .i32Or: "i32.or"
        case .i32Xor: "i32.xor"
        case .i32Shl: "i32.shl"
        case .i32ShrS: "i32.shr_s"
        case .i32ShrU: "i32.shr_u"
        case .i32Rotl: "i32.rotl"
        case .i32Rotr: "i32.rotr"
        case .i64Clz: "i64.clz"
        case .i64Ctz: "i64.ctz"
        case .i64Popcnt: "i64.popcnt"
        case .i64Add: "i64.add"
        case .i64Sub: "i64.sub"
        case .i64Mul: "i64.mul"
        case .i64DivS: "i64.div_s"
        case .i64DivU: "i64.div_u"
        case .i64RemS: "i64.rem_s"
        case .i64RemU: "i64.rem_u"
        case .i64And: "i64.and"
        case .i64Or: "i64.or"
        case .i64Xor: "i64.xor"
        case .i64Shl: "i64.shl"
        case .i64ShrS: "i64.shr_s"
        case .i64ShrU: "i64.shr_u"
        case .i64Rotl: "i64.rotl"
        case .i64Rotr: "i64.rotr"
        case .f32Abs: "f32.abs"
        case .f32Neg: "f32.neg"
        case .f32Ceil: "f32.ceil"
        case .f32Floor: "f32.floor"
        case .f32Trunc: "f32.trunc"
        case .f32Nearest: "f32.nearest"
        case .f32Sqrt: "f32.sqrt"
        case .f32Add: "f32.add"
        case .f32Sub: "f32.sub"
        case .f32Mul: "f32.mul"
        case .f32Div: "f32.div"
        case .f32Min: "f32.min"
        case .f32Max: "f32.max"
        case .f32Copysign: "f32.copysign"
        case .f64Abs: "f64.abs"
        case .f64Neg: "f64.neg"
        case .f64Ceil: "f64.ceil"
        case .f64Floor: "f64.floor"
        case .f64Trunc: "f64.trunc"
        case .f64Nearest: "f64.nearest"
        case .f64Sqrt: "f64.sqrt"
        case .f64Add: "f64.add"
        case .f64Sub: "f64.sub"
        case .f64Mul: "f64.mul"
        case .f64Div: "f64.div"
        case .f64Min: "f64.min"
        case .f64Max: "f64.max"
        case .f64Copysign: "f64.copysign"
        case .i32WrapI64: "i32.wrap_i64"
        case .i32TruncF32S: "i32.trunc_f32_s"
        case .i32TruncF32U: "i32.trunc_f32_u"
        case .i32TruncF64S: "i32.trunc_f64_s"
        case .i32TruncF64U: "i32.trunc_f64_u"
        case .i64ExtendI32S: "i64.extend_i32_s"
        case .i64ExtendI32U: "i64.extend_i32_u"
        case .i64TruncF32S: "i64.trunc_f32_s"
        case .i64TruncF32U: "i64.trunc_f32_u"
        case .i64TruncF64S: "i64.trunc_f64_s"
        case .i64TruncF64U: "i64.trunc_f64_u"
        case .f32ConvertI32S: "f32.convert_i32_s"
        case .f32ConvertI32U: "f32.convert_i32_u"
        case .f32ConvertI64S: "f32.convert_i64_s"
        case .f32ConvertI64U: "f32.convert_i64_u"
        case .f32DemoteF64: "f32.demote_f64"
        case .f64ConvertI32S: "f64.convert_i32_s"
        case .f64ConvertI32U: "f64.convert_i32_u"
        case .f64ConvertI64S: "f64.convert_i64_s"
        case .f64ConvertI64U: "f64.convert_i64_u"
        case .f64PromoteF32: "f64.promote_f32"
        case .i32ReinterpretF32: "i32.reinterpret_f32"
        case .i64ReinterpretF64: "i64.reinterpret_f64"
        case .f32ReinterpretI32: "f32.reinterpret_i32"
        case .f64ReinterpretI64: "f64.reinterpret_i64"
        case .i32Extend8S: "i32.extend8_s"
        case .i32Extend16S: "i32.extend16_s"
        case .i64Extend8S: "i64.extend8_s"
        case .i64Extend16S: "i64.extend16_s"
        case .i64Extend32S: "i64.extend32_s"
        case .i32TruncSatF32S: "i32.trunc_sat_f32_s"
        case .i32TruncSatF32U: "i32.trunc_sat_f32_u"
        case .i32TruncSatF64S: "i32.trunc_sat_f64_s"
        case .i32TruncSatF64U: "i32.trunc_sat_f64_u"
        case .i64TruncSatF32S: "i64.trunc_sat_f32_s"
        case .i64TruncSatF32U: "i64.trunc_sat_f32_u"
        case .i64TruncSatF64S: "i64.trunc_sat_f64_s"
        case .i64TruncSatF64U: "i64.trunc_sat_f64_u"
        case .i64Add128: "i64.add128"
        case .i64Sub128: "i64.sub128"
        case .i64MulWideS: "i64.mul_wide_s"
        case .i64MulWideU: "i64.mul_wide_u"
        case .arrayLen: "array.len"
        case .anyConvertExtern: "any.convert_extern"
        case .externConvertAny: "extern.convert_any"
        case .refI31: "ref.i31"
        case .i31GetS: "i31.get_s"
        case .i31GetU: "i31.get_u"
        case .i8x16Swizzle: "i8x16.swizzle"
        case .i8x16Splat: "i8x16.splat"
        case .i16x8Splat: "i16x8.splat"
        case .i32x4Splat: "i32x4.splat"
        case .i64x2Splat: "i64x2.splat"
        case .f32x4Splat: "f32x4.splat"
        case .f64x2Splat: "f64x2.splat"
        case .i8x16Eq: "i8x16.eq"
        case .i8x16Ne: "i8x16.ne"
        case .i8x16LtS: "i8x16.lt_s"
        case .i8x16LtU: "i8x16.lt_u"
        case .i8x16GtS: "i8x16.gt_s"
        case .i8x16GtU: "i8x16.gt_u"
        case .i8x16LeS: "i8x16.le_s"
        case .i8x16LeU: "i8x16.le_u"
        case .i8x16GeS: "i8x16.ge_s"
        case .i8x16GeU: "i8x16.ge_u"
        case .i16x8Eq: "i16x8.eq"
        case .i16x8Ne: "i16x8.ne"
        case .i16x8LtS: "i16x8.lt_s"
        case .i16x8LtU: "i16x8.lt_u"
        case .i16x8GtS: "i16x8.gt_s"
        case .i16x8GtU: "i16x8.gt_u"
        case .i16x8LeS: "i16x8.le_s"
        case .i16x8LeU: "i16x8.le_u"
        case .i16x8GeS: "i16x8.ge_s"
        case .i16x8GeU: "i16x8.ge_u"
        case .i32x4Eq: "i32x4.eq"
        case .i32x4Ne: "i32x4.ne"
        case .i32x4LtS: "i32x4.lt_s"
        case .i32x4LtU: "i32x4.lt_u"
        case .i32x4GtS: "i32x4.gt_s"
        case .i32x4GtU: "i32x4.gt_u"
        case .i32x4LeS: "i32x4.le_s"
        case .i32x4LeU: "i32x4.le_u"
        case .i32x4GeS: "i32x4.ge_s"
        case .i32x4GeU: "i32x4.ge_u"
        case .f32x4Eq: "f32x4.eq"
        case .f32x4Ne: "f32x4.ne"
        case .f32x4Lt: "f32x4.lt"
        case .f32x4Gt: "f32x4.gt"
        case .f32x4Le: "f32x4.le"
        case .f32x4Ge: "f32x4.ge"
        case .f64x2Eq: "f64x2.eq"
        case .f64x2Ne: "f64x2.ne"
        case .f64x2Lt: "f64x2.lt"
        case .f64x2Gt: "f64x2.gt"
        case .f64x2Le: "f64x2.le"
        case .f64x2Ge: "f64x2.ge"
        case .v128Not: "v128.not"
        case .v128And: "v128.and"
        case .v128Andnot: "v128.andnot"
        case .v128Or: "v128.or"
        case .v128Xor: "v128.xor"
        case .v128Bitselect: "v128.bitselect"
        case .v128AnyTrue: "v128.any_true"
        case .f32x4DemoteF64x2Zero: "f32x4.demote_f64x2_zero"
        case .f64x2PromoteLowF32x4: "f64x2.promote_low_f32x4"
        case .i8x16Abs: "i8x16.abs"
        case .i8x16Neg: "i8x16.neg"
        case .i8x16Popcnt: "i8x16.popcnt"
        case .i8x16AllTrue: "i8x16.all_true"
        case .i8x16Bitmask: "i8x16.bitmask"
        case .i8x16NarrowI16x8S: "i8x16.narrow_i16x8_s"
        case .i8x16NarrowI16x8U: "i8x16.narrow_i16x8_u"
        case .f32x4Ceil: "f32x4.ceil"
        case .f32x4Floor: "f32x4.floor"
        case .f32x4Trunc: "f32x4.trunc"
        case .f32x4Nearest: "f32x4.nearest"
        case .i8x16Shl: "i8x16.shl"
        case .i8x16ShrS: "i8x16.shr_s"
        case .i8x16ShrU: "i8x16.shr_u"
        case .i8x16Add: "i8x16.add"
        case .i8x16AddSatS: "i8x16.add_sat_s"
        case .i8x16AddSatU: "i8x16.add_sat_u"
        case .i8x16Sub: "i8x16.sub"
        case .i8x16SubSatS: "i8x16.sub_sat_s"
        case .i8x16SubSatU: "i8x16.sub_sat_u"
        case .f64x2Ceil: "f64x2.ceil"
        case .f64x2Floor: "f64x2.floor"
        case .i8x16MinS: "i8x16.min_s"
        case .i8x16MinU: "i8x16.min_u"
        case .i8x16MaxS: "i8x16.max_s"
        case .i8x16MaxU: "i8x16.max_u"
        case .f64x2Trunc: "f64x2.trunc"
        case .i8x16AvgrU: "i8x16.avgr_u"
        case .i16x8ExtaddPairwiseI8x16S: "i16x8.extadd_pairwise_i8x16_s"
        case .i16x8ExtaddPairwiseI8x16U: "i16x8.extadd_pairwise_i8x16_u"
        case .i32x4ExtaddPairwiseI16x8S: "i32x4.extadd_pairwise_i16x8_s"
        case .i32x4ExtaddPairwiseI16x8U: "i32x4.extadd_pairwise_i16x8_u"
        case .i16x8Abs: "i16x8.abs"
        case .i16x8Neg: "i16x8.neg"
        case .i16x8Q15mulrSatS: "i16x8.q15mulr_sat_s"
        case .i16x8AllTrue: "i16x8.all_true"
        case .i16x8Bitmask: "i16x8.bitmask"
        case .i16x8NarrowI32x4S: "i16x8.narrow_i32x4_s"
        case .i16x8NarrowI32x4U: "i16x8.narrow_i32x4_u"
        case .i16x8ExtendLowI8x16S: "i16x8.extend_low_i8x16_s"
        case .i16x8ExtendHighI8x16S: "i16x8.extend_high_i8x16_s"
        case .i16x8ExtendLowI8x16U: "i16x8.extend_low_i8x16_u"
        case .i16x8ExtendHighI8x16U: "i16x8.extend_high_i8x16_u"
        case .i16x8Shl: "i16x8.shl"
        case .i16x8ShrS: "i16x8.shr_s"
        case .i16x8ShrU: "i16x8.shr_u"
        case .i16x8Add: "i16x8.add"
        case .i16x8AddSatS: "i16x8.add_sat_s"
        case .i16x8AddSatU: "i16x8.add_sat_u"
        case .i16x8Sub: "i16x8.sub"
        case .i16x8SubSatS: "i16x8.sub_sat_s"
        case .i16x8SubSatU: "i16x8.sub_sat_u"
        case .f64x2Nearest: "f64x2.nearest"
        case .i16x8Mul: "i16x8.mul"
        case .i16x8MinS: "i16x8.min_s"
        case .i16x8MinU: "i16x8.min_u"
        case .i16x8MaxS: "i16x8.max_s"
        case .i16x8MaxU: "i16x8.max_u"
        case .i16x8AvgrU: "i16x8.avgr_u"
        case .i16x8ExtmulLowI8x16S: "i16x8.extmul_low_i8x16_s"
        case .i16x8ExtmulHighI8x16S: "i16x8.extmul_high_i8x16_s"
        case .i16x8ExtmulLowI8x16U: "i16x8.extmul_low_i8x16_u"
        case .i16x8ExtmulHighI8x16U: "i16x8.extmul_high_i8x16_u"
        case .i32x4Abs: "i32x4.abs"
        case .i32x4Neg: "i32x4.neg"
        case .i32x4AllTrue: "i32x4.all_true"
        case .i32x4Bitmask: "i32x4.bitmask"
        case .i32x4ExtendLowI16x8S: "i32x4.extend_low_i16x8_s"
        case .i32x4ExtendHighI16x8S: "i32x4.extend_high_i16x8_s"
        case .i32x4ExtendLowI16x8U: "i32x4.extend_low_i16x8_u"
        case .i32x4ExtendHighI16x8U: "i32x4.extend_high_i16x8_u"
        case .i32x4Shl: "i32x4.shl"
        case .i32x4ShrS: "i32x4.shr_s"
        case .i32x4ShrU: "i32x4.shr_u"
        case .i32x4Add: "i32x4.add"
        case .i32x4Sub: "i32x4.sub"
        case .i32x4Mul: "i32x4.mul"
        case .i32x4MinS: "i32x4.min_s"
        case .i32x4MinU: "i32x4.min_u"
        case .i32x4MaxS: "i32x4.max_s"
        case .i32x4MaxU: "i32x4.max_u"
        case .i32x4DotI16x8S: "i32x4.dot_i16x8_s"
        case .i32x4ExtmulLowI16x8S: "i32x4.extmul_low_i16x8_s"
        case .i32x4ExtmulHighI16x8S: "i32x4.extmul_high_i16x8_s"
        case .i32x4ExtmulLowI16x8U: "i32x4.extmul_low_i16x8_u"
        case .i32x4ExtmulHighI16x8U: "i32x4.extmul_high_i16x8_u"
        case .i64x2Abs: "i64x2.abs"
        case .i64x2Neg: "i64x2.neg"
        case .i64x2AllTrue: "i64x2.all_true"
        case .i64x2Bitmask: "i64x2.bitmask"
        case .i64x2ExtendLowI32x4S: "i64x2.extend_low_i32x4_s"
        case .i64x2ExtendHighI32x4S: "i64x2.extend_high_i32x4_s"
        case .i64x2ExtendLowI32x4U: "i64x2.extend_low_i32x4_u"
        case .i64x2ExtendHighI32x4U: "i64x2.extend_high_i32x4_u"
        case .i64x2Shl: "i64x2.shl"
        case .i64x2ShrS: "i64x2.shr_s"
        case .i64x2ShrU: "i64x2.shr_u"
        case .i64x2Add: "i64x2.add"
        case .i64x2Sub: "i64x2.sub"
        case .i64x2Mul: "i64x2.mul"
        case .i64x2Eq: "i64x2.eq"
        case .i64x2Ne: "i64x2.ne"
        case .i64x2LtS: "i64x2.lt_s"
        case .i64x2GtS: "i64x2.gt_s"
        case .i64x2LeS: "i64x2.le_s"
        case .i64x2GeS: "i64x2.ge_s"
        case .i64x2ExtmulLowI32x4S: "i64x2.extmul_low_i32x4_s"
        case .i64x2ExtmulHighI32x4S: "i64x2.extmul_high_i32x4_s"
        case .i64x2ExtmulLowI32x4U: "i64x2.extmul_low_i32x4_u"
        case .i64x2ExtmulHighI32x4U: "i64x2.extmul_high_i32x4_u"
        case .f32x4Abs: "f32x4.abs"
        case .f32x4Neg: "f32x4.neg"
        case .f32x4Sqrt: "f32x4.sqrt"
        case .f32x4Add: "f32x4.add"
        case .f32x4Sub: "f32x4.sub"
        case .f32x4Mul: "f32x4.mul"
        case .f32x4Div: "f32x4.div"
        case .f32x4Min: "f32x4.min"
        case .f32x4Max: "f32x4.max"
        case .f32x4Pmin: "f32x4.pmin"
        case .f32x4Pmax: "f32x4.pmax"
        case .f64x2Abs: "f64x2.abs"
        case .f64x2Neg: "f64x2.neg"
        case .f64x2Sqrt: "f64x2.sqrt"
        case .f64x2Add: "f64x2.add"
        case .f64x2Sub: "f64x2.sub"
        case .f64x2Mul: "f64x2.mul"
        case .f64x2Div: "f64x2.div"
        case .f64x2Min: "f64x2.min"
        case .f64x2Max: "f64x2.max"
        case .f64x2Pmin: "f64x2.pmin"
        case .f64x2Pmax: "f64x2.pmax"
        case .i32x4TruncSatF32x4S: "i32x4.trunc_sat_f32x4_s"
        case .i32x4TruncSatF32x4U: "i32x4.trunc_sat_f32x4_u"
        case .f32x4ConvertI32x4S: "f32x4.convert_i32x4_s"
        case .f32x4ConvertI32x4U: "f32x4.convert_i32x4_u"
        case .i32x4TruncSatF64x2SZero: "i32x4.trunc_sat_f64x2_s_zero"
        case .i32x4TruncSatF64x2UZero: "i32x4.trunc_sat_f64x2_u_zero"
        case .f64x2ConvertLowI32x4S: "f64x2.convert_low_i32x4_s"
        case .f64x2ConvertLowI32x4U: "f64x2.convert_low_i32x4_u"
        case .i8x16RelaxedSwizzle: "i8x16.relaxed_swizzle"
        case .i32x4RelaxedTruncF32x4S: "i32x4.relaxed_trunc_f32x4_s"
        case .i32x4RelaxedTruncF32x4U: "i32x4.relaxed_trunc_f32x4_u"
        case .i32x4RelaxedTruncF64x2SZero: "i32x4.relaxed_trunc_f64x2_s_zero"
        case .i32x4RelaxedTruncF64x2UZero: "i32x4.relaxed_trunc_f64x2_u_zero"
        case .f32x4RelaxedMadd: "f32x4.relaxed_madd"
        case .f32x4RelaxedNmadd: "f32x4.relaxed_nmadd"
        case .f64x2RelaxedMadd: "f64x2.relaxed_madd"
        case .f64x2RelaxedNmadd: "f64x2.relaxed_nmadd"
        case .i8x16RelaxedLaneselect: "i8x16.relaxed_laneselect"
        case .i16x8RelaxedLaneselect: "i16x8.relaxed_laneselect"
        case .i32x4RelaxedLaneselect: "i32x4.relaxed_laneselect"
        case .i64x2RelaxedLaneselect: "i64x2.relaxed_laneselect"
        case .f32x4RelaxedMin: "f32x4.relaxed_min"
        case .f32x4RelaxedMax: "f32x4.relaxed_max"
        case .f64x2RelaxedMin: "f64x2.relaxed_min"
        case .f64x2RelaxedMax: "f64x2.relaxed_max"
        case .i16x8RelaxedQ15mulrS: "i16x8.relaxed_q15mulr_s"
        case .i16x8RelaxedDotI8x16I7x16S: "i16x8.relaxed_dot_i8x16_i7x16_s"
        case .i32x4RelaxedDotI8x16I7x16AddS: "i32x4.relaxed_dot_i8x16_i7x16_add_s"
        }
    }

    /// Operand and result types, or nil for instructions the validator types by hand.
    public var signature: OperandSignature? {
        switch self {
        case .i32Eqz, .i32Clz, .i32Ctz, .i32Popcnt, .i32Extend8S, .i32Extend16S: .i_to_i
        case .i32Eq, .i32Ne, .i32LtS, .i32LtU, .i32GtS, .i32GtU, .i32LeS, .i32LeU, .i32GeS, .i32GeU, .i32Add, .i32Sub, .i32Mul, .i32DivS, .i32DivU, .i32RemS, .i32RemU, .i32And, .i32Or, .i32Xor, .i32Shl, .i32ShrS, .i32ShrU, .i32Rotl, .i32Rotr: .i_i_to_i
        case .i64Eqz, .i32WrapI64: .l_to_i
        case .i64Eq, .i64Ne, .i64LtS, .i64LtU, .i64GtS, .i64GtU, .i64LeS, .i64LeU, .i64GeS, .i64GeU: .l_l_to_i
        case .f32Eq, .f32Ne, .f32Lt, .f32Gt, .f32Le, .f32Ge: .f_f_to_i
        case .f64Eq, .f64Ne, .f64Lt, .f64Gt, .f64Le, .f64Ge: .d_d_to_i
        case .i64Clz, .i64Ctz, .i64Popcnt, .i64Extend8S, .i64Extend16S, .i64Extend32S: .l_to_l
        case .i64Add, .i64Sub, .i64Mul, .i64DivS, .i64DivU, .i64RemS, .i64RemU, .i64And, .i64Or, .i64Xor, .i64Shl, .i64ShrS, .i64ShrU, .i64Rotl, .i64Rotr: .l_l_to_l
        case .f32Abs, .f32Neg, .f32Ceil, .f32Floor, .f32Trunc, .f32Nearest, .f32Sqrt: .f_to_f
        case .f32Add, .f32Sub, .f32Mul, .f32Div, .f32Min, .f32Max, .f32Copysign: .f_f_to_f
        case .f64Abs, .f64Neg, .f64Ceil, .f64Floor, .f64Trunc, .f64Nearest, .f64Sqrt: .d_to_d
        case .f64Add, .f64Sub, .f64Mul, .f64Div, .f64Min, .f64Max, .f64Copysign: .d_d_to_d
        case .i32TruncF32S, .i32TruncF32U, .i32ReinterpretF32, .i32TruncSatF32S, .i32TruncSatF32U: .f_to_i
        case .i32TruncF64S, .i32TruncF64U, .i32TruncSatF64S, .i32TruncSatF64U: .d_to_i
        case .i64ExtendI32S, .i64ExtendI32U: .i_to_l
        case .i64TruncF32S, .i64TruncF32U, .i64TruncSatF32S, .i64TruncSatF32U: .f_to_l
        case .i64TruncF64S, .i64TruncF64U, .i64ReinterpretF64, .i64TruncSatF64S, .i64TruncSatF64U: .d_to_l
        case .f32ConvertI32S, .f32ConvertI32U, .f32ReinterpretI32: .i_to_f
        case .f32ConvertI64S, .f32ConvertI64U: .l_to_f
        case .f32DemoteF64: .d_to_f
        case .f64ConvertI32S, .f64ConvertI32U: .i_to_d
        case .f64ConvertI64S, .f64ConvertI64U, .f64ReinterpretI64: .l_to_d
        case .f64PromoteF32: .f_to_d
        case .i64Add128, .i64Sub128: .l_l_l_l_to_l_l
        case .i64MulWideS, .i64MulWideU: .l_l_to_l_l
        case .i8x16Swizzle, .i8x16Eq, .i8x16Ne, .i8x16LtS, .i8x16LtU, .i8x16GtS, .i8x16GtU, .i8x16LeS, .i8x16LeU, .i8x16GeS, .i8x16GeU, .i16x8Eq, .i16x8Ne, .i16x8LtS, .i16x8LtU, .i16x8GtS, .i16x8GtU, .i16x8LeS, .i16x8LeU, .i16x8GeS, .i16x8GeU, .i32x4Eq, .i32x4Ne, .i32x4LtS, .i32x4LtU, .i32x4GtS, .i32x4GtU, .i32x4LeS, .i32x4LeU, .i32x4GeS, .i32x4GeU, .f32x4Eq, .f32x4Ne, .f32x4Lt, .f32x4Gt, .f32x4Le, .f32x4Ge, .f64x2Eq, .f64x2Ne, .f64x2Lt, .f64x2Gt, .f64x2Le, .f64x2Ge, .v128And, .v128Andnot, .v128Or, .v128Xor, .i8x16NarrowI16x8S, .i8x16NarrowI16x8U, .i8x16Add, .i8x16AddSatS, .i8x16AddSatU, .i8x16Sub, .i8x16SubSatS, .i8x16SubSatU, .i8x16MinS, .i8x16MinU, .i8x16MaxS, .i8x16MaxU, .i8x16AvgrU, .i16x8Q15mulrSatS, .i16x8NarrowI32x4S, .i16x8NarrowI32x4U, .i16x8Add, .i16x8AddSatS, .i16x8AddSatU, .i16x8Sub, .i16x8SubSatS, .i16x8SubSatU, .i16x8Mul, .i16x8MinS, .i16x8MinU, .i16x8MaxS, .i16x8MaxU, .i16x8AvgrU, .i16x8ExtmulLowI8x16S, .i16x8ExtmulHighI8x16S, .i16x8ExtmulLowI8x16U, .i16x8ExtmulHighI8x16U, .i32x4Add, .i32x4Sub, .i32x4Mul, .i32x4MinS, .i32x4MinU, .i32x4MaxS, .i32x4MaxU, .i32x4DotI16x8S, .i32x4ExtmulLowI16x8S, .i32x4ExtmulHighI16x8S, .i32x4ExtmulLowI16x8U, .i32x4ExtmulHighI16x8U, .i64x2Add, .i64x2Sub, .i64x2Mul, .i64x2Eq, .i64x2Ne, .i64x2LtS, .i64x2GtS, .i64x2LeS, .i64x2GeS, .i64x2ExtmulLowI32x4S, .i64x2ExtmulHighI32x4S, .i64x2ExtmulLowI32x4U, .i64x2ExtmulHighI32x4U, .f32x4Add, .f32x4Sub, .f32x4Mul, .f32x4Div, .f32x4Min, .f32x4Max, .f32x4Pmin, .f32x4Pmax, .f64x2Add, .f64x2Sub, .f64x2Mul, .f64x2Div, .f64x2Min, .f64x2Max, .f64x2Pmin, .f64x2Pmax, .i8x16RelaxedSwizzle, .f32x4RelaxedMin, .f32x4RelaxedMax, .f64x2RelaxedMin, .f64x2RelaxedMax, .i16x8RelaxedQ15mulrS, .i16x8RelaxedDotI8x16I7x16S: .v_v_to_v
        case .i8x16Splat, .i16x8Splat, .i32x4Splat: .i_to_v
        case .i64x2Splat: .l_to_v
        case .f32x4Splat: .f_to_v
        case .f64x2Splat: .d_to_v
        case .v128Not, .f32x4DemoteF64x2Zero, .f64x2PromoteLowF32x4, .i8x16Abs, .i8x16Neg, .i8x16Popcnt, .f32x4Ceil, .f32x4Floor, .f32x4Trunc, .f32x4Nearest, .f64x2Ceil, .f64x2Floor, .f64x2Trunc, .i16x8ExtaddPairwiseI8x16S, .i16x8ExtaddPairwiseI8x16U, .i32x4ExtaddPairwiseI16x8S, .i32x4ExtaddPairwiseI16x8U, .i16x8Abs, .i16x8Neg, .i16x8ExtendLowI8x16S, .i16x8ExtendHighI8x16S, .i16x8ExtendLowI8x16U, .i16x8ExtendHighI8x16U, .f64x2Nearest, .i32x4Abs, .i32x4Neg, .i32x4ExtendLowI16x8S, .i32x4ExtendHighI16x8S, .i32x4ExtendLowI16x8U, .i32x4ExtendHighI16x8U, .i64x2Abs, .i64x2Neg, .i64x2ExtendLowI32x4S, .i64x2ExtendHighI32x4S, .i64x2ExtendLowI32x4U, .i64x2ExtendHighI32x4U, .f32x4Abs, .f32x4Neg, .f32x4Sqrt, .f64x2Abs, .f64x2Neg, .f64x2Sqrt, .i32x4TruncSatF32x4S, .i32x4TruncSatF32x4U, .f32x4ConvertI32x4S, .f32x4ConvertI32x4U, .i32x4TruncSatF64x2SZero, .i32x4TruncSatF64x2UZero, .f64x2ConvertLowI32x4S, .f64x2ConvertLowI32x4U, .i32x4RelaxedTruncF32x4S, .i32x4RelaxedTruncF32x4U, .i32x4RelaxedTruncF64x2SZero, .i32x4RelaxedTruncF64x2UZero: .v_to_v
        case .v128Bitselect, .f32x4RelaxedMadd, .f32x4RelaxedNmadd, .f64x2RelaxedMadd, .f64x2RelaxedNmadd, .i8x16RelaxedLaneselect, .i16x8RelaxedLaneselect, .i32x4RelaxedLaneselect, .i64x2RelaxedLaneselect, .i32x4RelaxedDotI8x16I7x16AddS: .v_v_v_to_v
        case .v128AnyTrue, .i8x16AllTrue, .i8x16Bitmask, .i16x8AllTrue, .i16x8Bitmask, .i32x4AllTrue, .i32x4Bitmask, .i64x2AllTrue, .i64x2Bitmask: .v_to_i
        case .i8x16Shl, .i8x16ShrS, .i8x16ShrU, .i16x8Shl, .i16x8ShrS, .i16x8ShrU, .i32x4Shl, .i32x4ShrS, .i32x4ShrU, .i64x2Shl, .i64x2ShrS, .i64x2ShrU: .v_i_to_v
        default: nil
        }
    }
}

/// A load or store (plain, vector or atomic) with a `memarg` immediate.
public enum MemoryOp: UInt32, CaseIterable, Sendable {
    case i32Load = 0x28
    case i64Load = 0x29
    case f32Load = 0x2A
    case f64Load = 0x2B
    case i32Load8S = 0x2C
    case i32Load8U = 0x2D
    case i32Load16S = 0x2E
    case i32Load16U = 0x2F
    case i64Load8S = 0x30
    case i64Load8U = 0x31
    case i64Load16S = 0x32
    case i64Load16U = 0x33
    case i64Load32S = 0x34
    case i64Load32U = 0x35
    case i32Store = 0x36
    case i64Store = 0x37
    case f32Store = 0x38
    case f64Store = 0x39
    case i32Store8 = 0x3A
    case i32Store16 = 0x3B
    case i64Store8 = 0x3C
    case i64Store16 = 0x3D
    case i64Store32 = 0x3E
    case v128Load = 0xFD0000
    case v128Load8x8S = 0xFD0001
    case v128Load8x8U = 0xFD0002
    case v128Load16x4S = 0xFD0003
    case v128Load16x4U = 0xFD0004
    case v128Load32x2S = 0xFD0005
    case v128Load32x2U = 0xFD0006
    case v128Load8Splat = 0xFD0007
    case v128Load16Splat = 0xFD0008
    case v128Load32Splat = 0xFD0009
    case v128Load64Splat = 0xFD000A
    case v128Store = 0xFD000B
    case v128Load32Zero = 0xFD005C
    case v128Load64Zero = 0xFD005D
    case memoryAtomicNotify = 0xFE0000
    case memoryAtomicWait32 = 0xFE0001
    case memoryAtomicWait64 = 0xFE0002
    case i32AtomicLoad = 0xFE0010
    case i64AtomicLoad = 0xFE0011
    case i32AtomicLoad8U = 0xFE0012
    case i32AtomicLoad16U = 0xFE0013
    case i64AtomicLoad8U = 0xFE0014
    case i64AtomicLoad16U = 0xFE0015
    case i64AtomicLoad32U = 0xFE0016
    case i32AtomicStore = 0xFE0017
    case i64AtomicStore = 0xFE0018
    case i32AtomicStore8 = 0xFE0019
    case i32AtomicStore16 = 0xFE001A
    case i64AtomicStore8 = 0xFE001B
    case i64AtomicStore16 = 0xFE001C
    case i64AtomicStore32 = 0xFE001D
    case i32AtomicRmwAdd = 0xFE001E
    case i64AtomicRmwAdd = 0xFE001F
    case i32AtomicRmw8AddU = 0xFE0020
    case i32AtomicRmw16AddU = 0xFE0021
    case i64AtomicRmw8AddU = 0xFE0022
    case i64AtomicRmw16AddU = 0xFE0023
    case i64AtomicRmw32AddU = 0xFE0024
    case i32AtomicRmwSub = 0xFE0025
    case i64AtomicRmwSub = 0xFE0026
    case i32AtomicRmw8SubU = 0xFE0027
    case i32AtomicRmw16SubU = 0xFE0028
    case i64AtomicRmw8SubU = 0xFE0029
    case i64AtomicRmw16SubU = 0xFE002A
    case i64AtomicRmw32SubU = 0xFE002B
    case i32AtomicRmwAnd = 0xFE002C
    case i64AtomicRmwAnd = 0xFE002D
    case i32AtomicRmw8AndU = 0xFE002E
    case i32AtomicRmw16AndU = 0xFE002F
    case i64AtomicRmw8AndU = 0xFE0030
    case i64AtomicRmw16AndU = 0xFE0031
    case i64AtomicRmw32AndU = 0xFE0032
    case i32AtomicRmwOr = 0xFE0033
    case i64AtomicRmwOr = 0xFE0034
    case i32AtomicRmw8OrU = 0xFE0035
    case i32AtomicRmw16OrU = 0xFE0036
    case i64AtomicRmw8OrU = 0xFE0037
    case i64AtomicRmw16OrU = 0xFE0038
    case i64AtomicRmw32OrU = 0xFE0039
    case i32AtomicRmwXor = 0xFE003A
    case i64AtomicRmwXor = 0xFE003B
    case i32AtomicRmw8XorU = 0xFE003C
    case i32AtomicRmw16XorU = 0xFE003D
    case i64AtomicRmw8XorU = 0xFE003E
    case i64AtomicRmw16XorU = 0xFE003F
    case i64AtomicRmw32XorU = 0xFE0040
    case i32AtomicRmwXchg = 0xFE0041
    case i64AtomicRmwXchg = 0xFE0042
    case i32AtomicRmw8XchgU = 0xFE0043
    case i32AtomicRmw16XchgU = 0xFE0044
    case i64AtomicRmw8XchgU = 0xFE0045
    case i64AtomicRmw16XchgU = 0xFE0046
    case i64AtomicRmw32XchgU = 0xFE0047
    case i32AtomicRmwCmpxchg = 0xFE0048
    case i64AtomicRmwCmpxchg = 0xFE0049
    case i32AtomicRmw8CmpxchgU = 0xFE004A
    case i32AtomicRmw16CmpxchgU = 0xFE004B
    case i64AtomicRmw8CmpxchgU = 0xFE004C
    case i64AtomicRmw16CmpxchgU = 0xFE004D
    case i64AtomicRmw32CmpxchgU = 0xFE004E

    /// The text-format mnemonic.
    public var name: String {
        switch self {
        case .i32Load: "i32.load"
        case .i64Load: "i64.load"
        case .f32Load: "f32.load"
        case .f64Load: "f64.load"
        case .i32Load8S: "i32.load8_s"
        case .i32Load8U: "i32.load8_u"
        case .i32Load16S: "i32.load16_s"
        case .i32Load16U: "i32.load16_u"
        case .i64Load8S: "i64.load8_s"
        case .i64Load8U: "i64.load8_u"
        case .i64Load16S: "i64.load16_s"
        case .i64Load16U: "i64.load16_u"
        case .i64Load32S: "i64.load32_s"
        case .i64Load32U: "i64.load32_u"
        case .i32Store: "i32.store"
        case .i64Store: "i64.store"
        case .f32Store: "f32.store"
        case .f64Store: "f64.store"
        case .i32Store8: "i32.store8"
        case .i32Store16: "i32.store16"
        case .i64Store8: "i64.store8"
        case .i64Store16: "i64.store16"
        case .i64Store32: "i64.store32"
        case .v128Load: "v128.load"
        case .v128Load8x8S: "v128.load8x8_s"
        case .v128Load8x8U: "v128.load8x8_u"
        case .v128Load16x4S: "v128.load16x4_s"
        case .v128Load16x4U: "v128.load16x4_u"
        case .v128Load32x2S: "v128.load32x2_s"
        case .v128Load32x2U: "v128.load32x2_u"
        case .v128Load8Splat: "v128.load8_splat"
        case .v128Load16Splat: "v128.load16_splat"
        case .v128Load32Splat: "v128.load32_splat"
        case .v128Load64Splat: "v128.load64_splat"
        case .v128Store: "v128.store"
        case .v128Load32Zero: "v128.load32_zero"
        case .v128Load64Zero: "v128.load64_zero"
        case .memoryAtomicNotify: "memory.atomic.notify"
        case .memoryAtomicWait32: "memory.atomic.wait32"
        case .memoryAtomicWait64: "memory.atomic.wait64"
        case .i32AtomicLoad: "i32.atomic.load"
        case .i64AtomicLoad: "i64.atomic.load"
        case .i32AtomicLoad8U: "i32.atomic.load8_u"
        case .i32AtomicLoad16U: "i32.atomic.load16_u"
        case .i64AtomicLoad8U: "i64.atomic.load8_u"
        case .i64AtomicLoad16U: "i64.atomic.load16_u"
        case .i64AtomicLoad32U: "i64.atomic.load32_u"
        case .i32AtomicStore: "i32.atomic.store"
        case .i64AtomicStore: "i64.atomic.store"
        case .i32AtomicStore8: "i32.atomic.store8"
        case .i32AtomicStore16: "i32.atomic.store16"
        case .i64AtomicStore8: "i64.atomic.store8"
        case .i64AtomicStore16: "i64.atomic.store16"
        case .i64AtomicStore32: "i64.atomic.store32"
        case .i32AtomicRmwAdd: "i32.atomic.rmw.add"
        case .i64AtomicRmwAdd: "i64.atomic.rmw.add"
        case .i32AtomicRmw8AddU: "i32.atomic.rmw8.add_u"
        case .i32AtomicRmw16AddU: "i32.atomic.rmw16.add_u"
        case .i64AtomicRmw8AddU: "i64.atomic.rmw8.add_u"
        case .i64AtomicRmw16AddU: "i64.atomic.rmw16.add_u"
        case .i64AtomicRmw32AddU: "i64.atomic.rmw32.add_u"
        case .i32AtomicRmwSub: "i32.atomic.rmw.sub"
        case .i64AtomicRmwSub: "i64.atomic.rmw.sub"
        case .i32AtomicRmw8SubU: "i32.atomic.rmw8.sub_u"
        case .i32AtomicRmw16SubU: "i32.atomic.rmw16.sub_u"
        case .i64AtomicRmw8SubU: "i64.atomic.rmw8.sub_u"
        case .i64AtomicRmw16SubU: "i64.atomic.rmw16.sub_u"
        case .i64AtomicRmw32SubU: "i64.atomic.rmw32.sub_u"
        case .i32AtomicRmwAnd: "i32.atomic.rmw.and"
        case .i64AtomicRmwAnd: "i64.atomic.rmw.and"
        case .i32AtomicRmw8AndU: "i32.atomic.rmw8.and_u"
        case .i32AtomicRmw16AndU: "i32.atomic.rmw16.and_u"
        case .i64AtomicRmw8AndU: "i64.atomic.rmw8.and_u"
        case .i64AtomicRmw16AndU: "i64.atomic.rmw16.and_u"
        case .i64AtomicRmw32AndU: "i64.atomic.rmw32.and_u"
        case .i32AtomicRmwOr: "i32.atomic.rmw.or"
        case .i64AtomicRmwOr: "i64.atomic.rmw.or"
        case .i32AtomicRmw8OrU: "i32.atomic.rmw8.or_u"
        case .i32AtomicRmw16OrU: "i32.atomic.rmw16.or_u"
        case .i64AtomicRmw8OrU: "i64.atomic.rmw8.or_u"
        case .i64AtomicRmw16OrU: "i64.atomic.rmw16.or_u"
        case .i64AtomicRmw32OrU: "i64.atomic.rmw32.or_u"
        case .i32AtomicRmwXor: "i32.atomic.rmw.xor"
        case .i64AtomicRmwXor: "i64.atomic.rmw.xor"
        case .i32AtomicRmw8XorU: "i32.atomic.rmw8.xor_u"
        case .i32AtomicRmw16XorU: "i32.atomic.rmw16.xor_u"
        case .i64AtomicRmw8XorU: "i64.atomic.rmw8.xor_u"
        case .i64AtomicRmw16XorU: "i64.atomic.rmw16.xor_u"
        case .i64AtomicRmw32XorU: "i64.atomic.rmw32.xor_u"
        case .i32AtomicRmwXchg: "i32.atomic.rmw.xchg"
        case .i64AtomicRmwXchg: "i64.atomic.rmw.xchg"
        case .i32AtomicRmw8XchgU: "i32.atomic.rmw8.xchg_u"
        case .i32AtomicRmw16XchgU: "i32.atomic.rmw16.xchg_u"
        case .i64AtomicRmw8XchgU: "i64.atomic.rmw8.xchg_u"
        case .i64AtomicRmw16XchgU: "i64.atomic.rmw16.xchg_u"
        case .i64AtomicRmw32XchgU: "i64.atomic.rmw32.xchg_u"
        case .i32AtomicRmwCmpxchg: "i32.atomic.rmw.cmpxchg"
        case .i64AtomicRmwCmpxchg: "i64.atomic.rmw.cmpxchg"
        case .i32AtomicRmw8CmpxchgU: "i32.atomic.rmw8.cmpxchg_u"
        case .i32AtomicRmw16CmpxchgU: "i32.atomic.rmw16.cmpxchg_u"
        case .i64AtomicRmw8CmpxchgU: "i64.atomic.rmw8.cmpxchg_u"
        case .i64AtomicRmw16CmpxchgU: "i64.atomic.rmw16.cmpxchg_u"
        case .i64AtomicRmw32CmpxchgU: "i64.atomic.rmw32.cmpxchg_u"
        }
    }

    /// log2 of the access width in bytes: the largest alignment the instruction accepts.
    public var naturalAlignment: UInt32 {
        switch self {
        case .i32Load8S, .i32Load8U, .i64Load8S, .i64Load8U, .i32Store8, .i64Store8, .v128Load8Splat, .i32AtomicLoad8U, .i64AtomicLoad8U, .i32AtomicStore8, .i64AtomicStore8, .i32AtomicRmw8AddU, .i64AtomicRmw8AddU, .i32AtomicRmw8SubU, .i64AtomicRmw8SubU, .i32AtomicRmw8AndU, .i64AtomicRmw8AndU, .i32AtomicRmw8OrU, .i64AtomicRmw8OrU, .i32AtomicRmw8XorU, .i64AtomicRmw8XorU, .i32AtomicRmw8XchgU, .i64AtomicRmw8XchgU, .i32AtomicRmw8CmpxchgU, .i64AtomicRmw8CmpxchgU: 0
        case .i32Load16S, .i32Load16U, .i64Load16S, .i64Load16U, .i32Store16, .i64Store16, .v128Load16Splat, .i32AtomicLoad16U, .i64AtomicLoad16U, .i32AtomicStore16, .i64AtomicStore16, .i32AtomicRmw16AddU, .i64AtomicRmw16AddU, .i32AtomicRmw16SubU, .i64AtomicRmw16SubU, .i32AtomicRmw16AndU, .i64AtomicRmw16AndU, .i32AtomicRmw16OrU, .i64AtomicRmw16OrU, .i32AtomicRmw16XorU, .i64AtomicRmw16XorU, .i32AtomicRmw16XchgU, .i64AtomicRmw16XchgU, .i32AtomicRmw16CmpxchgU, .i64AtomicRmw16CmpxchgU: 1
        case .i32Load, .f32Load, .i64Load32S, .i64Load32U, .i32Store, .f32Store, .i64Store32, .v128Load32Splat, .v128Load32Zero, .memoryAtomicNotify, .memoryAtomicWait32, .i32AtomicLoad, .i64AtomicLoad32U, .i32AtomicStore, .i64AtomicStore32, .i32AtomicRmwAdd, .i64AtomicRmw32AddU, .i32AtomicRmwSub, .i64AtomicRmw32SubU, .i32AtomicRmwAnd, .i64AtomicRmw32AndU, .i32AtomicRmwOr, .i64AtomicRmw32OrU, .i32AtomicRmwXor, .i64AtomicRmw32XorU, .i32AtomicRmwXchg, .i64AtomicRmw32XchgU, .i32AtomicRmwCmpxchg, .i64AtomicRmw32CmpxchgU: 2
        case .i64Load, .f64Load, .i64Store, .f64Store, .v128Load8x8S, .v128Load8x8U, .v128Load16x4S, .v128Load16x4U, .v128Load32x2S, .v128Load32x2U, .v128Load64Splat, .v128Load64Zero, .memoryAtomicWait64, .i64AtomicLoad, .i64AtomicStore, .i64AtomicRmwAdd, .i64AtomicRmwSub, .i64AtomicRmwAnd, .i64AtomicRmwOr, .i64AtomicRmwXor, .i64AtomicRmwXchg, .i64AtomicRmwCmpxchg: 3
        case .v128Load, .v128Store: 4
        }
    }

    /// Operand types (address first) and result types.
    public var signature: OperandSignature {
        switch self {
        case .i32Load, .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U, .i32AtomicLoad, .i32AtomicLoad8U, .i32AtomicLoad16U: .i_to_i
        case .i64Load, .i64Load8S, .i64Load8U, .i64Load16S, .i64Load16U, .i64Load32S, .i64Load32U, .i64AtomicLoad, .i64AtomicLoad8U, .i64AtomicLoad16U, .i64AtomicLoad32U: .i_to_l
        case .f32Load: .i_to_f
        case .f64Load: .i_to_d
        case .i32Store, .i32Store8, .i32Store16, .i32AtomicStore, .i32AtomicStore8, .i32AtomicStore16: .i_i_to_none
        case .i64Store, .i64Store8, .i64Store16, .i64Store32, .i64AtomicStore, .i64AtomicStore8, .i64AtomicStore16, .i64AtomicStore32: .i_l_to_none
        case .f32Store: .i_f_to_none
        case .f64Store: .i_d_to_none
        case .v128Load, .v128Load8x8S, .v128Load8x8U, .v128Load16x4S, .v128Load16x4U, .v128Load32x2S, .v128Load32x2U, .v128Load8Splat, .v128Load16Splat, .v128Load32Splat, .v128Load64Splat, .v128Load32Zero, .v128Load64Zero: .i_to_v
        case .v128Store: .i_v_to_none
        case .memoryAtomicNotify, .i32AtomicRmwAdd, .i32AtomicRmw8AddU, .i32AtomicRmw16AddU, .i32AtomicRmwSub, .i32AtomicRmw8SubU, .i32AtomicRmw16SubU, .i32AtomicRmwAnd, .i32AtomicRmw8AndU, .i32AtomicRmw16AndU, .i32AtomicRmwOr, .i32AtomicRmw8OrU, .i32AtomicRmw16OrU, .i32AtomicRmwXor, .i32AtomicRmw8XorU, .i32AtomicRmw16XorU, .i32AtomicRmwXchg, .i32AtomicRmw8XchgU, .i32AtomicRmw16XchgU: .i_i_to_i
        case .memoryAtomicWait32: .i_i_l_to_i
        case .memoryAtomicWait64: .i_l_l_to_i
        case .i64AtomicRmwAdd, .i64AtomicRmw8AddU, .i64AtomicRmw16AddU, .i64AtomicRmw32AddU, .i64AtomicRmwSub, .i64AtomicRmw8SubU, .i64AtomicRmw16SubU, .i64AtomicRmw32SubU, .i64AtomicRmwAnd, .i64AtomicRmw8AndU, .i64AtomicRmw16AndU, .i64AtomicRmw32AndU, .i64AtomicRmwOr, .i64AtomicRmw8OrU, .i64AtomicRmw16OrU, .i64AtomicRmw32OrU, .i64AtomicRmwXor, .i64AtomicRmw8XorU, .i64AtomicRmw16XorU, .i64AtomicRmw32XorU, .i64AtomicRmwXchg, .i64AtomicRmw8XchgU, .i64AtomicRmw16XchgU, .i64AtomicRmw32XchgU: .i_l_to_l
        case .i32AtomicRmwCmpxchg, .i32AtomicRmw8CmpxchgU, .i32AtomicRmw16CmpxchgU: .i_i_i_to_i
        case .i64AtomicRmwCmpxchg, .i64AtomicRmw8CmpxchgU, .i64AtomicRmw16CmpxchgU, .i64AtomicRmw32CmpxchgU: .i_l_l_to_l
        }
    }

    /// Atomic accesses must use exactly their natural alignment.
    public var isAtomic: Bool { rawValue >> 16 == 0xFE }
}

/// A vector lane extract or replace with a lane immediate.
public enum LaneOp: UInt32, CaseIterable, Sendable {
    case i8x16ExtractLaneS = 0xFD0015
    case i8x16ExtractLaneU = 0xFD0016
    case i8x16ReplaceLane = 0xFD0017
    case i16x8ExtractLaneS = 0xFD0018
    case i16x8ExtractLaneU = 0xFD0019
    case i16x8ReplaceLane = 0xFD001A
    case i32x4ExtractLane = 0xFD001B
    case i32x4ReplaceLane = 0xFD001C
    case i64x2ExtractLane = 0xFD001D
    case i64x2ReplaceLane = 0xFD001E
    case f32x4ExtractLane = 0xFD001F
    case f32x4ReplaceLane = 0xFD0020
    case f64x2ExtractLane = 0xFD0021
    case f64x2ReplaceLane = 0xFD0022

    /// The text-format mnemonic.
    public var name: String {
        switch self {
        case .i8x16ExtractLaneS: "i8x16.extract_lane_s"
        case .i8x16ExtractLaneU: "i8x16.extract_lane_u"
        case .i8x16ReplaceLane: "i8x16.replace_lane"
        case .i16x8ExtractLaneS: "i16x8.extract_lane_s"
        case .i16x8ExtractLaneU: "i16x8.extract_lane_u"
        case .i16x8ReplaceLane: "i16x8.replace_lane"
        case .i32x4ExtractLane: "i32x4.extract_lane"
        case .i32x4ReplaceLane: "i32x4.replace_lane"
        case .i64x2ExtractLane: "i64x2.extract_lane"
        case .i64x2ReplaceLane: "i64x2.replace_lane"
        case .f32x4ExtractLane: "f32x4.extract_lane"
        case .f32x4ReplaceLane: "f32x4.replace_lane"
        case .f64x2ExtractLane: "f64x2.extract_lane"
        case .f64x2ReplaceLane: "f64x2.replace_lane"
        }
    }

    /// How many lanes the vector shape has; the lane immediate must be below it.
    public var laneCount: UInt8 {
        switch self {
        case .i64x2ExtractLane, .i64x2ReplaceLane, .f64x2ExtractLane, .f64x2ReplaceLane: 2
        case .i32x4ExtractLane, .i32x4ReplaceLane, .f32x4ExtractLane, .f32x4ReplaceLane: 4
        case .i16x8ExtractLaneS, .i16x8ExtractLaneU, .i16x8ReplaceLane: 8
        case .i8x16ExtractLaneS, .i8x16ExtractLaneU, .i8x16ReplaceLane: 16
        }
    }

    public var signature: OperandSignature {
        switch self {
        case .i8x16ExtractLaneS, .i8x16ExtractLaneU, .i16x8ExtractLaneS, .i16x8ExtractLaneU, .i32x4ExtractLane: .v_to_i
        case .i8x16ReplaceLane, .i16x8ReplaceLane, .i32x4ReplaceLane: .v_i_to_v
        case .i64x2ExtractLane: .v_to_l
        case .i64x2ReplaceLane: .v_l_to_v
        case .f32x4ExtractLane: .v_to_f
        case .f32x4ReplaceLane: .v_f_to_v
        case .f64x2ExtractLane: .v_to_d
        case .f64x2ReplaceLane: .v_d_to_v
        }
    }
}

/// A vector load or store of one lane: `memarg` and lane immediates.
public enum MemoryLaneOp: UInt32, CaseIterable, Sendable {
    case v128Load8Lane = 0xFD0054
    case v128Load16Lane = 0xFD0055
    case v128Load32Lane = 0xFD0056
    case v128Load64Lane = 0xFD0057
    case v128Store8Lane = 0xFD0058
    case v128Store16Lane = 0xFD0059
    case v128Store32Lane = 0xFD005A
    case v128Store64Lane = 0xFD005B

    /// The text-format mnemonic.
    public var name: String {
        switch self {
        case .v128Load8Lane: "v128.load8_lane"
        case .v128Load16Lane: "v128.load16_lane"
        case .v128Load32Lane: "v128.load32_lane"
        case .v128Load64Lane: "v128.load64_lane"
        case .v128Store8Lane: "v128.store8_lane"
        case .v128Store16Lane: "v128.store16_lane"
        case .v128Store32Lane: "v128.store32_lane"
        case .v128Store64Lane: "v128.store64_lane"
        }
    }

    public var naturalAlignment: UInt32 {
        switch self {
        case .v128Load8Lane, .v128Store8Lane: 0
        case .v128Load16Lane, .v128Store16Lane: 1
        case .v128Load32Lane, .v128Store32Lane: 2
        case .v128Load64Lane, .v128Store64Lane: 3
        }
    }

    public var laneCount: UInt8 {
        switch self {
        case .v128Load64Lane, .v128Store64Lane: 2
        case .v128Load32Lane, .v128Store32Lane: 4
        case .v128Load16Lane, .v128Store16Lane: 8
        case .v128Load8Lane, .v128Store8Lane: 16
        }
    }

    public var signature: OperandSignature {
        switch self {
        case .v128Load8Lane, .v128Load16Lane, .v128Load32Lane, .v128Load64Lane: .i_v_to_v
        case .v128Store8Lane, .v128Store16Lane, .v128Store32Lane, .v128Store64Lane: .i_v_to_none
        }
    }
}

/// The operand types an instruction pops and the result types it pushes.
public struct OperandSignature: Sendable {
    public let parameters: [ValueType]
    public let results: [ValueType]

    static let d_d_to_d = OperandSignature(parameters: [.f64, .f64], results: [.f64])
    static let d_d_to_i = OperandSignature(parameters: [.f64, .f64], results: [.i32])
    static let d_to_d = OperandSignature(parameters: [.f64], results: [.f64])
    static let d_to_f = OperandSignature(parameters: [.f64], results: [.f32])
    static let d_to_i = OperandSignature(parameters: [.f64], results: [.i32])
    static let d_to_l = OperandSignature(parameters: [.f64], results: [.i64])
    static let d_to_v = OperandSignature(parameters: [.f64], results: [.v128])
    static let f_f_to_f = OperandSignature(parameters: [.f32, .f32], results: [.f32])
    static let f_f_to_i = OperandSignature(parameters: [.f32, .f32], results: [.i32])
    static let f_to_d = OperandSignature(parameters: [.f32], results: [.f64])
    static let f_to_f = OperandSignature(parameters: [.f32], results: [.f32])
    static let f_to_i = OperandSignature(parameters: [.f32], results: [.i32])
    static let f_to_l = OperandSignature(parameters: [.f32], results: [.i64])
    static let f_to_v = OperandSignature(parameters: [.f32], results: [.v128])
    static let i_d_to_none = OperandSignature(parameters: [.i32, .f64], results: [])
    static let i_f_to_none = OperandSignature(parameters: [.i32, .f32], results: [])
    static let i_i_i_to_i = OperandSignature(parameters: [.i32, .i32, .i32], results: [.i32])
    static let i_i_l_to_i = OperandSignature(parameters: [.i32, .i32, .i64], results: [.i32])
    static let i_i_to_i = OperandSignature(parameters: [.i32, .i32], results: [.i32])
    static let i_i_to_none = OperandSignature(parameters: [.i32, .i32], results: [])
    static let i_l_l_to_i = OperandSignature(parameters: [.i32, .i64, .i64], results: [.i32])
    static let i_l_l_to_l = OperandSignature(parameters: [.i32, .i64, .i64], results: [.i64])
    static let i_l_to_l = OperandSignature(parameters: [.i32, .i64], results: [.i64])
    static let i_l_to_none = OperandSignature(parameters: [.i32, .i64], results: [])
    static let i_to_d = OperandSignature(parameters: [.i32], results: [.f64])
    static let i_to_f = OperandSignature(parameters: [.i32], results: [.f32])
    static let i_to_i = OperandSignature(parameters: [.i32], results: [.i32])
    static let i_to_l = OperandSignature(parameters: [.i32], results: [.i64])
    static let i_to_v = OperandSignature(parameters: [.i32], results: [.v128])
    static let i_v_to_none = OperandSignature(parameters: [.i32, .v128], results: [])
    static let i_v_to_v = OperandSignature(parameters: [.i32, .v128], results: [.v128])
    static let l_l_l_l_to_l_l = OperandSignature(parameters: [.i64, .i64, .i64, .i64], results: [.i64, .i64])
    static let l_l_to_i = OperandSignature(parameters: [.i64, .i64], results: [.i32])
    static let l_l_to_l = OperandSignature(parameters: [.i64, .i64], results: [.i64])
    static let l_l_to_l_l = OperandSignature(parameters: [.i64, .i64], results: [.i64, .i64])
    static let l_to_d = OperandSignature(parameters: [.i64], results: [.f64])
    static let l_to_f = OperandSignature(parameters: [.i64], results: [.f32])
    static let l_to_i = OperandSignature(parameters: [.i64], results: [.i32])
    static let l_to_l = OperandSignature(parameters: [.i64], results: [.i64])
    static let l_to_v = OperandSignature(parameters: [.i64], results: [.v128])
    static let v_d_to_v = OperandSignature(parameters: [.v128, .f64], results: [.v128])
    static let v_f_to_v = OperandSignature(parameters: [.v128, .f32], results: [.v128])
    static let v_i_to_v = OperandSignature(parameters: [.v128, .i32], results: [.v128])
    static let v_l_to_v = OperandSignature(parameters: [.v128, .i64], results: [.v128])
    static let v_to_d = OperandSignature(parameters: [.v128], results: [.f64])
    static let v_to_f = OperandSignature(parameters: [.v128], results: [.f32])
    static let v_to_i = OperandSignature(parameters: [.v128], results: [.i32])
    static let v_to_l = OperandSignature(parameters: [.v128], results: [.i64])
    static let v_to_v = OperandSignature(parameters: [.v128], results: [.v128])
    static let v_v_to_v = OperandSignature(parameters: [.v128, .v128], results: [.v128])
    static let v_v_v_to_v = OperandSignature(parameters: [.v128, .v128, .v128], results: [.v128])
}
