/// Reference operators and the GC proposal's struct, array and i31 operators.
extension FunctionValidator {
    mutating func validateRefFunc(_ f: UInt32) throws(WasmError) {
        try require(.referenceTypes, "ref.func")
        guard Int(f) < context.functionTypes.count else { throw invalid("unknown function \(f)") }
        guard context.declaredFunctions[Int(f)] else {
            throw invalid("undeclared function reference \(f): a function named by ref.func in code must also appear in an element segment, an export, or an initializer")
        }
        if features.contains(.functionReferences) {
            operands.append(.ref(typeIndex: context.functionTypes[Int(f)], nullable: false))
        } else {
            operands.append(.funcref)
        }
    }

    /// `ref.test` and `ref.cast`: the operand may be any reference of the target's hierarchy.
    mutating func validateRefTest(_ rt: RefType, cast: Bool) throws(WasmError) {
        try require(.gc, cast ? "ref.cast" : "ref.test")
        try TypeTable.checkRefType(rt, typeCount: types.count, features: features, at: offset)
        let t = OperandType(rt)
        try pop(types.topReference(of: t))
        operands.append(cast ? t : .i32)
    }

    mutating func validateReferencePlain(_ op: PlainOp) throws(WasmError) {
        try require(.gc, op.name)
        switch op {
        case .arrayLen:
            try pop(.ref(.array, nullable: true))
            operands.append(.i32)
        case .refI31:
            try popNumeric(OperandType.i32.raw)
            operands.append(.ref(.i31, nullable: false))
        case .i31GetS, .i31GetU:
            try pop(.ref(.i31, nullable: true))
            operands.append(.i32)
        case .anyConvertExtern:
            let t = try pop(.externref)
            operands.append(.ref(.any, nullable: !t.isBottom && t.isNullable))
        case .externConvertAny:
            let t = try pop(.ref(.any, nullable: true))
            operands.append(.ref(.extern, nullable: !t.isBottom && t.isNullable))
        default:
            throw invalid("unsupported operator \(op.name)")
        }
    }

    // MARK: Aggregates

    /// The table entry of type `x`, which must be of `kind`.
    func aggregate(_ x: UInt32, _ kind: TypeTable.Kind) throws(WasmError) -> TypeTable.Entry {
        guard Int(x) < types.count else { throw invalid("unknown type \(x)") }
        let e = types.entries[Int(x)]
        guard e.kind == kind else {
            throw invalid("type mismatch: type \(x) is not \(kind == .struct ? "a struct" : "an array") type")
        }
        return e
    }

    @inline(__always)
    func isPacked(_ slot: Int) -> Bool {
        types.fieldFlags[slot] & (TypeTable.packedI8 | TypeTable.packedI16) != 0
    }

    @inline(__always)
    func isMutable(_ slot: Int) -> Bool {
        types.fieldFlags[slot] & TypeTable.mutableField != 0
    }

    func isDefaultable(_ t: OperandType) -> Bool {
        !t.isReference || t.isNullable
    }

    /// The pool slot of field `field` of struct `x`.
    func structField(_ x: UInt32, _ field: UInt32) throws(WasmError) -> Int {
        let e = try aggregate(x, .struct)
        guard field < e.count else { throw invalid("unknown field \(field) of struct type \(x)") }
        return Int(e.start) + Int(field)
    }

    mutating func validateStructInstruction(_ instruction: Instruction) throws(WasmError) {
        try require(.gc, "struct operators")
        switch instruction {
        case .structNew(let x):
            let e = try aggregate(x, .struct)
            try pop(TypeRange(start: e.start, count: e.count))
            operands.append(.ref(typeIndex: x, nullable: false))
        case .structNewDefault(let x):
            let e = try aggregate(x, .struct)
            for i in 0..<Int(e.count) where !isDefaultable(types.pool[Int(e.start) + i]) {
                throw invalid("field type is not defaultable: field \(i) of struct type \(x) is \(types.pool[Int(e.start) + i])")
            }
            operands.append(.ref(typeIndex: x, nullable: false))
        case .structGet(let x, let field), .structGetS(let x, let field), .structGetU(let x, let field):
            let slot = try structField(x, field)
            if case .structGet = instruction {
                guard !isPacked(slot) else {
                    throw invalid("field is packed: struct.get of field \(field) of type \(x) needs struct.get_s or struct.get_u")
                }
            } else {
                guard isPacked(slot) else {
                    throw invalid("field is unpacked: struct.get_s and struct.get_u need a packed field, field \(field) of type \(x) is not")
                }
            }
            try pop(.ref(typeIndex: x, nullable: true))
            operands.append(types.pool[slot])
        case .structSet(let x, let field):
            let slot = try structField(x, field)
            guard isMutable(slot) else { throw invalid("immutable field \(field) of struct type \(x)") }
            try pop(types.pool[slot])
            try pop(.ref(typeIndex: x, nullable: true))
        default:
            break
        }
    }

