/// Writes one entry of a tensor out as a graph of scalar nodes (micrograd-style), following the
/// ops back until it reaches tensors where `stopsAt` says to stop (by default: leaves). Each
/// stopping tensor's entries become scalar leaves, labelled when the tensor has a name (`W1[0,2]`).
public struct Expansion {
    public let graph: ScalarGraph
    /// The scalar node of the expanded entry (it holds `graph` strongly, so it stays readable
    /// on its own).
    public let root: Scalar
    /// The expanded entry's value.
    public var value: Double { graph.value(root) }
    /// For each scalar leaf: the tensor and the flat position it stands for.
    public let leaves: [Int: (tensor: Tensor, flat: Int)]

    /// Refuses expansions bigger than this, which no learner wants to read and which would
    /// only slow the REPL down.
    public static let nodeLimit = 200_000

    public init(
        of tensor: Tensor, flat entry: Int,
        stopsAt: (Tensor) -> Bool = { $0.isLeaf }
    ) throws(AutogradError) {
        let graph = ScalarGraph()
        var memo: [ExpansionKey: Scalar] = [:]
        var leaves: [Int: (tensor: Tensor, flat: Int)] = [:]

        // Recursion follows the op graph's depth; it is bounded by `depthLimit` so a long chain
        // is refused instead of overflowing the stack.
        let depthLimit = 2_000
        func scalar(_ t: Tensor, _ flat: Int, depth: Int) throws(AutogradError) -> Scalar {
            let key = ExpansionKey(tensor: ObjectIdentifier(t), flat: flat)
            if let known = memo[key] { return known }
            // Checked for leaves too: one op over a big tensor (a sum) can make many leaves at once.
            guard graph.count < Expansion.nodeLimit else {
                throw .invalidArgument(op: "expand", reason: "the scalar expansion would exceed \(Expansion.nodeLimit) nodes")
            }
            let node: Scalar
            if depth > 0 && stopsAt(t) || t.op == nil {
                // An unnamed tensor (a constant such as the 2 of a square) is shown as its value.
                let index = Shape.index(ofFlat: flat, in: t.shape)
                let label = t.label.map { index.isEmpty ? $0 : "\($0)[\(index.map(String.init).joined(separator: ","))]" }
                node = graph.leaf(t.data[flat], label: label)
                leaves[node.id] = (t, flat)
            } else {
                guard depth < depthLimit else {
                    throw .invalidArgument(op: "expand", reason: "the graph is more than \(depthLimit) ops deep; name an intermediate value to expand from it")
                }
                let parents = t.parents
                node = try t.op!.expand(flat, graph) { (input: Int, position: Int) throws(AutogradError) -> Scalar in
                    try scalar(parents[input], position, depth: depth + 1)
                }
            }
            memo[key] = node
            return node
        }

        self.root = try scalar(tensor, entry, depth: 0)
        self.graph = graph
        self.leaves = leaves
    }
}

private struct ExpansionKey: Hashable {
    let tensor: ObjectIdentifier
    let flat: Int
}

extension ScalarGraph {
    /// t₀ + t₁ + t₂ + …, left to right (the order the tensor ops add in); a constant 0 for no terms.
    func sum(_ terms: [Scalar]) -> Scalar {
        guard let first = terms.first else { return leaf(0) }
        return terms.dropFirst().reduce(first, +)
    }

    /// max(max(t₀, t₁), t₂)…, left to right: `Reduction.argmax` picks the entry this chain
    /// passes the gradient to, so the order must stay. Needs at least one term.
    func max(_ terms: [Scalar]) -> Scalar {
        terms.dropFirst().reduce(terms[0]) { $0.max($1) }
    }
}

extension AxisLayout {
    /// The scalar nodes of row `row`'s entries, in order, from a one-input op's `expand`.
    func scalars(ofRow row: Int, from input: (Int, Int) throws(AutogradError) -> Scalar) throws(AutogradError) -> [Scalar] {
        try (0..<size).map { r throws(AutogradError) in try input(0, flat(row: row, r)) }
    }
}
