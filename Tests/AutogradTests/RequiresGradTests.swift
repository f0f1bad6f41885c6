import Testing
@testable import Autograd

/// Leaves marked `requiresGrad = false` (data, constants) get no gradient and cost no work; the
/// gradients of everything else are unchanged.
@Suite struct RequiresGradTests {
    @Test func constantInputsAreSkipped() throws {
        // y = Σ (W x + b)² with W = [[1,2],[3,4]], x = [1,1], b = [0,1]: W x + b = [3, 8], y = 9 + 64 = 73;
        // ∂y/∂W = 2(Wx+b) xᵀ = [[6,6],[16,16]], ∂y/∂b = [6, 16].
        let w = try tensor([2, 2], [1, 2, 3, 4], "W"), b = try tensor([2], [0, 1], "b")
        let x = try tensor([2], [1, 1], "x"), two = Tensor(scalar: 2, label: "2")
        x.requiresGrad = false
        two.requiresGrad = false
        let y = try ((w.matmul(x) + b) ^ two).sum()
        expectValues(y, [73])
        let steps = try y.backward()
        #expect(w.grad == [6, 6, 16, 16] && b.grad == [6, 16])
        #expect(x.grad == nil && two.grad == nil)
        #expect(steps.count == 6) // sum, pow, add, matmul, W, b — not x, not 2
        #expect(try y.gradcheck(wrt: [w, b]).passes())
    }

    @Test func aGraphOfConstantsHasNoSteps() throws {
        let x = try tensor([2], [1, 2], "x")
        x.requiresGrad = false
        let y = x.exp().sum()
        #expect(try y.backward().isEmpty)
        #expect(x.grad == nil)
        x.requiresGrad = true // the flag is read at each backward, not when the graph was built
        try y.backward()
        expectValues(try Tensor(shape: [2], data: x.grad ?? []), [2.718281828459045, 7.38905609893065], tolerance: 1e-15) // e¹, e²
    }
}
