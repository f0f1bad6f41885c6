// Losses, composed from the ops above (so backward steps and expansions show every part of
// them): mean squared error and softmax cross-entropy.

extension Tensor {
    /// mean((pred - target)²) over every entry; the shapes must be equal.
    public static func mse(_ prediction: Tensor, _ target: Tensor) throws(AutogradError) -> Tensor {
        guard prediction.shape == target.shape else {
            throw .shapeMismatch(op: "mse", lhs: prediction.shape, rhs: target.shape, reason: "prediction and target must have the same shape")
        }
        return try ((prediction - target) ^ Tensor(scalar: 2, label: "2")).mean()
    }

    /// Softmax cross-entropy along `axis` (the classes), averaged over the other entries (the
    /// rows), as PyTorch's cross_entropy: mean over rows of -Σ꜀ t꜀ · logSoftmax(logits)꜀.
    ///
    /// `target` is either probabilities of the logits' shape, or class numbers with the class
    /// axis left out (each a whole number in 0..<classes). Class numbers pick each row's log
    /// probability directly, so a −∞ logit of another class (a masked class) leaves the loss
    /// finite; with probabilities, a −∞ logit where the probability is 0 gives NaN (0 · −∞), as
    /// in PyTorch.
    public static func crossEntropy(_ logits: Tensor, target: Tensor, axis: Int = -1) throws(AutogradError) -> Tensor {
        let axis = try Shape.axis(axis, rank: logits.rank, op: "crossEntropy")
        var rowShape = logits.shape
        rowShape.remove(at: axis)
        let logProbabilities = try logits.logSoftmax(axis: axis)
        let picked: Tensor
        if target.shape == logits.shape {
            picked = try (target * logProbabilities).sum(axis: axis)
        } else if target.shape == rowShape {
            picked = try pick(logProbabilities, classNumbers: target, axis: axis, rowShape: rowShape)
        } else {
            throw .shapeMismatch(op: "crossEntropy", lhs: logits.shape, rhs: target.shape,
                                 reason: "the target must be probabilities of shape \(Shape.describe(logits.shape)) or class numbers of shape \(Shape.describe(rowShape))")
        }
        return -(try picked.mean())
    }

    /// Each row's entry at its class number along `axis` (the class axis dropped).
    private static func pick(_ x: Tensor, classNumbers: Tensor, axis: Int, rowShape: [Int]) throws(AutogradError) -> Tensor {
        let layout = AxisLayout(shape: x.shape, axis: axis)
        var flat: [Int] = []
        flat.reserveCapacity(classNumbers.count)
        for (row, value) in classNumbers.data.enumerated() {
            guard value >= 0, value < Double(layout.size), value.rounded() == value else {
                throw .invalidArgument(op: "crossEntropy", reason: "target \(value) is not a class number in 0..<\(layout.size)")
            }
            flat.append(layout.flat(row: row, Int(value)))
        }
        return gather([x], shape: rowShape, input: nil, flat: flat,
                      name: "pick", formula: "Yᵣ = X[r, class r]", rule: "∂X[r, class r] += ∂Yᵣ; other entries get 0")
    }
}
