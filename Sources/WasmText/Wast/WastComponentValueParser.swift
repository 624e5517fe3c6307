/// The component value syntax of scripts (see `WastComponentValue`).
extension WastParser {
    /// Nesting deeper than this is refused: values are the one recursion of scripts
    /// besides `either`, and nothing meaningful needs more.
    static let maximumValueDepth = 64

    /// The component value whose keyword `head` was just read after `(`; nil when
    /// `head` is no component value keyword. Reads up to, not including, the `)`.
    mutating func componentValue(_ head: Token, depth: Int = 0) throws(TextError) -> WastComponentValue? {
        guard depth < Self.maximumValueDepth else { throw cursor.error("component value nested too deeply", at: head.offset) }
        switch head.text {
        case "bool.const":
            if cursor.takeAtom("true") { return .bool(true) }
            if cursor.takeAtom("false") { return .bool(false) }
            throw cursor.unexpected("`true` or `false`")
        case "u8.const": return .u8(UInt8(try cursor.expectUnsigned(bits: 8)))
        case "u16.const": return .u16(UInt16(try cursor.expectUnsigned(bits: 16)))
        case "u32.const": return .u32(UInt32(try cursor.expectUnsigned(bits: 32)))
        case "u64.const": return .u64(try cursor.expectUnsigned(bits: 64))
        case "s8.const": return .s8(Int8(truncatingIfNeeded: try cursor.expectInteger(bits: 8)))
        case "s16.const": return .s16(Int16(truncatingIfNeeded: try cursor.expectInteger(bits: 16)))
        case "s32.const": return .s32(Int32(truncatingIfNeeded: try cursor.expectInteger(bits: 32)))
        case "s64.const": return .s64(Int64(bitPattern: try cursor.expectInteger(bits: 64)))
        case "f32.const": return .f32(try cursor.expectF32())
        case "f64.const": return .f64(try cursor.expectF64())
        case "char.const":
            let s = try cursor.expectName()
            guard s.unicodeScalars.count == 1, let c = s.unicodeScalars.first else {
                throw cursor.error("a char constant is one Unicode scalar value", at: cursor.peek(-1).offset)
            }
            return .char(c)
        case "str.const": return .string(try cursor.expectName())
        case "list.const": return .list(try nestedValues(depth))
        case "tuple.const": return .tuple(try nestedValues(depth))
        case "record.const":
            var fields: [WastComponentValue.Field] = []
            while cursor.takeList("field") {
                let name = try cursor.expectName()
                let t = cursor.next()
                guard t.kind == .atom, let v = try componentValue(t, depth: depth + 1) else {
                    throw cursor.error("unexpected token, expected a component value", at: t.offset)
                }
                fields.append(WastComponentValue.Field(name: name, value: v))
                try cursor.expectRParen()
            }
            return .record(fields)
        case "variant.const":
            let name = try cursor.expectName()
            return .variant(name, try optionalNestedValue(depth))
        case "enum.const": return .enum(try cursor.expectName())
        case "flags.const":
            var names: [String] = []
            while cursor.peek().kind == .string { names.append(try cursor.expectName()) }
            return .flags(names)
        case "option.none": return .option(nil)
        case "option.some":
            guard let v = try optionalNestedValue(depth) else { throw cursor.unexpected("a component value") }
            return .option(v)
        case "result.ok": return .ok(try optionalNestedValue(depth))
        case "result.err": return .error(try optionalNestedValue(depth))
        default: return nil
        }
    }

    /// `(value)*` up to the closing parenthesis.
    private mutating func nestedValues(_ depth: Int) throws(TextError) -> [WastComponentValue] {
        var values: [WastComponentValue] = []
        while let v = try optionalNestedValue(depth) { values.append(v) }
        return values
    }

    /// `(value)?`.
    private mutating func optionalNestedValue(_ depth: Int) throws(TextError) -> WastComponentValue? {
        guard cursor.isLParen else { return nil }
        cursor.next()
        let t = cursor.next()
        guard t.kind == .atom, let v = try componentValue(t, depth: depth + 1) else {
            throw cursor.error("unexpected token, expected a component value", at: t.offset)
        }
        try cursor.expectRParen()
        return v
    }
}
