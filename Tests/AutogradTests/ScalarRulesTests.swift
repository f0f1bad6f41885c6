import Foundation
import Testing
@testable import Autograd

/// Each rule of the table (`ScalarOp.localDerivatives`), as the scalar backward applies it,
/// against the tensor op that computes the same function (its own backward, written
/// separately in Ops/) and against central finite differences of the forward value.
@Suite struct ScalarRulesTests {
    /// One scalar op on inputs (a, b), and the same function built from tensor ops.
    struct Case: CustomStringConvertible, Sendable {
        let description: String
        let a: Double
        let b: Double
        let scalar: @Sendable (Scalar, Scalar) -> Scalar
        let tensor: @Sendable (Tensor, Tensor) throws -> Tensor
    }

    static let cases: [Case] = [
        Case(description: "add", a: 0.7, b: -1.3, scalar: { $0 + $1 }, tensor: { try $0 + $1 }),
        Case(description: "sub", a: 0.7, b: -1.3, scalar: { $0 - $1 }, tensor: { try $0 - $1 }),
        Case(description: "mul", a: 0.7, b: -1.3, scalar: { $0 * $1 }, tensor: { try $0 * $1 }),
        Case(description: "div", a: 0.7, b: -1.3, scalar: { $0 / $1 }, tensor: { try $0 / $1 }),
        Case(description: "neg", a: 0.7, b: 0, scalar: { a, _ in -a }, tensor: { a, _ in -a }),
        Case(description: "pow 3", a: 0.7, b: 0, scalar: { a, _ in a.pow(3) }, tensor: { a, _ in try a ^ Tensor(scalar: 3) }),
        Case(description: "exp", a: 0.7, b: 0, scalar: { a, _ in a.exp() }, tensor: { a, _ in a.exp() }),
        Case(description: "log", a: 0.7, b: 0, scalar: { a, _ in a.log() }, tensor: { a, _ in a.log() }),
        Case(description: "sqrt", a: 0.7, b: 0, scalar: { a, _ in a.sqrt() }, tensor: { a, _ in a.sqrt() }),
        Case(description: "tanh", a: 0.7, b: 0, scalar: { a, _ in a.tanh() }, tensor: { a, _ in a.tanh() }),
        Case(description: "sigmoid", a: 0.7, b: 0, scalar: { a, _ in a.sigmoid() }, tensor: { a, _ in a.sigmoid() }),
        Case(description: "relu above 0", a: 0.7, b: 0, scalar: { a, _ in a.relu() }, tensor: { a, _ in a.relu() }),
        Case(description: "relu below 0", a: -0.7, b: 0, scalar: { a, _ in a.relu() }, tensor: { a, _ in a.relu() }),
        Case(description: "max, a larger", a: 0.7, b: -1.3, scalar: { $0.max($1) }, tensor: { try Tensor.stack([$0, $1]).max() }),
        Case(description: "max, b larger", a: -1.3, b: 0.7, scalar: { $0.max($1) }, tensor: { try Tensor.stack([$0, $1]).max() }),
        Case(description: "abs of a negative", a: -0.7, b: 0, scalar: { a, _ in a.abs() }, tensor: { a, _ in a.abs() }),
        Case(description: "abs of a positive", a: 0.7, b: 0, scalar: { a, _ in a.abs() }, tensor: { a, _ in a.abs() }),
        Case(description: "power", a: 0.7, b: 1.3, scalar: { $0.pow($1) }, tensor: { try $0 ^ $1 }),
        Case(description: "sin", a: 0.7, b: 0, scalar: { a, _ in a.sin() }, tensor: { a, _ in a.sin() }),
        Case(description: "cos", a: 0.7, b: 0, scalar: { a, _ in a.cos() }, tensor: { a, _ in a.cos() }),
    ]

    @Test(arguments: cases)
    func ruleAgreesWithTensorBackwardAndFiniteDifferences(_ c: Case) throws {
        let graph = ScalarGraph()
        let (a, b) = (graph.leaf(c.a), graph.leaf(c.b))
        let y = c.scalar(a, b)
        y.backward()

        let (ta, tb) = (Tensor(scalar: c.a), Tensor(scalar: c.b))
        let ty = try c.tensor(ta, tb)
        try ty.backward()
        #expect(abs(y.value - ty.data[0]) <= 1e-12)
        #expect(abs(a.grad - (ta.grad?[0] ?? 0)) <= 1e-12, "∂/∂a: the rule gives \(a.grad), the tensor op \(ta.grad?[0] ?? 0)")
        #expect(abs(b.grad - (tb.grad?[0] ?? 0)) <= 1e-12, "∂/∂b: the rule gives \(b.grad), the tensor op \(tb.grad?[0] ?? 0)")

        // (f(x + h) - f(x - h)) / 2h, on fresh tapes.
        func f(_ x: Double, _ z: Double) -> Double { let g = ScalarGraph(); return c.scalar(g.leaf(x), g.leaf(z)).value }
        let h = 1e-6
        let numericA = (f(c.a + h, c.b) - f(c.a - h, c.b)) / (2 * h)
        let numericB = (f(c.a, c.b + h) - f(c.a, c.b - h)) / (2 * h)
        #expect(abs(a.grad - numericA) <= 1e-6, "∂/∂a: the rule gives \(a.grad), finite differences \(numericA)")
        #expect(abs(b.grad - numericB) <= 1e-6, "∂/∂b: the rule gives \(b.grad), finite differences \(numericB)")
    }

    @Test func closedFormsByHand() {
        // At a = 0.5: σ(0.5) = 1/(1 + e^-0.5) = 1/1.6065307 = 0.6224593, σ′ = 0.6224593·0.3775407 = 0.2350037;
        // tanh(0.5) = 0.4621172, tanh′ = 1 - 0.4621172² = 1 - 0.2135523 = 0.7864477.
        let graph = ScalarGraph()
        let a = graph.leaf(0.5)
        a.sigmoid().backward()
        #expect(abs(a.grad - 0.2350037) < 1e-7)
        a.tanh().backward()
        #expect(abs(a.grad - 0.7864477) < 1e-7)
    }
}

/// x⁰ at x = 0: the tensor op and the scalar expansion both send nothing back (PyTorch: 0), where
/// the power rule n·xⁿ⁻¹ would give 0·0⁻¹ = NaN.
@Suite struct ZeroPowerTests {
    @Test func theScalarChainAgreesWithTheTensorOp() throws {
        let x = try Tensor(shape: [2], data: [0, 2], label: "x")
        let power = try x ^ Tensor(scalar: 0)
        let steps = try power.sum().backward()
        #expect(steps.first { $0.node === x }?.receivedGrad == [0, 0])
        for flat in 0..<2 {
            let expansion = try Expansion(of: power, flat: flat)
            expansion.graph.backward(from: expansion.root)
            let leaf = try #require(expansion.leaves.first { $0.value.tensor === x && $0.value.flat == flat }?.key)
            #expect(expansion.graph.grads[leaf] == 0, "x[\(flat)]")
        }
    }
}
