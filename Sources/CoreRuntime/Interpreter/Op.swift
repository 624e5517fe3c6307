/// The interpreter's internal instruction set: a register machine over frame slots.
///
/// Translated code is a sequence of 64-bit words. The first word of every instruction is
/// `op | A << 16 | B << 32 | C << 48`, where A, B and C are frame slot indices (or small
/// immediates, as each case says); further words hold wide immediates. Slots are 64-bit
/// cells relative to the frame pointer `fp`: parameters, then locals, then the operand
/// stack (a v128 takes two consecutive slots).
///
/// "Provider" instructions of wasm (`local.get`, constants) do not exist here: operands
/// name local slots directly, and constants become immediates of `…Imm` forms. Compare
/// and branch pairs fuse into `jumpIf…` forms. See `Translator` for how wasm maps here.
///
/// NB: the raw values are dense and start at 0 so the dispatch `switch` is one jump table.
enum Op: UInt16 {
    // Moves and constants.
    case copy            // A ← B
    case copy128         // A,A+1 ← B,B+1
    case const32         // A ← w1 (low 32 bits)
    case const64         // A ← w1
    case const128        // A,A+1 ← w1,w2

    // Control. Jump offsets (w1, signed) are in words, relative to the instruction start.
    case jump
    case jumpIf          // if A != 0 (i32)
    case jumpIfNot       // if A == 0 (i32)
    case jumpIfI32Eq, jumpIfI32Ne, jumpIfI32LtS, jumpIfI32LtU, jumpIfI32GtS, jumpIfI32GtU
    case jumpIfI32LeS, jumpIfI32LeU, jumpIfI32GeS, jumpIfI32GeU           // A op B
    case jumpIfI32EqImm, jumpIfI32NeImm, jumpIfI32LtSImm, jumpIfI32LtUImm, jumpIfI32GtSImm
    case jumpIfI32GtUImm, jumpIfI32LeSImm, jumpIfI32LeUImm, jumpIfI32GeSImm, jumpIfI32GeUImm  // A op w2
    case jumpIfI64Eq, jumpIfI64Ne, jumpIfI64LtS, jumpIfI64LtU, jumpIfI64GtS, jumpIfI64GtU
    case jumpIfI64LeS, jumpIfI64LeU, jumpIfI64GeS, jumpIfI64GeU
    case jumpIfI64EqImm, jumpIfI64NeImm, jumpIfI64LtSImm, jumpIfI64LtUImm, jumpIfI64GtSImm
    case jumpIfI64GtUImm, jumpIfI64LeSImm, jumpIfI64LeUImm, jumpIfI64GeSImm, jumpIfI64GeUImm  // A op w2
    case jumpIfI64Eqz, jumpIfI64Nez   // A
    case jumpIfNull, jumpIfNonNull    // A (reference)
    case brTable         // index A; w1 = count n; w2…w(n+2): offsets (last is the default)
    case ret             // results already in fp[0…]
    case call            // args at A; w1 = function index
    case callIndirect    // args at A; element index B; w1 = type index | table << 32
    case callRef         // args at A; reference B; w1 = type index
    case returnCall, returnCallIndirect, returnCallRef   // as above, reusing the frame; w2 = arg slot count
    case unreachable
    case select          // A ← (w1 slot) != 0 ? B : C
    case select128
    case throwTag        // payload at A; w1 = tag index
    case throwRef        // exnref in A
    case breakpoint      // patched in by the debugger; the original word is kept aside
    case nop             // a wasm instruction with no work, in debug translations (a step stop)

    // Variables.
    case globalGet       // A ← global w1
    case globalSet       // global w1 ← A
    case globalGet128, globalSet128

    // References.
    case refNull         // A ← null
    case refIsNull       // A ← B == null
    case refFunc         // A ← function w1
    case refAsNonNull    // A ← B, trap on null
    case refEq           // A ← B == C

    // Tables (w1 = table index unless noted).
    case tableGet        // A ← table[B]
    case tableSet        // table[A] ← B
    case tableSize       // A ← size
    case tableGrow       // A ← grow(init B, delta C)
    case tableFill       // fill(start A, ref B, count C)
    case tableCopy       // copy(dst A, src B, count C); w1 = dst table | src table << 32
    case tableInit       // init(dst A, src B, count C); w1 = elem | table << 32
    case elemDrop        // w1 = elem

