import ComponentRuntime

/// The import calls an instance made (through WASI, a link or a stub), for `calls`: every
/// host function the REPL links is wrapped to record its arguments and outcome.
final class CallLog {
    struct Call {
        var importName: String
        var arguments: [Val]
        /// The results, or the error the call ended with.
        var outcome: Result<[Val], any Error>

        /// A value in WAVE, cut to 60 characters (a write of a whole buffer would drown the list).
        static func short(_ v: Val) -> String {
            let text = WAVE.format(v)
            return text.count > 60 ? String(text.prefix(57)) + "…" : text
        }

        var description: String {
            let call = "\(importName)(\(arguments.map(Self.short).joined(separator: ", ")))"
            switch outcome {
            case .success(let results): return results.isEmpty ? call : "\(call) -> \(results.map(Self.short).joined(separator: ", "))"
            case .failure(let error): return "\(call) failed: \(error)"
            }
        }
    }

    /// The most recent calls; older ones are forgotten so that a long loop cannot fill memory.
    private(set) var calls: [Call] = []
    private(set) var forgotten = 0
    static let capacity = 1000

    func record(_ call: Call) {
        if calls.count == Self.capacity {
            calls.removeFirst()
            forgotten += 1
        }
        calls.append(call)
    }

    func clear() {
        calls = []
        forgotten = 0
    }

    /// `body` recording each call into this log, and telling it through `tell` when set.
    func recording(_ importName: String, tell: ((String) -> Void)?, _ body: @escaping HostComponentFunction) -> HostComponentFunction {
        { [weak self] arguments in
            do {
                let results = try body(arguments)
                let call = Call(importName: importName, arguments: arguments, outcome: .success(results))
                self?.record(call)
                tell?("call \(call.description)")
                return results
            } catch {
                let call = Call(importName: importName, arguments: arguments, outcome: .failure(error))
                self?.record(call)
                tell?("call \(call.description)")
                throw error
            }
        }
    }
}
