import Autograd

/// The nodes of the graph behind a tensor, numbered parents-first, with the names and gradient
/// sizes that both the text and the DOT drawings show. Unnamed constants are shown as what they
/// are (`2`, `√2 ≈ 1.4142`, `ones(4, 1)`); gradients come from the caller (the session's last
/// backward), not from the tensors.
public struct ComputationGraph {
    public struct Node {
        public let tensor: Tensor
        /// Position in parents-first order: `#3`.
        public let id: Int
        /// The variable name, when the caller knows one (or the tensor's label).
        public let name: String?
        /// An unnamed constant written out: `2`, `ones(4, 1)`.
        public let constant: String?
        public let parentIDs: [Int]
        /// ∂root/∂entry for each entry, when the caller's backward reached this node.
        public let gradient: [Double]?

        /// The name, the constant itself, or `#id` for an unnamed intermediate.
        public var reference: String { name ?? constant ?? "#\(id)" }

        /// max |∂root/∂entry| and the Euclidean norm of the gradient, once a backward has run.
        public var gradientSize: (maxAbs: Double, norm: Double)? {
            guard let grad = gradient else { return nil }
            return (grad.reduce(0) { max($0, abs($1)) }, grad.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }
    }

    public let nodes: [Node]

    /// Graphs bigger than this are refused: no one reads them, and DOT layout would take minutes.
    public static let nodeLimit = 1_000

    /// `gradient` gives a node's gradient from the backward pass to show (nil: none).
    public init(of root: Tensor, names: (Tensor) -> String?, gradient: (Tensor) -> [Double]?,
                format: NumberFormat = NumberFormat()) throws(DisplayError) {
        let order = root.topologicalOrder()
        guard order.count <= Self.nodeLimit else {
            throw .tooLarge(what: "the graph of \(names(root) ?? root.label ?? "this value")",
                            reason: "it has \(order.count) nodes (at most \(Self.nodeLimit)); draw a named intermediate instead")
        }
        var ids: [ObjectIdentifier: Int] = [:]
        var nodes: [Node] = []
        for (id, tensor) in order.enumerated() {
            ids[ObjectIdentifier(tensor)] = id
            let name = names(tensor) ?? tensor.label
            let constant = name == nil && tensor.isLeaf ? ConstantText.describe(tensor, format: format) : nil
            nodes.append(Node(tensor: tensor, id: id, name: name, constant: constant,
                              parentIDs: tensor.parents.compactMap { ids[ObjectIdentifier($0)] },
                              gradient: gradient(tensor)))
        }
        self.nodes = nodes
    }

    /// `matmul(W1, a0)`, `leaf`, or `constant` for an unnamed leaf.
    public func operation(of node: Node) -> String {
        guard let op = node.tensor.op else { return node.constant == nil ? "leaf" : "constant" }
        return op.name + "(" + node.parentIDs.map { nodes[$0].reference }.joined(separator: ", ") + ")"
    }

    /// Names of the inputs as the op's formula calls them (`C = A @ B`: A, B; `Y = exp(X)`: none).
    static func argumentName(_ position: Int, of count: Int) -> String? {
        switch count {
        case 1: return nil
        case 2: return position == 0 ? "A" : "B"
        default: return "arg \(position)"
        }
    }
}

/// The computation graph as text, one node per line, inputs first and the value itself last.
public enum GraphText {
    public static func render(_ root: Tensor, names: (Tensor) -> String? = { _ in nil }, gradient: (Tensor) -> [Double]? = { _ in nil },
                              format: NumberFormat = NumberFormat()) throws(DisplayError) -> String {
        let graph = try ComputationGraph(of: root, names: names, gradient: gradient, format: format)
        let leaves = graph.nodes.filter { $0.tensor.isLeaf }.count
        let rootName = graph.nodes.last?.reference ?? "value"
        var rows: [[String]] = [["", "node", "op", "shape", "formula", "gradient"]]
        for node in graph.nodes {
            let grad = node.gradientSize.map { "max|g| \(format.format($0.maxAbs))  ‖g‖ \(format.format($0.norm))" } ?? ""
            rows.append(["#\(node.id)", node.name ?? node.constant ?? "", graph.operation(of: node), Shape.describe(node.tensor.shape),
                         node.tensor.op?.formula ?? "", grad])
        }
        let noGrad = graph.nodes.allSatisfy { $0.gradient == nil } ? " — no gradients yet (run backward)" : ""
        let header = "graph of \(rootName): \(graph.nodes.count) nodes, \(leaves) leaves, inputs first\(noGrad)"
        return ([header] + TextColumns.align(rows)).joined(separator: "\n")
    }
}