    /// The pool slot of the element of array type `x`.
    func arrayElement(_ x: UInt32) throws(WasmError) -> Int {
        Int(try aggregate(x, .array).start)
    }

    func requireMutableArray(_ x: UInt32, _ slot: Int) throws(WasmError) {
        guard isMutable(slot) else { throw invalid("immutable array type \(x)") }
    }

    func requireNumericElement(_ x: UInt32, _ slot: Int) throws(WasmError) {
        let t = types.pool[slot]
        guard t.isNumeric || t.isVector else {
            throw invalid("array type is not numeric or vector: the elements of type \(x) are \(t), which data segments cannot initialise")
        }
    }

    func requireElementSegment(_ e: UInt32, into x: UInt32, _ slot: Int) throws(WasmError) {
        let element = try checkElementSegment(e)
        guard types.isSubtype(element, types.pool[slot]) else {
            throw invalid("type mismatch: elem segment \(e) holds \(element), which is not a subtype of the elements \(types.pool[slot]) of array type \(x)")
        }
    }

    mutating func validateArrayInstruction(_ instruction: Instruction) throws(WasmError) {
        try require(.gc, "array operators")
        let i32 = OperandType.i32.raw
        switch instruction {
        case .arrayNew(let x):
            let slot = try arrayElement(x)
            try popNumeric(i32)
            try pop(types.pool[slot])
            operands.append(.ref(typeIndex: x, nullable: false))
        case .arrayNewDefault(let x):
            let slot = try arrayElement(x)
            guard isDefaultable(types.pool[slot]) else {
                throw invalid("array type is not defaultable: the elements of type \(x) are \(types.pool[slot])")
            }
            try popNumeric(i32)
            operands.append(.ref(typeIndex: x, nullable: false))
        case .arrayNewFixed(let x, let count):
            let slot = try arrayElement(x)
            try pop(types.pool[slot], count: count)
            operands.append(.ref(typeIndex: x, nullable: false))
        case .arrayNewData(let x, let d):
            let slot = try arrayElement(x)
            try requireNumericElement(x, slot)
            try checkDataSegment(d)
            try popNumeric(i32)
            try popNumeric(i32)
            operands.append(.ref(typeIndex: x, nullable: false))
        case .arrayNewElem(let x, let e):
            let slot = try arrayElement(x)
            try requireElementSegment(e, into: x, slot)
            try popNumeric(i32)
            try popNumeric(i32)
            operands.append(.ref(typeIndex: x, nullable: false))
        case .arrayGet(let x), .arrayGetS(let x), .arrayGetU(let x):
            let slot = try arrayElement(x)
            if case .arrayGet = instruction {
                guard !isPacked(slot) else {
                    throw invalid("array is packed: array.get of type \(x) needs array.get_s or array.get_u")
                }
            } else {
                guard isPacked(slot) else {
                    throw invalid("array is unpacked: array.get_s and array.get_u need packed elements, type \(x) has \(types.pool[slot])")
                }
            }
            try popNumeric(i32)
            try pop(.ref(typeIndex: x, nullable: true))
            operands.append(types.pool[slot])
        case .arraySet(let x):
            let slot = try arrayElement(x)
            try requireMutableArray(x, slot)
            try pop(types.pool[slot])
            try popNumeric(i32)
            try pop(.ref(typeIndex: x, nullable: true))
        case .arrayFill(let x):
            let slot = try arrayElement(x)
            try requireMutableArray(x, slot)
            try popNumeric(i32)
            try pop(types.pool[slot])
            try popNumeric(i32)
            try pop(.ref(typeIndex: x, nullable: true))
        case .arrayCopy(let destination, let source):
            let d = try arrayElement(destination)
            let s = try arrayElement(source)
            try requireMutableArray(destination, d)
            let storageMatches = isPacked(d) || isPacked(s)
                ? types.fieldFlags[d] & ~TypeTable.mutableField == types.fieldFlags[s] & ~TypeTable.mutableField
                : types.isSubtype(types.pool[s], types.pool[d])
            guard storageMatches else {
                throw invalid("type mismatch: array.copy from array type \(source) into array type \(destination) with incompatible elements")
            }
            try popNumeric(i32)
            try popNumeric(i32)
            try pop(.ref(typeIndex: source, nullable: true))
            try popNumeric(i32)
            try pop(.ref(typeIndex: destination, nullable: true))
        case .arrayInitData(let x, let d):
            let slot = try arrayElement(x)
            try requireMutableArray(x, slot)
            try requireNumericElement(x, slot)
            try checkDataSegment(d)
            try popNumeric(i32)
            try popNumeric(i32)
            try popNumeric(i32)
            try pop(.ref(typeIndex: x, nullable: true))
        case .arrayInitElem(let x, let e):
            let slot = try arrayElement(x)
            try requireMutableArray(x, slot)
            try requireElementSegment(e, into: x, slot)
            try popNumeric(i32)
            try popNumeric(i32)
            try popNumeric(i32)
            try pop(.ref(typeIndex: x, nullable: true))
        default:
            break
        }
    }
}
