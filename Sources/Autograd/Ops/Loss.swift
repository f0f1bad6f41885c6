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
    /// axis left out (each a whole number in 0..<classes), which stand for one-hot rows.
    /// A logit of −∞ where the target probability is 0 gives NaN (0 · −∞), as in PyTorch.
    public static func crossEntropy(_ logits: Tensor, target: Tensor, axis: Int = -1) throws(AutogradError) -> Tensor {
        let axis = try Shape.axis(axis, rank: logits.rank, op: "crossEntropy")
        var rowShape = logits.shape
        let classes = rowShape.remove(at: axis)
        let probabilities: Tensor
        if target.shape == logits.shape {
            probabilities = target
        } else if target.shape == rowShape {
            probabilities = try oneHot(target, classes: classes, axis: axis, shape: logits.shape)
        } else {
            throw .shapeMismatch(op: "crossEntropy", lhs: logits.shape, rhs: target.shape,
                                 reason: "the target must be probabilities of shape \(Shape.describe(logits.shape)) or class numbers of shape \(Shape.describe(rowShape))")
        }
        let picked = try (probabilities * logits.logSoftmax(axis: axis)).sum(axis: axis)
        return -(try picked.mean())
    }

    /// Rows of one-hot probabilities for class numbers, the class axis inserted at `axis`.
    private static func oneHot(_ classNumbers: Tensor, classes: Int, axis: Int, shape: [Int]) throws(AutogradError) -> Tensor {
        let layout = AxisLayout(shape: shape, axis: axis)
        var data = [Double](repeating: 0, count: Shape.count(shape))
        for (row, value) in classNumbers.data.enumerated() {
            guard value >= 0, value < Double(classes), value.rounded() == value else {
                throw .invalidArgument(op: "crossEntropy", reason: "target \(value) is not a class number in 0..<\(classes)")
            }
            data[layout.flat(row: row, Int(value))] = 1
        }
        return try Tensor(shape: shape, data: data, label: "onehot")
    }
}
