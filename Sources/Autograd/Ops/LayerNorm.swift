import Foundation

// Layer normalization along one axis, as PyTorch's layer_norm without the affine part (the
// caller applies γ and β with * and +): each row becomes (x - μ) / √(σ² + ε), with μ the row's
// mean and σ² its biased variance (divided by n).

extension Tensor {
    /// (X - μ) / √(σ² + ε) along `axis` (default: the last). `eps` must be finite and ≥ 0.
    public func layerNorm(axis: Int = -1, eps: Double = 1e-5) throws(AutogradError) -> Tensor {
        guard eps.isFinite, eps >= 0 else {
            throw .invalidArgument(op: "layerNorm", reason: "eps must be a finite number ≥ 0, got \(eps)")
        }
        let layout = AxisLayout(shape: shape, axis: try Shape.axis(axis, rank: rank, op: "layerNorm"))
        let n = layout.size
        /// Each row's mean and √(σ² + ε), computed in the order the expansion writes them.
        func statistics(_ x: UnsafeBufferPointer<Double>, _ row: Int) -> (mean: Double, deviation: Double) {
            var total = 0.0
            for r in 0..<n { total += x[layout.flat(row: row, r)] }
            let mean = total / Double(n)
            var squares = 0.0
            for r in 0..<n {
                let d = x[layout.flat(row: row, r)] - mean
                squares += d * d
            }
            return (mean, Foundation.sqrt(squares / Double(n) + eps))
        }
        let op = TensorOp(
            name: "layerNorm", formula: "Yᵢ = (Xᵢ - μ) / √(σ² + ε),  μ = Σⱼ Xⱼ / n,  σ² = Σⱼ (Xⱼ - μ)² / n  (ε = \(eps))",
            rule: "∂Xᵢ += (∂Yᵢ - mean(∂Y) - Yᵢ · mean(∂Y ⊙ Y)) / √(σ² + ε)",
            forward: { inputs in
                inputs[0].data.withUnsafeBufferPointer { x in
                    var y = [Double](repeating: 0, count: x.count)
                    for row in 0..<layout.rows {
                        let (mean, deviation) = statistics(x, row)
                        for r in 0..<n {
                            let f = layout.flat(row: row, r)
                            y[f] = (x[f] - mean) / deviation
                        }
                    }
                    return y
                }
            },
            backward: { out, inputs in
                let (y, g) = (out.data, out.grad!)
                var dx = [Double](repeating: 0, count: y.count)
                inputs[0].data.withUnsafeBufferPointer { x in
                    for row in 0..<layout.rows {
                        let deviation = statistics(x, row).deviation
                        var (meanG, meanGY) = (0.0, 0.0)
                        for r in 0..<n {
                            let f = layout.flat(row: row, r)
                            meanG += g[f] / Double(n)
                            meanGY += g[f] * y[f] / Double(n)
                        }
                        for r in 0..<n {
                            let f = layout.flat(row: row, r)
                            dx[f] = (g[f] - meanG - y[f] * meanGY) / deviation
                        }
                    }
                }
                inputs[0].accumulateGrad(dx)
            },
            expand: { entry, graph, input throws(AutogradError) in
                let xs = try layout.scalars(ofRow: layout.row(ofFlat: entry), from: input)
                let mean = graph.sum(xs) / Double(n)
                let centered = xs.map { $0 - mean }
                let variance = graph.sum(centered.map { $0 * $0 }) / Double(n)
                let deviation = (variance + graph.leaf(eps, label: "ε")).sqrt()
                return centered[(entry / layout.inner) % n] / deviation
            }
        )
        return Tensor.make(shape: shape, inputs: [self], op: op)
    }
}
