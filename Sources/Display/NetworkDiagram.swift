import Autograd

/// A layered network read off the tensor graph, ready to draw as a textbook figure: columns of
/// neurons with their values, edges with their weights, and — after a backward pass — the
/// gradients beside them.
///
/// A layer is `z = W @ a + b` (or `a @ W + b`, one example per row), optionally followed by an
/// element-wise activation or softmax: `a' = act(z)`. Detection starts at the network's output
/// and walks parents back while layers keep matching; the first input that is not a layer's
/// output is the input layer. Names and gradients come from the caller (the session), never
/// from the tensors themselves.
public struct NetworkDiagram: Equatable {
    /// A value of the diagram's tensors: its name, its entries for the drawn example, and its
    /// gradient for that example once a backward pass has run.
    public struct Values: Equatable {
        public let name: String
        public let values: [Double]
        public let gradients: [Double]?
    }

    /// One column of neurons: the input, or a layer's output.
    public struct Layer: Equatable {
        /// The neurons' values (the activation's output, or the input).
        public let neurons: Values
        /// The weighted sum before the activation; nil for the input, or when there is no activation.
        public let preActivation: Values?
        /// `relu`, `sigmoid`, `tanh`, `softmax`; nil for the input and for a purely linear layer.
        public let activation: String?
        public var size: Int { neurons.values.count }
    }

    /// The edges between two columns and the bias of the column they lead into.
    public struct Connection: Equatable {
        /// The weight tensor's name (`W1`).
        public let name: String
        /// True when the same weight tensor joins other columns too (an unrolled RNN's `Whh`):
        /// its gradient is then the sum over all of them.
        public let isShared: Bool
        /// weights[to][from]: the weight on the edge from neuron `from` of the left column to
        /// neuron `to` of the right column.
        public let weights: [[Double]]
        public let weightGradients: [[Double]]?
        /// How the weight tensor's axes map to the edges.
        public let layout: WeightLayout
        public let bias: Values?
        /// Other terms added into the right column's weighted sums: an unrolled RNN's input
        /// term `Wxh * x` beside `Whh @ h`.
        public let otherTerms: [Values]

        /// The index of the weight on the edge from neuron `from` to neuron `to` in its tensor.
        public func entryIndex(to: Int, from: Int) -> [Int] { layout.index(to: to, from: from) }
    }

    /// How a weight tensor holds the weights of a connection.
    public enum WeightLayout: String, Equatable, Sendable {
        /// `W @ a`: W is [out, in], the weight on the edge from `from` to `to` is `W[to, from]`.
        case outputsByInputs
        /// `a @ W`: W is [in, out], the weight is `W[from, to]`.
        case inputsByOutputs
        /// `a @ W` with W of rank 1 ([in], one output neuron): the weight is `W[from]`.
        case inputs

        /// The index of the weight on the edge from neuron `from` to neuron `to`.
        public func index(to: Int, from: Int) -> [Int] {
            switch self {
            case .outputsByInputs: return [to, from]
            case .inputsByOutputs: return [from, to]
            case .inputs: return [from]
            }
        }
    }

    /// The entry being traced, drawn highlighted.
    public enum Highlight: Equatable {
        case neuron(layer: Int, index: Int)
        case edge(connection: Int, to: Int, from: Int)
        case bias(connection: Int, index: Int)
    }

    /// Input first, output last.
    public let layers: [Layer]
    /// connections[k] joins layers[k] to layers[k + 1].
    public let connections: [Connection]
    public let highlight: Highlight?
    /// The row drawn when the network runs on a batch (one example per row); nil for a single example.
    public let example: Int?

