import HTMLText
/// A network diagram as inline SVG, drawn like a textbook figure: neurons as circles with their
/// values, edges as lines labelled with their weights (thicker for larger magnitudes, blue for
/// positive, red for negative), the bias (and any other term added in) under each neuron, and after a backward pass the
/// gradients (∂) beside neurons, weights and biases. The traced entry is drawn in amber.
/// Text carries no colour of its own, so a page's style sheet can set it for light or dark.
public enum NetworkDiagramSVG {
    static let radius = 28
    static let columnGap = 360
    static let rowGap = 110
    static let margin = 120
    static let top = 70

    public static func render(_ diagram: NetworkDiagram, format: NumberFormat = NumberFormat(precision: 2)) -> String {
        let tallest = diagram.layers.map(\.size).max() ?? 0
        let width = 2 * margin + columnGap * (diagram.layers.count - 1)
        let height = top + rowGap * tallest + 30
        func centre(_ layer: Int, _ neuron: Int) -> (x: Int, y: Int) {
            let offset = (tallest - diagram.layers[layer].size) * rowGap / 2
            return (margin + columnGap * layer, top + offset + rowGap * neuron + rowGap / 2)
        }
        var svg = ["<svg class=\"network\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" font-family=\"DejaVu Sans, sans-serif\">",
                   "<title>\(HTMLText.escape(diagram.layers.map(\.neurons.name).joined(separator: " → ")))</title>"]
        for (k, connection) in diagram.connections.enumerated() {
            let biggest = connection.weights.joined().map(abs).max() ?? 0
            for to in connection.weights.indices {
                for from in connection.weights[to].indices {
                    let w = connection.weights[to][from]
                    let (a, b) = (centre(k, from), centre(k + 1, to))
                    let traced = diagram.highlight == .edge(connection: k, to: to, from: from)
                    let thickness = biggest > 0 ? 1 + 4 * abs(w) / biggest : 1
                    let colour = traced ? amber : (w < 0 ? "#d2452f" : "#3b78d8")
                    let entry = "\(connection.name)[\(connection.entryIndex(to: to, from: from).map(String.init).joined(separator: ", "))]"
                    let gradient = connection.weightGradients.map { "  ∂ \(format.compact($0[to][from]))" } ?? ""
                    svg.append("<line class=\"edge\" x1=\"\(a.x + radius)\" y1=\"\(a.y)\" x2=\"\(b.x - radius)\" y2=\"\(b.y)\" stroke=\"\(colour)\" stroke-width=\"\(traced ? 6 : thickness)\">"
                               + "<title>\(HTMLText.escape("\(entry) = \(format.compact(w))\(gradient)"))</title></line>")
                    // Labels sit a quarter of the way along, near their source neuron: there a
                    // neuron's edges have fanned out (a quarter of the row gap apart) but have not
                    // yet crossed the other neurons' edges, as they do mid-gap.
                    let t = 0.25
                    let (x, y) = (Double(a.x + radius) + t * Double(b.x - a.x - 2 * radius), Double(a.y) + t * Double(b.y - a.y))
                    var label = "<text class=\"weight\(traced ? " traced" : "")\" x=\"\(Int(x))\" y=\"\(Int(y) - 5)\" text-anchor=\"middle\" font-size=\"15\"\(traced ? " font-weight=\"bold\"" : "")>\(HTMLText.escape(format.compact(w)))"
                    if let g = connection.weightGradients {
                        label += "<tspan class=\"gradient\" font-size=\"12\"> ∂ \(HTMLText.escape(format.compact(g[to][from])))</tspan>"
                    }
                    svg.append(label + "</text>")
                }
            }
        }
        for (k, layer) in diagram.layers.enumerated() {
            let header = layer.activation.map { "\(layer.neurons.name) = \($0)(\(layer.preActivation?.name ?? "z"))" } ?? layer.neurons.name
            svg.append("<text class=\"layer\" x=\"\(margin + columnGap * k)\" y=\"28\" text-anchor=\"middle\" font-size=\"19\" font-weight=\"bold\">\(HTMLText.escape(header))</text>")
            for i in 0..<layer.size {
                let c = centre(k, i)
                let traced = diagram.highlight == .neuron(layer: k, index: i)
                svg.append("<circle class=\"neuron\" cx=\"\(c.x)\" cy=\"\(c.y)\" r=\"\(radius)\" fill=\"#e8eefb\" stroke=\"\(traced ? amber : "#24324f")\" stroke-width=\"\(traced ? 6 : 2)\">"
                           + "<title>\(HTMLText.escape("\(layer.neurons.name)[\(i)] = \(format.compact(layer.neurons.values[i]))"))</title></circle>")
                svg.append("<text class=\"value\" x=\"\(c.x)\" y=\"\(c.y + 6)\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\" fill=\"#111318\">\(HTMLText.escape(format.compact(layer.neurons.values[i])))</text>")
                var notes: [String] = []
                if let g = layer.neurons.gradients { notes.append("∂ " + format.compact(g[i])) }
                if k > 0, let bias = diagram.connections[k - 1].bias {
                    let tracedBias = diagram.highlight == .bias(connection: k - 1, index: i)
                    notes.append((tracedBias ? "▶ " : "") + "\(bias.name) \(format.compact(bias.values[i]))" + (bias.gradients.map { " ∂ " + format.compact($0[i]) } ?? ""))
                }
                if k > 0 {
                    for term in diagram.connections[k - 1].otherTerms {
                        notes.append("+ \(term.name) = \(format.compact(term.values[i]))")
                    }
                }
                for (line, note) in notes.enumerated() {
                    svg.append("<text class=\"note\" x=\"\(c.x)\" y=\"\(c.y + radius + 18 + 17 * line)\" text-anchor=\"middle\" font-size=\"14\">\(HTMLText.escape(note))</text>")
                }
            }
        }
        if let example = diagram.example {
            svg.append("<text class=\"note\" x=\"8\" y=\"\(height - 8)\" font-size=\"14\">example \(example) of the batch</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// The traced entry: readable on white and on black, and apart from the blue and red edges.
    static let amber = "#f0a400"
}
