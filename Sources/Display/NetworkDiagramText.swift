/// A network diagram for the terminal: columns of neurons `(value)` joined by dotted edges, the
/// traced entry's edge drawn in heavy dots and its numbers in ▶ ◀, each neuron's gradient (∂)
/// beside it after a backward pass; then each connection's weights and bias as a table (the
/// edges are too many to label in text).
public enum NetworkDiagramText {
    /// Narrower gaps leave no room to see where an edge goes.
    static let minimumGap = 6
    static let maximumGap = 22

    public static func render(_ diagram: NetworkDiagram, width: Int, format: NumberFormat = NumberFormat(precision: 2)) throws(DisplayError) -> String {
        let marked = marks(diagram.highlight)
        let columns = diagram.layers.enumerated().map { k, layer in column(layer, number: k, marked: marked.neuron, format: format) }
        let widths = columns.map { $0.map(\.count).max() ?? 0 }
        let needed = widths.reduce(0, +) + minimumGap * (columns.count - 1)
        guard needed <= width else {
            throw .tooLarge(what: "a text drawing of this network", reason: "it needs \(needed) columns and the terminal has \(width); widen the window, or see it as SVG in the HTML export or the browser view")
        }
        let gap = columns.count > 1 ? min(maximumGap, (width - widths.reduce(0, +)) / (columns.count - 1)) : 0
        let tallest = diagram.layers.map(\.size).max() ?? 0
        var canvas = Canvas(width: widths.reduce(0, +) + gap * (columns.count - 1), height: 2 * tallest + 1)

        // Each neuron's line, and where its edges leave (right of its column) and arrive (left).
        var anchors: [[(leave: Int, arrive: Int, y: Int)]] = []
        var left = 0
        for (k, lines) in columns.enumerated() {
            canvas.write(lines[0], x: left, y: 0)
            let top = 2 + (tallest - diagram.layers[k].size)
            anchors.append(lines.dropFirst().enumerated().map { neuron, label in
                let y = top + 2 * neuron
                canvas.write(label, x: left, y: y)
                return (left + widths[k] + 1, left - 2, y)
            })
            left += widths[k] + gap
        }
        for k in diagram.connections.indices {
            for (to, target) in anchors[k + 1].enumerated() {
                for (from, source) in anchors[k].enumerated() {
                    let heavy = marked.edge.map { $0 == (k, to, from) } ?? false
                    canvas.line(from: (source.leave, source.y), to: (target.arrive, target.y), mark: heavy ? "•" : "·", overwrite: heavy)
                }
            }
        }
        var out = canvas.lines
        for (k, connection) in diagram.connections.enumerated() {
            out.append("")
            out += table(connection, number: k, from: diagram.layers[k], to: diagram.layers[k + 1], marked: marked, format: format)
        }
        if let example = diagram.example { out.append("(example \(example) of the batch)") }
        return out.joined(separator: "\n")
    }

    /// The header, then one line per neuron: its value, and its gradient after a backward pass.
    private static func column(_ layer: NetworkDiagram.Layer, number: Int, marked: (layer: Int, index: Int)?, format: NumberFormat) -> [String] {
        let header = layer.activation.map { "\(layer.neurons.name) = \($0)(\(layer.preActivation?.name ?? "z"))" } ?? layer.neurons.name
        let labels = layer.neurons.values.enumerated().map { i, v in
            let value = "(\(format.compact(v)))"
            let gradient = layer.neurons.gradients.map { " ∂ " + format.compact($0[i]) } ?? ""
            return (marked.map { $0 == (number, i) } ?? false ? "▶" + value + "◀" : value) + gradient
        }
        return [header] + labels
    }

    /// The weights (rows: neurons of the right column, columns: of the left) and the bias, and
    /// their gradients when a backward pass has run.
    private static func table(_ c: NetworkDiagram.Connection, number k: Int, from: NetworkDiagram.Layer, to: NetworkDiagram.Layer,
                              marked: Marks, format: NumberFormat) -> [String] {
        func cell(_ v: Double, _ highlighted: Bool) -> String { highlighted ? "▶" + format.compact(v) + "◀" : format.compact(v) }
        /// The weights, then the bias and any other terms added in, one column each.
        func rows(_ weights: [[Double]], added: [(name: String, values: [Double], isBias: Bool)]) -> [String] {
            let header = [""] + (0..<from.size).map { "\(from.neurons.name)[\($0)]" } + added.map(\.name)
            let body = weights.enumerated().map { to, row in
                ["\(c.name) → \(toName)[\(to)]"] + row.enumerated().map { from, v in cell(v, marked.edge.map { $0 == (k, to, from) } ?? false) }
                    + added.map { cell($0.values[to], $0.isBias && (marked.bias.map { $0 == (k, to) } ?? false)) }
            }
            return TextColumns.align([header] + body)
        }
        let toName = to.neurons.name
        let addedValues = (c.bias.map { [($0.name, $0.values, true)] } ?? []) + c.otherTerms.map { ($0.name, $0.values, false) }
        var lines = ["edges \(from.neurons.name) → \(toName): weights \(c.name)" + (c.isShared ? " (the same at every step)" : "") + addedValues.map { ($0.2 ? ", bias " : ", plus ") + $0.0 }.joined()]
        lines += rows(c.weights, added: addedValues)
        if let gradients = c.weightGradients {
            let addedGradients = (c.bias.flatMap { b in b.gradients.map { [("∂" + b.name, $0, true)] } } ?? [])
                + c.otherTerms.compactMap { term in term.gradients.map { ("∂(" + term.name + ")", $0, false) } }
            lines.append("gradients ∂\(c.name)" + (c.isShared ? " (summed over every step)" : "") + addedGradients.map { ", " + $0.0 }.joined())
            lines += rows(gradients, added: addedGradients)
        }
        return lines
    }

    private typealias Marks = (neuron: (layer: Int, index: Int)?, edge: (Int, Int, Int)?, bias: (Int, Int)?)

    private static func marks(_ highlight: NetworkDiagram.Highlight?) -> Marks {
        switch highlight {
        case let .neuron(layer, index): return ((layer, index), nil, nil)
        case let .edge(connection, to, from): return (nil, (connection, to, from), nil)
        case let .bias(connection, index): return (nil, nil, (connection, index))
        case nil: return (nil, nil, nil)
        }
    }

    /// A grid of characters that labels and dotted lines are drawn on.
    private struct Canvas {
        var cells: [[Character]]

        init(width: Int, height: Int) {
            cells = Array(repeating: Array(repeating: " ", count: width), count: height)
        }

        mutating func write(_ text: String, x: Int, y: Int) {
            for (i, c) in text.enumerated() where x + i < cells[y].count { cells[y][x + i] = c }
        }

        /// One mark per column from `a` to `b`; only blank cells (or other edges' dots, when
        /// `overwrite`) are drawn on, so labels stay whole.
        mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), mark: Character, overwrite: Bool) {
            guard b.x > a.x else { return }
            for x in a.x...b.x {
                let y = a.y + Int((Double(b.y - a.y) * Double(x - a.x) / Double(b.x - a.x)).rounded())
                if cells[y][x] == " " || (overwrite && cells[y][x] == "·") { cells[y][x] = mark }
            }
        }

        var lines: [String] {
            cells.map { row in
                var line = String(row)
                while line.last == " " { line.removeLast() }
                return line
            }
        }
    }
}
