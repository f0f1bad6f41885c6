import Foundation

// Softmax and log-softmax along one axis, computed the stable way: the row's maximum m is
// subtracted first, so exp never overflows — softmax(x)ᵢ = exp(xᵢ - m) / Σⱼ exp(xⱼ - m).

extension Tensor {
    /// exp(xᵢ - m) / Σⱼ exp(xⱼ - m) along `axis` (default: the last), m the row's maximum.
    ///
    /// An entry of −∞ (a masked position) gets weight exactly 0 and gradient 0. A row that is
    /// all −∞ (every position masked) gives all zeros — it attends to nothing — with gradient 0,
    /// rather than the NaN of 0/0. A +∞ or NaN entry makes its row NaN.
    public func softmax(axis: Int = -1) throws(AutogradError) -> Tensor {
        try softmaxFamily(axis: axis, log: false)
    }

    /// log softmax: (xᵢ - m) - log Σⱼ exp(xⱼ - m) along `axis` (default: the last). −∞ entries
    /// give −∞; a row that is all −∞ gives all −∞ with gradient 0. +∞ or NaN make the row NaN.
    public func logSoftmax(axis: Int = -1) throws(AutogradError) -> Tensor {
        try softmaxFamily(axis: axis, log: true)
    }

    private func softmaxFamily(axis: Int, log: Bool) throws(AutogradError) -> Tensor {
        let name = log ? "logSoftmax" : "softmax"
        let layout = AxisLayout(shape: shape, axis: try Shape.axis(axis, rank: rank, op: name))
        let n = layout.size
        /// The row's maximum, or nil when the row is empty or all −∞ (the stated special case).
        func rowMax(_ x: UnsafeBufferPointer<Double>, _ row: Int) -> Double? {
            guard n > 0 else { return nil }
            let m = x[layout.flat(row: row, Reduction.argmax(x, layout, row: row))]
            return m == -.infinity ? nil : m
        }
        let op = TensorOp(
            name: name,
            formula: log ? "Yᵢ = (Xᵢ - m) - log Σⱼ exp(Xⱼ - m),  m = maxⱼ Xⱼ" : "Yᵢ = exp(Xᵢ - m) / Σⱼ exp(Xⱼ - m),  m = maxⱼ Xⱼ",
            rule: log ? "∂Xᵢ += ∂Yᵢ - softmax(X)ᵢ · Σⱼ ∂Yⱼ" : "∂Xᵢ += Yᵢ · (∂Yᵢ - Σⱼ ∂Yⱼ Yⱼ)",
            forward: { inputs in
                inputs[0].data.withUnsafeBufferPointer { x in
                    var y = [Double](repeating: log ? -.infinity : 0, count: x.count)
                    for row in 0..<layout.rows {
                        guard let m = rowMax(x, row) else { continue }
                        var total = 0.0
                        for r in 0..<n {
                            let e = Foundation.exp(x[layout.flat(row: row, r)] - m)
                            y[layout.flat(row: row, r)] = e
                            total += e
                        }
                        let logTotal = Foundation.log(total)
                        for r in 0..<n {
                            let f = layout.flat(row: row, r)
                            y[f] = log ? (x[f] - m) - logTotal : y[f] / total
                        }
                    }
                    return y
                }
            },
            backward: { out, inputs in
                let (y, g) = (out.data, out.grad!)
                var dx = [Double](repeating: 0, count: y.count)
                inputs[0].data.withUnsafeBufferPointer { x in
                    for row in 0..<layout.rows where rowMax(x, row) != nil {
                        var dot = 0.0 // Σⱼ ∂Yⱼ Yⱼ (softmax) or Σⱼ ∂Yⱼ (log-softmax)
                        for r in 0..<n {
                            let f = layout.flat(row: row, r)
                            dot += log ? g[f] : g[f] * y[f]
                        }
                        for r in 0..<n {
                            let f = layout.flat(row: row, r)
                            dx[f] = log ? g[f] - Foundation.exp(y[f]) * dot : y[f] * (g[f] - dot)
                        }
                    }
                }
                inputs[0].accumulateGrad(dx)
            },
            expand: { entry, graph, input throws(AutogradError) in
                let xs = try layout.scalars(ofRow: layout.row(ofFlat: entry), from: input)
                let m = graph.max(xs)
                guard m.value != -.infinity else { return graph.leaf(log ? -.infinity : 0) }
                let shifted = xs.map { $0 - m }
                let exps = shifted.map { $0.exp() }
                let total = graph.sum(exps)
                let r = (entry / layout.inner) % n
                return log ? shifted[r] - total.log() : exps[r] / total
            }
        )
        return Tensor.make(shape: shape, inputs: [self], op: op)
    }
}
