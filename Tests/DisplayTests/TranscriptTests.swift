import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Autograd
@testable import Display

@Suite struct TranscriptTests {
    // A small transcript built by hand: prose, a statement with a matrix value, a causal mask
    // as a heatmap, an agreeing doc line, an erratum and a failed expect.
    func transcript() throws -> Transcript {
        let w = try Tensor(shape: [2, 3], data: [0.2, 0.4, 0.6, 0.5, 0.1, 0.3], label: "W")
        let mask = try Tensor(shape: [3, 3], data: [0, -.infinity, -.infinity, 0, 0, -.infinity, 0, 0, 0], label: "M")
        let weights = try Tensor(shape: [3, 3], data: [1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5], label: "A")
        return Transcript(title: "Masks <and> weights", blocks: [
            .prose("## Setup\n\n> Source: 002.txt, 示例\n\nThe **causal** mask hides `j > i`.\n\n- one\n- two"),
            .statement("W = [[0.2, 0.4, 0.6],\n     [0.5, 0.1, 0.3]]"),
            .value(name: "W", value: w),
            .statement("heatmap(M)"),
            .heatmap(name: "M", value: mask),
            .statement("heatmap(A)"),
            .heatmap(name: "A", value: weights),
            .verdict(TranscriptVerdict(kind: .agrees, headline: "doc W: agrees with the document", referenceName: "document")),
            .verdict(TranscriptVerdict(kind: .erratum, headline: "doc z1: the document's value differs", referenceName: "document",
                                       differences: [.init(index: [0], reference: 0.95, computed: 0.68)])),
            .verdict(TranscriptVerdict(kind: .failed, headline: "expect z1 ≈ [1, 2]: 1 entry differs", referenceName: "expected",
                                       differences: [.init(index: [1], reference: 2, computed: 0.84)])),
            .error("lesson.md:3:5: error: unknown name x\nx + 1\n^"),
        ], summary: "0 expects passed, 1 failed; 1 errata in 2 doc lines; 1 error")
    }

    @Test func markdownHasSectionsTablesAndVerdicts() throws {
        let md = MarkdownTranscript(format: NumberFormat(precision: 2)).render(try transcript())
        #expect(md.hasPrefix("# Masks <and> weights\n\n## Setup"))
        #expect(md.contains("```stepgrad\nW = [[0.2, 0.4, 0.6],\n     [0.5, 0.1, 0.3]]\n```"))
        // W as a table: header of column indices, one row per matrix row
        #expect(md.contains("`W` (2, 3)\n\n| | 0 | 1 | 2 |\n|---|---:|---:|---:|\n| **0** | 0.20 | 0.40 | 0.60 |\n| **1** | 0.50 | 0.10 | 0.30 |"))
        // the mask as a heatmap table: finite range is [0, 0] → middle shade ▒, masked cells −∞
        #expect(md.contains("| **0** | ▒ 0.00 | -∞ | -∞ |"))
        #expect(md.contains("; −∞ = masked"))
        // weights: 1 → █, 0 → lowest shade shown as ·, 0.5 → ▒ (⌊2.5⌋ = 2)
        #expect(md.contains("| **1** | ▒ 0.50 | ▒ 0.50 | · 0.00 |"))
        #expect(md.contains("> ✗ **erratum** — doc z1: the document's value differs\n>\n> | entry | document | computed | difference |"))
        #expect(md.contains("> | [0] | 0.95 | 0.68 | -0.27 |"))   // 0.68 − 0.95 = −0.27
        #expect(md.contains("> ✓ **agrees** — doc W"))
        #expect(md.hasSuffix("**Summary:** 0 expects passed, 1 failed; 1 errata in 2 doc lines; 1 error\n"))
    }

