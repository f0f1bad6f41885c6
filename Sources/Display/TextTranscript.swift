import Foundation
import Autograd
import StepLang

/// How the text renderer marks what a reader scans for; a colour terminal paints, everything
/// else (pipes, files, `NO_COLOR`) leaves the text as it is.
public enum TextRole: Sendable {
    case statement, good, bad, caution, dim, error
}

/// A transcript as plain text — what `stepgrad run` prints and what the REPL shows step by step:
/// prose, each statement (`>>>`), the values it made (name, shape, aligned matrix), `doc` and
/// `expect` verdicts, notes, errors and figures (traces, checks, backward nodes).
public struct TextTranscript {
    public var formatter: MatrixFormatter
    /// How `heatmap(x)` pictures are drawn: colour only when the output is a colour terminal.
    public var heatmapColor: TerminalCapabilities.ColorDepth
    /// The colour hook (identity by default).
    public var paint: @Sendable (String, TextRole) -> String
    /// The space a heatmap or a network diagram may fill (a terminal's window); nil: their
    /// smallest size, 100 columns for a diagram.
    public var window: HeatmapTextLayout.Window?

    public init(format: NumberFormat = NumberFormat(), heatmapColor: TerminalCapabilities.ColorDepth = .none,
                paint: @escaping @Sendable (String, TextRole) -> String = { text, _ in text }) {
        self.formatter = MatrixFormatter(format: format)
        self.heatmapColor = heatmapColor
        self.paint = paint
    }

    /// The whole transcript: title, blocks, summary line.
    public func render(_ transcript: Transcript) -> String {
        var parts = ["# \(transcript.title)"] + paragraphs(transcript.blocks)
        if let summary = transcript.summary { parts.append(summary) }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// Some blocks (the REPL's latest step), without title or summary.
    public func render(blocks: [TranscriptBlock]) -> String {
        paragraphs(blocks).joined(separator: "\n\n")
    }

    /// Prose, statements and figures each start a paragraph; what a statement gave goes on the
    /// lines right under it, with no blank line between.
    private func paragraphs(_ blocks: [TranscriptBlock]) -> [String] {
        var parts: [String] = []
        for block in blocks {
            let text = render(block)
            switch block {
            case .prose, .statement, .figure, .network: parts.append(text)
            case .value, .heatmap, .verdict, .note, .error:
                if parts.isEmpty { parts.append(text) } else { parts[parts.count - 1] += "\n" + text }
            }
        }
        return parts
    }

    public func render(_ block: TranscriptBlock) -> String {
        switch block {
        case let .prose(text): return text
        case let .statement(text): return paint(statement(text), .statement)
        case let .value(name, value): return formatter.block(name: name, value)
        case let .heatmap(name, value):
            do {
                var options = HeatmapOptions(color: heatmapColor, format: formatter.format)
                options.window = window
                return try Heatmap.render(value, name: name, options: options)
            } catch {
                // Too large to draw: say why, and show the numbers instead.
                return "(\(error.description))\n" + formatter.block(name: name, value)
            }
        case let .verdict(verdict): return render(verdict)
        case let .note(text): return paint(text, .dim)
        case let .error(text): return paint(text, .error)
        case let .figure(text): return text
        case let .network(name, diagram):
            do {
                return "network of \(name)\n" + (try NetworkDiagramText.render(diagram, width: window?.columns ?? 100))
            } catch {
                return "network of \(name): \(error.description)"
            }
        }
    }

    /// `>>> z1 = W1 @ a0 + b1`, continuation lines with `...`; comment lines above the statement
    /// (its hand arithmetic) stand as they are.
    public func statement(_ text: String) -> String {
        // Most statements are one line without a comment.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "#") }) { return ">>> " + text }
        var started = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if !started && line.drop(while: \.isWhitespace).hasPrefix("#") { return String(line) }
            defer { started = true }
            return (started ? "... " : ">>> ") + line
        }.joined(separator: "\n")
    }

    /// `✓ passed`, `✗ erratum — doc z1: …` and the differing entries, one per line.
    private func render(_ verdict: TranscriptVerdict) -> String {
        let role: TextRole = verdict.isGood ? .good : verdict.kind == .erratum ? .caution : .bad
        var lines = [paint((verdict.isGood ? "✓ " : "✗ ") + verdict.word + (verdict.headline.isEmpty ? "" : " — \(verdict.headline)"), role)]
        lines += verdict.differences.prefix(TranscriptVerdict.shownDifferences).map { d in
            let index = d.index.isEmpty ? "" : "[" + d.index.map(String.init).joined(separator: ", ") + "] "
            return "  \(index)\(verdict.referenceName) \(Self.shortest(d.reference)), computed \(Self.shortest(d.computed))"
        }
        if let more = verdict.moreDifferences { lines.append("  " + more) }
        return lines.joined(separator: "\n")
    }

    /// For `stepgrad test`: `file:line:col: erratum: doc z1 = [...]` and the differing entries.
    public func listing(erratum verdict: DocVerdict) -> String {
        var lines = ["\(verdict.location): erratum: \(verdict.text)"]
        if let problem = verdict.shapeProblem { lines.append("  \(problem)") }
        lines += differenceLines(verdict.differences, actual: "computed", expected: "document")
        return lines.joined(separator: "\n")
    }

    /// For `stepgrad test`: `file:line:col: failed: expect ...`, why, and the differing entries.
    public func listing(failure result: ExpectResult) -> String {
        var lines = ["\(result.location): failed: \(result.text)", "  \(result.message)"]
        lines += differenceLines(result.differences, actual: "got", expected: "expected")
        return lines.joined(separator: "\n")
    }

    /// One line per differing entry, as many as the notebooks list, then how many more.
    private func differenceLines(_ differences: [EntryDifference], actual: String, expected: String) -> [String] {
        var lines = differences.prefix(TranscriptVerdict.shownDifferences).map { d in
            let index = d.index.isEmpty ? "" : "[" + d.index.map(String.init).joined(separator: ", ") + "] "
            return "  \(index)\(expected) \(Self.shortest(d.expected)), \(actual) \(Self.shortest(d.actual))"
        }
        if let more = TranscriptVerdict.moreDifferences(count: differences.count) { lines.append("  " + more) }
        return lines
    }

    /// A number to 10 significant digits without trailing zeros (0.95, 0.6800000000000001 → 0.68),
    /// spelled as the language spells infinities and NaN.
    static func shortest(_ x: Double) -> String {
        x.isNaN ? "nan" : x.isInfinite ? (x < 0 ? "-inf" : "inf") : String(format: "%.10g", x)
    }
}
