import Testing
import WasmFormat
import WasmText

/// Every instruction's bytes map back to where it is written.
@Suite struct SourceMapTests {
    @Test func instructionsMapToTheirMnemonics() throws {
        let text = """
            (module
              (global $g i32 (i32.const 42))
              (func (export "f") (param i32) (result i32)
                (i32.add
                  (local.get 0)
                  (i32.const 1))
                drop
                i32.const 7))
            """
        let wat = try WAT.parseModule(text, file: "map.wat")
        let module = try ModuleDecoder().decode(wat.bytes)
        let code = try module.codes[0].instructions()
        #expect(code.count == 6)
        let expected: [(Int, Int)] = [(5, 8), (6, 8), (4, 6), (7, 5), (8, 5), (8, 16)]
        for ((offset, _), (line, column)) in zip(code, expected) {
            #expect(wat.sourceMap.location(ofByteOffset: offset) == WasmText.SourceLocation(file: "map.wat", line: line, column: column))
        }
        // An offset inside a multi-byte instruction maps to that instruction.
        #expect(wat.sourceMap.location(ofByteOffset: code[1].offset + 1)?.line == 6)
        // The magic number is not code.
        #expect(wat.sourceMap.location(ofByteOffset: 0) == nil)
        // Constant expressions are mapped too.
        let global = module.globals[0].initializer.offset
        #expect(wat.sourceMap.location(ofByteOffset: global) == WasmText.SourceLocation(file: "map.wat", line: 2, column: 19))
    }

    @Test func entriesAreSortedAndDisjoint() throws {
        let wat = try WAT.parseModule("""
            (module
              (func $a (block (loop (br 0))))
              (func $b (result i64) (i64.const 0x7fffffffffffffff))
              (elem declare func $a)
              (table 1 funcref (ref.func $a)))
            """)
        let entries = wat.sourceMap.entries
        #expect(!entries.isEmpty)
        for (x, y) in zip(entries, entries.dropFirst()) {
            #expect(x.byteOffset + x.length <= y.byteOffset)
        }
        #expect(entries.allSatisfy { $0.byteOffset + $0.length <= wat.bytes.count })
    }
}
