import CLibEdit
import Foundation

/// Line editing through libedit: emacs keys (vi with `bind -v` in ~/.editrc), history
/// kept in a file across sessions, TAB completion by a Swift function.
final class LineEditor {
    private let editLine: OpaquePointer
    private let history: OpaquePointer?
    private let historyPath: String

    /// The prompt libedit asks for through a C callback.
    nonisolated(unsafe) private static var promptText: UnsafeMutablePointer<CChar> = strdup("loupe> ")
    /// The completion libedit's TAB binding calls; one editor exists at a time.
    nonisolated(unsafe) private static var complete: ((String) -> Completion)?

    enum Input {
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupted
        case endOfFile
    }

    /// What the next `read` shows before the cursor.
    var prompt: String {
        get { String(cString: Self.promptText) }
        set {
            free(Self.promptText)
            Self.promptText = strdup(newValue)
        }
    }

    init(prompt: String, historyPath: String, complete: @escaping (String) -> Completion) {
        Self.complete = complete
        self.historyPath = historyPath
        editLine = loupe_el_init("loupe")
        history = loupe_history_open(1000)
        self.prompt = prompt
        loupe_el_configure(editLine)
        loupe_el_set_prompt(editLine) { _ in LineEditor.promptText }
        if let history {
            loupe_history_load(history, historyPath)
            loupe_el_set_history(editLine, history)
        }
        loupe_el_set_completion(editLine) { el, _ in LineEditor.completeCurrentLine(el) }
    }

    deinit {
        if let history {
            loupe_history_save(history, historyPath)
            history_end(history)
        }
        el_end(editLine)
    }

    /// Reads one line; a line that is not blank joins the history (saved at once, so that
    /// a killed session keeps it).
    func read() -> Input {
        var count: Int32 = 0
        Interruption.pending = 0
        guard let raw = el_gets(editLine, &count) else {
            if count < 0 || Interruption.pending != 0 {
                el_reset(editLine)
                return .interrupted
            }
            return .endOfFile
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        if let history, !line.trimmingCharacters(in: .whitespaces).isEmpty {
            loupe_history_add(history, line)
            loupe_history_save(history, historyPath)
        }
        return .line(line)
    }

    /// TAB: inserts what every candidate shares; lists them when that is nothing.
    private static func completeCurrentLine(_ el: OpaquePointer?) -> UInt8 {
        guard let el, let info = el_line(el)?.pointee, let complete else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: length).bindMemory(to: UInt8.self), as: UTF8.self)
        let completion = complete(before)
        if !completion.insertion.isEmpty {
            el_insertstr(el, completion.insertion)
            return UInt8(CC_REFRESH)
        }
        guard !completion.candidates.isEmpty else { return UInt8(CC_ERROR) }
        if completion.candidates.count == 1, !completion.isHint {
            return UInt8(CC_NORM)
        }
        print("\n" + completion.candidates.joined(separator: "  "))
        return UInt8(CC_REDISPLAY)
    }
}
