import CoreRuntime
import Testing
import WasmFormat

@Suite struct LinkerTests {
    static let user = """
    (module
      (import "env" "double" (func $double (param i32) (result i32)))
      (import "lib" "base" (global $base i32))
      (func (export "run") (param i32) (result i32)
        (i32.add (call $double (local.get 0)) (global.get $base))))
    """
    static let lib = "(module (global (export \"base\") i32 (i32.const 100)))"

    @Test func resolvesImportsByNameFromHostFunctionsAndInstances() throws {
        let store = Store()
        let linker = Linker(store: store)
        linker.defineFunction("env", "double", type: FunctionType(parameters: [.i32], results: [.i32])) { _, args in
            guard case .i32(let x) = args[0] else { return [] }
            return [.i32(x &* 2)]
        }
        linker.defineInstance("lib", try store.instantiate(try compile(Self.lib), imports: []))
        let instance = try linker.instantiate(try compile(Self.user))
        #expect(try instance.function("run")!.call([.i32(21)]) == [.i32(142)])
    }

    @Test func aMissingImportIsNamedWithTheKindItNeeds() throws {
        let linker = Linker(store: Store())
        let error = #expect(throws: RuntimeError.self) { try linker.instantiate(try compile(Self.user)) }
        #expect(error?.description.contains("\"env\" \"double\"") == true)
        #expect(error?.description.contains("func") == true)
    }

    @Test func aMistypedDefinitionIsUnlinkableWithBothTypes() throws {
        let store = Store()
        let linker = Linker(store: store)
        linker.defineFunction("env", "double", type: FunctionType(parameters: [.i64], results: [.i32])) { _, _ in [.i32(0)] }
        linker.defineInstance("lib", try store.instantiate(try compile(Self.lib), imports: []))
        let error = #expect(throws: RuntimeError.self) { try linker.instantiate(try compile(Self.user)) }
        let text = error?.description ?? ""
        #expect(text.contains("expected func") && text.contains("i64"))
    }
}
