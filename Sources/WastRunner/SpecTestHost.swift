import CoreRuntime
import WasmFormat

/// The `spectest` module the core test suite imports: print functions that do nothing
/// visible, globals of value 666, a table and memories.
enum SpecTestHost {
    static func exports(in store: Store) throws -> [String: Extern] {
        var e: [String: Extern] = [:]
        func function(_ name: String, _ params: [ValueType]) {
            e[name] = .function(store.hostFunction(name: "spectest.\(name)", type: FunctionType(parameters: params, results: [])) { _, _ in [] })
        }
        function("print", [])
        function("print_i32", [.i32])
        function("print_i64", [.i64])
        function("print_f32", [.f32])
        function("print_f64", [.f64])
        function("print_i32_f32", [.i32, .f32])
        function("print_f64_f64", [.f64, .f64])
        e["global_i32"] = .global(store.global(GlobalType(valueType: .i32, mutable: false), value: .i32(666)))
        e["global_i64"] = .global(store.global(GlobalType(valueType: .i64, mutable: false), value: .i64(666)))
        e["global_f32"] = .global(store.global(GlobalType(valueType: .f32, mutable: false), value: .float(666.6)))
        e["global_f64"] = .global(store.global(GlobalType(valueType: .f64, mutable: false), value: .double(666.6)))
        e["table"] = .table(try store.table(TableType(elementType: .funcref, limits: Limits(min: 10, max: 20))))
        e["table64"] = .table(try store.table(TableType(elementType: .funcref, limits: Limits(min: 10, max: 20, addressType: .i64))))
        e["memory"] = .memory(try store.memory(MemoryType(limits: Limits(min: 1, max: 2))))
        e["shared_memory"] = .memory(try store.memory(MemoryType(limits: Limits(min: 1, max: 2, shared: true))))
        return e
    }
}
