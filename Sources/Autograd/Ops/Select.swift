// Choosing entries by a mask: where and maskedFill. The condition carries no gradient.

extension Tensor {
    /// Entry by entry, `a` where `condition` is non-zero, else `b`; all three broadcast together.
    /// The gradient goes to whichever input was chosen; the condition gets none.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws(AutogradError) -> Tensor {
        let shape: [Int]
        do {
            shape = try Shape.broadcast(try Shape.broadcast(condition.shape, a.shape, op: "where"), b.shape, op: "where")
        } catch .shapeMismatch {
            throw .invalidArgument(op: "where", reason: "condition \(Shape.describe(condition.shape)), \(Shape.describe(a.shape)) and \(Shape.describe(b.shape)) cannot broadcast to one shape")
        } catch {
            throw error
        }
        let maps = [condition, a, b].map { Shape.broadcastMap(from: $0.shape, to: shape) }
        /// Which input (1 for a, 2 for b) entry e of the output copies.
        func chosen(_ c: [Double], _ e: Int) -> Int { c[maps[0][e]] != 0 ? 1 : 2 }
        let op = TensorOp(
            name: "where", formula: "Y = where(C, A, B)", rule: "∂A += ∂Y where C ≠ 0;  ∂B += ∂Y where C = 0;  C gets none",
            forward: { inputs in
                let sources = inputs.map(\.data)
                return (0..<maps[0].count).map { e in
                    let k = chosen(sources[0], e)
                    return sources[k][maps[k][e]]
                }
            },
            backward: { out, inputs in
                let (c, g) = (inputs[0].data, out.grad!)
                var grads = [inputs[1], inputs[2]].map { [Double](repeating: 0, count: $0.count) }
                for e in 0..<g.count {
                    let k = chosen(c, e)
                    grads[k - 1][maps[k][e]] += g[e]
                }
                inputs[1].accumulateGrad(grads[0])
                inputs[2].accumulateGrad(grads[1])
            },
            expand: { entry, _, input throws(AutogradError) in
                let k = chosen(condition.data, entry)
                return try input(k, maps[k][entry])
            }
        )
        return make(shape: shape, inputs: [condition, a, b], op: op)
    }

    /// `value` where `mask` (broadcast to this shape) is non-zero, else this tensor's entry:
    /// `where(mask, value, self)`, the value a 0-d constant labelled with its number.
    public func maskedFill(mask: Tensor, value: Double) throws(AutogradError) -> Tensor {
        try maskedFill(mask: mask, value: Tensor(scalar: value, label: "\(value)"))
    }

    /// `value` (one entry, e.g. a learned parameter) where `mask` is non-zero, else this tensor's
    /// entry. The value's gradient is the sum of the upstream gradient over the masked entries,
    /// as in PyTorch's masked_fill with a 0-d tensor value.
    public func maskedFill(mask: Tensor, value: Tensor) throws(AutogradError) -> Tensor {
        guard (try? Shape.broadcast(mask.shape, shape, op: "maskedFill")) == shape else {
            throw .shapeMismatch(op: "maskedFill", lhs: shape, rhs: mask.shape, reason: "the mask must broadcast to the tensor's shape")
        }
        guard value.count == 1 else {
            throw .invalidArgument(op: "maskedFill", reason: "the fill value must be a single number, got shape \(Shape.describe(value.shape))")
        }
        return try Tensor.where(mask, value.rank == 0 ? value : value.reshaped([]), self)
    }
}
