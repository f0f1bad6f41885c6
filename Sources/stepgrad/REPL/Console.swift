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

    /// A reply as it appears: one text, or in presentation mode the screens of a step — each under
    /// the sticky `heading`, the prose paged to fit, never cut, the statement and its result last.
    func screens(_ reply: Notebook.Reply, format: NumberFormat, heading: String) -> [String] {
        let renderer = renderer(format)
        guard present, reply.kind == .step else { return [renderer.render(blocks: reply.blocks)] }
        let proseCount = reply.blocks.prefix { if case .prose = $0 { true } else { false } }.count
        let prose = renderer.render(blocks: Array(reply.blocks.prefix(proseCount)))
        let body = renderer.render(blocks: Array(reply.blocks.dropFirst(proseCount)))
        let top = paint(fit(heading, width), .dim) + "\n"
        // Rows under the heading, leaving one for the prompt (or the "more" line).
        let room = max(3, height - 2)
        if prose.isEmpty || rows(prose) + rows(body) + 1 <= room {
            return [top + [prose, body].filter { !$0.isEmpty }.joined(separator: "\n\n")]
        }
        var pages: [String] = []
        var page: [String] = []
        for line in prose.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if rows(page.joined(separator: "\n")) + rows(line) > room, !page.isEmpty {
                pages.append(page.joined(separator: "\n"))
                page = []
            }
            page.append(line)
        }
        // The statement and its result share the last page of prose when they fit there.
        if !page.isEmpty {
            let last = page.joined(separator: "\n")
            if rows(last) + rows(body) + 1 <= room { return (pages + [last + "\n\n" + body]).map { top + $0 } }
            pages.append(last)
        }
        return (pages + [body]).map { top + $0 }
    }

    /// How many terminal rows `text` takes, long lines wrapping.
    private func rows(_ text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + max(1, ($1.count + width - 1) / width) }
    }

    /// `text` cut to `columns` characters, with `…` when cut.
    private func fit(_ text: String, _ columns: Int) -> String {
        text.count <= columns ? text : String(text.prefix(max(0, columns - 1))) + "…"
    }

    /// Shows one screen: in presentation mode a step's screen starts on a clear screen.
    func show(screen: String, of reply: Notebook.Reply) {
        if reply.kind == .step { beginStep() }
        say(screen)
    }

    /// The text renderer for this terminal: matrices as wide as it is (more columns than fit are
    /// elided in the middle), colour when it has colour.
    func renderer(_ format: NumberFormat) -> TextTranscript {
        var renderer = TextTranscript(format: format, heatmapColor: colorDepth, paint: colors ? Self.ansi : Self.plain)
        // A number is about a sign, a digit, the point and `precision` digits (or an exponent), plus
        // two spaces between columns; four columns of margin for brackets and indent.
        let cell = format.precision + (format.style == .fixed ? 3 : 7) + 2
        renderer.formatter.maxColumns = max(2, (width - 4) / cell - 1)
        // Heatmaps and network drawings grow to the window, leaving lines for the sticky heading,
        // the statement, a note above it and the prompt.
        renderer.window = HeatmapTextLayout.Window(columns: width, lines: height - 5)
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
