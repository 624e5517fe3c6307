/// A readable listing of translated code, for `disasm`-style views and for tuning the
/// translator.
extension TranslatedFunction {
    public var listing: String {
        var lines: [String] = []
        var i = 0
        while i < codeCount {
            let w = code[i]
            guard let op = Op(rawValue: UInt16(truncatingIfNeeded: w)) else {
                lines.append(String(format5(i)) + "  <bad \(w)>")
                break
            }
            let length = Op.length(of: code + i)
            let a = (w >> 16) & 0xFFFF, b = (w >> 32) & 0xFFFF, c = w >> 48
            var text = "\(format5(i))  \(op) a=\(a) b=\(b) c=\(c)"
            if length > 1 {
                text += " [" + (1..<length).map { String(Int64(bitPattern: code[i + $0])) }.joined(separator: ", ") + "]"
            }
            if let o = wasmOffset(ofCodeIndex: i) { text += "   @\(o)" }
            lines.append(text)
            i += length
        }
        return lines.joined(separator: "\n")
    }

    private func format5(_ i: Int) -> String {
        let s = String(i)
        return String(repeating: " ", count: max(0, 5 - s.count)) + s
    }
}

extension CompiledModule {
    /// The interpreter code of a defined function (translating it if needed).
    public func interpreterListing(ofFunction index: UInt32) throws(RuntimeError) -> String {
        try translation(ofFunction: index).listing
    }
}
