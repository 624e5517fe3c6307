/// WIT spellings of value and function types, for messages ("expected … provided …").
/// Resources print by name through `resourceName`.
extension ValType {
    public func wit(_ resourceName: (ResourceTypeID) -> String = { $0.description }) -> String {
        func w(_ t: ValType) -> String { t.wit(resourceName) }
        switch self {
        case .bool: return "bool"
        case .s8: return "s8"
        case .u8: return "u8"
        case .s16: return "s16"
        case .u16: return "u16"
        case .s32: return "s32"
        case .u32: return "u32"
        case .s64: return "s64"
        case .u64: return "u64"
        case .f32: return "f32"
        case .f64: return "f64"
        case .char: return "char"
        case .string: return "string"
        case .errorContext: return "error-context"
        case .list(let t): return "list<\(w(t))>"
        case .fixedSizeList(let t, let n): return "list<\(w(t)), \(n)>"
        case .record(let fs): return "record { \(fs.map { "\($0.name): \(w($0.type))" }.joined(separator: ", ")) }"
        case .tuple(let ts): return "tuple<\(ts.map(w).joined(separator: ", "))>"
        case .variant(let cs): return "variant { \(cs.map { c in c.type.map { "\(c.name)(\(w($0)))" } ?? c.name }.joined(separator: ", ")) }"
        case .enum(let ls): return "enum { \(ls.joined(separator: ", ")) }"
        case .option(let t): return "option<\(w(t))>"
        case .result(let ok, let error):
            switch (ok, error) {
            case (nil, nil): return "result"
            case (let ok?, nil): return "result<\(w(ok))>"
            case (nil, let e?): return "result<_, \(w(e))>"
            case (let ok?, let e?): return "result<\(w(ok)), \(w(e))>"
            }
        case .flags(let ls): return "flags { \(ls.joined(separator: ", ")) }"
        case .own(let r): return resourceName(r)
        case .borrow(let r): return "borrow<\(resourceName(r))>"
        case .stream(let t): return t.map { "stream<\(w($0))>" } ?? "stream"
        case .future(let t): return t.map { "future<\(w($0))>" } ?? "future"
        case .map(let k, let v): return "map<\(w(k)), \(w(v))>"
        }
    }
}

extension FuncType {
    /// `func(a: u32, b: string) -> u32`.
    public func wit(_ resourceName: (ResourceTypeID) -> String = { $0.description }) -> String {
        let params = parameters.map { "\($0.name): \($0.type.wit(resourceName))" }.joined(separator: ", ")
        let prefix = isAsync ? "async func" : "func"
        return "\(prefix)(\(params))" + (result.map { " -> \($0.wit(resourceName))" } ?? "")
    }

    /// Whether two types have the same shape, resources compared by `sameResource`.
    func matches(_ other: FuncType, sameResource: (ResourceTypeID, ResourceTypeID) -> Bool) -> Bool {
        guard parameters.count == other.parameters.count, isAsync == other.isAsync else { return false }
        for (a, b) in zip(parameters, other.parameters) where !a.type.matches(b.type, sameResource) { return false }
        switch (result, other.result) {
        case (nil, nil): return true
        case (let a?, let b?): return a.matches(b, sameResource)
        default: return false
        }
    }
}

extension ValType {
    /// Structural equality with resources compared by `sameResource` (two components
    /// number their resources differently).
    func matches(_ other: ValType, _ same: (ResourceTypeID, ResourceTypeID) -> Bool) -> Bool {
        switch (self, other) {
        case (.own(let a), .own(let b)), (.borrow(let a), .borrow(let b)): return same(a, b)
        case (.list(let a), .list(let b)), (.option(let a), .option(let b)): return a.matches(b, same)
        case (.fixedSizeList(let a, let n), .fixedSizeList(let b, let m)): return n == m && a.matches(b, same)
        case (.record(let a), .record(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.type.matches($1.type, same) }
        case (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.matches($1, same) }
        case (.variant(let a), .variant(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { x, y in
                x.name == y.name && ((x.type == nil && y.type == nil) || (x.type.flatMap { t in y.type.map { t.matches($0, same) } } ?? false))
            }
        case (.result(let ao, let ae), .result(let bo, let be)):
            func opt(_ x: ValType?, _ y: ValType?) -> Bool {
                switch (x, y) {
                case (nil, nil): true
                case (let x?, let y?): x.matches(y, same)
                default: false
                }
            }
            return opt(ao, bo) && opt(ae, be)
        case (.stream(let a), .stream(let b)), (.future(let a), .future(let b)):
            switch (a, b) {
            case (nil, nil): return true
            case (let x?, let y?): return x.matches(y, same)
            default: return false
            }
        case (.map(let ak, let av), .map(let bk, let bv)): return ak.matches(bk, same) && av.matches(bv, same)
        default: return self == other
        }
    }
}
