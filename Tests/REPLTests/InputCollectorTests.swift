import REPL
import Testing

/// Which inputs wait for more lines, and which run at once.
@Suite struct InputCollectorTests {
    func inputs(_ lines: [String]) -> [String] {
        var collector = InputCollector()
        var done = lines.compactMap { collector.add($0) }
        if let rest = collector.flush() { done.append("unfinished: " + rest) }
        return done
    }

    @Test func continuesWhileBracketsAreOpen() {
        #expect(inputs(["f(", "[1, 2,", "3], {a: 1", "})"]) == ["f(\n[1, 2,\n3], {a: 1\n})"])
        #expect(inputs(["f(1)", "g(2)"]) == ["f(1)", "g(2)"])
    }

    @Test func ignoresBracketsInStringsCharsAndComments() {
        #expect(inputs(["f(\"(\", '[', \"\\\"(\")"]) == ["f(\"(\", '[', \"\\\"(\")"])
        #expect(inputs(["# (", "f(1) ;; (", "g("]) == ["# (", "f(1) ;; (", "unfinished: g("])
        #expect(inputs(["f(\"a", "b)\"", ")"]) == ["f(\"a\nb)\"\n)"])
    }

    @Test func aClosingBracketMatchingNothingEndsTheInput() {
        #expect(inputs(["f(1))", "g("]) == ["f(1))", "unfinished: g("])
        #expect(inputs([")(", "x"]) == [")(", "x"])
        #expect(inputs(["f({)", "x"]) == ["f({)", "x"])
    }
}
