import Foundation
import Autograd
import StepLang

/// A lesson run as plain text: the title, the prose, each statement (`>>>`), the values it
/// made (name, shape, aligned matrix), `doc` verdicts, `expect` results and errors.
public struct TextTranscript {
    public var formatter: MatrixFormatter
    /// How `heatmap(x)` pictures are drawn: colour only when the output is a colour terminal.
    public var heatmapColor: TerminalCapabilities.ColorDepth

    public init(format: NumberFormat = NumberFormat(), heatmapColor: TerminalCapabilities.ColorDepth = .none) {
        self.formatter = MatrixFormatter(format: format)
        self.heatmapColor = heatmapColor
    }

    public func render(_ run: LessonRun) -> String {
        var parts: [String] = ["# \(run.lesson.title)"]
        for item in run.items {
            switch item {
            case let .prose(text): parts.append(text)
            case let .syntaxError(error): parts.append(render(error: error))
            case let .statement(text): parts.append(statement(text))
            // What a statement gave goes on the lines right under it, with no blank line between.
            case let .skipped(reason): parts[parts.count - 1] += "\n" + reason
            case let .error(error): parts[parts.count - 1] += "\n" + render(error: error)
            case let .event(event): parts[parts.count - 1] += "\n" + render(event: event)
            }
        }
        parts.append(run.summary)
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// `>>> z1 = W1 @ a0 + b1`, continuation lines with `...`.
    public func statement(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset == 0 ? ">>> " : "... ") + $0.element }.joined(separator: "\n")
    }

    public func render(events: [Event]) -> String {
        events.map(render(event:)).joined(separator: "\n")
    }

    public func render(error: StepError) -> String { error.rendered }

    public func render(event: Event) -> String {
        switch event {
        case let .bound(name, value), let .updated(name, value):
            return formatter.block(name: name, value)
        case let .shown(text, value):
            return formatter.block(name: text, value)
        case let .heatmap(text, value):
            do {
                return try Heatmap.render(value, name: text, options: HeatmapOptions(color: heatmapColor, format: formatter.format))
            } catch {
                // Too large to draw: say why, and show the numbers instead.
                return "(\(error.description))\n" + formatter.block(name: text, value)
            }
        case let .backward(root, steps):
            return TranscriptWording.backward(root: root, nodes: steps.count)
        case let .expect(result):
            return render(expect: result)
        case let .doc(verdict):
            return render(doc: verdict)
        }
    }

    public func render(expect result: ExpectResult) -> String {
        guard !result.passed else { return "expect: ok" }
        var lines = ["expect FAILED at \(result.location): \(result.message)"]
        lines += differenceLines(result.differences, actual: "got", expected: "expected")
        return lines.joined(separator: "\n")
    }

    public func render(doc verdict: DocVerdict) -> String {
        if verdict.agrees { return TranscriptWording.agrees(verdict) }
        var lines = ["doc \(verdict.target): ERRATUM — the document's value differs from the computed one"]
        if let problem = verdict.shapeProblem {
            lines.append("  \(problem)")
            lines.append("  " + formatter.block(name: "computed \(verdict.target)", verdict.computed))
        }
        lines += differenceLines(verdict.differences, actual: "computed", expected: "document")
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
            return "  \(index)\(expected) \(shortest(d.expected)), \(actual) \(shortest(d.actual))"
        }
        if let more = TranscriptVerdict.moreDifferences(count: differences.count) { lines.append("  " + more) }
        return lines
    }

    /// A number to 10 significant digits without trailing zeros (0.95, 0.6800000000000001 → 0.68),
    /// spelled as the language spells infinities and NaN.
    private func shortest(_ x: Double) -> String {
        x.isNaN ? "nan" : x.isInfinite ? (x < 0 ? "-inf" : "inf") : String(format: "%.10g", x)
    }
}
