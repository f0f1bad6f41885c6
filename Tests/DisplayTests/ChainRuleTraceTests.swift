import Autograd
import Testing
@testable import Display
@testable import StepLang

/// The chain rule from the loss down to one gradient entry, on networks typed as a learner
/// types them. Numbers: Tests/Fixtures/generate_slips.py (NumPy/PyTorch), rounded to 4 places.
@Suite struct ChainRuleTraceTests {
    static func session(_ source: String = HandCheckNetworks.twoTwoOne) throws -> Session {
        let session = Session()
        _ = try session.run(source: source, file: "t")
        return session
    }

    static func trace(_ session: Session, _ name: String, flat: Int, options: TraceOptions = TraceOptions()) throws -> String {
        let root = try #require(session.lastBackward?.root)
        let x = try #require(session.value(of: name))
        return try TraceRenderer.gradient(of: root, withRespectTo: x, flat: flat, gradient: session.gradient(of:), options: options)
    }

    @Test func outputWeightFactorsAreNamedThenWrittenThenMultiplied() throws {
        // By hand from the rounded values: 2·(0.7057 - 1) = -0.5886, 0.7057·(1 - 0.7057) = 0.2077,
        // -0.5886·0.2077·0.6457 = -0.0789 (PyTorch: -0.07892601).
        let text = try Self.trace(try Self.session(), "W2", flat: 1)
        #expect(text == """
            ∂L/∂W2[0,1] = ∂L/∂a2[0]·σ′(z2[0])·a1[1]
                        = 2·(a2[0] - y[0])·a2[0]·(1 - a2[0])·a1[1]
                        = 2·(0.7057 - 1)·0.7057·(1 - 0.7057)·0.6457
                        = 2·(-0.2943)·0.7057·0.2943·0.6457
                        = -0.0789
              ∂L/∂a2[0] = 2·(a2[0] - y[0]) = 2·(0.7057 - 1) = -0.5886
              σ′(z2[0]) = a2[0]·(1 - a2[0]) = 0.7057·(1 - 0.7057) = 0.2077
            backward: W2.grad[0,1] = -0.0789 ✓
            """)
    }

    @Test func hiddenWeightChainRunsThroughBothLayers() throws {
        // ∂L/∂W1[1,0] = ∂L/∂a2·σ′(z2)·W2[0,1]·σ′(z1[1])·x[0]; σ′(z1[1]) = 0.6457·0.3543 = 0.2288;
        // -0.5886·0.2077·0.6·0.2288·1 = -0.0168 (PyTorch: -0.01678016).
        let text = try Self.trace(try Self.session(), "W1", flat: 2)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "∂L/∂W1[1,0] = ∂L/∂a2[0]·σ′(z2[0])·W2[0,1]·σ′(z1[1])·x[0]")
        #expect(lines.contains("  σ′(z1[1]) = a1[1]·(1 - a1[1]) = 0.6457·(1 - 0.6457) = 0.2288"))
        #expect(lines.contains("            = -0.0168"))
        #expect(lines.last == "backward: W1.grad[1,0] = -0.0168 ✓")
    }

    @Test func tanhIsWrittenInItsClosedForm() throws {
        // a = tanh(z), z = w·x = 0.5: tanh(0.5) = 0.4621, 1 - 0.4621² = 0.7864; L = sum(a).
        let session = try Self.session("""
            w = [0.5]
            x = [1]
            z = w * x
            a = tanh(z)
            L = sum(a)
            backward L
            """)
        let text = try Self.trace(session, "w", flat: 0)
        #expect(text.hasPrefix("∂L/∂w[0] = tanh′(z[0])·x[0]\n"))
        #expect(text.contains("tanh′(z[0]) = 1 - a[0]^2 = 1 - 0.4621^2 = 0.7864"))
    }

    @Test func softmaxShowsTheJacobianEntriesUsed() throws {
        // The MLP lesson (seed 002): a2 = softmax(z2) = [0.5841905229, 0.4158094771], L = mse(a2, y), y = [1, 0].
        // ∂L/∂z2[0] = Σₖ ∂L/∂a2[k]·∂a2[k]/∂z2[0]; ∂a2[0]/∂z2[0] = a2[0](1 - a2[0]), ∂a2[1]/∂z2[0] = -a2[1]·a2[0].
        // PyTorch (generate_lessons.py, the MLP lesson): grad(z2) = [-0.2020101867, 0.2020101867].
        let session = try Self.session(HandCheckNetworks.mlp342 + """

            a2 = softmax(z2)
            y = [1, 0]
            L = mse(a2, y)
            backward L
            """)
        let text = try Self.trace(session, "z2", flat: 0)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "∂L/∂z2[0] = ∂L/∂a2[0]·∂a2[0]/∂z2[0] + ∂L/∂a2[1]·∂a2[1]/∂z2[0]")
        #expect(lines.contains("  ∂a2[0]/∂z2[0] = a2[0]·(1 - a2[0]) = 0.5842·(1 - 0.5842) = 0.2429"))
        #expect(lines.contains("  ∂a2[1]/∂z2[0] = -(a2[1]·a2[0]) = -(0.4158·0.5842) = -0.2429"))
        #expect(lines.last == "backward: z2.grad[0] = -0.202 ✓")
        // On request, the whole Jacobian diag(a) - a·aᵀ: a0·a1 = 0.5842·0.4158 = 0.2429 on the diagonal, its negative off it.
        let withJacobian = try Self.trace(session, "z2", flat: 0, options: TraceOptions(softmaxJacobian: true))
        let matrix = withJacobian.split(separator: "\n").map(String.init).drop { !$0.contains("Jacobian diag(a) - a·aᵀ (row k") }
        #expect(matrix.dropFirst().first?.split(separator: " ") == ["0.2429", "-0.2429"])
        #expect(matrix.dropFirst(2).first?.split(separator: " ") == ["-0.2429", "0.2429"])
    }

    @Test func crossEntropyThroughLogSoftmaxIsWrittenAsSoftmaxMinusTarget() throws {
        // The MLP lesson with L = -Σ y·log_softmax(z2): ∂L/∂z2 = softmax(z2) - y = [0.5842 - 1, 0.4158 - 0];
        // ∂L/∂W1[0,2] = (-0.4158·0.3 + 0.4158·0.2)·relu′(0.68)·0.3 = -0.04158·1·0.3 = -0.0125.
        let session = try Self.session(HandCheckNetworks.mlp342 + """

            y = [1, 0]
            L = -sum(y * log_softmax(z2))
            backward L
            """)
        let lines = try Self.trace(session, "W1", flat: 2).split(separator: "\n").map(String.init)
        #expect(lines.first == "∂L/∂W1[0,2] = (∂L/∂z2[0]·W2[0,0] + ∂L/∂z2[1]·W2[1,0])·relu′(z1[0])·a0[2]")
        #expect(lines.contains("  ∂L/∂z2[0] = softmax(z2)[0] - y[0] = 0.5842 - 1 = -0.4158"))
        #expect(lines.contains("  relu′(z1[0]) = 1   (0.68 > 0)"))
        #expect(lines.last == "backward: W1.grad[0,2] = -0.0125 ✓")
    }

    @Test func aDeepNetworkIsTracedWithoutBlowingUp() throws {
        // Eight tanh layers of width 4: 4⁸ paths from W1 to the loss. Each entry's chain is
        // worked out once; past the term limit the arriving gradient is a number from backward.
        var source = "h0 = [0.5, -0.2, 0.1, 0.3]\n"
        for layer in 1...8 { source += "W\(layer) = randn(4, 4, seed=\(layer)) * 0.5\nh\(layer) = tanh(W\(layer) @ h\(layer - 1))\n" }
        source += "L = sum(h8)\nbackward L\n"
        let session = try Self.session(source)
        let text = try Self.trace(session, "W1", flat: 0)
        #expect(text.hasSuffix("✓"))
        #expect(text.hasPrefix("∂L/∂W1[0,0] = (∂L/∂h2[0]·∂h2[0]/∂h1[0] + ∂L/∂h2[1]·∂h2[1]/∂h1[0] + "))
    }

    @Test func aFactorTooBigToWriteOutIsItsValue() throws {
        // L = mean(x·x) over 300 entries: ∂L/∂x[5] = 2·x[5]/300 = 10/300 = 0.0333 (the 300-term
        // derivative is not written out).
        let session = try Self.session("""
            x = arange(300)
            L = mean(x * x)
            backward L
            """)
        #expect(try Self.trace(session, "x", flat: 5) == "∂L/∂x[5] = 0.0333\nbackward: x.grad[5] = 0.0333 ✓")
    }

    @Test func constantsAppearAsTheirValues() throws {
        // L = sum((a - y)^2) / 2 with literal constants: the 2s are written as 2, never as t.
        // By hand: L = (0.7 - 1)²/2 = 0.09/2 = 0.045; ∂L/∂a = 2·(0.7 - 1)/2 = -0.3.
        let session = try Self.session("""
            a = [0.7]
            y = [1]
            L = sum((a - y)^2) / 2
            backward L
            """)
        let text = try Self.trace(session, "a", flat: 0)
        #expect(!text.contains("·t") && !text.contains("/t"))
        #expect(text.hasPrefix("∂L/∂a[0] = 2·(a[0] - y[0])/2\n"))
        let forward = TraceRenderer.render(try Expansion(of: try #require(session.value(of: "L")), flat: 0) { $0.isLeaf }, name: "L")
        #expect(forward.hasPrefix("L = (a[0] - y[0])^2/2\n"))
        #expect(forward.hasSuffix("= 0.045"))
        let scaled = try Self.session("""
            q = [3]
            s = q / sqrt(2)
            """)
        let expansion = try Expansion(of: try #require(scaled.value(of: "s")), flat: 0) { $0.isLeaf }
        // 3/√2 = 3/1.41421356 = 2.12132
        #expect(TraceRenderer.render(expansion, name: "s[0]") == """
            s[0] = q[0]/√2
                 = 3/1.4142
                 = 2.1213
            """)
    }

    @Test func graphsNameConstantsByWhatTheyAre() throws {
        let session = try Self.session("""
            x = [[1, 2, 3, 4]]
            s = x @ ones(4, 1) * 2
            """)
        let s = try #require(session.value(of: "s"))
        let names: (Tensor) -> String? = { t in session.variables.first { $0.value === t }?.name }
        let text = try GraphText.render(s, names: names)
        #expect(text.contains("matmul(x, ones(4, 1))"))
        #expect(text.contains(", 2)"))
        let dot = try GraphDOT.render(s, names: names)
        #expect(dot.contains("ones(4, 1)\\nconstant"))
        #expect(text.contains("ones(4, 1)  constant"))
    }
}