    @Test func htmlIsOneSelfContainedPage() throws {
        let html = HTMLTranscript(format: NumberFormat(precision: 2)).render(try transcript())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<style>") && !html.contains("<script") && !html.contains("<link"))
        #expect(html.contains("<title>Masks &lt;and&gt; weights — stepgrad</title>"))
        // prose: heading, quote, bold, inline code, list
        #expect(html.contains("<h2>Setup</h2>"))
        #expect(html.contains("<blockquote>Source: 002.txt, 示例</blockquote>"))
        #expect(html.contains("The <strong>causal</strong> mask hides <code>j &gt; i</code>."))
        #expect(html.contains("<ul><li>one</li><li>two</li></ul>"))
        // the matrix as a table
        #expect(html.contains("<table class=\"matrix\"><thead><tr><th></th><th>0</th><th>1</th><th>2</th></tr></thead>"))
        #expect(html.contains("<tr><th>1</th><td>0.50</td><td>0.10</td><td>0.30</td></tr>"))
        // two heatmaps as inline SVG with distinct ids; 9 squares each; masked squares hatched
        #expect(html.components(separatedBy: "<svg class=\"heatmap\"").count - 1 == 2)
        #expect(html.contains("id=\"heatmap1-hatch\"") && html.contains("id=\"heatmap2-hatch\""))
        #expect(html.components(separatedBy: "fill=\"url(#heatmap1-hatch)\"").count - 1 == 3)
        #expect(html.contains(">−∞</text>"))
        // verdicts highlighted, counted at the top
        #expect(html.contains("<div class=\"verdict erratum\"><span class=\"word\">erratum</span>"))
        #expect(html.contains("<div class=\"verdict failed\"><span class=\"word\">FAILED</span>"))
        #expect(html.contains("<tr><td>[1]</td><td>2</td><td>0.84</td><td>-1.16</td></tr>"))   // 0.84 − 2 = −1.16
        #expect(html.contains("<span class=\"badge erratum\">1 erratum</span>"))
        #expect(html.contains("<pre class=\"error\">lesson.md:3:5: error: unknown name x"))
        // balanced structure: every cell closed
        #expect(html.components(separatedBy: "<section class=\"cell\">").count == html.components(separatedBy: "</section>").count)
    }

    /// A vector is one row: its table has no row-label column (an empty first cell in every row).
    @Test func aVectorsTableHasNoRowLabels() throws {
        let v = try Tensor(shape: [3], data: [1.5, -2, 0.25])
        let page = Transcript(title: "v", blocks: [.value(name: "v", value: v)])
        let md = MarkdownTranscript(format: NumberFormat(precision: 2)).render(page)
        #expect(md.contains("| 0 | 1 | 2 |\n|---:|---:|---:|\n| 1.50 | -2.00 | 0.25 |"))
        let html = HTMLTranscript(format: NumberFormat(precision: 2)).render(page)
        #expect(html.contains("<thead><tr><th>0</th><th>1</th><th>2</th></tr></thead><tbody>\n<tr><td>1.50</td><td>-2.00</td><td>0.25</td></tr>"))
    }

    @Test func svgHeatmapIsWellFormedXML() throws {
        let weights = try Tensor(shape: [2, 2], data: [0, -.infinity, .nan, 1], label: "A")
        let svg = try HeatmapSVG.render(weights, name: "A", id: "h")
        let first = try #require(svg.range(of: "<svg class=\"heatmap\"")?.lowerBound)
        let end = try #require(svg.range(of: "</svg>")?.upperBound)
        let document = try XMLDocument(xmlString: String(svg[first..<end]))
        #expect(document.rootElement()?.name == "svg")
        #expect(try document.nodes(forXPath: "//*[local-name()='rect']").count == 5) // 4 squares + the hatch pattern's
        #expect(svg.contains(">✕</text>"))
    }
}

@Suite struct MarkdownHTMLTests {
    @Test func inlineMarkup() {
        #expect(MarkdownHTML.inline("a `x < y` and **b** and *c* [d](http://e)") ==
                "a <code>x &lt; y</code> and <strong>b</strong> and <em>c</em> <a href=\"http://e\">d</a>")
        #expect(MarkdownHTML.inline("2 * 3 * 4 and a1_doc") == "2 * 3 * 4 and a1_doc")   // no stray italics
        #expect(MarkdownHTML.inline("an open ` tick") == "an open ` tick")
    }

    @Test func blocks() {
        let html = MarkdownHTML.render("# T\n\n    code <here>\n    more\n\n  z = W a\n  a = relu(z)\n\n1. one\n2. two\n   continued")
        #expect(html == """
            <h1>T</h1>
            <pre><code>code &lt;here&gt;
            more</code></pre>
            <p class="formula">z = W a<br>a = relu(z)</p>
            <ol><li>one</li><li>two continued</li></ol>
            """)
    }
}
