import WasmFormat

/// Every keyword of the core text format and of scripts.
///
/// The reference interpreter's lexer turns a word it does not know into an "unknown
/// operator" error, while a known keyword in the wrong place is an "unexpected token";
/// the conformance suite checks which one a parser reports, so the parser needs to know
/// the difference.
enum Keywords {
    static let all: Set<String> = {
        var s: Set<String> = [
            // Module structure.
            "module", "type", "rec", "sub", "final", "func", "struct", "array", "field", "mut",
            "param", "result", "local", "import", "export", "table", "memory", "global", "tag",
            "elem", "data", "start", "offset", "item", "declare", "shared", "unshared", "pagesize",
            "ref", "null", "i8", "i16", "then", "do",
            // Control and other instructions with immediates (the rest come from the tables).
            "block", "loop", "if", "else", "end", "try_table", "try", "catch", "catch_ref",
            "catch_all", "catch_all_ref", "delegate", "rethrow", "throw", "select",
            "br", "br_if", "br_table", "br_on_null", "br_on_non_null", "br_on_cast", "br_on_cast_fail",
            "call", "call_indirect", "return_call", "return_call_indirect", "call_ref", "return_call_ref",
            "local.get", "local.set", "local.tee", "global.get", "global.set",
            "table.get", "table.set", "table.size", "table.grow", "table.fill", "table.copy",
            "table.init", "elem.drop", "memory.size", "memory.grow", "memory.fill", "memory.copy",
            "memory.init", "data.drop", "atomic.fence", "i32.const", "i64.const", "f32.const",
            "f64.const", "v128.const", "i8x16.shuffle", "ref.null", "ref.func", "ref.test", "ref.cast",
            "struct.new", "struct.new_default", "struct.get", "struct.get_s", "struct.get_u", "struct.set",
            "array.new", "array.new_default", "array.new_fixed", "array.new_data", "array.new_elem",
            "array.get", "array.get_s", "array.get_u", "array.set", "array.fill", "array.copy",
            "array.init_data", "array.init_elem",
            // Vector shapes and float keywords.
            "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2", "inf", "nan",
            // Scripts.
            "binary", "quote", "definition", "instance", "register", "invoke", "get",
            "assert_return", "assert_trap", "assert_exhaustion", "assert_exception",
            "assert_invalid", "assert_malformed", "assert_unlinkable", "assert_uninstantiable",
            "nan:canonical", "nan:arithmetic", "either",
        ]
        for (name, _) in ModuleParser.numericTypes { s.insert(name) }
        for (name, _) in ModuleParser.referenceAbbreviations { s.insert(name) }
        for h in AbstractHeapType.allCases { s.insert(h.name) }
        for op in PlainOp.allCases { s.insert(op.name) }
        for op in MemoryOp.allCases { s.insert(op.name) }
        for op in LaneOp.allCases { s.insert(op.name) }
        for op in MemoryLaneOp.allCases { s.insert(op.name) }
        return s
    }()

    /// Whether an atom is a keyword (or a memarg) rather than an unknown word.
    static func isKnown(_ word: String) -> Bool {
        if all.contains(word) { return true }
        for prefix in ["offset=", "align="] where word.hasPrefix(prefix) {
            return Numbers.isNumber(String(word.dropFirst(prefix.count)))
        }
        return false
    }
}
