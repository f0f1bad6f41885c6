import HTMLText
import Autograd

/// A heatmap as inline SVG for the HTML transcript: one square per entry with its value as a
/// tooltip (and printed in the square when there is room), row and column indices, −∞ as a
/// hatched square marked "−∞", NaN as "✕", and a legend bar with the value range.
public enum HeatmapSVG {
    /// Larger matrices are refused (a page is no place for a 10,000-square picture).
    public static let maxSide = 128

    /// `id` keeps the element ids of several heatmaps on one page apart.
    public static func render(_ tensor: Tensor, name: String, id: String, format: NumberFormat = NumberFormat(precision: 2)) throws(DisplayError) -> String {
        let slices = try MatrixSlice.slices(of: tensor, name: name)
        let first = slices[0]
        guard first.rows <= maxSide, first.columns <= maxSide else {
            throw .tooLarge(what: "a heatmap of \(name) \(Shape.describe(tensor.shape))", reason: "at most \(maxSide) rows and columns")
        }
        let scale = ColorScale(values: tensor.data)
        var parts = slices.map { slice in
            (slice.caption.map { "<div class=\"slice\">\(HTMLText.escape($0))</div>\n" } ?? "") + grid(slice, scale: scale, id: id, format: format)
        }
        parts.append(legend(tensor.data, scale: scale, id: id, format: format))
        return parts.joined(separator: "\n")
    }

    private static func grid(_ slice: MatrixSlice, scale: ColorScale, id: String, format: NumberFormat) -> String {
        // Squares as large as fit about 560 × 900 pixels, between 10 and 44 pixels a side.
        let cell = max(10, min(44, 560 / slice.columns, 900 / slice.rows))
        let (left, top) = (slice.isVector ? 4 : 10 + 8 * String(slice.rows - 1).count, 22)
        let (width, height) = (left + cell * slice.columns + 2, top + cell * slice.rows + 2)
        let showValues = cell >= 40
        var svg = ["<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">",
                   "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                       + "<rect width=\"6\" height=\"6\" fill=\"#f6f6f6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#d2d2d2\" stroke-width=\"2\"/></pattern></defs>"]
        for column in 0..<slice.columns {
            svg.append("<text class=\"index\" x=\"\(left + cell * column + cell / 2)\" y=\"\(top - 7)\" text-anchor=\"middle\">\(column)</text>")
        }
        for row in 0..<slice.rows {
            let y = top + cell * row
            if !slice.isVector {
                svg.append("<text class=\"index\" x=\"\(left - 5)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\">\(row)</text>")
            }
            for column in 0..<slice.columns {
                let v = slice[row, column]
                let x = left + cell * column
                let index = slice.isVector ? "[\(column)]" : "[\(row), \(column)]"
                let tip = "<title>\(index) = \(format.format(v))</title>"
                let rect = "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\""
                if v.isFinite {
                    let color = scale.color(v)
                    svg.append("\(rect) fill=\"\(color.hex)\">\(tip)</rect>")
                    if showValues {
                        svg.append("<text class=\"value\" x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\" fill=\"\(ColorScale.ink(on: color).hex)\">\(HTMLText.escape(format.format(v)))</text>")
                    }
                } else {
                    let mark = v.isNaN ? "✕" : (v < 0 ? "−∞" : "+∞")
                    svg.append("\(rect) fill=\"url(#\(id)-hatch)\" stroke=\"#bbb\">\(tip)</rect>")
                    svg.append("<text class=\"mark\" x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\">\(mark)</text>")
                }
            }
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    private static func legend(_ values: [Double], scale: ColorScale, id: String, format: NumberFormat) -> String {
        var marks: [String] = []
        if values.contains(-.infinity) { marks.append("hatched −∞ = -inf (masked)") }
        if values.contains(.infinity) { marks.append("hatched +∞ = inf") }
        if values.contains(where: \.isNaN) { marks.append("✕ = nan") }
        let note = marks.isEmpty ? "" : " · " + marks.joined(separator: " · ")
        guard let low = scale.minimum, let high = scale.maximum else {
            return "<div class=\"legend\">no finite values\(HTMLText.escape(note))</div>"
        }
        let stops = (0...8).map { i -> String in
            let p = Double(i) / 8
            return "<stop offset=\"\(Int(p * 100))%\" stop-color=\"\(scale.color(scale.value(at: p)).hex)\"/>"
        }.joined()
        let bar = "<svg class=\"legend-bar\" xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"12\"><defs><linearGradient id=\"\(id)-scale\">\(stops)</linearGradient></defs>"
            + "<rect width=\"160\" height=\"12\" fill=\"url(#\(id)-scale)\"/></svg>"
        let centre = scale.isDiverging ? " (centred on 0)" : ""
        return "<div class=\"legend\">\(HTMLText.escape(format.format(scale.value(at: 0)))) \(bar) \(HTMLText.escape(format.format(scale.value(at: 1))))"
            + " · range: min \(HTMLText.escape(format.format(low))), max \(HTMLText.escape(format.format(high)))\(centre)\(HTMLText.escape(note))</div>"
    }
}
