import CNCurses
import Foundation

/// `tui`: the session full-screen (ncurses). The top left shows code — the stopped core
/// function with `=>` at the instruction about to run, else the instantiation plan with
/// `=>` before the next initializer; the top right shows state — the backtrace, locals and
/// operand stack of a stopped call, else the session's `info` and variables; below them
/// the output of the commands typed at the prompt on the last line.
///
/// Every pane is the output of an ordinary command (`disasm`, `plan`, `bt`, …) captured, so
/// the view shows exactly what the command language shows. `quit`, `tui` or Ctrl-D goes
/// back to the line REPL; PageUp and PageDown scroll the output; Up and Down recall the
/// lines typed in the view; Backspace and Ctrl-U edit the line.
final class TextUI {
    private let session: Session
    private var log: [String] = []
    /// Lines of the log hidden below the bottom by scrolling back.
    private var scrollBack = 0
    private var input: [UInt8] = []
    private var collector = InputCollector()
    /// The lines typed in this view, for Up and Down; `recalled` is where Up got to.
    private var history: [String] = []
    private var recalled: Int?

    init(session: Session) {
        self.session = session
    }

    /// Runs until the user leaves; false (with nothing drawn) when ncurses does not know
    /// the terminal.
    @discardableResult
    func run() -> Bool {
        setlocale(LC_ALL, "")
        // NB: `newterm` rather than `initscr`, which would end the process on an unknown TERM.
        guard let screen = loupe_newterm() else { return false }
        defer { delscreen(screen) }
        let saved = session.output
        session.output = CapturedOutput { [unowned self] in log += $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        defer { session.output = saved }
        cbreak()
        noecho()
        keypad(loupe_stdscr(), true)
        defer { endwin() }
        log.append("full-screen view: type commands below; quit, tui or Ctrl-D goes back, PageUp/PageDown scroll")
        while true {
            draw()
            let key = getch()
            switch key {
            case ERR:
                // Ctrl-C at the prompt (the signal interrupts the read): drop the line.
                if Interruption.pending != 0 {
                    Interruption.pending = 0
                    input = []
                    collector.discard()
                }
            case 4:
                return true
            case 10, 13, loupe_key_enter():
                let line = String(decoding: input, as: UTF8.self)
                input = []
                recalled = nil
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { history.append(line) }
                log.append((collector.isContinuing ? "...> " : "> ") + line)
                guard let text = collector.add(line) else { continue }
                scrollBack = 0
                let command = text.trimmingCharacters(in: .whitespaces)
                if ["quit", "exit", "tui"].contains(command) { return true }
                session.execute(text)
                // A guest writing to the terminal (WASI stdout) bypassed ncurses: repaint all.
                clearok(loupe_stdscr(), true)
            case 127, 8, loupe_key_backspace():
                // Remove a whole UTF-8 sequence: continuation bytes, then their lead byte.
                while let last = input.popLast(), last & 0xC0 == 0x80 {}
            case 21:
                input = []
            case loupe_key_up():
                guard !history.isEmpty else { break }
                let i = max(0, (recalled ?? history.count) - 1)
                recalled = i
                input = Array(history[i].utf8)
            case loupe_key_down():
                guard let i = recalled else { break }
                recalled = i + 1 < history.count ? i + 1 : nil
                input = recalled.map { Array(history[$0].utf8) } ?? []
            case loupe_key_page_up():
                scrollBack = min(scrollBack + max(1, logHeight - 1), max(0, log.count - logHeight))
            case loupe_key_page_down():
                scrollBack = max(0, scrollBack - max(1, logHeight - 1))
            case 32..<256 where key != 127:
                input.append(UInt8(key))
            default:
                break  // other function keys, resizes (the next draw measures again)
            }
        }
    }

    // MARK: Drawing

    private var rows: Int { Int(loupe_lines()) }
    private var columns: Int { Int(loupe_cols()) }
    /// Rows of the code and state panes, under the title bar.
    private var paneHeight: Int { max(4, (rows - 2) * 11 / 20) }
    private var logHeight: Int { max(1, rows - 3 - paneHeight) }

    private func draw() {
        erase()
        let leftWidth = columns * 3 / 5
        put(0, 0, pad(title, columns), attribute: loupe_attr_reverse())
        let code = codeLines()
        let marker = code.firstIndex { $0.hasPrefix("=>") } ?? 0
        let first = max(0, min(marker - paneHeight / 3, code.count - paneHeight))
        for (i, line) in code.dropFirst(first).prefix(paneHeight).enumerated() {
            put(1 + i, 0, String(line.prefix(leftWidth - 1)), attribute: line.hasPrefix("=>") ? loupe_attr_bold() : 0)
        }
        for (i, line) in stateLines().prefix(paneHeight).enumerated() {
            put(1 + i, leftWidth + 1, String(line.prefix(columns - leftWidth - 1)))
        }
        mvvline(1, Int32(leftWidth), 0, Int32(paneHeight))
        mvhline(Int32(1 + paneHeight), 0, 0, Int32(columns))
        let end = log.count - scrollBack
        let shown = log[max(0, end - logHeight)..<max(0, end)]
        for (i, line) in shown.enumerated() {
            put(2 + paneHeight + i, 0, String(line.prefix(columns)), attribute: line.hasPrefix("error") ? loupe_attr_bold() : 0)
        }
        let prompt = collector.isContinuing ? "...> " : (session.stoppedFunction.map { "loupe [\($0)]> " } ?? "loupe> ")
        let typed = String(decoding: input, as: UTF8.self)
        put(rows - 1, 0, String((prompt + typed).suffix(columns - 1)))
        refresh()
    }

    private var title: String {
        let file = session.file?.name ?? "no component"
        let state: String
        if let f = session.stoppedFunction {
            state = "stopped in \(f)"
        } else if let i = session.instantiator {
            state = i.failure != nil ? "instantiation failed" : i.isFinished ? "instantiated" : "instantiating, before initializer \(i.next)"
        } else {
            state = "not instantiated"
        }
        return " loupe — \(file) — \(state)" + (scrollBack > 0 ? " — output scrolled back \(scrollBack) lines" : "")
    }

    private func codeLines() -> [String] {
        guard session.file != nil else { return ["load FILE opens a component"] }
        return captured(session.paused != nil ? "disasm" : "plan")
    }

    private func stateLines() -> [String] {
        if session.paused != nil {
            return captured("bt") + ["locals:"] + captured("locals") + ["stack:"] + captured("stack")
        }
        return session.file == nil ? [] : captured("info") + captured("vars")
    }

    /// What a command prints, without it going to the log.
    private func captured(_ command: String) -> [String] {
        let saved = session.output
        var lines: [String] = []
        session.output = CapturedOutput { lines += $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        session.execute(command)
        session.output = saved
        return lines
    }

    private func put(_ row: Int, _ column: Int, _ text: String, attribute: Int32 = 0) {
        guard row >= 0, row < rows, column < columns else { return }
        if attribute != 0 { loupe_attr_on(attribute) }
        mvaddstr(Int32(row), Int32(column), text)
        if attribute != 0 { loupe_attr_off(attribute) }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }
}

/// Session output kept by a closure (results and errors alike, errors marked).
final class CapturedOutput: SessionOutput {
    private let keep: (String) -> Void
    init(_ keep: @escaping (String) -> Void) { self.keep = keep }
    func result(_ text: String) { keep(text) }
    func error(_ text: String) { keep(text.hasPrefix("error") ? text : "error: " + text) }
}
