import Testing
import Foundation
import Autograd
@testable import Display

@Suite struct TraceTests {
    /// The first layer of the 3-4-2 MLP (seed 002): z1 = W1 @ a0 + b1.
    static func mlpLayer() throws -> (z1: Tensor, w1: Tensor) {
        let w1 = try Tensor(shape: [4, 3], data: [0.2, 0.4, 0.6, 0.5, 0.1, 0.3, 0.8, 0.7, 0.9, 0.3, 0.5, 0.7], label: "W1")
        let a0 = try Tensor(shape: [3], data: [1, 0.5, 0.3], label: "a0")
        let b1 = try Tensor(shape: [4], data: [0.1, 0.2, 0.3, 0.4], label: "b1")
        let z1 = try Tensor.matmul(w1, a0) + b1
        z1.label = "z1"
        return (z1, w1)
    }

    @Test func matmulPlusBias() throws {
        // By hand: z1[1] = 0.5·1 + 0.1·0.5 + 0.3·0.3 + 0.2 = 0.5 + 0.05 + 0.09 + 0.2 = 0.84.
        let (z1, _) = try Self.mlpLayer()
        let expansion = try Expansion(of: z1, flat: 1)
        #expect(TraceRenderer.render(expansion, name: TraceRenderer.entryName("z1", index: [1])) == """
            z1[1] = W1[1,0]·a0[0] + W1[1,1]·a0[1] + W1[1,2]·a0[2] + b1[1]
                  = 0.5·1 + 0.1·0.5 + 0.3·0.3 + 0.2
                  = 0.5 + 0.05 + 0.09 + 0.2
                  = 0.84
            """)
    }

    @Test func matmulWeightGradient() throws {
        // L = Σ z1·z1: ∂L/∂z1[0] = z1[0] + z1[0] = 0.68 + 0.68 = 1.36 (one term per use);
        // ∂L/∂W1[0,2] = ∂L/∂z1[0]·a0[2] = 1.36·0.3 = 0.408.
        let (z1, w1) = try Self.mlpLayer()
        let loss = try (z1 * z1).sum()
        loss.label = "L"
        let gradient = try backwardGradients(loss)
        #expect(try TraceRenderer.gradient(of: loss, withRespectTo: w1, flat: 2, gradient: gradient) == """
            ∂L/∂W1[0,2] = ∂L/∂z1[0]·a0[2]
                        = (z1[0] + z1[0])·a0[2]
                        = (0.68 + 0.68)·0.3
                        = 1.36·0.3
                        = 0.408
              ∂L/∂z1[0] = z1[0] + z1[0] = 0.68 + 0.68 = 1.36
            backward: W1.grad[0,2] = 0.408 ✓
            """)
    }

    @Test func dotProductPlusBias() throws {
        // Row 0 of the 3-4-2 MLP's first layer: z = Σₖ W1[k]·a0[k] + b1.
        // By hand: 0.2·1 = 0.2, 0.4·0.5 = 0.2, 0.6·0.3 = 0.18; 0.2 + 0.2 + 0.18 + 0.1 = 0.68.
        let w = try Tensor(shape: [3], data: [0.2, 0.4, 0.6], label: "W1")
        let a = try Tensor(shape: [3], data: [1, 0.5, 0.3], label: "a0")
        let b = Tensor(scalar: 0.1, label: "b1")
        let z = try (w * a).sum() + b
        let text = TraceRenderer.render(try Expansion(of: z, flat: 0), name: "z")
        #expect(text == """
            z = W1[0]·a0[0] + W1[1]·a0[1] + W1[2]·a0[2] + b1
              = 0.2·1 + 0.4·0.5 + 0.6·0.3 + 0.1
              = 0.2 + 0.2 + 0.18 + 0.1
              = 0.68
            """)
    }

    @Test func sharedNodesAreNamedOnce() throws {
        // y = exp(x) / Σ exp(x) at x = [1, 2]: exp(x[0]) is read by the numerator and the sum.
        // By hand: e = 2.71828, e² = 7.38906, sum 10.10734, y[0] = 2.71828 / 10.10734 = 0.26894.
        let x = try Tensor(shape: [2], data: [1, 2], label: "x")
        let e = x.exp()
        let y = try e / e.sum()
        let text = TraceRenderer.render(try Expansion(of: y, flat: 0), name: "y[0]")
        #expect(text == """
            u1 = exp(x[0])
               = exp(1)
               = 2.7183
            y[0] = u1/(u1 + exp(x[1]))
                 = 2.7183/(2.7183 + exp(2))
                 = 2.7183/(2.7183 + 7.3891)
                 = 2.7183/10.1073
                 = 0.2689
            """)
    }

    @Test func negativeNumbersAreParenthesised() throws {
        // 2·(-3) - (-1) = -6 + 1 = -5
        let a = Tensor(scalar: 2, label: "a"), b = Tensor(scalar: -3, label: "b"), c = Tensor(scalar: -1, label: "c")
        let text = TraceRenderer.render(try Expansion(of: try a * b - c, flat: 0), name: "r")
        #expect(text == """
            r = a·b - c
              = 2·(-3) - (-1)
              = -6 - (-1)
              = -5
            """)
    }

    @Test func aLeafEntryIsItsValue() throws {
        let (_, w1) = try Self.mlpLayer()
        #expect(TraceRenderer.render(try Expansion(of: w1, flat: 2), name: "W1[0,2]") == "W1[0,2] = 0.6")
    }

    @Test func longSumsAreElided() throws {
        // Σ of 20 ones = 20
        let x = try Tensor(shape: [20], data: Array(repeating: 1, count: 20), label: "x")
        let text = TraceRenderer.render(try Expansion(of: x.sum(), flat: 0), name: "s", options: TraceOptions(maxTerms: 6))
        let first = try #require(text.split(separator: "\n").first)
        #expect(first == "s = x[0] + x[1] + x[2] + x[3] + … (15 more terms) + x[19]")
        #expect(text.hasSuffix("= 20"))
    }
}

@Suite struct GradientTraceTests {
    // z = W[0]·a[0] + W[1]·a[1] + b, L = z·z, at W = [0.2, 0.4], a = [1, 0.5], b = 0.1.
    // By hand: z = 0.2 + 0.2 + 0.1 = 0.5; ∂L/∂z = 2z = 1; ∂L/∂W[1] = ∂L/∂z·a[1] = 1·0.5 = 0.5.
    func network() throws -> (loss: Tensor, w: Tensor, z: Tensor, gradient: (Tensor) -> [Double]?) {
        let w = try Tensor(shape: [2], data: [0.2, 0.4], label: "W")
        let a = try Tensor(shape: [2], data: [1, 0.5], label: "a")
        let b = Tensor(scalar: 0.1, label: "b")
        let z = try (w * a).sum() + b
        z.label = "z"
        let loss = try z * z
        loss.label = "L"
        return (loss, w, z, try backwardGradients(loss))
    }

    @Test func chainRuleThroughANamedIntermediate() throws {
        let (loss, w, _, gradient) = try network()
        let text = try TraceRenderer.gradient(of: loss, withRespectTo: w, flat: 1, gradient: gradient)
        #expect(text == """
            ∂L/∂W[1] = ∂L/∂z·a[1]
                     = (z + z)·a[1]
                     = (0.5 + 0.5)·0.5
                     = 1·0.5
                     = 0.5
              ∂L/∂z = z + z = 0.5 + 0.5 = 1
            backward: W.grad[1] = 0.5 ✓
            """)
    }

    @Test func bothUsesOfAValueAreSummed() throws {
        // L = z·z: ∂L/∂z = z + z = 0.5 + 0.5 = 1 (the product rule, one term per use).
        let (loss, _, z, gradient) = try network()
        let text = try TraceRenderer.gradient(of: loss, withRespectTo: z, flat: 0, gradient: gradient)
        #expect(text == """
            ∂L/∂z = z + z
                  = 0.5 + 0.5
                  = 1
            backward: z.grad = 1 ✓
            """)
    }

    @Test func nonlinearLocalRulesAreWrittenOut() throws {
        // y = log(exp(u)) at u = 0.5, one expression: ∂y/∂u = exp(u)/exp(u);
        // exp(0.5) = 1.64872 (e^½), so 1.6487/1.6487 = 1.
        let u = Tensor(scalar: 0.5, label: "u")
        let y = u.exp().log()
        y.label = "y"
        let text = try TraceRenderer.gradient(of: y, withRespectTo: u, flat: 0, gradient: try backwardGradients(y))
        #expect(text == """
            ∂y/∂u = exp(u)/exp(u)
                  = exp(0.5)/exp(0.5)
                  = 1.6487/1.6487
                  = 1
            backward: u.grad = 1 ✓
            """)
    }

    @Test func refusesBeforeBackward() throws {
        let w = try Tensor(shape: [2], data: [1, 2], label: "W")
        let loss = w.sum()
        #expect(throws: DisplayError.self) { try TraceRenderer.gradient(of: loss, withRespectTo: w, flat: 0, gradient: { _ in nil }) }
    }
}
