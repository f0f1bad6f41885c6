import Autograd
import Foundation
import Testing
@testable import StepLang

@Suite struct BuiltinTests {
    @Test func everyBuiltinHasSignatureAndHelp() {
        let names = Builtins.all.map(\.name)
        #expect(Set(names).count == names.count)
        for required in ["relu", "sigmoid", "tanh", "exp", "log", "sqrt", "abs", "softmax", "log_softmax", "sum", "mean",
                         "max", "reshape", "transpose", "concat", "stack", "where", "masked_fill", "causal_mask",
                         "padding_mask", "attention", "layernorm", "mse", "cross_entropy", "zeros", "ones", "full",
                         "eye", "arange", "randn", "matmul", "grad", "heatmap", "shape", "sin", "cos", "detach"] {
            let builtin = Builtins.named(required)
            #expect(builtin != nil, "missing \(required)")
            #expect(builtin?.signature.hasPrefix(required + "(") == true)
            #expect(builtin?.help.isEmpty == false)
        }
    }

    @Test func elementwise() throws {
        #expect(try value("relu([-1, 0, 2])").data == [0, 0, 2])
        #expect(try value("sigmoid(0)").data == [0.5])                       // 1/(1+e⁰)
        #expect(close(try value("tanh([0, 1])").data, [0, 0.7615941559557649])) // (e - 1/e)/(e + 1/e)
        #expect(close(try value("exp(1)").data, [2.718281828459045]))
        #expect(try value("log(1)").data == [0])
        #expect(try value("sqrt([9, 0.25])").data == [3, 0.5])
        #expect(try value("abs([-2, 3])").data == [2, 3])
    }

    @Test func sineAndCosineWithTheirGradients() throws {
        let session = Session()
        try run(session, "x = [0, 1]\nL = sum(sin(x)) + sum(cos(x))\nbackward L")
        // sin 1 = 0.8414709848078965, cos 1 = 0.5403023058681398 (Taylor series / any table)
        #expect(close(try value("sin(x)", in: session).data, [0, 0.8414709848078965]))
        #expect(close(try value("cos(x)", in: session).data, [1, 0.5403023058681398]))
        // d/dx (sin x + cos x) = cos x - sin x: [1 - 0, 0.5403023 - 0.8414710]
        #expect(close(try value("grad(x)", in: session).data, [1, -0.3011686789397567]))
    }

    @Test func detachStopsTheGradient() throws {
        let session = Session()
        try run(session, "x = [1, 2]\ny = detach(x * 2)\nL = sum(y * x)\nbackward L")
        // L = Σ yᵢxᵢ with y treated as a constant [2, 4]: ∂L/∂x = y, ∂L/∂y = x
        #expect(try value("grad(x)", in: session).data == [2, 4])
        #expect(try value("grad(y)", in: session).data == [1, 2])
        #expect(session.value(of: "y")?.isLeaf == true)
    }

    @Test func softmaxAndLogSoftmax() throws {
        // exp(0) = 1, exp(log 3) = 3: softmax = [1/4, 3/4]
        #expect(close(try value("softmax([0, log(3)])").data, [0.25, 0.75]))
        #expect(close(try value("log_softmax([0, log(3)])").data, [-1.3862943611198906, -0.2876820724517809])) // log ¼, log ¾
        // along axis 0 of [[0, 0], [log 3, 0]]: column 0 → [¼, ¾], column 1 → [½, ½]
        #expect(close(try value("softmax([[0, 0], [log(3), 0]], axis=0)").data, [0.25, 0.5, 0.75, 0.5]))
    }

    @Test func reductions() throws {
        let session = Session()
        try run(session, "x = [[1, 2], [3, 4]]")
        #expect(try value("sum(x)", in: session).data == [10])
        #expect(try value("sum(x, axis=0)", in: session).data == [4, 6])   // 1+3, 2+4
        #expect(try value("sum(x, axis=1)", in: session).data == [3, 7])   // 1+2, 3+4
        #expect(try value("mean(x)", in: session).data == [2.5])
        #expect(try value("mean(x, axis=0)", in: session).data == [2, 3])
        #expect(try value("max(x)", in: session).data == [4])
        #expect(try value("max(x, axis=1)", in: session).data == [2, 4])
        #expect(try value("sum(x, axis=-1)", in: session).data == [3, 7])
    }

    @Test func layoutBuiltins() throws {
        let r = try value("reshape(arange(6), 2, 3)")
        #expect(r.shape == [2, 3] && r.data == [0, 1, 2, 3, 4, 5])
        #expect(try value("transpose([[1, 2], [3, 4]])").data == [1, 3, 2, 4])
        #expect(try value("concat([1, 2], [3])").data == [1, 2, 3])
        #expect(try value("concat([[1], [2]], [[3], [4]], axis=1)").data == [1, 3, 2, 4])
        let s = try value("stack([1, 2], [3, 4])")
        #expect(s.shape == [2, 2] && s.data == [1, 2, 3, 4])
        #expect(try value("stack([1, 2], [3, 4], axis=1)").data == [1, 3, 2, 4])
        #expect(try value("matmul([[1, 2], [3, 4]], [1, 1])").data == [3, 7])
        #expect(try value("where([1, 0], [1, 2], [3, 4])").data == [1, 4])
        #expect(try value("masked_fill([1, 2, 3], [0, 1, 0], -inf)").data == [1, -.infinity, 3])
        #expect(try value("shape(zeros(2, 3))").data == [2, 3])
    }

