import Testing
import Autograd
import StepLang
@testable import Display

/// Transcripts of a real lesson run through the interpreter: the adapter from events to blocks,
/// and each format's picture of a `heatmap(x)` statement.
@Suite struct LessonTranscriptTests {
    static let lessonText = """
        # Masked weights

        > Source: 002.txt, 示例

        A causal mask, 2×2.

        ```stepgrad
        M = [[0, -inf], [0, 0]]
        heatmap(M)
        doc M = [[0, 0], [0, 0]]
        expect M[1, 0] == 0
        ```
        """

    func run() -> LessonRun {
        LessonRunner.run(LessonLoader.parse(text: Self.lessonText, file: "masks.md"))
    }

    @Test func eventsBecomeBlocksInOrder() {
        let transcript = Transcript(run: run())
        #expect(transcript.title == "Masked weights")
        let kinds = transcript.blocks.map { block -> String in
            switch block {
            case .prose: return "prose"
            case .statement: return "statement"
            case .value: return "value"
            case .heatmap: return "heatmap"
            case let .verdict(v): return v.word
            case .note: return "note"
            case .error: return "error"
            }
        }
        #expect(kinds == ["prose", "statement", "value", "statement", "heatmap", "statement", "erratum", "statement", "passed"])
        // the document prints 0 where the mask holds -inf: entry [0, 1]
        guard case let .verdict(erratum) = transcript.blocks[6] else { Issue.record("no verdict"); return }
        #expect(erratum.differences.map(\.index) == [[0, 1]])
        #expect(erratum.differences.first?.reference == 0 && erratum.differences.first?.computed == -.infinity)
        #expect(transcript.summary?.contains("1 errata") == true)
    }

    @Test func heatmapStatementInEachFormat() {
        let run = run()
        // Text: the terminal heatmap with the shade ramp (only finite value 0, a constant: middle shade ▒).
        let text = TextTranscript().render(run)
        #expect(text.contains("heatmap of M (2, 2)\n   0 1\n0 ▒▒-∞\n1 ▒▒▒▒\n"))
        #expect(text.contains("marks: -∞ = -inf (masked)"))
        // Markdown: a table with a shade before each value and the mark for -inf.
        let md = TranscriptExporter().render(Transcript(run: run), as: .md)
        #expect(md.contains("Heatmap of `M` (2, 2)\n\n| | 0 | 1 |\n|---|---:|---:|\n| **0** | ▒ 0.0000 | -∞ |\n| **1** | ▒ 0.0000 | ▒ 0.0000 |"))
        // HTML: inline SVG, the masked square hatched, the erratum highlighted.
        let html = TranscriptExporter().render(Transcript(run: run), as: .html)
        #expect(html.components(separatedBy: "<svg class=\"heatmap\"").count - 1 == 1)
        #expect(html.components(separatedBy: "fill=\"url(#heatmap1-hatch)\"").count - 1 == 1)
        #expect(html.contains("<div class=\"verdict erratum\">"))
        #expect(html.contains("<blockquote>Source: 002.txt, 示例</blockquote>"))
    }
}
