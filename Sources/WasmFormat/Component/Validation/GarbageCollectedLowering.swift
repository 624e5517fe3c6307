/// The `gc` canonical option (wasm-tools' GC lowering extension): values travel as core
/// GC values instead of through linear memory, one core value per component value.
///
/// The rules, as wasm-tools applies them: integers and `char` are `i32` (packed `i8` or
/// `i16` as struct fields and array elements), 64-bit integers and floats their own type,
/// strings arrays of `i8` (`i16` for UTF-16), lists arrays of their element, records and
/// tuples structs of their fields, variants, options and results empty structs, and
/// handles, streams, futures and error contexts external references. Concrete types are
/// looked up in the component's core type index space (the `core-type` option's space).
extension ComponentChecker {
    /// Checks a `core-type` signature against a component function under GC lowering.
    func checkGarbageCollectedSignature(_ f: ComponentFunctionType, _ core: FunctionType, utf16: Bool) throws(WasmError) {
        guard core.parameters.count == f.parameters.count else {
            throw invalid("core function has \(core.parameters.count) parameters, but component function has \(f.parameters.count)")
        }
        for (p, c) in zip(f.parameters, core.parameters) {
            try checkLowering(p.type, .value(c), utf16: utf16, field: false)
        }
        guard core.results.count == (f.result == nil ? 0 : 1) else {
            throw invalid("core function has \(core.results.count) results, but component function has \(f.result == nil ? 0 : 1)")
        }
        if let r = f.result { try checkLowering(r, .value(core.results[0]), utf16: utf16, field: false) }
    }

    func storageText(_ s: StorageType) -> String {
        switch s {
        case .i8: "i8"
        case .i16: "i16"
        case .value(let v): coreValueText(v)
        }
    }

    func coreValueText(_ v: ValueType) -> String {
        if case .ref(let r) = v, case .concrete(let i) = r.heapType {
            return r.nullable ? "(ref null (id \(i)))" : "(ref (id \(i)))"
        }
        return CoreTypeText.value(v)
    }

    /// The composite type a concrete reference names, if the storage is one.
    func composite(_ s: StorageType) -> CompositeType? {
        guard case .value(.ref(let r)) = s, case .concrete(let i) = r.heapType, Int(i) < scope.coreTypes.count,
              case .subtype(let t) = scope.coreTypes[Int(i)] else { return nil }
        return t.composite
    }

    /// `field`: the value is a struct field or array element, where small integers pack.
    func checkLowering(_ t: ComponentValueType, _ s: StorageType, utf16: Bool, field: Bool = true) throws(WasmError) {
        let d: DefinedValueType = switch t {
        case .primitive(let p): .primitive(p)
        case .defined(let id): arena.valueType(id) ?? .primitive(.u32)
        }
        func scalar(_ name: String, value: ValueType, packed: StorageType?) throws(WasmError) {
            let expected: StorageType = field ? (packed ?? .value(value)) : .value(value)
            if s != expected {
                throw invalid("expected to lower component `\(name)` type to core `\(storageText(expected))` type, found `\(storageText(s))`")
            }
        }
        func external(_ name: String) throws(WasmError) {
            guard case .value(.ref(let r)) = s, r.heapType == .abstract(.extern) else {
                throw invalid("expected to lower component `\(name)` type into core `(ref null? extern)` type, but found `\(storageText(s))`")
            }
        }
        switch d {
        case .primitive(let p):
            switch p {
            case .bool, .u8, .s8: try scalar(p.name, value: .i32, packed: .i8)
            case .u16, .s16: try scalar(p.name, value: .i32, packed: .i16)
            case .u32, .s32, .char: try scalar(p.name, value: .i32, packed: nil)
            case .u64, .s64: try scalar(p.name, value: .i64, packed: nil)
            case .f32: try scalar(p.name, value: .f32, packed: nil)
            case .f64: try scalar(p.name, value: .f64, packed: nil)
            case .errorContext: try external("error-context")
            case .string:
                let unit = utf16 ? "i16" : "i8"
                guard case .array(let element) = composite(s), element.storage == (utf16 ? .i16 : .i8) else {
                    throw invalid("expected to lower component `string` type to core `(ref null? (array (mut? \(unit))))` type, found `\(storageText(s))`")
                }
            }
        case .enum: try scalar("enum", value: .i32, packed: nil)
        case .flags: try scalar("flags", value: .i32, packed: nil)
        case .own: try external("own")
        case .borrow: try external("borrow")
        case .stream: try external("stream")
        case .future: try external("future")
        case .list(let e), .fixedSizeList(let e, _):
            guard case .array(let element) = composite(s) else {
                throw invalid("expected to lower component `list` type to core `(ref null? (array ...))`, but found `\(storageText(s))`")
            }
            try checkLowering(e, element.storage, utf16: utf16)
        case .map:
            guard case .array = composite(s) else {
                throw invalid("expected to lower component `map` type to core `(ref null? (array ...))`, but found `\(storageText(s))`")
            }
        case .record(let fields):
            try checkStruct("record", fields.map(\.type), s, utf16: utf16)
        case .tuple(let types):
            try checkStruct("tuple", types, s, utf16: utf16)
        case .variant, .option, .result:
            guard case .struct(let fields) = composite(s), fields.isEmpty else {
                throw invalid("expected to lower component `\(d.kindName)` type to core `(ref null? (struct))`, but found `\(storageText(s))`")
            }
        }
    }

    func checkStruct(_ name: String, _ types: [ComponentValueType], _ s: StorageType, utf16: Bool) throws(WasmError) {
        guard case .struct(let fields) = composite(s) else {
            throw invalid("expected to lower component `\(name)` type to core `(ref null? (struct ...))`, but found `\(storageText(s))`")
        }
        guard fields.count == types.count else {
            throw invalid("core `struct` has \(fields.count) fields, but component `\(name)` has \(types.count) fields")
        }
        for (t, f) in zip(types, fields) { try checkLowering(t, f.storage, utf16: utf16) }
    }
}
