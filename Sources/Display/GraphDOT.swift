import Autograd

/// The computation graph as Graphviz DOT (`dot -Tsvg graph.dot > graph.svg`): leaves as shaded
/// boxes, ops as boxes with their formula, edges from input to output, labelled A/B as in the
/// op's formula when the op has two inputs.
public enum GraphDOT {
    public static func render(_ root: Tensor, names: (Tensor) -> String? = { _ in nil }, gradient: (Tensor) -> [Double]? = { _ in nil },
                              format: NumberFormat = NumberFormat()) throws(DisplayError) -> String {
        let graph = try ComputationGraph(of: root, names: names, gradient: gradient, format: format)
        var lines = ["digraph stepgrad {", "  rankdir=LR;",
                     "  node [shape=box, fontname=\"Helvetica\", fontsize=11];",
                     "  edge [fontname=\"Helvetica\", fontsize=9];"]
        for node in graph.nodes {
            var label = [node.reference]
            label.append(node.tensor.op.map { "\($0.name): \($0.formula)" } ?? graph.operation(of: node))
            label.append("shape \(Shape.describe(node.tensor.shape))")
            if let size = node.gradientSize { label.append("max|grad| \(format.format(size.maxAbs))") }
            let style = node.tensor.isLeaf ? "style=\"rounded,filled\", fillcolor=\"#e3ecfa\"" : "style=filled, fillcolor=\"#fdf6e3\""
            let rootMark = node.id == graph.nodes.count - 1 ? ", penwidth=2" : ""
            lines.append("  n\(node.id) [label=\"\(escape(label.joined(separator: "\n")))\", \(style)\(rootMark)];")
        }
        for node in graph.nodes {
            for (position, parent) in node.parentIDs.enumerated() {
                let name = ComputationGraph.argumentName(position, of: node.parentIDs.count).map { " [label=\"\($0)\"]" } ?? ""
                lines.append("  n\(parent) -> n\(node.id)\(name);")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A DOT double-quoted string: backslash and quote escaped, line breaks as `\n`.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }
}
