import ComponentRuntime
import CoreRuntime
import WasmText

/// The host items wasmtime's component scripts import (`../shared/testsuite/README.md`
/// lists them): functions returning constants, nested instances, a core module, and a
/// host resource `resource1` whose drops are counted.
enum WasmtimeHostHelpers {
    static func define(in linker: ComponentLinker) {
        let root = linker.root
        root.function("host-return-two", type: FuncType(parameters: [], result: .u32)) { _ in [.u32(2)] }

        let host = root.instance("host")
        host.function("return-three", type: FuncType(parameters: [], result: .u32)) { _ in [.u32(3)] }
        host.instance("nested").function("return-four", type: FuncType(parameters: [], result: .u32)) { _ in [.u32(4)] }
        host.function("return-hi", type: FuncType(parameters: [], result: .string)) { _ in [.string("hi")] }
        if let module = try? CompiledModule(bytes: WAT.parseModule(
            #"(module (global (export "g") i32 (i32.const 100)) (func (export "f") (result i32) (i32.const 101)))"#).bytes) {
            host.define("simple-module", .module(module))
        }

        // resource1: its representation is the constructor's argument; drops are counted.
        final class Drops { var count: UInt32 = 0; var last: UInt32 = 0 }
        let drops = Drops()
        let resource1 = ResourceType(hostNamed: "resource1") { rep in
            drops.count += 1
            drops.last = rep
        }
        host.resource("resource1", resource1)
        host.resource("resource1-again", resource1)
        host.resource("resource2", ResourceType(hostNamed: "resource2"))
        func rep(_ v: Val) throws -> UInt32 {
            guard case .resource(let r) = v else { throw Trap(.host("expected a resource1 handle")) }
            return r.rep
        }
        func u32(_ v: Val) throws -> UInt32 {
            guard case .u32(let x) = v else { throw Trap(.host("expected a u32")) }
            return x
        }
        host.function("[constructor]resource1") { args in [.resource(.own(resource1, rep: try u32(args[0])))] }
        host.function("[static]resource1.assert") { args in
            guard try rep(args[0]) == (try u32(args[1])) else { throw Trap(.host("resource1.assert: representation differs")) }
            return []
        }
        host.function("[static]resource1.last-drop") { _ in [.u32(drops.last)] }
        host.function("[static]resource1.drops") { _ in [.u32(drops.count)] }
        host.function("[method]resource1.simple") { args in
            guard try rep(args[0]) == (try u32(args[1])) else { throw Trap(.host("resource1.simple: representation differs")) }
            return []
        }
        host.function("[method]resource1.take-borrow") { args in
            _ = try rep(args[0]); _ = try rep(args[1])
            return []
        }
        host.function("[method]resource1.take-own") { args in
            _ = try rep(args[0])
            drops.count += 1
            drops.last = try rep(args[1])
            return []
        }

        let wasmtime = root.instance("wasmtime")
        wasmtime.function("set-max-table-capacity") { _ in [] }
        wasmtime.function("gc") { _ in [] }
    }
}
