import Foundation
import Testing
@testable import Autograd

@Suite struct SoftmaxTests {
    @Test func valuesByHand() throws {
        // x = [1,2,3]: m = 3, exps e⁻², e⁻¹, e⁰ = 0.1353352832, 0.3678794412, 1; Σ = 1.5032147244
        // softmax = [0.0900305732, 0.2447284711, 0.6652409558]; log Σ = 0.4076059644,
        // log-softmax = [-2.4076059644, -1.4076059644, -0.4076059644]
        let x = try tensor([3], [1, 2, 3], "x")
        expectValues(try x.softmax(), [0.0900305732, 0.2447284711, 0.6652409558], tolerance: 1e-9)
        expectValues(try x.logSoftmax(), [-2.4076059644, -1.4076059644, -0.4076059644], tolerance: 1e-9)
        // Large entries are stable: [1000, 1001] behaves as [0, 1]: 1/(1+e) = 0.2689414214
        expectValues(try tensor([2], [1000, 1001], "big").softmax(), [0.2689414214, 0.7310585786], tolerance: 1e-9)
    }

    @Test func alongEitherAxis() throws {
        // Columns of [[0, ln 3], [0, 0]] along axis 0: [1,1]/2 and [3,1]/4.
        let x = try tensor([2, 2], [0, Foundation.log(3), 0, 0], "x")
        expectValues(try x.softmax(axis: 0), [0.5, 0.75, 0.5, 0.25])
        try verifyGradients(try x.softmax(axis: 0), wrt: [x])
        let y = try tensor([2, 3], [0.1, -0.4, 0.9, 1.2, 0.3, -0.7], "y")
        try verifyGradients(try y.softmax(axis: -1), wrt: [y])
        try verifyGradients(try y.logSoftmax(axis: 1), wrt: [y])
        try verifyGradients(try y.logSoftmax(axis: 0), wrt: [y])
    }

    @Test func minusInfinityGetsExactlyZeroWeight() throws {
        // [1, -inf, 1] → [e⁰, 0, e⁰] / 2 = [0.5, 0, 0.5]; the masked entry gets gradient 0.
        let x = try tensor([3], [1, -.infinity, 1], "x")
        let p = try x.softmax()
        #expect(p.data == [0.5, 0, 0.5])
        try verifyGradients(p, wrt: [x])
        try (p * (try tensor([3], [1, 2, 3], "w"))).sum().backward()
        #expect(x.grad?[1] == 0)
        let logP = try x.logSoftmax()
        #expect(logP.data[1] == -.infinity)
        expectValues(try logP.index([.at(0)]), [-Foundation.log(2)])
    }

    @Test func allMinusInfinityRowGivesZerosWithZeroGradient() throws {
        // Row 0 is fully masked: softmax gives zeros there (log-softmax gives −∞), gradient 0;
        // row 1 is ordinary: [0, 0] → [0.5, 0.5].
        let x = try tensor([2, 2], [-.infinity, -.infinity, 0, 0], "x")
        let p = try x.softmax()
        #expect(p.data == [0, 0, 0.5, 0.5])
        try verifyGradients(p, wrt: [x])
        try (p * (try tensor([2, 2], [1, 2, 3, 5], "w"))).sum().backward()
        #expect(x.grad?[0] == 0 && x.grad?[1] == 0)
        // Row 1: ∂ = y ⊙ (w - Σ w y) = 0.5·(3 - 4), 0.5·(5 - 4) = [-0.5, 0.5]
        #expect(x.grad?[2] == -0.5 && x.grad?[3] == 0.5)
        let logP = try x.logSoftmax()
        #expect(logP.data[0] == -.infinity && logP.data[1] == -.infinity)
        try (logP.index([.at(0)]).sum()).backward()
        #expect(x.grad == [0, 0, 0, 0])
        #expect(try Expansion(of: p, flat: 0).value == 0)
    }

    @Test func emptyRowsAreFine() throws {
        let empty = try Tensor.zeros([2, 0])
        let p = try empty.softmax()
        #expect(p.shape == [2, 0])
        try p.sum().backward()
        #expect(try empty.logSoftmax(axis: 0).shape == [2, 0] && (try empty.layerNorm()).shape == [2, 0])
    }

    @Test func axisError() throws {
        #expect(thrownError { () throws(AutogradError) in try Tensor(scalar: 1).softmax() }?.description == "softmax: a scalar has no axis -1")
    }
}