    /// Reads the network that produced `output`. `traced` is a tensor and a flat entry to
    /// highlight; `example` picks the row when the layers hold a batch.
    public init(of output: Tensor, names: (Tensor) -> String?, gradient: (Tensor) -> [Double]?,
                example: Int = 0, traced: (tensor: Tensor, entry: Int)? = nil) throws(DisplayError) {
        let outputName = names(output) ?? output.label ?? "the value"
        var found: [(layer: Tensor, pre: Tensor?, activation: String?, match: LinearMatch)] = []
        var current = output
        while found.count < Self.layerLimit {
            let (pre, activation) = Self.peelActivation(current)
            guard let match = Self.matchLinear(pre) else { break }
            found.append((current, activation == nil ? nil : pre, activation, match))
            current = match.input
        }
        guard !found.isEmpty else {
            throw .cannotDraw(what: "a network diagram of \(outputName)",
                              reason: "\(outputName) is not the output of a layer: write it as W @ a + b (or a @ W + b), optionally inside relu, sigmoid, tanh or softmax")
        }
        found.reverse()
        let input = current
        let batched = input.rank == 2
        guard !batched || (0..<input.shape[0]).contains(example) else {
            throw .cannotDraw(what: "example \(example) of \(outputName)", reason: "the batch has \(input.shape[0]) examples (rows 0…\(input.shape[0] - 1))")
        }
        self.example = batched ? example : nil
        let row = batched ? example : 0

        func values(_ tensor: Tensor, _ fallback: String) -> Values {
            let (start, width) = Self.neurons(of: tensor, batched: batched, example: row)
            let slice = { (all: [Double]) in Array(all[start..<(start + width)]) }
            return Values(name: names(tensor) ?? tensor.label ?? fallback, values: slice(tensor.data), gradients: gradient(tensor).map(slice))
        }

        var layers = [Layer(neurons: values(input, "input"), preActivation: nil, activation: nil)]
        var connections: [Connection] = []
        for (k, entry) in found.enumerated() {
            let number = k + 1
            layers.append(Layer(neurons: values(entry.layer, entry.activation.map { _ in "a\(number)" } ?? "z\(number)"),
                                preActivation: entry.pre.map { values($0, "…") }, activation: entry.activation))
            let w = entry.match.weight
            let (outCount, inCount) = (layers[k + 1].size, layers[k].size)
            let layout: WeightLayout = entry.match.weightFirst ? .outputsByInputs : (w.rank == 1 ? .inputs : .inputsByOutputs)
            let grid = { (all: [Double]) in (0..<outCount).map { to in (0..<inCount).map { from in all[Shape.flat(layout.index(to: to, from: from), in: w.shape)] } } }
            let isShared = found.filter { $0.match.weight === w }.count > 1
            connections.append(Connection(name: names(w) ?? w.label ?? "W\(number)", isShared: isShared, weights: grid(w.data), weightGradients: gradient(w).map(grid),
                                          layout: layout, bias: entry.match.bias.map { Values(name: names($0) ?? $0.label ?? "b\(number)", values: Self.broadcast($0.data, to: outCount), gradients: gradient($0).map { Self.broadcast($0, to: outCount) }) },
                                          otherTerms: entry.match.otherTerms.map { term in
                                              let named = values(term, Self.describe(term, names: names))
                                              return Values(name: named.name, values: Self.broadcast(named.values, to: outCount), gradients: named.gradients.map { Self.broadcast($0, to: outCount) })
                                          }))
        }
        self.layers = layers
        self.connections = connections
        self.highlight = traced.flatMap { Self.locate($0.tensor, entry: $0.entry, layers: found.map(\.layer), pres: found.map(\.pre), input: input,
                                                      weights: found.map(\.match.weight), biases: found.map(\.match.bias), example: row, connections: connections) }
    }

    /// Deeper chains are not a textbook figure; the walk stops there.
    static let layerLimit = 16

    private static let activations: Set<String> = ["relu", "sigmoid", "tanh", "softmax"]

    /// `act(z)` → (z, act); anything else is its own pre-activation.
    private static func peelActivation(_ t: Tensor) -> (Tensor, String?) {
        guard let op = t.op, activations.contains(op.name), t.parents.count == 1 else { return (t, nil) }
        return (t.parents[0], op.name)
    }

    /// What `W @ a + b` is made of.
    struct LinearMatch {
        let weight: Tensor
        let input: Tensor
        let bias: Tensor?
        let otherTerms: [Tensor]
        /// True for `W @ a` (W is [out, in]), false for `a @ W` (W is [in, out] or [in]).
        let weightFirst: Bool
    }

