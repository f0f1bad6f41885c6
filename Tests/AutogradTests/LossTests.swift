import Testing
@testable import Autograd

/// Expected values: PyTorch 2.x, float64, fixtures generated once (F.cross_entropy, F.mse_loss on
/// logits [[0.1,-0.4,0.9],[1.2,0.3,-0.7]]), rounded to 12 decimals.
@Suite struct LossTests {
    func logits() throws -> Tensor { try tensor([2, 3], [0.1, -0.4, 0.9, 1.2, 0.3, -0.7], "x") }

    @Test func crossEntropyWithClassNumbers() throws {
        let x = try logits()
        let loss = try Tensor.crossEntropy(x, target: try tensor([2], [2, 0], "y"))
        expectValues(loss, [0.492806415826], tolerance: 1e-11)
        try loss.backward()
        expectValues(try Tensor(shape: [6], data: x.grad ?? []),
                     [0.130477729471, 0.079138743334, -0.209616472805, -0.178691793166, 0.130634168325, 0.048057624841], tolerance: 1e-11)
        try verifyGradients(loss, wrt: [x])
    }

    @Test func crossEntropyWithAMaskedOtherClass() throws {
        // Issue 15: a −∞ logit of a class other than the target gave NaN (0 · −∞ through a one-hot
        // product). PyTorch 2.15 float64: F.cross_entropy([[1, -inf, 0.5]], [0]) = 0.4740769841801067
        // = ln(1 + e^-0.5); gradient softmax − onehot = [-0.37754066879814546, 0, 0.37754066879814546].
        let x = try tensor([1, 3], [1, 2, 0.5], "x"), mask = try tensor([1, 3], [0, 1, 0], "M")
        let masked = try x.maskedFill(mask: mask, value: -.infinity)
        let loss = try Tensor.crossEntropy(masked, target: try tensor([1], [0], "y"))
        expectValues(loss, [0.4740769841801067], tolerance: 1e-15)
        try loss.backward()
        expectValues(try Tensor(shape: [3], data: x.grad ?? []), [-0.37754066879814546, 0, 0.37754066879814546], tolerance: 1e-15)
        try verifyGradients(loss, wrt: [x])
        // With probabilities, 0 · −∞ is NaN, as in PyTorch (F.cross_entropy with a [[1, 0, 0]] target).
        #expect(try Tensor.crossEntropy(masked, target: try tensor([1, 3], [1, 0, 0], "p")).data[0].isNaN)
    }

    @Test func crossEntropyWithProbabilities() throws {
        let x = try logits()
        let loss = try Tensor.crossEntropy(x, target: try tensor([2, 3], [0.2, 0.3, 0.5, 1, 0, 0], "p"))
        expectValues(loss, [0.767806415826], tolerance: 1e-11)
        try loss.backward()
        expectValues(try Tensor(shape: [6], data: x.grad ?? []),
                     [0.030477729471, -0.070861256666, 0.040383527195, -0.178691793166, 0.130634168325, 0.048057624841], tolerance: 1e-11)
    }

    @Test func crossEntropyAlongTheFirstAxisAndErrors() throws {
        // The same data transposed, classes along axis 0, gives the same loss.
        let x = try logits().transposed()
        expectValues(try Tensor.crossEntropy(x, target: try tensor([2], [2, 0], "y"), axis: 0), [0.492806415826], tolerance: 1e-11)
        #expect(thrownError { () throws(AutogradError) in try Tensor.crossEntropy(x, target: try tensor([2], [3, 0], "y"), axis: 0) }?.description
                == "crossEntropy: target 3.0 is not a class number in 0..<3")
        #expect(thrownError { () throws(AutogradError) in try Tensor.crossEntropy(x, target: try tensor([2], [0.5, 0], "y"), axis: 0) } != nil)
        #expect(thrownError { () throws(AutogradError) in try Tensor.crossEntropy(x, target: try tensor([4], [0, 0, 0, 0], "y")) } != nil)
    }

    @Test func meanSquaredError() throws {
        // ((0.1-0)² + (-0.4-1)² + (0.9-2)² + (1.2-1)² + (0.3-1)² + (-0.7-1)²)/6
        //   = (0.01 + 1.96 + 1.21 + 0.04 + 0.49 + 2.89)/6 = 6.6/6 = 1.1
        let x = try logits()
        let loss = try Tensor.mse(x, try tensor([2, 3], [0, 1, 2, 1, 1, 1], "t"))
        expectValues(loss, [1.1], tolerance: 1e-12)
        try loss.backward()
        // PyTorch: 2(x - t)/6
        expectValues(try Tensor(shape: [6], data: x.grad ?? []),
                     [0.033333333333, -0.466666666667, -0.366666666667, 0.066666666667, -0.233333333333, -0.566666666667], tolerance: 1e-11)
        try verifyGradients(loss, wrt: [x])
        #expect(thrownError { () throws(AutogradError) in try Tensor.mse(x, try Tensor.zeros([3])) }?.description
                == "shape mismatch in mse: (2, 3) mse (3,): prediction and target must have the same shape")
    }
}
