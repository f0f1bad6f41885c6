// Reductions: sum and mean over all entries or one axis.

extension Tensor {
    /// Σ of every entry: a 0-dimensional tensor.
    public func sum() -> Tensor {
        let n = count
        let op = TensorOp(
            name: "sum", formula: "y = Σᵢ Xᵢ", rule: "∂Xᵢ += ∂y for every i",
            forward: { inputs in [inputs[0].data.reduce(0, +)] },
            backward: { out, inputs in inputs[0].accumulateGrad([Double](repeating: out.grad![0], count: n)) },
            expand: { _, _, input throws(AutogradError) in
                var total = try input(0, 0)
                for i in 1..<Swift.max(n, 1) { total = total + (try input(0, i)) }
                return total
            }
        )
        return Tensor.make(shape: [], inputs: [self], op: op)
    }
}
