import ComponentRuntime
import CoreRuntime
import Foundation
import LoupeTestSupport
import Testing

/// The hand-written components of `../shared/components/wat`, run as wasmtime runs them
/// (`wasmtime-hosts/*.py` and their `.out` files).
@Suite(.enabled(if: TestEnvironment.components != nil, "no ../shared/components (set LOUPE_SHARED)"))
struct ComponentInstanceTests {
    static func load(_ name: String) throws -> CompiledComponent {
        let url = TestEnvironment.components!.appendingPathComponent("wat/\(name)")
        return try CompiledComponent(bytes: try #require(TestEnvironment.bytes(of: url)))
    }

    static func instantiate(_ name: String, linker: ComponentLinker = ComponentLinker()) throws -> ComponentRuntime.ComponentInstance {
        try linker.instantiatePre(try load(name)).instantiate(in: Store())
    }

    /// `run_resource.py`: constructors, methods, a static function taking borrows, drops
    /// running the guest destructor, use after drop, and the poisoned instance after it.
    @Test(arguments: ["04-resource.wasm", "07-nested-resource.wasm"])
    func resourceLifecycleMatchesWasmtime(_ file: String) throws {
        let instance = try Self.instantiate(file)
        func f(_ name: String) throws -> ComponentFunction {
            try #require(instance.function("test:counter/api#\(name)"))
        }
        let ctor = try f("[constructor]counter"), increment = try f("[method]counter.increment")
        let get = try f("[method]counter.get"), merge = try f("[static]counter.merge"), live = try f("live")
        #expect(try live.call([]) == [.u32(0)])
        guard case .resource(let a)? = try ctor.call([.u32(10)]).first else { Issue.record("no resource"); return }
        #expect(a.isOwned)
        #expect(try increment.call([.resource(a), .u32(5)]) == [.u32(15)])
        #expect(try increment.call([.resource(a), .u32(7)]) == [.u32(22)])
        guard case .resource(let b)? = try ctor.call([.u32(100)]).first else { Issue.record("no resource"); return }
        #expect(try live.call([]) == [.u32(2)])
        guard case .resource(let c)? = try merge.call([.resource(a), .resource(b)]).first else { Issue.record("no resource"); return }
        #expect(try get.call([.resource(c)]) == [.u32(122)])
        #expect(try live.call([]) == [.u32(3)])
        try instance.drop(a)
        try instance.drop(b)
        #expect(try live.call([]) == [.u32(1)])
        try instance.drop(c)
        #expect(try live.call([]) == [.u32(0)])
        let useAfterDrop = #expect(throws: Trap.self) { try get.call([.resource(a)]) }
        #expect(useAfterDrop?.description.contains("dropped") == true)
        let poisoned = #expect(throws: Trap.self) { try live.call([]) }
        #expect(poisoned?.description.contains("cannot enter component instance") == true)
    }

    /// `run_import_host.py`: the imports of 05b defined in Swift.
    @Test func hostFunctionsWrittenInSwiftSatisfyImports() throws {
        let linker = ComponentLinker()
        var logged: [String] = []
        let env = linker.root.instance("test:host/env")
        env.function("add", type: FuncType(parameters: [.init("a", .u32), .init("b", .u32)], result: .u32)) { args in
            guard case .u32(let a) = args[0], case .u32(let b) = args[1] else { return [] }
            return [.u32(a &+ b)]
        }
        env.function("log") { args in
            if case .string(let s) = args[0] { logged.append(s) }
            return []
        }
        let instance = try Self.instantiate("05b-import-host.wasm", linker: linker)
        #expect(try instance.function("compute")!.call([.u32(5)]) == [.u32(105)])
        #expect(logged == ["compute called"])
    }

    @Test func aMissingImportNamesItAndItsType() throws {
        let error = #expect(throws: LinkError.self) { try ComponentLinker().instantiatePre(try Self.load("05b-import-host.wasm")) }
        #expect(error?.importName == "test:host/env/add")
        #expect(error?.expected == "func(a: u32, b: u32) -> u32")
        #expect(error?.provided == nil)
    }

    @Test func aMistypedImportShowsExpectedAndProvided() throws {
        let linker = ComponentLinker()
        linker.root.instance("test:host/env").function("add", type: FuncType(parameters: [.init("a", .string)], result: nil)) { _ in [] }
        let error = #expect(throws: LinkError.self) { try linker.instantiatePre(try Self.load("05b-import-host.wasm")) }
        #expect(error?.expected == "func(a: u32, b: u32) -> u32")
        #expect(error?.provided == "func(a: string)")
    }

    @Test func exportsAreFoundByPathByPrecomputedIndexAndCalledTyped() throws {
        let instance = try Self.instantiate("04-resource.wasm")
        let index = try #require(instance.exportIndex(["test:counter/api", "live"]))
        #expect(try instance.function(at: index)?.call([]) == [.u32(0)])
        #expect(instance.exportIndex(["test:counter/api", "nope"]) == nil)
        #expect(instance.resourceType(["test:counter/api", "counter"])?.name == "counter")
        let adder = try Self.instantiate("01-add.wasm")
        #expect(try adder.call("add", .u32(40), .u32(2)) == .u32(42))
        #expect(throws: Trap.self) { try adder.call("missing") }
    }

    @Test func interfaceVersionsMatchBySemver() throws {
        let ns = LinkerNamespace()
        ns.resource("wasi:io/error@0.2.0", ResourceType(hostNamed: "error"))
        #expect(ns.lookup("wasi:io/error@0.2.9") != nil)
        #expect(ns.lookup("wasi:io/error@0.3.0") == nil)
        #expect(ns.lookup("wasi:io/error") == nil)
    }
}

/// Instantiation one initializer at a time (what the REPL's `start`/`step` drive).
@Suite(.enabled(if: TestEnvironment.components != nil, "no ../shared/components (set LOUPE_SHARED)"))
struct InstantiatorTests {
    @Test func stepsThroughTheNestedComponentsOf06() throws {
        let pre = try ComponentLinker().instantiatePre(try ComponentInstanceTests.load("06-nested.wasm"))
        let plan = pre.component.plan
        #expect(plan.initializers.map(\.kindName) == ["InstantiateModule", "InstantiateModule"])
        // The adder's module first, then the calculator's, whose import is an adapter
        // lowering the adder's lifted `add`.
        #expect(plan.initializers[0].component.hasPrefix("root/$adder"))
        #expect(plan.initializers[1].component.hasPrefix("root/$calc"))
        guard case .instantiateModule(_, _, let wiring, _) = plan.initializers[1].kind else { Issue.record("kind"); return }
        #expect(wiring.count == 1 && plan.describe(wiring[0].definition).contains("adapter: lower func(a: u32, b: u32) -> u32"))

        let steps = pre.instantiator(in: Store())
        #expect(steps.next == 0 && steps.instance.coreInstances.allSatisfy { $0 == nil })
        #expect(try steps.step().hasPrefix("core instance #0 = module #0"))
        #expect(steps.next == 1 && steps.instance.coreInstances[0] != nil && steps.instance.coreInstances[1] == nil)
        #expect(try steps.step().hasPrefix("core instance #1 = module #1"))
        #expect(steps.isFinished)
        #expect(try steps.instance.function("add3")!.call([.u32(1), .u32(2), .u32(3)]) == [.u32(6)])
    }

