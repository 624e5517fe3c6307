/// Constant expressions: the initializers of globals, tables and element items, and the
/// offsets of active segments.
///
/// They are typed by the ordinary function validator (a constant expression is a function
/// body without locals whose result is the expected type); this wrapper only adds the rule
/// that every instruction be constant, and limits which globals are visible.
struct ConstantExpressionValidator {
    var validator: FunctionValidator

    init(context: ValidationContext) {
        validator = FunctionValidator(context: context, codes: [])
    }

    /// Validates `expression` as a constant of type `result` that may read the first
    /// `visibleGlobals` globals (imported ones, plus for a global's initializer the globals
    /// defined before it).
    mutating func validate(_ expression: ConstantExpression, result: OperandType, visibleGlobals: Int) throws(WasmError) {
        let offset = expression.offset
        validator.resetForConstantExpression(result: result, at: offset)
        for instruction in expression.instructions {
            try checkConstant(instruction, visibleGlobals: visibleGlobals, at: offset)
            try validator.validate(instruction, at: offset)
        }
        try validator.validate(.plain(.end), at: offset)
    }

    private func checkConstant(_ instruction: Instruction, visibleGlobals: Int, at offset: Int) throws(WasmError) {
        let context = validator.context
        switch instruction {
        case .i32Const, .i64Const, .f32Const, .f64Const, .v128Const, .refNull, .refFunc,
             .structNew, .structNewDefault, .arrayNew, .arrayNewDefault, .arrayNewFixed:
            return
        case .globalGet(let g):
            guard Int(g) < visibleGlobals else {
                throw .invalid("unknown global \(g): a constant expression here can only read globals 0..<\(visibleGlobals)", at: offset)
            }
            guard !context.globalMutable[Int(g)] else {
                throw .invalid("constant expression required: global \(g) is mutable", at: offset)
            }
        case .plain(let op):
            switch op {
            case .i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul:
                if !context.features.contains(.extendedConst) {
                    throw .invalid("constant expression required: \(op.name) needs extended constant expressions", at: offset)
                }
            case .refI31, .anyConvertExtern, .externConvertAny:
                return
            default:
                throw .invalid("constant expression required: \(op.name) is not constant", at: offset)
            }
        default:
            throw .invalid("constant expression required: this instruction is not constant", at: offset)
        }
    }
}
