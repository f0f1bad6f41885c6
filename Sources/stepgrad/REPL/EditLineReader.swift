import CEditLine
import Foundation
import Glibc
import Notebook
import Synchronization

/// Lines from the terminal through libedit's readline interface: emacs keys, Up-arrow history,
/// Tab completion, and the history file loaded at start and rewritten after every entered line.
struct EditLineReader: LineReader {
    private var entries: [String] = []
    private let historyFile: HistoryFile?

    /// The words Tab completes; read by libedit's completion callback, which cannot carry context.
    fileprivate static let candidates = Mutex(CompletionCandidates())

    /// Sets libedit up and loads the history; a history problem is reported through `warn` and then ignored.
    init(historyFile: HistoryFile?, warn: (String) -> Void) {
        self.historyFile = historyFile
        // Without the user's locale, libedit treats UTF-8 as single bytes (`ñ` shows as \303\261).
        setlocale(LC_CTYPE, "")
        // libedit keeps the name pointer, so the string lives as long as the process.
        stepgrad_rl_configure(strdup("stepgrad"), stepgrad_rl_word_breaks(), completeAtCursor)
        // libedit's own signal handlers stay on: they put the terminal back in cooked mode on Ctrl-Z and
        // redraw the line after `fg` or a resize, then pass the signal on to InterruptSignal's handlers.
        // They run on whichever thread receives the signal, and are only safe on the reading thread:
        // stepgrad runs on one thread (a library that starts threads, as OpenBLAS did, made closing the
        // terminal crash one run in twenty); outside the prompt, InterruptSignal forwards what other
        // threads receive.
        _ = rl_initialize()
        stifle_history(Int32(HistoryFile.maximumEntries))
        if let historyFile {
            do {
                entries = try historyFile.load()
            } catch {
                warn("warning: \(error)")
            }
        }
        for entry in entries { _ = add_history(entry) }
    }

    mutating func readLine(prompt: String) -> LineInput {
        fflush(nil)  // everything printed so far appears before the prompt
        _ = InterruptSignal.take()
        guard let raw = readline(prompt) else {
            if InterruptSignal.take() && !InterruptSignal.shouldQuit {
                // Ctrl-C: libedit gave up the line; move past it so the next prompt starts clean.
                print("^C")
                return .interrupted
            }
            return .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    mutating func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty, !line.contains("\n"), entries.last != line else { return }
        entries.append(line)
        _ = add_history(line)
        if entries.count > HistoryFile.maximumEntries { entries.removeFirst(entries.count - HistoryFile.maximumEntries) }
        // Saved at once: a closed terminal or a kill loses nothing typed so far. Failing to save is not
        // worth interrupting the learner for more than once per session.
        if let historyFile, (try? historyFile.save(entries)) == nil, !Self.saveFailureReported.exchange(true, ordering: .relaxed) {
            printError("warning: cannot write history \(historyFile.url.path)")
        }
    }

    private static let saveFailureReported = Atomic<Bool>(false)

    mutating func complete(with candidates: @autoclosure () -> CompletionCandidates) {
        let fresh = candidates()  // built outside the lock: it reads the lessons folder
        Self.candidates.withLock { $0 = fresh }
    }
}

/// libedit's completion hook: `text` is the word at the cursor, `start` where it begins in the line.
/// Returns a malloc'd, NULL-terminated list whose first entry is the common prefix that replaces
/// the word, as readline expects; libedit frees it.
private func completeAtCursor(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    stepgrad_rl_completion_over()  // never fall back to file names
    guard let text, let buffer = stepgrad_rl_line_buffer() else { return nil }
    let word = String(cString: text)
    let line = Array(String(cString: buffer).utf8)
    let prefixEnd = min(max(0, Int(start)), line.count)
    let linePrefix = String(decoding: line[..<prefixEnd], as: UTF8.self)
    let matches = EditLineReader.candidates.withLock { $0.completions(of: word, after: linePrefix) }
    guard let first = matches.first else { return nil }
    let common = matches.dropFirst().reduce(first) { prefix, match in
        String(zip(prefix, match).prefix { $0 == $1 }.map(\.0))
    }
    // A match inside a name (lessons) must not shorten what was typed.
    let substitution = matches.count == 1 ? first : common.hasPrefix(word) ? common : word
    let list = [substitution] + (matches.count == 1 ? [] : matches)
    // libedit frees the list and its strings with free(), so both come from malloc. It peeks at
    // matches[2] even for a single match, so the list always ends with two NULLs.
    let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (list.count + 2)
    guard let memory = calloc(1, size) else { return nil }
    let result = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: list.count + 2)
    for (i, entry) in list.enumerated() { result[i] = strdup(entry) }
    return result
}