    @Test func stepsThroughTheResourceOf07AndItsDestructor() throws {
        let pre = try ComponentLinker().instantiatePre(try ComponentInstanceTests.load("07-nested-resource.wasm"))
        #expect(pre.component.plan.initializers.map(\.kindName) == ["InstantiateModule", "Resource", "InstantiateModule", "InstantiateModule"])
        let steps = pre.instantiator(in: Store())
        var reports: [String] = []
        while !steps.isFinished { reports.append(try steps.step()) }
        #expect(reports[1] == "resource counter with destructor core instance #0 export dtor")
        #expect(reports[2].contains("core instance #1 = module #1 with 5 imports"))
        #expect(try steps.instance.function("run")!.call([]) == [.u32(122030)])
        let doubleDrop = #expect(throws: Trap.self) { try steps.instance.function("double-drop")!.call([]) }
        #expect(doubleDrop?.description.contains("unknown handle index") == true)
    }

    @Test func aHostFunctionBreakingItsResultTypeTrapsInTheLowering() throws {
        let linker = ComponentLinker()
        let env = linker.root.instance("test:host/env")
        env.function("add") { _ in [] }
        env.function("log") { _ in [] }
        let steps = try linker.instantiatePre(try ComponentInstanceTests.load("05b-import-host.wasm")).instantiator(in: Store())
        try steps.run()
        // A host function returning nothing for a u32 result traps in the lowering.
        let trap = #expect(throws: Trap.self) { try steps.instance.function("compute")!.call([.u32(1)]) }
        #expect(trap?.description.contains("returned 0 results, expected 1") == true)
    }
}
