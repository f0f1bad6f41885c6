import Display
import Foundation

/// The REPL's output: plain text, with colour only on a colour terminal and never under NO_COLOR.
struct Console {
    let colors: Bool
    /// How many colours a heatmap may use: `.none` without `colors`. Decided once with them, since
    /// the environment it is read from does not change while the REPL runs.
    let colorDepth: TerminalCapabilities.ColorDepth
    /// `--present`: clear the screen before each step so a projector shows one step at a time.
    let present: Bool

    func say(_ text: String) { print(text) }

    /// The terminal's width in columns (80 when it cannot be asked).
    var width: Int { terminalSize?.columns ?? 80 }

    /// The terminal's height in rows (24 when it cannot be asked).
    var height: Int { terminalSize?.rows ?? 24 }

    private var terminalSize: (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20, size.ws_row >= 5 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// One lesson step: its prose, then the statement and what it made. In presentation mode the screen
    /// is cleared first and the prose is cut from the top so that the step fits on one screen.
    func step(prose: String, body: String) {
        beginStep()
        guard !prose.isEmpty else { return say(body) }
        var proseLines = prose.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if present {
            // Rows left for prose: the screen minus the body, a blank line and the prompt.
            let room = height - rows(body) - 2
            let kept = proseLines.suffix(max(0, room - 1))
            if kept.count < proseLines.count { proseLines = [dim("…")] + kept }
        }
        say(proseLines.joined(separator: "\n") + "\n")
        say(body)
    }

    /// How many terminal rows `text` takes, long lines wrapping.
    private func rows(_ text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + max(1, ($1.count + width - 1) / width) }
    }

    /// `text` cut to `columns` characters, with `…` when cut.
    func fit(_ text: String, _ columns: Int) -> String {
        text.count <= columns ? text : String(text.prefix(max(0, columns - 1))) + "…"
    }

    /// Words joined with spaces into lines no wider than the terminal.
    func wrap(_ words: [String], indent: String = "") -> String {
        var lines: [String] = []
        var line = indent
        for word in words {
            if line.count + word.count + 1 > width - 1 && line.count > indent.count {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    func error(_ text: String) { print(paint(text, "31")) }

    func warn(_ text: String) { printError(paint(text, "33")) }

    func dim(_ text: String) -> String { paint(text, "2") }
    func bold(_ text: String) -> String { paint(text, "1") }
    func good(_ text: String) -> String { paint(text, "32") }
    func bad(_ text: String) -> String { paint(text, "31") }
    func caution(_ text: String) -> String { paint(text, "33") }

    /// Starts a new step: in presentation mode the screen is cleared first.
    func beginStep() {
        if present { print("\u{1B}[H\u{1B}[2J", terminator: "") }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
