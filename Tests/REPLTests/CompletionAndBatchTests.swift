import Foundation
import LoupeTestSupport
import REPL
import Testing

@Suite struct CompletionAndBatchTests {
    static let example = TestEnvironment.packageRoot.appendingPathComponent("examples/greeter.wat").path

    func session() -> (Session, Recorder) {
        let recorder = Recorder()
        let session = Session(output: recorder)
        #expect(session.execute("load \(Self.example)"))
        #expect(session.execute("stub example:greeter/clock.now = 1"))
        return (session, recorder)
    }

    @Test func completesCommandsExportsVariablesAndParameters() throws {
        let (s, _) = session()
        #expect(s.complete("expo").insertion == "rts")
        #expect(s.complete("gr").insertion == "eet")
        #expect(s.complete("help br").candidates == ["break"])
        #expect(s.complete("break init Extract").candidates.count == 5)
        #expect(s.complete("break init LowerImport exa").candidates == ["example:greeter/clock/now"])
        #expect(s.complete("me").candidates == ["memory"])
        let hint = s.complete("add(")
        #expect(hint.isHint && hint.candidates == ["a: record { x: s32, y: s32 }, b: record { x: s32, y: s32 }"])
        #expect(s.complete("stub exa").candidates == ["example:greeter/clock/now"])
        #expect(s.execute("let c = counter.new(1)"))
        #expect(s.complete("c.inc").candidates == ["c.increment"])
        #expect(s.complete("drop ").candidates == ["c"])
        #expect(s.complete("c.increment(").candidates == ["by: u32"])
    }

    @Test func batchStopsAtTheFirstErrorUnlessKeepGoing() {
        let lines = ["greet(\"a\")", "nonsense", "greet(\"b\")"]
        let (stopping, out1) = session()
        #expect(!BatchRunner.run(lines, in: stopping, keepGoing: false))
        #expect(out1.text.contains("\"Hello, a!\"") && !out1.text.contains("\"Hello, b!\""))
        let (going, out2) = session()
        #expect(!BatchRunner.run(lines, in: going, keepGoing: true))
        #expect(out2.text.contains("\"Hello, b!\""))
    }

    @Test func stubMissingSatisfiesEveryImport() {
        let recorder = Recorder()
        let s = Session(output: recorder, stubMissing: true)
        #expect(s.execute("load \(Self.example)"))
        #expect(s.execute("stamp()"))
        #expect(recorder.text.hasSuffix("stub example:greeter/clock/now() -> 0\n1000\n"))
    }
}

extension CompletionAndBatchTests {
    @Test func batchJoinsLinesWhileBracketsAreOpen() {
        let (s, out) = session()
        #expect(BatchRunner.run(["add(", "  {x: 1, y: 2},", "  {x: 3, y: 4})", "greet(\"b\")"], in: s, keepGoing: false))
        #expect(out.text.hasSuffix("{x: 4, y: 6}\n\"Hello, b!\"\n"))
        let (t, _) = session()
        #expect(!BatchRunner.run(["greet(\"left open\","], in: t, keepGoing: false))
    }
}
