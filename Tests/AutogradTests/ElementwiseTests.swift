import Foundation
import Testing
@testable import Autograd

@Suite struct ElementwiseTests {
    @Test func arithmeticBroadcasts() throws {
        // [[1,2,3],[4,5,6]] + [10,20,30] = [[11,22,33],[14,25,36]];  - [[1],[2]] = [[0,1,2],[2,3,4]]
        let x = try tensor([2, 3], [1, 2, 3, 4, 5, 6], "x")
        let row = try tensor([3], [10, 20, 30], "r"), column = try tensor([2, 1], [1, 2], "c")
        expectValues(try x + row, [11, 22, 33, 14, 25, 36])
        expectValues(try x - column, [0, 1, 2, 2, 3, 4])
        try verifyGradients(try x * row, wrt: [x, row])
        try verifyGradients(try x / column, wrt: [x, column])
        try verifyGradients(try row - column, wrt: [row, column])
        try verifyGradients(-x, wrt: [x])
        let error = thrownError { () throws(AutogradError) in try x + (try Tensor.zeros([2])) }
        #expect(error?.description == "shape mismatch in +: (2, 3) + (2,): axis sizes 3 and 2 differ and neither is 1, so they cannot broadcast")
    }

    @Test func functionsOfOneInput() throws {
        let x = try tensor([3], [0.5, 1, 2], "x")
        // √0.5 = 0.7071067812, √2 = 1.4142135624
        expectValues(x.sqrt(), [0.7071067812, 1, 1.4142135624], tolerance: 1e-9)
        // tanh 0.5 = 0.4621171573, tanh 1 = 0.7615941560, tanh 2 = 0.9640275801
        expectValues(x.tanh(), [0.4621171573, 0.7615941560, 0.9640275801], tolerance: 1e-9)
        // σ(0.5) = 1/(1+e^-0.5) = 0.6224593312, σ(1) = 0.7310585786, σ(2) = 0.8807970780
        expectValues(x.sigmoid(), [0.6224593312, 0.7310585786, 0.8807970780], tolerance: 1e-9)
        // e^0.5 = 1.6487212707, ln 0.5 = -0.6931471806
        expectValues(x.exp(), [1.6487212707, Foundation.exp(1), 7.3890560989], tolerance: 1e-9)
        expectValues(x.log(), [-0.6931471806, 0, 0.6931471806], tolerance: 1e-9)
        let signed = try tensor([4], [-1.5, 2, -0.25, 3], "s")
        expectValues(signed.abs(), [1.5, 2, 0.25, 3])
        expectValues(signed.relu(), [0, 2, 0, 3])
        // sin 0.5 = 0.4794255386, sin 1 = 0.8414709848, sin 2 = 0.9092974268;
        // cos 0.5 = 0.8775825619, cos 1 = 0.5403023059, cos 2 = -0.4161468365
        expectValues(x.sin(), [0.4794255386, 0.8414709848, 0.9092974268], tolerance: 1e-9)
        expectValues(x.cos(), [0.8775825619, 0.5403023059, -0.4161468365], tolerance: 1e-9)
        for y in [x.sqrt(), x.tanh(), x.sigmoid(), x.exp(), x.log(), x.sin(), x.cos()] { try verifyGradients(y, wrt: [x]) }
        for y in [signed.abs(), signed.relu()] { try verifyGradients(y, wrt: [signed]) }
        // abs at 0 has gradient 0, as in PyTorch.
        let zero = try tensor([1], [0], "z")
        try zero.abs().sum().backward()
        #expect(zero.grad == [0])
    }

    @Test func powerBroadcasts() throws {
        // [1,2,3]^2 = [1,4,9];  [2,3]^[[1],[2]] = [[2,3],[4,9]]
        let x = try tensor([3], [1, 2, 3], "x")
        expectValues(try x ^ Tensor(scalar: 2), [1, 4, 9])
        let base = try tensor([2], [2, 3], "b"), exponent = try tensor([2, 1], [1, 2], "e")
        let p = try base.pow(exponent)
        #expect(p.shape == [2, 2])
        expectValues(p, [2, 3, 4, 9])
        try verifyGradients(p, wrt: [base, exponent])
        // ∂(b^e)/∂e = b^e ln b: for 2^1, 2·ln 2 = 1.3862943611
        try p.index([.at(0), .at(0)]).backward()
        expectValues(try Tensor(shape: [2, 1], data: exponent.grad ?? []), [1.3862943611, 0], tolerance: 1e-9)
        // A zero base with a positive exponent: the exponent's gradient is 0, not NaN (0·ln 0).
        let zero = try tensor([1], [0], "z"), two = try tensor([1], [2], "two")
        try (zero ^ two).sum().backward()
        #expect(two.grad == [0] && zero.grad == [0])
    }

