import ArgumentParser
import ComponentRuntime

/// `loupe plan FILE`: the component's instantiation plan, one initializer per line.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print a component's instantiation plan.",
        discussion: """
        The plan is the flat list of initializers Loupe runs to instantiate the component
        (nested components inlined): InstantiateModule with how each core import is wired,
        LowerImport, ExtractMemory, ExtractRealloc, ExtractPostReturn, ExtractCallback,
        ExtractTable and Resource, each with the nested component and byte offset it comes
        from. The runtime imports the linker must provide are listed first.
        """)

    @Argument(help: "The component (.wasm).")
    var file: String

    func run() throws {
        guard let bytes = try ComponentLoader.componentBytes(file) else {
            throw CommandFailure("\(file) is a core module; only components have an instantiation plan")
        }
        let plan = try ComponentLoader.load(bytes, path: file).plan
        if !plan.runtimeImports.isEmpty {
            print("imports:")
            for (i, r) in plan.runtimeImports.enumerated() {
                let name = ([plan.imports[r.rootImport].name] + r.path).joined(separator: "/")
                let kind: String
                switch r.kind {
                case .function(let f): kind = f.wit { plan.resources[$0.index].name }
                case .module: kind = "core module"
                case .resource: kind = "resource"
                case .sameResource(let r): kind = "resource \(plan.resources[r].name)"
                }
                print("  #\(i) \(name): \(kind)")
            }
        }
        print("initializers:")
        for line in plan.initializerLines { print("  " + line) }
        print("exports:")
        for e in plan.exports { print("  \(e.name)") }
    }
}
