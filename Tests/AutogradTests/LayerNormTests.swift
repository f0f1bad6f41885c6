import Foundation
import Testing
@testable import Autograd

@Suite struct LayerNormTests {
    @Test func valuesByHand() throws {
        // [1, 2, 3]: μ = 2, σ² = (1 + 0 + 1)/3 = 2/3; with ε = 0: (x - 2)/√(2/3) = [-1.2247448714, 0, 1.2247448714]
        let x = try tensor([3], [1, 2, 3], "x")
        expectValues(try x.layerNorm(eps: 0), [-1.2247448714, 0, 1.2247448714], tolerance: 1e-9)
        // ε = 1: (x - 2)/√(2/3 + 1) = ±1/√(5/3) = ±0.7745966692
        expectValues(try x.layerNorm(eps: 1), [-0.7745966692, 0, 0.7745966692], tolerance: 1e-9)
    }

    @Test func matchesPyTorchWithGradients() throws {
        // PyTorch 2.x, float64, fixture generated once: F.layer_norm(x, (3,), eps=1e-5), and
        // x.grad of (y * [[1,2,3],[4,5,6]]).sum().
        let x = try tensor([2, 3], [0.1, -0.4, 0.9, 1.2, 0.3, -0.7], "x")
        let y = try x.layerNorm(axis: -1, eps: 1e-5)
        expectValues(y, [-0.186768584346, -1.120611506077, 1.307380090424, 1.202692997428, 0.042953321337, -1.245646318765], tolerance: 1e-11)
        try (y * (try tensor([2, 3], [1, 2, 3, 4, 5, 6], "w"))).sum().backward()
        expectValues(try Tensor(shape: [2, 3], data: x.grad ?? []),
                     [-1.69395368589, 1.042392945434, 0.651560740456, -0.023795903385, 0.045171562026, -0.021375658641], tolerance: 1e-10)
        try verifyGradients(y, wrt: [x])
        try verifyGradients(try x.layerNorm(axis: 0, eps: 1e-3), wrt: [x])
    }

    @Test func refusesABadEpsilon() throws {
        let x = try tensor([2], [1, 2], "x")
        #expect(thrownError { () throws(AutogradError) in try x.layerNorm(eps: -1) } != nil)
        #expect(thrownError { () throws(AutogradError) in try x.layerNorm(eps: .nan) } != nil)
    }
}
