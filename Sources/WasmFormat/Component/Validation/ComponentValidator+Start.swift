/// The start function (🪙): its arguments are values (each consumed: values are used
/// exactly once), its results new values.
extension ComponentChecker {
    mutating func defineStart(_ start: ComponentStart) throws(WasmError) {
        offset = start.offset
        guard let f = arena.function(try functionTypeID(start.function)) else {
            throw invalid("unknown function \(start.function)")
        }
        guard f.parameters.count == start.arguments.count else {
            throw invalid("component start function requires \(f.parameters.count) arguments but was given \(start.arguments.count)")
        }
        for (i, (p, a)) in zip(f.parameters, start.arguments).enumerated() {
            let v = try lookup(scope.values, a, "value")
            try useValue(a)
            var matcher = ComponentTypeMatcher(arena: arena)
            do throws(TypeMismatch) {
                try matcher.value(v, p.type)
            } catch {
                throw invalid(error.within("value type mismatch for component start function argument \(i)").description)
            }
        }
        let results = f.result == nil ? 0 : 1
        guard Int(start.resultCount) == results else {
            throw invalid("component start function has \(results) results but \(start.resultCount) were declared")
        }
        if let r = f.result { scope.add(.value(r)) }
    }
}
