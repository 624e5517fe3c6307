/// Writes component values in WAVE, the text form `wasmtime run --invoke` reads and
/// prints. The output is canonical: parsing it back against the value's type gives the
/// same value.
public enum WAVE {
    /// Words that are WAVE keywords; a case or flag spelled like one is written `%word`.
    static let keywords: Set<String> = ["true", "false", "inf", "nan", "some", "none", "ok", "err"]

    public static func format(_ v: Val) -> String {
        var out = ""
        write(v, to: &out)
        return out
    }

    static func write(_ v: Val, to out: inout String) {
        switch v {
        case .bool(let b): out += b ? "true" : "false"
        case .s8(let x): out += String(x)
        case .u8(let x): out += String(x)
        case .s16(let x): out += String(x)
        case .u16(let x): out += String(x)
        case .s32(let x): out += String(x)
        case .u32(let x): out += String(x)
        case .s64(let x): out += String(x)
        case .u64(let x): out += String(x)
        case .f32(let x): out += formatFloat(Double(x), shortest: x.description)
        case .f64(let x): out += formatFloat(x, shortest: x.description)
        case .char(let c):
            out += "'"
            out += escape(c, inString: false)
            out += "'"
        case .string(let s):
            out += "\""
            for c in s.unicodeScalars { out += escape(c, inString: true) }
            out += "\""
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                write(item, to: &out)
            }
            out += "]"
        case .tuple(let items):
            out += "("
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                write(item, to: &out)
            }
            out += ")"
        case .record(let fields):
            out += "{"
            for (i, f) in fields.enumerated() {
                if i > 0 { out += ", " }
                out += label(f.name)
                out += ": "
                write(f.value, to: &out)
            }
            out += "}"
        case .variant(let name, let payload):
            out += label(name)
            if let payload {
                out += "("
                write(payload, to: &out)
                out += ")"
            }
        case .enum(let name): out += label(name)
        case .option(nil): out += "none"
        case .option(let inner?):
            out += "some("
            write(inner, to: &out)
            out += ")"
        case .result(.ok(let p)):
            out += "ok"
            if let p { out += "("; write(p, to: &out); out += ")" }
        case .result(.err(let p)):
            out += "err"
            if let p { out += "("; write(p, to: &out); out += ")" }
        case .flags(let set):
            out += "{" + set.map(label).joined(separator: ", ") + "}"
        case .resource(let r):
            out += r.description
        }
    }

    static func label(_ name: String) -> String {
        keywords.contains(name) ? "%" + name : name
    }

    static func escape(_ c: Unicode.Scalar, inString: Bool) -> String {
        switch c {
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        case "\"": return inString ? "\\\"" : "\""
        case "'": return inString ? "'" : "\\'"
        default:
            if c.value < 0x20 || c.value == 0x7F {
                return "\\u{" + String(c.value, radix: 16) + "}"
            }
            return String(c)
        }
    }

    /// Floats print as the shortest decimal that reads back to the same value, without
    /// an exponent and without a trailing `.0` (`12`, `1.5`, `0.0001`), as wasmtime does.
    static func formatFloat(_ x: Double, shortest: String) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return plainDecimal(shortest)
    }

    /// Rewrites Swift's shortest representation (`1.5`, `1e+21`, `5e-05`, `-0.0`) as a
    /// plain decimal.
    static func plainDecimal(_ s: String) -> String {
        var text = s
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var digits = text.replacingOccurrences(of: ".", with: "")
        var point = text.firstIndex(of: ".").map { text.distance(from: text.startIndex, to: $0) } ?? text.count
        point += exponent
        if point <= 0 {
            digits = String(repeating: "0", count: -point + 1) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var integer = String(digits.prefix(point))
        var fraction = String(digits.dropFirst(point))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        while integer.count > 1 && integer.hasPrefix("0") { integer.removeFirst() }
        if integer.isEmpty { integer = "0" }
        let body = fraction.isEmpty ? integer : integer + "." + fraction
        return negative ? "-" + body : body
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