    @Test func masks() throws {
        let causal = try value("causal_mask(3)")
        #expect(causal.shape == [3, 3])
        #expect(causal.data == [0, 1, 1,
                                0, 0, 1,
                                0, 0, 0])
        // lengths 1 and 3 in 3 positions: row 0 pads positions 1, 2; row 1 pads nothing
        let padding = try value("padding_mask([1, 3], 3)")
        #expect(padding.shape == [2, 3] && padding.data == [0, 1, 1, 0, 0, 0])
    }

    @Test func attention() throws {
        let session = Session()
        try run(session, "Q = eye(2)\nK = eye(2)\nV = [[1, 2], [3, 4]]")
        // scores = I/√2; row 0 weights p = 1/(1 + e^(-1/√2)) = 0.66976155, q = 1 - p:
        // out[0] = p·[1,2] + q·[3,4] = [1 + 2q, 2 + 2q]; out[1] = [1 + 2p, 2 + 2p]
        let out = try value("attention(Q, K, V)", in: session)
        #expect(close(out.data, [1.6604769013466862, 2.6604769013466862, 2.3395230986533138, 3.3395230986533138], 1e-12))
        // causal, additive: row 0 sees only itself → V[0]
        let masked = try value("attention(Q, K, V, mask=masked_fill(zeros(2, 2), causal_mask(2), -inf))", in: session)
        #expect(close(masked.data, [1, 2, 2.3395230986533138, 3.3395230986533138], 1e-12))
    }

    @Test func layernorm() throws {
        // mean 2, variance (1 + 0 + 1)/3 = 2/3, 1/√(2/3) = 1.224744871391589
        #expect(close(try value("layernorm([1, 2, 3], ones(3), zeros(3), eps=0)").data, [-1.224744871391589, 0, 1.224744871391589]))
        // ·2 + 1
        #expect(close(try value("layernorm([1, 2, 3], [2, 2, 2], [1, 1, 1], eps=0)").data, [-1.449489742783178, 1, 3.449489742783178]))
    }

    @Test func losses() throws {
        #expect(try value("mse([1, 2], [0, 0])").data == [2.5]) // (1 + 4)/2
        // softmax([0, log 3]) = [¼, ¾]; -log ¾ = 0.2876820724517809
        #expect(close(try value("cross_entropy([0, log(3)], [0, 1])").data, [0.2876820724517809]))
        #expect(close(try value("cross_entropy([0, log(3)], 1)").data, [0.2876820724517809]))
        // two rows, each -log ¾; averaged over rows
        #expect(close(try value("cross_entropy([[0, log(3)], [log(3), 0]], [1, 0])").data, [0.2876820724517809]))
    }

    @Test func constructors() throws {
        let z = try value("zeros(2, 3)")
        #expect(z.shape == [2, 3] && z.data.allSatisfy { $0 == 0 })
        #expect(try value("ones(2)").data == [1, 1])
        #expect(try value("full(7, 2)").data == [7, 7])
        #expect(try value("eye(2)").data == [1, 0, 0, 1])
        #expect(try value("arange(3)").data == [0, 1, 2])
        #expect(try value("arange(2, 5)").data == [2, 3, 4])
        let a = try value("randn(2, 3, seed=7)")
        let b = try value("randn(2, 3, seed=7)")
        let c = try value("randn(2, 3, seed=8)")
        #expect(a.shape == [2, 3] && a.data == b.data && a.data != c.data)
    }

    @Test func randnNeedsASeed() throws {
        let error = try #require(failure("randn(2, 3)"))
        #expect(error.message.hasPrefix("randn needs an explicit seed"))
        #expect(error.location.column == 1)
    }

    @Test func unknownKeywordNamesTheAcceptedOnes() throws {
        let error = try #require(failure("softmax([1, 2], dim=0)"))
        #expect(error.message == "softmax has no argument named 'dim'; it takes axis=")
        #expect(error.location.column == 17)
    }

    @Test func wrongArgumentCountShowsUsage() throws {
        let error = try #require(failure("relu(1, 2)"))
        #expect(error.message == "relu takes 1 positional argument, got 2; usage: relu(x)")
        #expect(error.location.column == 1)
    }

    @Test func nonIntegerSize() throws {
        let error = try #require(failure("zeros(2.5)"))
        #expect(error.message == "a size must be a whole number, got 2.5")
        #expect(error.location.column == 7)
    }

    @Test func heatmapInsideAnExpressionIsAnError() throws {
        let error = try #require(failure("x = heatmap(eye(2))"))
        #expect(error.message.hasPrefix("heatmap(x) draws a picture and has no value"))
        #expect(error.location.column == 5)
    }

    @Test func crossEntropyRejectsABadClassIndex() throws {
        let error = try #require(failure("cross_entropy([0, 1], 2)"))
        #expect(error.message == "crossEntropy: target 2.0 is not a class number in 0..<2")
        #expect(error.location.column == 1)
    }
}
