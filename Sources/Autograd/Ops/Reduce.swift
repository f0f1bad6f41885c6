// Reductions: sum, mean and max over all entries or over one axis. One body serves all three:
// the tensor is seen as rows along the reduced axis (`AxisLayout`) and each row gives one entry.

/// What a reduction does to one row.
enum Reduction {
    case sum, mean, max

    var name: String {
        switch self {
        case .sum: return "sum"
        case .mean: return "mean"
        case .max: return "max"
        }
    }

    /// Where max's gradient goes in a row: the first entry holding the maximum (NaN counts as the
    /// maximum), exactly as the scalar chain max(max(x₀, x₁), x₂)… picks it.
    static func argmax(_ x: UnsafeBufferPointer<Double>, _ layout: AxisLayout, row: Int) -> Int {
        var best = 0
        var value = x[layout.flat(row: row, 0)]
        for r in 1..<Swift.max(layout.size, 1) {
            let v = x[layout.flat(row: row, r)]
            if !(value >= v || value.isNaN) { (best, value) = (r, v) }
        }
        return best
    }
}

extension Tensor {
    /// Σ of every entry: a 0-dimensional tensor.
    public func sum() -> Tensor {
        reduced(AxisLayout(count: count), shape: [], .sum)
    }

    /// Σ along `axis` (negative counts from the end); `keepDims` keeps that axis with size 1.
    public func sum(axis: Int, keepDims: Bool = false) throws(AutogradError) -> Tensor {
        try reduced(axis: axis, keepDims: keepDims, .sum)
    }

    /// The mean of every entry: a 0-dimensional tensor. Refuses an empty tensor.
    public func mean() throws(AutogradError) -> Tensor {
        try refuseEmpty(count, .mean)
        return reduced(AxisLayout(count: count), shape: [], .mean)
    }

    /// The mean along `axis`; `keepDims` keeps that axis with size 1.
    public func mean(axis: Int, keepDims: Bool = false) throws(AutogradError) -> Tensor {
        try reduced(axis: axis, keepDims: keepDims, .mean)
    }

    /// The largest entry: a 0-dimensional tensor. The gradient goes to the first entry holding
    /// it (ties: the earliest; a NaN anywhere makes the result NaN). Refuses an empty tensor.
    public func max() throws(AutogradError) -> Tensor {
        try refuseEmpty(count, .max)
        return reduced(AxisLayout(count: count), shape: [], .max)
    }

    /// The largest entry along `axis`; gradient and ties as in `max()`.
    public func max(axis: Int, keepDims: Bool = false) throws(AutogradError) -> Tensor {
        try reduced(axis: axis, keepDims: keepDims, .max)
    }

    private func refuseEmpty(_ size: Int, _ kind: Reduction) throws(AutogradError) {
        guard size > 0 || kind == .sum else {
            throw .invalidArgument(op: kind.name, reason: "the \(kind.name) of no entries is undefined (shape \(Shape.describe(shape)))")
        }
    }

    private func reduced(axis: Int, keepDims: Bool, _ kind: Reduction) throws(AutogradError) -> Tensor {
        let axis = try Shape.axis(axis, rank: rank, op: kind.name)
        try refuseEmpty(shape[axis], kind)
        var outShape = shape
        if keepDims { outShape[axis] = 1 } else { outShape.remove(at: axis) }
        return reduced(AxisLayout(shape: shape, axis: axis), shape: outShape, kind)
    }

    /// The shared body: one output entry per row of `layout`.
    private func reduced(_ layout: AxisLayout, shape outShape: [Int], _ kind: Reduction) -> Tensor {
        let n = layout.size
        let (formula, rule): (String, String)
        switch kind {
        case .sum: (formula, rule) = ("y = Σᵢ Xᵢ", "∂Xᵢ += ∂y for every i")
        case .mean: (formula, rule) = ("y = (Σᵢ Xᵢ) / n", "∂Xᵢ += ∂y / n for every i")
        case .max: (formula, rule) = ("y = maxᵢ Xᵢ", "∂Xₖ += ∂y for the first k holding the maximum; others get 0")
        }
        let op = TensorOp(
            name: kind.name, formula: formula, rule: rule,
            forward: { inputs in
                inputs[0].data.withUnsafeBufferPointer { x in
                    (0..<layout.rows).map { row in
                        switch kind {
                        case .max: return x[layout.flat(row: row, Reduction.argmax(x, layout, row: row))]
                        case .sum, .mean:
                            var total = 0.0
                            for r in 0..<n { total += x[layout.flat(row: row, r)] }
                            return kind == .mean ? total / Double(n) : total
                        }
                    }
                }
            },
            backward: { out, inputs in
                let g = out.grad!
                var dx = [Double](repeating: 0, count: inputs[0].count)
                inputs[0].data.withUnsafeBufferPointer { x in
                    for row in 0..<layout.rows {
                        switch kind {
                        case .max: dx[layout.flat(row: row, Reduction.argmax(x, layout, row: row))] += g[row]
                        case .sum, .mean:
                            let share = kind == .mean ? g[row] / Double(n) : g[row]
                            for r in 0..<n { dx[layout.flat(row: row, r)] += share }
                        }
                    }
                }
                inputs[0].accumulateGrad(dx)
            },
            expand: { entry, graph, input throws(AutogradError) in
                let terms = try layout.scalars(ofRow: entry, from: input) // one output entry per row
                switch kind {
                case .sum: return graph.sum(terms)
                case .mean: return graph.sum(terms) / Double(n)
                case .max: return graph.max(terms)
                }
            }
        )
        return Tensor.make(shape: outShape, inputs: [self], op: op)
    }
}
