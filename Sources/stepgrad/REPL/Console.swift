import Display
import Foundation
import Notebook

/// The REPL's output: the notebook's replies drawn by the text renderer, with colour only on a
/// colour terminal and never under NO_COLOR.
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

    /// Prints a reply: a step starts a new screen in presentation mode.
    func show(_ reply: Notebook.Reply, format: NumberFormat) {
        guard !reply.blocks.isEmpty else { return }
        if reply.kind == .step { beginStep() }
        say(renderer(format).render(blocks: reply.blocks))
    }

    /// The text renderer for this terminal: matrices as wide as it is (more columns than fit are
    /// elided in the middle), colour when it has colour.
    func renderer(_ format: NumberFormat) -> TextTranscript {
        var renderer = TextTranscript(format: format, heatmapColor: colorDepth, paint: colors ? Self.ansi : Self.plain)
        // A number is about a sign, a digit, the point and `precision` digits (or an exponent), plus
        // two spaces between columns; four columns of margin for brackets and indent.
        let cell = format.precision + (format.style == .fixed ? 3 : 7) + 2
        renderer.formatter.maxColumns = max(2, (width - 4) / cell - 1)
        return renderer
    }

    /// `text` marked for its role: in colour on a colour terminal.
    func paint(_ text: String, _ role: TextRole) -> String { colors ? Self.ansi(text, role) : text }

    func warn(_ text: String) { printError(paint(text, .caution)) }

    private static let plain: @Sendable (String, TextRole) -> String = { text, _ in text }

    private static let ansi: @Sendable (String, TextRole) -> String = { text, role in
        let code: String
        switch role {
        case .statement: code = "1"
        case .good: code = "32"
        case .bad, .error: code = "31"
        case .caution: code = "33"
        case .dim: code = "2"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// Starts a new step: in presentation mode the screen is cleared first.
    func beginStep() {
        if present { print("\u{1B}[H\u{1B}[2J", terminator: "") }
    }
}
