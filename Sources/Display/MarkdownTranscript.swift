import Autograd

/// A transcript as Markdown: prose as written, statements as `stepgrad` code blocks, values
/// and heatmaps as tables (heatmap cells carry a shade character before the value), verdicts
/// as quoted lines with their differing entries in a table.
public struct MarkdownTranscript {
    public var format: NumberFormat

    public init(format: NumberFormat = NumberFormat()) {
        self.format = format
    }

    public func render(_ transcript: Transcript) -> String {
        var parts = ["# \(transcript.title)"]
        for block in transcript.blocks { parts.append(render(block)) }
        if let summary = transcript.summary { parts.append("---\n\n**Summary:** \(summary)") }
        return parts.joined(separator: "\n\n") + "\n"
    }

    func render(_ block: TranscriptBlock) -> String {
        switch block {
        case let .prose(text): return text
        case let .statement(text): return "```stepgrad\n\(text)\n```"
        case let .value(name, value): return valueTable(name: name, value, heat: nil)
        case let .heatmap(name, value): return "Heatmap of " + valueTable(name: name, value, heat: ColorScale(values: value.data))
        case let .verdict(verdict): return render(verdict)
        // A note is one line of emphasis; text in columns keeps its layout in a fence.
        case let .note(text): return text.contains("\n") ? "```text\n\(text)\n```" : "*\(text)*"
        case let .figure(text): return "```text\n\(text)\n```"
        case let .network(name, diagram):
            // A page with pictures is the HTML export; Markdown gets the terminal's drawing.
            do { return "Network of `\(name)`\n\n```text\n\(try NetworkDiagramText.render(diagram, width: 100))\n```" } catch {
                return "*network of \(name): \(error.description)*"
            }
        case let .error(text): return "```text\n\(text)\n```"
        }
    }

    private func valueTable(name: String, _ value: Tensor, heat: ColorScale?) -> String {
        if heat == nil, let shape = MatrixFormatter.shapeText(of: value, named: name) { return "`\(name)` = \(shape)" }
        let title = "`\(name)` \(Shape.describe(value.shape))"
        // A heatmap's cells share its legend's format; a value's whole numbers print as integers.
        let format = heat == nil ? self.format.fitting(value.data) : self.format
        if value.rank == 0 && heat == nil { return "\(title) = \(format.format(value.data[0]))" }
        let tables: [MatrixTable]
        do { tables = try MatrixTable.tables(of: value, name: name) } catch { return "\(title): \(error.description)" }
        var out = [title]
        for table in tables {
            var lines: [String] = []
            if let caption = table.caption { lines.append("`\(caption)`\n") }
            // A matrix's first column holds the row indices; a vector has none.
            lines.append((table.labelsRows ? "| | " : "| ") + table.columnLabels.joined(separator: " | ") + " |")
            lines.append((table.labelsRows ? "|---|" : "|") + String(repeating: "---:|", count: table.columnLabels.count))
            for row in table.rows {
                let label = table.labelsRows ? ["**\(row.label)**"] : []
                lines.append("| " + (label + row.cells.map { cell($0, heat: heat, format) }).joined(separator: " | ") + " |")
            }
            if let note = table.cutNote { lines.append("\n*\(note)*") }
            out.append(lines.joined(separator: "\n"))
        }
        if let heat { out.append(legend(heat, value.data)) }
        return out.joined(separator: "\n\n")
    }

    private func cell(_ v: Double?, heat: ColorScale?, _ format: NumberFormat) -> String {
        guard let v else { return "…" }
        if v.isNaN { return heat == nil ? "nan" : "\(Heatmap.nanMark) nan" }
        if v.isInfinite { return v < 0 ? Heatmap.minusInfinityMark : Heatmap.plusInfinityMark }
        guard let heat else { return format.format(v) }
        let shade = Heatmap.ramp[heat.level(v, levels: Heatmap.ramp.count)]
        return (shade == " " ? "·" : String(shade)) + " " + format.format(v)
    }

    private func legend(_ scale: ColorScale, _ values: [Double]) -> String {
        guard let low = scale.minimum, let high = scale.maximum else { return "*no finite values*" }
        let n = Heatmap.ramp.count
        let steps = (0..<n).map { i -> String in
            let mark = Heatmap.ramp[i] == " " ? "·" : String(Heatmap.ramp[i])
            return "\(mark) \(format.format(scale.value(at: Double(i) / Double(n))))…\(format.format(scale.value(at: Double(i + 1) / Double(n))))"
        }
        var text = "*Shades:* " + steps.joined(separator: ", ") + " — range min \(format.format(low)), max \(format.format(high))"
        if values.contains(-.infinity) { text += "; −∞ = masked" }
        return text
    }

    private func render(_ verdict: TranscriptVerdict) -> String {
        let mark = verdict.isGood ? "✓" : "✗"
        var lines = ["> \(mark) **\(verdict.word)**" + (verdict.headline.isEmpty ? "" : " — \(verdict.headline)")]
        if !verdict.differences.isEmpty {
            lines.append(">")
            lines.append("> | entry | \(verdict.referenceName) | computed | difference |")
            lines.append("> |---|---:|---:|---:|")
            lines += verdict.differenceRows(format).map { "> | " + $0.joined(separator: " | ") + " |" }
            if let more = verdict.moreDifferences { lines.append(">\n> \(more)") }
        }
        return lines.joined(separator: "\n")
    }
}
