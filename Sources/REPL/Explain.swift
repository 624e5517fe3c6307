import ComponentRuntime
import CoreRuntime
import WasmFormat

/// `explain CALL`: performs the call and tells how the canonical ABI carried it, from the
/// signature's flattening to `post-return`.
extension Session {
    func explain(_ text: String) throws {
        guard Self.isCall(text) else { throw REPLError("usage: explain CALL, e.g. explain greet(\"you\")") }
        let (function, arguments) = try resolveCall(text)
        let name = function.instance.plan.resources
        let resourceName: (ResourceTypeID) -> String = { name[$0.index].name }
        guard let options = function.options, let core = function.coreFunction else {
            throw REPLError("\(function.name) is an import the component re-exports: no canonical ABI is involved")
        }
        let type = function.type
        say("\(function.name): \(function.wit)")
        say("lifted from \(core) with \(Self.describe(options))")
        let signature = CanonicalLayout.coreSignature(of: type, lifting: true)
        say("core signature: (\(Self.flatList(signature.parameters))) -> (\(Self.flatList(signature.results)))")
        let flatParameters = type.parameterTypes.flatMap(CanonicalLayout.flatTypes)
        let flatResults = type.resultTypes.flatMap(CanonicalLayout.flatTypes)
        say(Self.spilling("parameters", flatParameters.count, limit: CanonicalLayout.maxFlatParameters,
                          spilled: "stored in memory the callee allocates; the core function gets a pointer",
                          plain: "passed as core arguments"))
        say(Self.spilling("results", flatResults.count, limit: CanonicalLayout.maxFlatResults,
                          spilled: "stored in memory by the callee; the core function returns a pointer to them",
                          plain: "returned as core results"))
        if (type.parameterTypes + type.resultTypes).contains(where: Self.containsString) {
            say(options.encoding == .utf8
                ? "strings: utf8 in the guest, as in the host: copied without transcoding"
                : "strings: \(options.encoding.name) in the guest, utf8 in the host: transcoded both ways")
        }
        let resultAreaSize = flatResults.count > CanonicalLayout.maxFlatResults
            ? type.result.map(CanonicalLayout.size) : nil
        func views(_ items: [(String, ValType)], spilled: Bool) -> [(label: String, count: Int)]? {
            spilled ? nil : items.map { ("\($0.0): \($0.1.wit(resourceName))", CanonicalLayout.flatTypes(of: $0.1).count) }
        }
        let narrator = ABINarrator(
            emit: { [weak self] in self?.say($0) }, resourceName: resourceName, resultAreaSize: resultAreaSize,
            parameterViews: views(type.parameters.map { ($0.name, $0.type) }, spilled: flatParameters.count > CanonicalLayout.maxFlatParameters),
            resultViews: views(type.result.map { [("result", $0)] } ?? [], spilled: flatResults.count > CanonicalLayout.maxFlatResults))
        function.instance.tracer = narrator
        defer {
            function.instance.tracer = nil
        }
        let untold = {
            if narrator.untoldMemoryLines > 0 {
                self.say("  … and \(narrator.untoldMemoryLines) more allocations, reads and writes (not shown)")
            }
        }
        let result: Val?
        do {
            result = try Interruption.during(function.instance.store) { try perform(function, arguments) }
        } catch {
            untold()
            throw error
        }
        untold()
        say("result: " + (result.map(WAVE.format) ?? "nothing"))
    }

    static func describe(_ o: CanonicalOptions) -> String {
        var parts = ["string-encoding=\(o.encoding.name)"]
        if let m = o.memory { parts.append("memory #\(m)") }
        if let r = o.realloc { parts.append("realloc #\(r)") }
        if let p = o.postReturn { parts.append("post-return #\(p)") }
        return "options: " + parts.joined(separator: ", ")
    }

    static func spilling(_ what: String, _ count: Int, limit: Int, spilled: String, plain: String) -> String {
        let values = "\(count) flat value\(count == 1 ? "" : "s")"
        if count == 0 { return "\(what): none" }
        return count > limit ? "\(what): \(values) > \(limit): \(spilled)" : "\(what): \(values) ≤ \(limit): \(plain)"
    }

    static func flatList(_ types: [ValueType]) -> String {
        types.map(flatName).joined(separator: ", ")
    }

    static func flatName(_ t: ValueType) -> String {
        switch t {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .ref: "ref"
        }
    }

    static func containsString(_ t: ValType) -> Bool {
        switch t {
        case .string: true
        case .list(let e), .fixedSizeList(let e, _), .option(let e): containsString(e)
        case .record(let fs): fs.contains { containsString($0.type) }
        case .tuple(let ts): ts.contains(where: containsString)
        case .variant(let cs): cs.contains { $0.type.map(containsString) ?? false }
        case .result(let ok, let error): (ok.map(containsString) ?? false) || (error.map(containsString) ?? false)
        case .map(let k, let v): containsString(k) || containsString(v)
        default: false
        }
    }
}
