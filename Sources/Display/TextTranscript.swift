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
        var syntaxErrors = run.lesson.errors[...]
        for outcome in run.outcomes {
            while let error = syntaxErrors.first, error.location.line < outcome.step.location.line {
                parts.append(render(error: error))
                syntaxErrors = syntaxErrors.dropFirst()
            }
            if !outcome.step.prose.isEmpty { parts.append(outcome.step.prose) }
            var block = [statement(outcome.step.text)]
            if let skipped = outcome.skipped { block.append(skipped) }
            if let error = outcome.error { block.append(render(error: error)) }
            block += outcome.events.map(render(event:))
            parts.append(block.joined(separator: "\n"))
        }
        parts += syntaxErrors.map(render(error:))
        if !run.lesson.closingProse.isEmpty { parts.append(run.lesson.closingProse) }
        parts.append(summary(run))
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
            return "backward \(root): gradients computed through \(steps.count) nodes"
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
        if verdict.agrees { return "doc \(verdict.target): agrees with the document" }
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

    /// One line per differing entry, at most 20.
    private func differenceLines(_ differences: [EntryDifference], actual: String, expected: String) -> [String] {
        var lines = differences.prefix(20).map { d in
            let index = d.index.isEmpty ? "" : "[" + d.index.map(String.init).joined(separator: ", ") + "] "
            return "  \(index)\(expected) \(shortest(d.expected)), \(actual) \(shortest(d.actual))"
        }
        if differences.count > 20 { lines.append("  … and \(differences.count - 20) more") }
        return lines
    }

    /// A number to 10 significant digits without trailing zeros (0.95, 0.6800000000000001 → 0.68),
    /// spelled as the language spells infinities and NaN.
    private func shortest(_ x: Double) -> String {
        x.isNaN ? "nan" : x.isInfinite ? (x < 0 ? "-inf" : "inf") : String(format: "%.10g", x)
    }

    /// The closing line: expects, errata, errors.
    public func summary(_ run: LessonRun) -> String {
        let errors = run.errors.count
        return "\(run.passedCount) expects passed, \(run.failedCount) failed; \(run.errata.count) errata in \(run.docVerdicts.count) doc lines; \(errors) error\(errors == 1 ? "" : "s")"
    }
}
