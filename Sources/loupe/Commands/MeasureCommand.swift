import ArgumentParser
import ComponentRuntime
import CoreRuntime
import Foundation

/// `loupe measure FILE [CALL]`: in-process timings of a component's instantiation and of
/// one call through the canonical ABI beside a plain core call of the same core function.
/// What `scripts/bench component` prints; hidden because it is a benchmark's probe.
struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Time a component's instantiation and a call (for scripts/bench).",
        shouldDisplay: false)

    @Argument(help: "The component (.wasm).")
    var file: String

    @Argument(help: "A call written in WAVE, e.g. 'add(1, 2)'.")
    var call: String?

    @Option(name: .long, help: "How many times each operation runs (the median of 5 batches is printed).")
    var iterations = 2000

    func run() throws {
        guard let bytes = try ComponentLoader.componentBytes(file) else { throw CommandFailure("\(file) is not a component") }
        let component = try ComponentLoader.load(bytes, path: file)
        let pre = try ComponentLinker().instantiatePre(component)
        print("instantiate_ns\t\(try nanoseconds { _ = try pre.instantiate(in: Store()) })")
        guard let call else { return }
        let instance = try pre.instantiate(in: Store())
        let (name, texts) = try WAVE.splitCall(call)
        guard let function = instance.function(name) else { throw CommandFailure("no exported function \(name)") }
        var arguments: [Val] = []
        for (text, p) in zip(texts, function.type.parameters) { arguments.append(try WAVE.parse(text, as: p.type)) }
        print("call_ns\t\(try nanoseconds { _ = try function.call(arguments) })")
        let (core, coreArguments) = try function.lowered(arguments)
        print("core_call_ns\t\(try nanoseconds { _ = try core.call(coreArguments) })")
    }

    /// Nanoseconds per run of `body`: the median of 5 batches of `iterations` runs.
    private func nanoseconds(_ body: () throws -> Void) rethrows -> Int {
        var batches: [Double] = []
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<iterations { try body() }
            batches.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(iterations))
        }
        return Int(batches.sorted()[2])
    }
}