    @Test func zeroExponentAtAZeroBase() throws {
        // Issue 15: x ^ 0 had a NaN slope at x = 0 (0 · 0⁻¹ = 0 · ∞). x⁰ is the constant 1, so the
        // slope is 0 everywhere; PyTorch 2.15 float64: (a ** b).sum().backward() with
        // a = [0, 2, 0], b = [0, 0, 1.5] gives a.grad = [0, 0, 0] and b.grad = [0, ln 2, 0]
        // = [0, 0.6931471805599453, 0] (∂b of 0^b is 0 for b ≥ 0, not 1 · ln 0 = −∞).
        let a = try tensor([3], [0, 2, 0], "a"), b = try tensor([3], [0, 0, 1.5], "b")
        let y = try a ^ b
        expectValues(y, [1, 1, 0])
        try y.sum().backward()
        #expect(a.grad == [0, 0, 0])
        expectValues(try Tensor(shape: [3], data: b.grad ?? []), [0, 0.6931471805599453, 0], tolerance: 1e-15)
        // Finite differences agree at the zero base: (0+h)⁰ = (0-h)⁰ = 1. (The scalar expansion is
        // left out here: ScalarGraph's .power has the same 0 · ∞ and is fixed on its own branch.)
        let zeros = try tensor([2], [0, 0], "z")
        let check = try (zeros ^ Tensor(scalar: 0)).sum().gradcheck(wrt: [zeros])
        #expect(check.passes(tolerance: 1e-9), "max error \(check.maxError)")
        // Found by the differential tester: no gradient at all passes to the base, not even a
        // NaN or ∞ one (PyTorch: ((a ** 0) * [nan, inf]).sum().backward() gives a.grad = [0, 0]).
        let c = try tensor([2], [0, 2], "c")
        try ((c ^ Tensor(scalar: 0)) * tensor([2], [.nan, .infinity], "g")).sum().backward()
        #expect(c.grad == [0, 0])
    }

    @Test func reluAndComparisonsStopAnInfiniteGradient() throws {
        // Found by the differential tester (relu(0) ^ relu(y) has slope ∞ at the zero base): relu
        // passed 0 · ∞ = NaN back where x ≤ 0. PyTorch selects instead: relu(x).backward(∞) with
        // x = [0, -1, 2] gives x.grad = [0, 0, inf]. A comparison passes nothing back at all.
        let x = try tensor([3], [0, -1, 2], "x"), infinite = try tensor([3], [.infinity, .infinity, .infinity], "g")
        try (x.relu() * infinite).sum().backward()
        #expect(x.grad == [0, 0, .infinity])
        let a = try tensor([3], [0, -1, 2], "a")
        try (Tensor.compare(a, Tensor(scalar: 1), .less) * infinite).sum().backward()
        #expect(a.grad == [0, 0, 0])
    }

    @Test func comparisonsAreMasksWithoutGradient() throws {
        // [1,2,3] vs 2: < [1,0,0], <= [1,1,0], > [0,0,1], >= [0,1,1], == [0,1,0], != [1,0,1]
        let x = try tensor([3], [1, 2, 3], "x"), two = Tensor(scalar: 2, label: "two")
        let expected: [Comparison: [Double]] = [
            .less: [1, 0, 0], .lessEqual: [1, 1, 0], .greater: [0, 0, 1],
            .greaterEqual: [0, 1, 1], .equal: [0, 1, 0], .notEqual: [1, 0, 1],
        ]
        for relation in Comparison.allCases {
            let mask = try Tensor.compare(x, two, relation)
            expectValues(mask, expected[relation] ?? [])
            try (mask * x).sum().backward()
            #expect(two.grad == [0], "no gradient reaches the right side through \(relation.symbol)")
            #expect(x.grad == expected[relation], "x gets gradient only through the product")
            #expect(try Expansion(of: mask, flat: 2).value == expected[relation]?[2])
        }
    }
}