    // Memory 0 of 32-bit address type, the fast path. Loads extend to 64 bits (an i32
    // consumer reads only the low half, so i32 and i64 loads of a width share an op, and
    // floats load as integers of their width): A ← [B + w1]. Stores: [A + w1] ← B.
    case load8S, load8U, load16S, load16U, load32S, load32U, load64
    case store8, store16, store32, store64
    // The same with the address an `i32.add` computed (wrapping at 32 bits), fused in:
    // loads A ← [(B + C) + w1], stores [(A + C) + w1] ← B.
    case load8SAdd, load8UAdd, load16SAdd, load16UAdd, load32SAdd, load32UAdd, load64Add
    case store8Add, store16Add, store32Add, store64Add
    // … and with the address `B + w2` (loads) / `A + w2` (stores) of an `i32.add` with a
    // constant.
    case load8SAddImm, load8UAddImm, load16SAddImm, load16UAddImm, load32SAddImm, load32UAddImm, load64AddImm
    case store8AddImm, store16AddImm, store32AddImm, store64AddImm
    // Any memory, any address type, vector and atomic accesses: w1 = offset,
    // w2 = memory index | MemoryOp raw value << 32 | lane << 24.
    case memoryAccess    // A = value/result slot, B = address slot
    case memorySize      // A ← size of memory w1
    case memoryGrow      // A ← grow(B) of memory w1
    case memoryFill      // fill(dst A, value B, count C) of memory w1
    case memoryCopy      // copy(dst A, src B, count C); w1 = dst memory | src memory << 32
    case memoryInit      // init(dst A, src B, count C); w1 = data | memory << 32
    case dataDrop        // w1 = data

    // i32 arithmetic: A ← B op C, or A ← B op w1 for the Imm forms, or A ← op B.
    case i32Add, i32Sub, i32Mul, i32DivS, i32DivU, i32RemS, i32RemU
    case i32And, i32Or, i32Xor, i32Shl, i32ShrS, i32ShrU, i32Rotl, i32Rotr
    case i32Eq, i32Ne, i32LtS, i32LtU, i32GtS, i32GtU, i32LeS, i32LeU, i32GeS, i32GeU
    case i32AddImm, i32SubImm, i32MulImm, i32AndImm, i32OrImm, i32XorImm, i32ShlImm, i32ShrSImm, i32ShrUImm
    case i32RotlImm, i32RotrImm
    case i32EqImm, i32NeImm, i32LtSImm, i32LtUImm, i32GtSImm, i32GtUImm, i32LeSImm, i32LeUImm, i32GeSImm, i32GeUImm
    case i32Eqz, i32Clz, i32Ctz, i32Popcnt, i32Extend8S, i32Extend16S, i32WrapI64

    // i64 arithmetic.
    case i64Add, i64Sub, i64Mul, i64DivS, i64DivU, i64RemS, i64RemU
    case i64And, i64Or, i64Xor, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr
    case i64Eq, i64Ne, i64LtS, i64LtU, i64GtS, i64GtU, i64LeS, i64LeU, i64GeS, i64GeU
    case i64AddImm, i64SubImm, i64MulImm, i64AndImm, i64OrImm, i64XorImm, i64ShlImm, i64ShrSImm, i64ShrUImm
    case i64RotlImm, i64RotrImm
    case i64EqImm, i64NeImm, i64LtSImm, i64LtUImm, i64GtSImm, i64GtUImm, i64LeSImm, i64LeUImm, i64GeSImm, i64GeUImm
    case i64Eqz, i64Clz, i64Ctz, i64Popcnt, i64Extend8S, i64Extend16S, i64Extend32S
    case i64ExtendI32S, i64ExtendI32U

    // Floats.
    case f32Add, f32Sub, f32Mul, f32Div, f32Min, f32Max, f32Copysign
    case f32Eq, f32Ne, f32Lt, f32Gt, f32Le, f32Ge
    case f32Abs, f32Neg, f32Ceil, f32Floor, f32Trunc, f32Nearest, f32Sqrt
    case f64Add, f64Sub, f64Mul, f64Div, f64Min, f64Max, f64Copysign
    case f64Eq, f64Ne, f64Lt, f64Gt, f64Le, f64Ge
    case f64Abs, f64Neg, f64Ceil, f64Floor, f64Trunc, f64Nearest, f64Sqrt

