import WasmFormat

extension Store {
    /// Evaluates a constant expression (global, table and segment initialisers) in an
    /// instance under construction: constants, `global.get`, `ref.null`, `ref.func` and the
    /// extended-const integer arithmetic.
    func evaluate(_ expression: ConstantExpression, in instance: InstanceState) throws(RuntimeError) -> Value {
        var stack: [Value] = []
        func pop() -> Value { stack.popLast() ?? .i32(0) }
        for i in expression.instructions {
            switch i {
            case .i32Const(let v): stack.append(.i32(UInt32(bitPattern: v)))
            case .i64Const(let v): stack.append(.i64(UInt64(bitPattern: v)))
            case .f32Const(let v): stack.append(.f32(v))
            case .f64Const(let v): stack.append(.f64(v))
            case .v128Const(let v): stack.append(.v128(v))
            case .refNull: stack.append(.ref(.null))
            case .refFunc(let f): stack.append(.ref(.function(Function(record: instance.functions[Int(f)], store: self))))
            case .globalGet(let g): stack.append(instance.globals[Int(g)].value(in: self))
            case .plain(let op):
                let y = pop(), x = pop()
                switch (op, x, y) {
                case (.i32Add, .i32(let a), .i32(let b)): stack.append(.i32(a &+ b))
                case (.i32Sub, .i32(let a), .i32(let b)): stack.append(.i32(a &- b))
                case (.i32Mul, .i32(let a), .i32(let b)): stack.append(.i32(a &* b))
                case (.i64Add, .i64(let a), .i64(let b)): stack.append(.i64(a &+ b))
                case (.i64Sub, .i64(let a), .i64(let b)): stack.append(.i64(a &- b))
                case (.i64Mul, .i64(let a), .i64(let b)): stack.append(.i64(a &* b))
                default: throw RuntimeError(.unsupported, "constant expression instruction \(op.name)")
                }
            default:
                throw RuntimeError(.unsupported, "constant expression instruction \(i)")
            }
        }
        return pop()
    }
}
