extension Store {
    /// Calls a host function from wasm: arguments are read from `frame`, results written
    /// back there. A wasm exception thrown through the host (by a nested invocation)
    /// continues unwinding in the caller.
    func callHost(_ function: UnsafeMutablePointer<FunctionRecord>, _ frame: UnsafeMutablePointer<UInt64>,
                  caller context: UnsafeMutablePointer<InstanceContext>) throws(Unwind) {
        let host = hostFunctions[Int(function.pointee.index)]
        let arguments = read(host.type.parameters, from: frame)
        var caller = Caller(store: self, context: context)
        let results: [Value]
        do {
            results = try host.body(&caller, arguments)
        } catch let t as Trap {
            if t.reason == .uncaughtException, let e = t.exception {
                throw .exception(exceptions[e.index])
            }
            throw .hostTrap(t)
        } catch {
            throw .trap(.host("\(error)"))
        }
        guard results.count == host.type.results.count,
              zip(results, host.type.results).allSatisfy({ $0.matches($1) }) else {
            throw .trap(.host("host function \(host.name) returned \(results), expected \(host.type.results)"))
        }
        write(results, to: frame)
    }
}