    /// A sum of terms with exactly one `W @ a` (or `a @ W`) in it: the weight is a leaf; a leaf of
    /// one entry per neuron (or one for all) is the bias; any other term with one value per
    /// neuron is kept as an other term (an RNN's `Wxh * x`).
    private static func matchLinear(_ z: Tensor) -> LinearMatch? {
        let terms = addends(of: z, depth: 0)
        let products = terms.filter { $0.op?.name == "matmul" && $0.parents.count == 2 }
        guard products.count == 1, let product = products.first else { return nil }
        let (a, b) = (product.parents[0], product.parents[1])
        let weightFirst: Bool
        if a.isLeaf, a.rank == 2, b.rank == 1 {
            weightFirst = true
        } else if b.isLeaf, (1...2).contains(b.rank), (1...2).contains(a.rank) {
            weightFirst = false
        } else {
            return nil
        }
        let outCount = weightFirst ? a.shape[0] : (b.rank == 2 ? b.shape[1] : 1)
        var rest = terms.filter { $0 !== product }
        let biasIndex = rest.firstIndex { $0.isLeaf && $0.rank <= 1 && ($0.count == 1 || $0.count == outCount) }
        let bias = biasIndex.map { rest.remove(at: $0) }
        // Other terms must line up with the product: one value per neuron (per example).
        guard rest.allSatisfy({ $0.shape == product.shape || $0.count == 1 }) else { return nil }
        return LinearMatch(weight: weightFirst ? a : b, input: weightFirst ? b : a, bias: bias, otherTerms: rest, weightFirst: weightFirst)
    }

    /// The terms of a sum `p + q + …` (through nested `add`s, a few levels deep); `[z]` otherwise.
    private static func addends(of z: Tensor, depth: Int) -> [Tensor] {
        guard depth < 4, z.op?.name == "add", z.parents.count == 2 else { return [z] }
        return z.parents.flatMap { addends(of: $0, depth: depth + 1) }
    }

    /// A name for an unnamed term: `Wxh * 0.8` for a product with a number.
    private static func describe(_ term: Tensor, names: (Tensor) -> String?) -> String {
        func name(_ t: Tensor) -> String {
            names(t) ?? t.label ?? t.scalarValue.map { NumberFormat(precision: 4).compact($0) } ?? "(…)"
        }
        guard let op = term.op, op.name == "mul", term.parents.count == 2 else { return name(term) }
        return "\(name(term.parents[0])) * \(name(term.parents[1]))"
    }

    /// Where one example's neurons sit in a layer's entries: a row of a batch ([examples, n]),
    /// one entry of a batch of single neurons ([examples]), or the whole vector.
    private static func neurons(of tensor: Tensor, batched: Bool, example: Int) -> (start: Int, count: Int) {
        guard batched else { return (0, tensor.count) }
        return tensor.rank == 2 ? (example * tensor.shape[1], tensor.shape[1]) : (example, 1)
    }

    private static func broadcast(_ values: [Double], to count: Int) -> [Double] {
        values.count == count ? values : Array(repeating: values.first ?? 0, count: count)
    }

    /// Where a traced tensor entry sits in the picture, if it is drawn at all.
    private static func locate(_ tensor: Tensor, entry: Int, layers: [Tensor], pres: [Tensor?], input: Tensor, weights: [Tensor],
                               biases: [Tensor?], example: Int, connections: [Connection]) -> Highlight? {
        func neuron(in t: Tensor) -> Int? {
            let (start, width) = neurons(of: t, batched: input.rank == 2, example: example)
            return (start..<(start + width)).contains(entry) ? entry - start : nil
        }
        if tensor === input { return neuron(in: input).map { .neuron(layer: 0, index: $0) } }
        for k in layers.indices {
            if tensor === layers[k] || tensor === pres[k] { return neuron(in: tensor).map { .neuron(layer: k + 1, index: $0) } }
            if tensor === weights[k] {
                let grid = connections[k].weights
                for to in grid.indices {
                    for from in grid[to].indices where Shape.flat(connections[k].entryIndex(to: to, from: from), in: tensor.shape) == entry {
                        return .edge(connection: k, to: to, from: from)
                    }
                }
            }
            if let bias = biases[k], tensor === bias { return .bias(connection: k, index: entry) }
        }
        return nil
    }
}
