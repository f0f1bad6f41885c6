/// A tensor node: an N-dimensional array of Double (row-major), its gradient, and — unless it is
/// a leaf — the op and the parents that made it. Every tensor takes part in autograd, as every
/// `Value` does in micrograd.
public final class Tensor {
    public let shape: [Int]
    /// The entries, row-major. Leaves may be updated in place (an SGD step); op outputs are
    /// recomputed only through `recompute()`.
    public internal(set) var data: [Double]
    /// ∂(last backward's root)/∂(this tensor), same shape as `data`; nil before any backward.
    public internal(set) var grad: [Double]?
    /// How this tensor was made; nil for a leaf (a literal, a parameter, an input).
    public let op: TensorOp?
    /// The op's inputs, in the op's argument order.
    public internal(set) var parents: [Tensor]
    /// A name for display and for scalar expansion (`W1`, so an entry shows as `W1[0,2]`).
    public var label: String?
    /// Whether backward computes this leaf's gradient. True by default; set it false on data and
    /// constants (inputs, targets, masks) to spare that work, as PyTorch does — their `grad` then
    /// stays nil. Ignored on op outputs: they need a gradient exactly when one of their inputs does.
    public var requiresGrad = true
    /// How many times the entries changed in place (`assign`, `updateEntries`).
    public private(set) var version = 0
    /// The sum of the parents' versions when this op output was computed: versions only grow,
    /// so a different sum later means an input changed in place since (one Int, no array per node).
    let parentVersions: Int
    /// Worked out at the start of each backward pass: whether this node leads back to a leaf
    /// that requires a gradient. Ops skip the gradients of inputs that do not need one.
    var needsGrad = true

    /// A leaf tensor. Throws if the shape does not match the data or exceeds the element limit.
    public init(shape: [Int], data: [Double], label: String? = nil) throws(AutogradError) {
        try Shape.check(shape, op: "tensor")
        guard Shape.count(shape) == data.count else {
            throw .invalidArgument(op: "tensor", reason: "shape \(Shape.describe(shape)) needs \(Shape.count(shape)) entries, got \(data.count)")
        }
        self.shape = shape
        self.data = data
        self.op = nil
        self.parents = []
        self.label = label
        self.parentVersions = 0
    }

    /// An op's output; only ops build these, after checking shapes.
    init(shape: [Int], data: [Double], op: TensorOp, parents: [Tensor]) {
        self.shape = shape
        self.data = data
        self.op = op
        self.parents = parents
        self.label = nil
        self.parentVersions = parents.reduce(0) { $0 + $1.version }
    }

    /// Whether an input changed in place after this value was computed from it; which one.
    var inputChangedInPlace: Tensor? {
        guard !isLeaf, parents.reduce(0, { $0 + $1.version }) != parentVersions else { return nil }
        return parents.first { $0.version > 0 } ?? parents.first
    }

    /// An input that changed in place after one of `graph`'s values was computed from it
    /// (`W -= lr * grad(W)` after the forward pass), if any: backward refuses such a graph, and its
    /// chain rule cannot be written out from the values it holds now. `graph` is a topological order.
    public static func inputChangedInPlace(in graph: [Tensor]) -> Tensor? {
        graph.lazy.compactMap(\.inputChangedInPlace).first
    }

    /// A 0-dimensional tensor holding one number.
    public convenience init(scalar: Double, label: String? = nil) {
        try! self.init(shape: [], data: [scalar], label: label) // a shape of () always holds exactly one entry
    }

    public var count: Int { data.count }
    public var rank: Int { shape.count }
    public var isLeaf: Bool { op == nil }

    /// The single entry of a one-entry tensor.
    public var scalarValue: Double? { data.count == 1 ? data[0] : nil }

    public subscript(index: [Int]) -> Double { data[Shape.flat(index, in: shape)] }

    /// Overwrites a leaf's entries outside the graph (an SGD step, a what-if edit).
    public func assign(_ newData: [Double]) throws(AutogradError) {
        guard newData.count == data.count else {
            throw .invalidArgument(op: "assign", reason: "expected \(data.count) entries, got \(newData.count)")
        }
        data = newData
        version += 1
    }

    /// Puts back entries saved with their version (an undo): the tensor is as it was then, and the
    /// values computed from it then are current again.
    public func restore(_ savedData: [Double], version savedVersion: Int) throws(AutogradError) {
        try assign(savedData)
        version = savedVersion
    }

    /// Changes a leaf's entries in place, outside the graph (an SGD step, `losses[i] = loss`),
    /// without copying them first. Saved copies of `data` (a snapshot) keep their old entries.
    /// An op's output cannot change: its entries are what its inputs make.
    public func updateEntries(_ body: (UnsafeMutableBufferPointer<Double>) -> Void) throws(AutogradError) {
        guard isLeaf else {
            throw .invalidArgument(op: "updateEntries", reason: "only a leaf's entries can change in place; this tensor is the output of \(op?.name ?? "an op")")
        }
        data.withUnsafeMutableBufferPointer { body($0) }
        version += 1
    }

    /// Adds `delta` into the gradient, creating it at zero first.
    func accumulateGrad(_ delta: [Double]) {
        guard needsGrad else { return }
        if grad == nil { grad = delta; return }
        delta.withUnsafeBufferPointer { d in
            grad!.withUnsafeMutableBufferPointer { g in
                for i in 0..<g.count { g[i] += d[i] }
            }
        }
    }

    /// Releases long parent chains without recursion, so freeing a 1,000,000-node graph cannot
    /// overflow the stack (each deinit would otherwise release the next node recursively).
    deinit {
        var pending = parents
        parents = []
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.parents)
                node.parents = []
            }
        }
    }
}
