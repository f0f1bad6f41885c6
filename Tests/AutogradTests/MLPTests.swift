import Testing
@testable import Autograd

/// The 3-4-2 MLP worked example of seed 002_76212cf779137d3d.txt, forward and backward with
/// softmax and cross-entropy, against PyTorch: expected values copied from
/// shared/bench/anchors/torch_mlp342.out, printed by torch_mlp342.py beside it (float64, rounded to 10 decimals).
@Suite struct MLPTests {
    @Test func matchesPyTorch() throws {
        let w1 = try tensor([4, 3], [0.2, 0.4, 0.6, 0.5, 0.1, 0.3, 0.8, 0.7, 0.9, 0.3, 0.5, 0.7], "W1")
        let b1 = try tensor([4], [0.1, 0.2, 0.3, 0.4], "b1")
        let w2 = try tensor([2, 4], [0.3, 0.5, 0.7, 0.9, 0.2, 0.4, 0.6, 0.8], "W2")
        let b2 = try tensor([2], [0.1, 0.2], "b2")
        let a0 = try tensor([3], [1, 0.5, 0.3], "a0"), y = try tensor([2], [1, 0], "y")

        let z1 = try w1.matmul(a0) + b1
        let a1 = z1.relu()
        let z2 = try w2.matmul(a1) + b2
        let a2 = try z2.softmax(axis: 0)
        let loss = -(try y * a2.log()).sum()
        try loss.backward()

        expectValues(z1, [0.68, 0.84, 1.72, 1.16], tolerance: 1e-10)
        expectValues(z2, [2.972, 2.632], tolerance: 1e-10)
        expectValues(a2, [0.5841905229, 0.4158094771], tolerance: 1e-10)
        #expect(close(z2.grad?[0] ?? 0, -0.4158094771, 1e-10) && close(z2.grad?[1] ?? 0, 0.4158094771, 1e-10))
        #expect((z1.grad ?? []).allSatisfy { close($0, -0.0415809477, 1e-10) } && z1.grad?.count == 4)
        let dW1Row = [-0.0415809477, -0.0207904739, -0.0124742843]
        expectValues(try Tensor(shape: [4, 3], data: w1.grad ?? []), dW1Row + dW1Row + dW1Row + dW1Row, tolerance: 1e-10)
        let dW2Row = [-0.2827504444, -0.3492799607, -0.7151923006, -0.4823389934]
        expectValues(try Tensor(shape: [2, 4], data: w2.grad ?? []), dW2Row + dW2Row.map { -$0 }, tolerance: 1e-10)

        // Finite differences and the scalar expansion agree with these gradients too.
        try verifyGradients(loss, wrt: [w1, b1, w2, b2])
    }
}
