import REPL
import Testing

/// Colour only on a terminal without NO_COLOR; prompts keep their escapes out of
/// libedit's width count.
@Suite struct PaletteTests {
    @Test func coloursOnlyATerminalWithoutNoColor() {
        #expect(Palette(isTerminal: true, noColor: nil).error("error: x") == "\u{1B}[31merror: x\u{1B}[0m")
        #expect(Palette(isTerminal: true, noColor: "").enabled)
        #expect(Palette(isTerminal: true, noColor: "1").error("error: x") == "error: x")
        #expect(Palette(isTerminal: false, noColor: nil).value("42") == "42")
        #expect(Palette(isTerminal: false, noColor: nil).prompt("loupe> ") == "loupe> ")
    }

    @Test func stylesEachLineAndHidesPromptEscapes() {
        let p = Palette(enabled: true)
        #expect(p.error("a\n\nb") == "\u{1B}[31ma\u{1B}[0m\n\n\u{1B}[31mb\u{1B}[0m")
        #expect(p.value("\"hi\"") == "\u{1B}[1m\"hi\"\u{1B}[0m")
        #expect(p.prompt("loupe> ") == "\u{1}\u{1B}[1;36m\u{1}loupe>\u{1}\u{1B}[0m\u{1} ")
        #expect(p.prompt("...> ", dimmed: true).hasPrefix("\u{1}\u{1B}[2m\u{1}...>"))
    }
}
