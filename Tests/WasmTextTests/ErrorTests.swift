import Testing
import WasmText

/// Errors say where, in the reference interpreter's words, and show the line.
@Suite struct ErrorTests {
    @Test func locationAndCaret() throws {
        let text = """
            (module
              (func $f
                (i32.add (i32.const 1)
                \t(i32.frobnicate))))
            """
        let error = try #require(parseError(text))
        #expect(error.location == WasmText.SourceLocation(file: "test.wat", line: 4, column: 7))
        #expect(error.message.contains("unknown operator i32.frobnicate"))
        #expect(error.description == """
            test.wat:4:7: error: \(error.message)
                \t(i32.frobnicate))))
                \t ^
            """)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let error = try #require(parseError("(module (func $e (export \"éü\") (bogus)))"))
        #expect(error.location.line == 1)
        #expect(error.location.column == 33)
    }

    @Test(arguments: [
        ("(module (func)", "unexpected end of input"),
        ("(module (func)))", "unexpected token"),
        ("(module (func (i32.const 1) (unknown.op)))", "unknown operator unknown.op"),
        ("(module (fumc))", "unknown operator fumc"),
        ("(module (func (local i32) (param i32)))", "unexpected token"),
        ("(module (func (nop) (local i32)))", "unexpected token"),
        ("(module (func (result i32) (param i32)))", "unexpected token"),
        ("(module (func end))", "unexpected token"),
        ("(module (func block))", "unexpected token"),
        ("(module (func else))", "unexpected token"),
        ("(module (func \"a\"))", "unexpected token"),
        ("(module (func $))", "empty identifier"),
        ("(module (func $\"\"))", "empty identifier"),
        ("(module (@))", "empty annotation id"),
        ("(module (@x (y)", "unclosed annotation"),
        ("(module (func (export \"\\ff\")))", "malformed UTF-8 encoding"),
        ("(module (func (export \"a\u{7}\")))", "illegal character"),
        ("(module (func (export \"abc)))", "unclosed string"),
        ("(module (func (export \"\\q\")))", "illegal escape"),
        ("(module (; unclosed comment)", "unclosed comment"),
        ("(module \u{1} )", "illegal character"),
        ("(module (func (i8x16.shuffle 1 2 3)))", "invalid lane length"),
        ("(module (memory 1) (func (i32.load align=7 (i32.const 0))))", "alignment"),
        ("(module (memory 0 (pagesize 3)))", "invalid custom page size"),
        ("(module (type $t (func)) (func (type 5) (param i32)))", "unknown type"),
    ])
    func messages(text: String, message: String) {
        let error = parseError(text)
        #expect(error?.message.contains(message) == true, "got \(String(describing: error?.message))")
    }

    @Test func nonUTF8InputIsReported() {
        #expect(throws: WasmText.TextError.self) {
            try WAT.parseModule(bytes: Array("(module (func (export \"".utf8) + [0xC0, 0x80] + Array("\")))".utf8))
        }
        do {
            _ = try WAT.parseModule(bytes: Array("(module) ;; ".utf8) + [0xFF])
            Issue.record("accepted invalid UTF-8 in a comment")
        } catch {
            #expect(error.message.contains("malformed UTF-8 encoding"))
        }
    }
}
