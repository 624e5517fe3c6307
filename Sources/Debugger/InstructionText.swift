import CoreRuntime
import WasmFormat

/// One instruction as WAT text, for stops and listings: the mnemonic and its immediates
/// (indices plain, constants in decimal, floats as values). Rare immediates (GC types,
/// vector constants) fall back to a description of the syntax tree node.
public enum InstructionText {
    public static func of(_ instruction: Instruction) -> String {
        switch instruction {
        case .plain(let op): op.name
        case .block(let t): "block" + blockType(t)
        case .loop(let t): "loop" + blockType(t)
        case .if(let t): "if" + blockType(t)
        case .br(let l): "br \(l)"
        case .brIf(let l): "br_if \(l)"
        case .brTable(let labels, let d): "br_table " + (labels + [d]).map(String.init).joined(separator: " ")
        case .brOnNull(let l): "br_on_null \(l)"
        case .brOnNonNull(let l): "br_on_non_null \(l)"
        case .call(let f): "call \(f)"
        case .callIndirect(let type, let table): "call_indirect \(table) (type \(type))"
        case .returnCall(let f): "return_call \(f)"
        case .returnCallIndirect(let type, let table): "return_call_indirect \(table) (type \(type))"
        case .callRef(let type): "call_ref \(type)"
        case .returnCallRef(let type): "return_call_ref \(type)"
        case .throw(let tag): "throw \(tag)"
        case .legacyTry(let t): "try" + blockType(t)
        case .legacyCatch(let tag): "catch \(tag)"
        case .legacyRethrow(let l): "rethrow \(l)"
        case .legacyDelegate(let l): "delegate \(l)"
        case .localGet(let i): "local.get \(i)"
        case .localSet(let i): "local.set \(i)"
        case .localTee(let i): "local.tee \(i)"
        case .globalGet(let i): "global.get \(i)"
        case .globalSet(let i): "global.set \(i)"
        case .tableGet(let t): "table.get \(t)"
        case .tableSet(let t): "table.set \(t)"
        case .tableSize(let t): "table.size \(t)"
        case .tableGrow(let t): "table.grow \(t)"
        case .tableFill(let t): "table.fill \(t)"
        case .tableCopy(let d, let s): "table.copy \(d) \(s)"
        case .tableInit(let e, let t): "table.init \(t) \(e)"
        case .elemDrop(let e): "elem.drop \(e)"
        case .memory(let op, let arg): op.name + memArg(arg)
        case .memoryLane(let op, let arg, let lane): op.name + memArg(arg) + " \(lane)"
        case .memorySize(let m): "memory.size" + memory(m)
        case .memoryGrow(let m): "memory.grow" + memory(m)
        case .memoryFill(let m): "memory.fill" + memory(m)
        case .memoryCopy(let d, let s): d == 0 && s == 0 ? "memory.copy" : "memory.copy \(d) \(s)"
        case .memoryInit(let data, let m): "memory.init" + memory(m) + " \(data)"
        case .dataDrop(let d): "data.drop \(d)"
        case .i32Const(let v): "i32.const \(v)"
        case .i64Const(let v): "i64.const \(v)"
        case .f32Const(let bits): "f32.const \(Float(bitPattern: bits))"
        case .f64Const(let bits): "f64.const \(Double(bitPattern: bits))"
        case .refFunc(let f): "ref.func \(f)"
        case .lane(let op, let lane): "\(op.name) \(lane)"
        default: "\(instruction)"
        }
    }

    /// The instruction at byte `offset` of a function of a module, as text.
    public static func at(_ offset: Int, function: UInt32, in module: CompiledModule) -> String? {
        instructions(ofFunction: function, in: module)?.first { $0.offset == offset }.map { of($0.instruction) }
    }

    /// A defined function's instructions with their byte offsets; nil for an import.
    public static func instructions(ofFunction function: UInt32, in module: CompiledModule) -> [(offset: Int, instruction: Instruction)]? {
        let defined = Int(function) - module.module.imports.count { if case .function = $0.description { true } else { false } }
        guard defined >= 0, defined < module.module.codes.count else { return nil }
        return try? module.module.codes[defined].instructions()
    }

    private static func blockType(_ t: BlockType) -> String {
        switch t {
        case .empty: ""
        case .value(let v): " (result \(v))"
        case .typeIndex(let i): " (type \(i))"
        }
    }

    private static func memArg(_ a: MemArg) -> String {
        memory(a.memory) + (a.offset == 0 ? "" : " offset=\(a.offset)")
    }

    private static func memory(_ m: UInt32) -> String { m == 0 ? "" : " \(m)" }
}
