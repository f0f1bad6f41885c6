import HTMLText
import Autograd

/// A transcript as one self-contained HTML page (inline CSS, no scripts, no external files):
/// prose, each statement with its values as tables, heatmaps as inline SVG, and `doc` /
/// `expect` verdicts highlighted — errata and failures stand out, a count sits at the top.
public struct HTMLTranscript {
    public var format: NumberFormat

    public init(format: NumberFormat = NumberFormat()) {
        self.format = format
    }

    public func render(_ transcript: Transcript) -> String {
        let body = fragment(transcript.blocks)
        let title = HTMLText.escape(transcript.title)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) — stepgrad</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <main>
            <header>
            <h1>\(title)</h1>
            \(counts(transcript))
            </header>
            \(body)
            \(transcript.summary.map { "<footer class=\"summary\">\(HTMLText.escape($0))</footer>" } ?? "")
            </main>
            </body>
            </html>

            """
    }

    /// Blocks as the HTML inside a page's `<main>` (the live view shows a step this way); every
    /// text escaped. `idPrefix` keeps SVG ids unique on a page that holds several fragments.
    public func fragment(_ blocks: [TranscriptBlock], idPrefix: String = "heatmap") -> String {
        var body: [String] = []
        // A statement opens a cell that holds what it gave; the next prose or statement closes it.
        var inCell = false
        func closeCell() {
            if inCell { body.append("</section>") }
            inCell = false
        }
        var heatmaps = 0
        for block in blocks {
            switch block {
            case let .prose(text):
                closeCell()
                body.append("<div class=\"prose\">\n\(MarkdownHTML.render(text))\n</div>")
            case let .statement(text):
                closeCell()
                body.append("<section class=\"cell\">")
                inCell = true
                body.append("<pre class=\"statement\"><code>\(HTMLText.escape(text))</code></pre>")
            case let .value(name, value):
                body.append(valueFigure(name: name, value))
            case let .heatmap(name, value):
                heatmaps += 1
                body.append(heatmapFigure(name: name, value, id: "\(idPrefix)\(heatmaps)"))
            case let .verdict(verdict):
                body.append(render(verdict))
            case let .note(text):
                body.append("<p class=\"note\">\(HTMLText.escape(text))</p>")
            case let .error(text):
                body.append("<pre class=\"error\">\(HTMLText.escape(text))</pre>")
            case let .figure(text):
                body.append("<pre class=\"figure\">\(HTMLText.escape(text))</pre>")
            case let .network(name, diagram):
                body.append("<figure class=\"network\"><figcaption>network of <code>\(HTMLText.escape(name))</code></figcaption>\n\(NetworkDiagramSVG.render(diagram))\n</figure>")
            }
        }
        closeCell()
        return body.joined(separator: "\n")
    }

    /// Badges for the verdicts: how many docs agree, how many errata, expects passed/failed.
    private func counts(_ transcript: Transcript) -> String {
        let counts = transcript.verdictCounts
        let badges: [(kind: TranscriptVerdict.Kind, one: String, many: String)] = [
            (.agrees, "doc line agrees", "doc lines agree"), (.erratum, "erratum", "errata"),
            (.passed, "expect passed", "expects passed"), (.failed, "expect failed", "expects failed"),
        ]
        let shown = badges.compactMap { badge in
            counts[badge.kind].map { "<span class=\"badge \(badge.kind.rawValue)\">\($0) \($0 == 1 ? badge.one : badge.many)</span>" }
        }
        return shown.isEmpty ? "" : "<p class=\"badges\">" + shown.joined(separator: " ") + "</p>"
    }

    private func valueFigure(name: String, _ value: Tensor) -> String {
        if let shape = MatrixFormatter.shapeText(of: value, named: name) {
            return "<figure class=\"value scalar\"><figcaption><code>\(HTMLText.escape(name))</code></figcaption> <span class=\"number\">= \(shape)</span></figure>"
        }
        let caption = "<figcaption><code>\(HTMLText.escape(name))</code> <span class=\"shape\">\(Shape.describe(value.shape))</span></figcaption>"
        let format = self.format.fitting(value.data)
        if value.rank == 0 {
            return "<figure class=\"value scalar\">\(caption) <span class=\"number\">\(HTMLText.escape(format.format(value.data[0])))</span></figure>"
        }
        let tables: [MatrixTable]
        do { tables = try MatrixTable.tables(of: value, name: name) } catch {
            return "<figure class=\"value\">\(caption)<p class=\"note\">\(HTMLText.escape(error.description))</p></figure>"
        }
        var html = ["<figure class=\"value\">", caption]
        for table in tables {
            if let slice = table.caption { html.append("<div class=\"slice\">\(HTMLText.escape(slice))</div>") }
            let labelCell = { (label: String) in table.labelsRows ? "<th>\(label)</th>" : "" }
            html.append("<table class=\"matrix\"><thead><tr>" + labelCell("") + table.columnLabels.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>")
            for row in table.rows {
                html.append("<tr>" + labelCell(row.label) + row.cells.map { cell($0, format) }.joined() + "</tr>")
            }
            html.append("</tbody></table>")
            if let note = table.cutNote { html.append("<p class=\"note\">\(note)</p>") }
        }
        html.append("</figure>")
        return html.joined(separator: "\n")
    }

    private func cell(_ v: Double?, _ format: NumberFormat) -> String {
        guard let v else { return "<td class=\"gap\">…</td>" }
        if v.isNaN { return "<td class=\"special\">nan</td>" }
        if v.isInfinite { return "<td class=\"special\">\(v < 0 ? "−∞" : "+∞")</td>" }
        return "<td>\(HTMLText.escape(format.format(v)))</td>"
    }

    private func heatmapFigure(name: String, _ value: Tensor, id: String) -> String {
        let caption = "<figcaption>heatmap of <code>\(HTMLText.escape(name))</code> <span class=\"shape\">\(Shape.describe(value.shape))</span></figcaption>"
        do {
            var cellFormat = format
            cellFormat.precision = min(format.precision, 2)
            return "<figure class=\"heatmap\">\(caption)\n\(try HeatmapSVG.render(value, name: name, id: id, format: cellFormat))\n</figure>"
        } catch {
            return "<figure class=\"heatmap\">\(caption)<p class=\"note\">\(HTMLText.escape(error.description))</p></figure>"
        }
    }

    private func render(_ verdict: TranscriptVerdict) -> String {
        let bare = verdict.headline.isEmpty && verdict.differences.isEmpty ? " bare" : ""
        var html = ["<div class=\"verdict \(verdict.kind.rawValue)\(bare)\"><span class=\"word\">\(verdict.word)</span> \(HTMLText.escape(verdict.headline))"]
        if !verdict.differences.isEmpty {
            html.append("<table class=\"differences\"><thead><tr><th>entry</th><th>\(HTMLText.escape(verdict.referenceName))</th><th>computed</th><th>difference</th></tr></thead><tbody>")
            for row in verdict.differenceRows(format) {
                html.append("<tr>" + row.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>")
            }
            html.append("</tbody></table>")
            if let more = verdict.moreDifferences { html.append("<p class=\"note\">\(more)</p>") }
        }
        html.append("</div>")
        return html.joined(separator: "\n")
    }

    static let css = """
        :root { --ink: #1d2330; --muted: #5b6475; --line: #d9dee7; --code: #f5f7fa; }
        body { margin: 0; background: #fbfbfd; color: var(--ink); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; }
        main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.5rem 4rem; }
        h1 { font-size: 1.7rem; line-height: 1.25; margin: 0.5rem 0; }
        h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
        h3 { font-size: 1.1rem; }
        code, pre { font-family: ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono", Menlo, monospace; font-size: 0.9em; }
        p code, li code, blockquote code { background: var(--code); padding: 0 0.15em; border-radius: 3px; }
        blockquote { margin: 0.8rem 0; padding: 0.4rem 0.9rem; border-left: 4px solid #9db4d8; background: #f1f5fb; color: #304060; }
        .formula { font-family: "DejaVu Serif", "Noto Serif", Georgia, serif; font-size: 1.05em; padding-left: 1.5rem; }
        .badges { margin: 0.3rem 0 1rem; }
        .badge { display: inline-block; padding: 0.1rem 0.6rem; margin-right: 0.3rem; border-radius: 999px; font-size: 0.85rem; font-weight: 600; }
        .badge.agrees, .badge.passed { background: #e3f4e8; color: #1e6b35; }
        .badge.erratum { background: #fff0d6; color: #8a5200; }
        .badge.failed { background: #fde2e1; color: #a31c17; }
        .cell { margin: 0.8rem 0 1.2rem; padding: 0.6rem 0.8rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
        pre.statement { margin: 0 0 0.4rem; padding: 0.45rem 0.7rem; background: var(--code); border-left: 3px solid #6b8cc7; overflow-x: auto; }
        figure { margin: 0.5rem 0; overflow-x: auto; }
        figcaption { font-size: 0.9rem; color: var(--muted); margin-bottom: 0.2rem; }
        figcaption code { color: var(--ink); font-weight: 600; }
        .scalar .number { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-weight: 600; }
        table.matrix, table.differences { border-collapse: collapse; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.88rem; }
        table.matrix td, table.differences td { padding: 0.12rem 0.45rem; min-width: 3.2em; text-align: right; border: 1px solid var(--line); }
        table.matrix th, table.differences th { padding: 0.12rem 0.5rem; color: var(--muted); font-weight: normal; font-size: 0.8rem; }
        table.matrix td.special { color: #777; background: repeating-linear-gradient(45deg, #f4f4f4, #f4f4f4 4px, #e6e6e6 4px, #e6e6e6 6px); }
        table.matrix td.gap { color: var(--muted); text-align: center; }
        .slice { font-family: ui-monospace, monospace; font-size: 0.85rem; color: var(--muted); margin-top: 0.4rem; }
        svg.heatmap { display: block; margin: 0.2rem 0; }
        svg.heatmap text { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        svg.heatmap text.index { font-size: 11px; fill: #6b7280; }
        svg.heatmap text.value { font-size: 11px; }
        svg.heatmap text.mark { font-size: 12px; fill: #444; font-weight: 600; }
        .legend { font-size: 0.82rem; color: var(--muted); display: flex; align-items: center; gap: 0.4rem; flex-wrap: wrap; }
        .verdict { margin: 0.4rem 0; padding: 0.35rem 0.7rem; border-radius: 4px; border-left: 4px solid; }
        .verdict.bare { display: inline-block; padding: 0.05rem 0.6rem; margin: 0; }
        .verdict .word { font-weight: 700; text-transform: uppercase; font-size: 0.78rem; letter-spacing: 0.04em; margin-right: 0.4rem; }
        .verdict.agrees, .verdict.passed { background: #eef8f1; border-color: #3c9a5f; }
        .verdict.agrees .word, .verdict.passed .word { color: #1e6b35; }
        .verdict.erratum { background: #fff6e5; border-color: #e39a1c; }
        .verdict.erratum .word { color: #8a5200; }
        .verdict.failed { background: #fdecec; border-color: #d0342c; }
        .verdict.failed .word { color: #a31c17; }
        .verdict table { margin: 0.35rem 0 0.2rem; background: #fff; }
        .note { color: var(--muted); font-size: 0.88rem; margin: 0.3rem 0; }
        pre.figure { background: var(--code); padding: 0.5rem 0.7rem; border-radius: 4px; overflow-x: auto; }
        pre.error { background: #fdecec; color: #8b1a14; padding: 0.5rem 0.7rem; border-radius: 4px; overflow-x: auto; }
        footer.summary { margin-top: 2rem; padding-top: 0.6rem; border-top: 1px solid var(--line); color: var(--muted); }
        """
}
