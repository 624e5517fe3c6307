import WasmFormat

/// Compares two syntax trees (components, modules, anything made of structs, enums and
/// collections) by what they say, not where it was: byte offsets are left out, and so
/// are the bytes a nested module or component was decoded from (their trees are compared
/// instead). Byte slices (code, data, payloads) are compared by content.
///
/// Reflection keeps this in step with the trees as they grow: a new field is compared
/// without anyone having to remember to add it here.
enum TreeDifference {
    /// Nil when the trees are the same, else the path to the first difference.
    static func between(_ a: Any, _ b: Any, path: String = "") -> String? {
        if let x = a as? ArraySlice<UInt8>, let y = b as? ArraySlice<UInt8> {
            return x.elementsEqual(y) ? nil : "\(path): \(x.count) bytes vs \(y.count) bytes, contents differ"
        }
        let ma = Mirror(reflecting: a), mb = Mirror(reflecting: b)
        if ma.children.isEmpty && mb.children.isEmpty {
            let (da, db) = (String(describing: a), String(describing: b))
            return da == db ? nil : "\(path): \(da) vs \(db)"
        }
        var ea = Array(ma.children), eb = Array(mb.children)
        if ma.displayStyle == .dictionary {
            // Dictionaries list their entries in hash order, which equal ones need not share.
            ea.sort { String(describing: $0.value) < String(describing: $1.value) }
            eb.sort { String(describing: $0.value) < String(describing: $1.value) }
        }
        if ea.count != eb.count { return "\(path): \(ea.count) elements vs \(eb.count)" }
        let nested = a is NestedModule || a is NestedComponent
        for (index, (x, y)) in zip(ea, eb).enumerated() {
            // An enum's payload is its one child, labelled with the case name.
            if x.label != y.label { return "\(path): \(x.label ?? "?") vs \(y.label ?? "?")" }
            let label = x.label ?? "[\(index)]"
            if ignored.contains(label) || (nested && label == "bytes") { continue }
            if let d = between(x.value, y.value, path: path + "." + label) { return d }
        }
        return nil
    }

    /// Where things are, not what they are.
    static let ignored: Set<String> = ["offset", "codeOffset", "offsets"]
}
