import WasmFormat

/// A type use as written: `(type $t)?` and an inline signature, either of which may be
/// missing.
struct TypeUse {
    var index: IndexRef?
    var params: [(name: Token?, type: ValueType)]
    var results: [ValueType]
    var offset: Int

    var hasInlineSignature: Bool { !params.isEmpty || !results.isEmpty }
}

/// Type uses and the implicit types they create.
///
/// A signature written without `(type …)` names the first function type defined with
/// exactly that signature; when there is none, a new type is added after every type
/// the module defines, in the order the uses appear. With GC, only a final function type
/// without supertypes that sits alone in its recursion group counts as "that signature".
extension ModuleParser {
    mutating func typeUse(allowNames: Bool) throws(TextError) -> TypeUse {
        let offset = cursor.offset
        var index: IndexRef?
        if cursor.takeList("type") {
            index = try cursor.expectIndex("a type index")
            try cursor.expectRParen()
        }
        let sig = try signature(allowNames: allowNames)
        return TypeUse(index: index, params: sig.params, results: sig.results, offset: offset)
    }

    /// The type index a use stands for, and the parameters its function body sees (named
    /// only when written inline).
    mutating func resolve(_ use: TypeUse) throws(TextError) -> (index: UInt32, params: [(name: Token?, type: ValueType)]) {
        if let ref = use.index {
            let index = try names.types.resolve(ref, in: cursor.source)
            if Int(index) >= subTypes.count, use.hasInlineSignature {
                // The signature cannot be checked against a type that does not exist.
                throw cursor.error("unknown type \(index): the module has \(subTypes.count) types here", at: ref.offset)
            }
            guard Int(index) < subTypes.count, case .function(let f) = subTypes[Int(index)].composite else {
                // Not a function type, or no such type: the validator says which.
                return (index, use.params)
            }
            if use.hasInlineSignature {
                guard f.parameters == use.params.map(\.type), f.results == use.results else {
                    throw cursor.error("inline function type does not match the type it names", at: use.offset)
                }
                return (index, use.params)
            }
            return (index, f.parameters.map { (nil, $0) })
        }
        let signature = FunctionType(parameters: use.params.map(\.type), results: use.results)
        return (implicitType(signature), use.params)
    }

    /// The index of the type that `signature` abbreviates, added when missing.
    mutating func implicitType(_ signature: FunctionType) -> UInt32 {
        if let i = functionTypeIndex[signature] { return i }
        let i = UInt32(subTypes.count)
        subTypes.append(SubType(composite: .function(signature)))
        implicitTypes.append(signature)
        functionTypeIndex[signature] = i
        return i
    }

    /// Records which explicitly defined types an inline signature may stand for.
    mutating func indexFunctionTypes() {
        var index: UInt32 = 0
        for group in module.types {
            for t in group.types {
                if group.types.count == 1, t.isFinal, t.supertypes.isEmpty,
                   case .function(let f) = t.composite, functionTypeIndex[f] == nil {
                    functionTypeIndex[f] = index
                }
                index += 1
            }
        }
    }
}
