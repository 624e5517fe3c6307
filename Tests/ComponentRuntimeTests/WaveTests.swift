import Testing
import ComponentRuntime

@Suite struct WaveTests {
    @Test func formattedValuesParseBackToTheSameValue() throws {
        var g = SeededGenerator(seed: 0x5EED)
        for _ in 0..<3000 {
            let type = RandomValues.type(depth: 3, using: &g)
            let value = RandomValues.value(type, using: &g)
            let text = WAVE.format(value)
            let back = try WAVE.parse(text, as: type)
            #expect(back.sameAs(value), "\(text) parsed as \(WAVE.format(back)) for \(type)")
            #expect(WAVE.format(back) == text)
        }
    }

    @Test func formatsLikeWasmtime() {
        #expect(WAVE.format(.f32(12)) == "12")
        #expect(WAVE.format(.f32(1.5)) == "1.5")
        #expect(WAVE.format(.f64(1e21)) == "1000000000000000000000")
        #expect(WAVE.format(.f64(0.0001)) == "0.0001")
        #expect(WAVE.format(.f64(-0.0)) == "-0")
        #expect(WAVE.format(.f64(.nan)) == "nan")
        #expect(WAVE.format(.f32(-.infinity)) == "-inf")
        #expect(WAVE.format(.char("b")) == "'b'")
        #expect(WAVE.format(.string("quote \" and 😀 and \n")) == #""quote \" and 😀 and \n""#)
        #expect(WAVE.format(.record([.init("x", .s32(-2)), .init("y", .s32(1))])) == "{x: -2, y: 1}")
        #expect(WAVE.format(.flags(["read", "write"])) == "{read, write}")
        #expect(WAVE.format(.result(.err(.string("division by zero")))) == #"err("division by zero")"#)
        #expect(WAVE.format(.enum("true")) == "%true")
        #expect(WAVE.format(.tuple([.string("seven"), .u32(7)])) == #"("seven", 7)"#)
    }

    @Test func parsesShorthandsAndOmittedOptionalFields() throws {
        #expect(try WAVE.parse("21", as: .option(.u32)) == .option(.u32(21)))
        #expect(try WAVE.parse("none", as: .option(.u32)) == .option(nil))
        #expect(try WAVE.parse("\"hi\"", as: .result(ok: .string, error: .string)) == .result(.ok(.string("hi"))))
        let point = ValType.record([.init("x", .s32), .init("y", .option(.s32))])
        #expect(try WAVE.parse("{x: 1}", as: point) == .record([.init("x", .s32(1)), .init("y", .option(nil))]))
        #expect(try WAVE.parse("{y: 2, x: 1}", as: point) == .record([.init("x", .s32(1)), .init("y", .option(.s32(2)))]))
        #expect(try WAVE.parse("{exec, read}", as: .flags(["read", "write", "exec"])) == .flags(["read", "exec"]))
        #expect(try WAVE.parse("'\\u{1F600}'", as: .char) == .char("😀"))
        #expect(try WAVE.parse("[1, 2, 3,] // trailing comma and comment", as: .list(.u8)) == .list([.u8(1), .u8(2), .u8(3)]))
    }

    @Test func errorsSayWhatWasExpectedWhereWithACaret() {
        func message(_ text: String, _ type: ValType) -> String {
            do {
                _ = try WAVE.parse(text, as: type)
                return "no error"
            } catch {
                return error.description
            }
        }
        let range = message("300", .u8)
        #expect(range.contains("out of range for u8"))
        #expect(range.hasSuffix("\n  300\n  ^"))
        let field = message("{x: 1, z: 2}", .record([.init("x", .u8), .init("y", .u8)]))
        #expect(field.contains("unknown field `z`"))
        #expect(field.hasSuffix("\n  {x: 1, z: 2}\n         ^"))
        #expect(message("{x: 1}", .record([.init("x", .u8), .init("y", .u8)])).contains("missing field `y`"))
        #expect(message("blue", .enum(["red", "green"])).contains("enum cases red, green"))
        #expect(message("\"abc", .string).contains("not closed"))
        #expect(message("'ab'", .char).contains("one character"))
        #expect(message("1.5", .s32).contains("expected a s32 integer"))
        #expect(message("[1, 2", .list(.u8)).contains("expected `,` or `]` in the list"))
    }

    @Test func splitsCallsIncludingQualifiedNames() throws {
        let call = try WAVE.splitCall(#"test:counter/api@0.1.0.live("a, b", [1, 2], {x: (1, 2)})"#)
        #expect(call.name == "test:counter/api@0.1.0.live")
        #expect(call.arguments == [#""a, b""#, "[1, 2]", "{x: (1, 2)}"])
        #expect(try WAVE.splitCall("run").arguments.isEmpty)
        #expect(try WAVE.splitCall("run()").arguments.isEmpty)
        #expect(throws: WaveError.self) { try WAVE.splitCall("f(1, 2") }
    }

    @Test func variablesStandInForValues() throws {
        let vars = ["n": Val.u32(5)]
        #expect(try WAVE.parse("[n, 1]", as: .list(.u32), variables: { vars[$0] }) == .list([.u32(5), .u32(1)]))
    }
}