    // Conversions.
    case i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U
    case i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U
    case i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U
    case i64TruncSatF32S, i64TruncSatF32U, i64TruncSatF64S, i64TruncSatF64U
    case f32ConvertI32S, f32ConvertI32U, f32ConvertI64S, f32ConvertI64U, f32DemoteF64
    case f64ConvertI32S, f64ConvertI32U, f64ConvertI64S, f64ConvertI64U, f64PromoteF32

    // Rare operations handled out of line: w1 = PlainOp / LaneOp raw value (and operands
    // as the case says).
    case vector          // A ← op(B, C, w2 slot): any v128 operation without immediates
    case vectorLane      // A ← op(B, C) with lane w2
    case vectorConst     // A ← w1, w2  (same as const128; kept apart for readability of dumps)
    case shuffle         // A ← shuffle(B, C) with lanes w1, w2
    case wide            // i64.add128 / sub128 / mul_wide_*: A = results base, B = operands base
}

extension Op {
    /// Number of words the instruction occupies, given its first words (br_table is
    /// the only variable-length instruction).
    static func length(of code: UnsafePointer<UInt64>) -> Int {
        let op = Op(rawValue: UInt16(truncatingIfNeeded: code[0]))!
        switch op {
        case .brTable: return 2 + Int(code[1]) + 1
        default: return op.fixedLength
        }
    }

    var fixedLength: Int {
        switch self {
        case .brTable:
            return 2  // plus the table; see length(of:)
        case .const128, .vectorConst, .returnCall, .returnCallIndirect, .returnCallRef, .memoryAccess,
             .vector, .vectorLane, .shuffle, .wide,
             .jumpIfI32EqImm, .jumpIfI32NeImm, .jumpIfI32LtSImm, .jumpIfI32LtUImm, .jumpIfI32GtSImm,
             .jumpIfI32GtUImm, .jumpIfI32LeSImm, .jumpIfI32LeUImm, .jumpIfI32GeSImm, .jumpIfI32GeUImm,
             .jumpIfI64EqImm, .jumpIfI64NeImm, .jumpIfI64LtSImm, .jumpIfI64LtUImm, .jumpIfI64GtSImm,
             .jumpIfI64GtUImm, .jumpIfI64LeSImm, .jumpIfI64LeUImm, .jumpIfI64GeSImm, .jumpIfI64GeUImm,
             .load8SAddImm, .load8UAddImm, .load16SAddImm, .load16UAddImm, .load32SAddImm, .load32UAddImm, .load64AddImm,
             .store8AddImm, .store16AddImm, .store32AddImm, .store64AddImm:
            return 3
        case .const32, .const64, .jump, .jumpIf, .jumpIfNot,
             .jumpIfI32Eq, .jumpIfI32Ne, .jumpIfI32LtS, .jumpIfI32LtU, .jumpIfI32GtS, .jumpIfI32GtU,
             .jumpIfI32LeS, .jumpIfI32LeU, .jumpIfI32GeS, .jumpIfI32GeU,
             .jumpIfI64Eq, .jumpIfI64Ne, .jumpIfI64LtS, .jumpIfI64LtU, .jumpIfI64GtS, .jumpIfI64GtU,
             .jumpIfI64LeS, .jumpIfI64LeU, .jumpIfI64GeS, .jumpIfI64GeU,
             .jumpIfI64Eqz, .jumpIfI64Nez, .jumpIfNull, .jumpIfNonNull,
             .call, .callIndirect, .callRef, .select, .select128, .throwTag,
             .globalGet, .globalSet, .globalGet128, .globalSet128, .refFunc,
             .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop,
             .load8S, .load8U, .load16S, .load16U, .load32S, .load32U, .load64,
             .store8, .store16, .store32, .store64,
             .load8SAdd, .load8UAdd, .load16SAdd, .load16UAdd, .load32SAdd, .load32UAdd, .load64Add,
             .store8Add, .store16Add, .store32Add, .store64Add,
             .memorySize, .memoryGrow, .memoryFill, .memoryCopy, .memoryInit, .dataDrop:
            return 2
        default:
            // Every immediate arithmetic form carries one word.
            return hasImmediate ? 2 : 1
        }
    }
}
