import Autograd
import Display
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import StepLang
import Testing

/// The network diagram on the MLP lesson's 3-4-2 network, the XOR lesson's net and the 2-2-1
/// hand-check network, built through the language as a lesson builds them.
struct NetworkDiagramTests {
    /// The MLP lesson's 3-4-2 network (HandCheckNetworks.mlp342, lessons/02-mlp-3-4-2.md), then
    /// softmax and a cross-entropy loss.
    static let mlp = HandCheckNetworks.mlp342 + """

        a2 = softmax(z2)
        y = [1, 0]
        L = -sum(y * log(a2))
        """

    static func session(_ source: String, backward: Bool = false) throws -> Session {
        let session = Session()
        _ = try session.run(source: source + (backward ? "\nbackward L" : ""))
        return session
    }

    static func diagram(_ session: Session, of name: String, traced: (String, Int)? = nil) throws -> NetworkDiagram {
        let names = Dictionary(session.variables.map { (ObjectIdentifier($0.value), $0.name) }, uniquingKeysWith: { first, _ in first })
        let tracedTensor = try traced.map { (try #require(session.value(of: $0.0)), $0.1) }
        return try NetworkDiagram(of: try #require(session.value(of: name)), names: { names[ObjectIdentifier($0)] },
                                  gradient: { session.gradient(of: $0) }, traced: tracedTensor.map { (tensor: $0.0, entry: $0.1) })
    }

    @Test func theMLPIsThreeColumnsOfThreeFourAndTwo() throws {
        let d = try Self.diagram(Self.session(Self.mlp), of: "a2")
        #expect(d.layers.map(\.size) == [3, 4, 2])
        #expect(d.layers.map(\.neurons.name) == ["a0", "a1", "a2"])
        #expect(d.layers.map(\.activation) == [nil, "relu", "softmax"])
        #expect(d.layers[1].preActivation?.name == "z1")
        #expect(d.connections.map(\.name) == ["W1", "W2"])
        #expect(d.connections.map { $0.bias?.name } == ["b1", "b2"])
        #expect(d.connections.map(\.isShared) == [false, false])
        // z1 by hand (lessons/02-mlp-3-4-2.md): 0.68, 0.84, 1.72, 1.16; relu keeps them.
        let a1 = d.layers[1].neurons.values
        for (got, want) in zip(a1, [0.68, 0.84, 1.72, 1.16]) { #expect(abs(got - want) < 1e-12) }
        #expect(d.example == nil)
        #expect(d.layers.allSatisfy { $0.neurons.gradients == nil })
    }

    @Test func eachWeightSitsOnTheEdgeItMultiplies() throws {
        let d = try Self.diagram(Self.session(Self.mlp), of: "a2")
        // W1 @ a0: W1[to, from] joins a0[from] to a1[to]. W1[2, 1] = 0.7 (third row, second column).
        #expect(d.connections[0].weights[2][1] == 0.7)
        #expect(d.connections[0].entryIndex(to: 2, from: 1) == [2, 1])
        // W2[1, 3] = 0.8 joins a1[3] to a2[1].
        #expect(d.connections[1].weights[1][3] == 0.8)
        #expect(d.connections[1].weights.map(\.count) == [4, 4])
        #expect(d.connections[1].bias?.values == [0.1, 0.2])
    }

    @Test func afterBackwardTheGradientsComeFromTheSession() throws {
        let d = try Self.diagram(Self.session(Self.mlp, backward: true), of: "a2")
        // Cross-entropy after softmax: ∂L/∂z2 = a2 − y; ∂L/∂W2[i, j] = (a2 − y)[i] · a1[j].
        // a2[0] = 1 / (1 + e^{-0.34}) = 0.5841905229 (lessons/02-mlp-3-4-2.md), so ∂L/∂W2[0, 2] = -0.4158094771 · 1.72.
        let g = try #require(d.connections[1].weightGradients)
        #expect(abs(g[0][2] - (-0.4158094771 * 1.72)) < 1e-9)
        #expect(abs((d.layers[2].preActivation?.gradients?[1] ?? 0) - 0.4158094771) < 1e-9)
        let b2 = try #require(d.connections[1].bias?.gradients)
        #expect(abs(b2[0] + 0.4158094771) < 1e-9)
    }

    @Test func theTracedEntryIsFound() throws {
        let session = try Self.session(Self.mlp)
        #expect(try Self.diagram(session, of: "a2", traced: ("W1", 7)).highlight == .edge(connection: 0, to: 2, from: 1))
        #expect(try Self.diagram(session, of: "a2", traced: ("z1", 3)).highlight == .neuron(layer: 1, index: 3))
        #expect(try Self.diagram(session, of: "a2", traced: ("b2", 1)).highlight == .bias(connection: 1, index: 1))
        #expect(try Self.diagram(session, of: "a2", traced: ("y", 0)).highlight == nil)
    }

    @Test func theXORNetIsReadOneExampleAtATime() throws {
        // The XOR lesson's net (lessons/03-xor-hidden-layer.md): h = tanh(X W1 + b1), p = sigmoid(h W2 + b2), four examples as rows.
        let session = try Self.session("""
            X = [[0, 0], [0, 1], [1, 0], [1, 1]]
            W1 = [[0.3, -0.5, -0.9], [-1.0, 0.6, 0.8]]
            b1 = [0.2, 0.5, 0.1]
            W2 = [0.9, 0.6, -1.0]
            b2 = 0
            h = tanh(X @ W1 + b1)
            p = sigmoid(h @ W2 + b2)
            """)
        let names = Dictionary(session.variables.map { (ObjectIdentifier($0.value), $0.name) }, uniquingKeysWith: { a, _ in a })
        let d = try NetworkDiagram(of: try #require(session.value(of: "p")), names: { names[ObjectIdentifier($0)] },
                                   gradient: { session.gradient(of: $0) }, example: 2)
        #expect(d.layers.map(\.size) == [2, 3, 1])
        #expect(d.example == 2)
        #expect(d.layers[0].neurons.values == [1, 0])
        // X @ W1: W1[from, to]; the edge x[0] → h[2] carries W1[0, 2] = -0.9.
        #expect(d.connections[0].weights[2][0] == -0.9)
        #expect(d.connections[0].entryIndex(to: 2, from: 0) == [0, 2])
        // h[2] for example 2 (x = (1, 0)) = tanh(0.3·0 … ) = tanh(-0.9 + 0.1) = tanh(-0.8) = -0.6640367703
        #expect(abs(d.layers[1].neurons.values[2] - (-0.6640367703)) < 1e-9)
        #expect(d.connections[1].weights == [[0.9, 0.6, -1.0]])
        #expect(d.connections[1].bias?.values == [0])
        #expect(throws: DisplayError.self) {
            try NetworkDiagram(of: session.value(of: "p")!, names: { _ in nil }, gradient: { _ in nil }, example: 4)
        }
    }

    @Test func theTwoTwoOneNetCarriesPyTorchsGradients() throws {
        // HandCheckNetworks.twoTwoOne: sigmoid layers, MSE, after backward; the expected
        // gradients are PyTorch's (Tests/Fixtures/generate_slips.py), quoted there.
        let d = try Self.diagram(Self.session(HandCheckNetworks.twoTwoOne), of: "a2")
        #expect(d.layers.map(\.size) == [2, 2, 1])
        #expect(d.layers.map(\.activation) == [nil, "sigmoid", "sigmoid"])
        let w2 = try #require(d.connections[1].weightGradients)
        #expect(abs(w2[0][0] - -0.07022073) < 1e-8 && abs(w2[0][1] - -0.07892601) < 1e-8)
        // grad(W1)[1, 0] sits on the edge x[0] → a1[1].
        let w1 = try #require(d.connections[0].weightGradients)
        #expect(abs(w1[1][0] - -0.01678016) < 1e-8)
        #expect(abs(d.layers[2].neurons.values[0] - 0.70570508) < 1e-8)
    }

    @Test func somethingThatIsNotALayerIsRefusedWithAReason() throws {
        let session = try Self.session(Self.mlp)
        #expect {
            try Self.diagram(session, of: "L")
        } throws: { error in
            (error as? DisplayError)?.description.contains("not the output of a layer") ?? false
        }
    }

    @Test func theTextDrawingFitsTheWidthOrSaysWhy() throws {
        let d = try Self.diagram(Self.session(Self.mlp, backward: true), of: "a2", traced: ("W1", 7))
        let text = try NetworkDiagramText.render(d, width: 100)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines[0].hasPrefix("a0") && lines[0].contains("a1 = relu(z1)") && lines[0].contains("a2 = softmax(z2)"))
        // The neurons with their values, the traced weight marked in the table, its edge in heavy dots.
        #expect(text.contains("(0.68)") && text.contains("(1.72)") && text.contains("(0.5)"))
        #expect(text.contains("▶0.7◀"))
        #expect(text.contains("•"))
        #expect(text.contains("W1 → a1[2]"))
        #expect(text.contains("gradients ∂W2, ∂b2"))
        #expect(throws: DisplayError.self) { try NetworkDiagramText.render(d, width: 30) }
    }
}

/// The SVG drawing: well-formed XML, every name escaped, one line per weight.
struct NetworkDiagramSVGTests {
    @Test func theSVGIsWellFormedAndHasAnEdgePerWeight() throws {
        let session = try NetworkDiagramTests.session(NetworkDiagramTests.mlp, backward: true)
        let svg = NetworkDiagramSVG.render(try NetworkDiagramTests.diagram(session, of: "a2", traced: ("W2", 6)))
        let document = try XMLDocument(xmlString: svg, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        // 3·4 + 4·2 = 20 edges, 3 + 4 + 2 = 9 neurons.
        #expect(try root.nodes(forXPath: "//*[local-name()='line']").count == 20)
        #expect(try root.nodes(forXPath: "//*[local-name()='circle']").count == 9)
        // W2[1, 2] = 0.6 is traced: exactly one edge is amber, and its tooltip names the entry.
        let traced = try root.nodes(forXPath: "//*[local-name()='line'][@stroke='#f0a400']")
        #expect(traced.count == 1)
        #expect(traced.first?.stringValue?.hasPrefix("W2[1, 2] = 0.6") == true)
        #expect(svg.contains("a1 = relu(z1)") && svg.contains("∂ "))
    }

    @Test func namesAreEscaped() throws {
        let session = try NetworkDiagramTests.session(NetworkDiagramTests.mlp)
        let hostile: (Tensor) -> String? = { t in t === session.value(of: "W1") ? "<script>&\"W\"" : nil }
        let diagram = try NetworkDiagram(of: try #require(session.value(of: "a2")), names: hostile, gradient: { _ in nil })
        let svg = NetworkDiagramSVG.render(diagram)
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;&amp;&quot;W&quot;"))
        #expect(throws: Never.self) { try XMLDocument(xmlString: svg, options: []) }
    }
}

/// The RNN lesson's cell (lessons/04-rnn-bptt.md) unrolled three steps: each hidden state is a column, Whh the edges between
/// them, the input term Wxh * x added into each step.
struct UnrolledRNNDiagramTests {
    static let rnn = """
        Wxh = [0.3, 0.8]
        Whh = [[0.6, -0.5], [-0.4, 0.7]]
        bh = [0.1, -0.2]
        h0 = zeros(2)
        h1 = tanh(Wxh * 1.0 + Whh @ h0 + bh)
        h2 = tanh(Wxh * -0.5 + Whh @ h1 + bh)
        h3 = tanh(Wxh * 0.8 + Whh @ h2 + bh)
        L = sum(h3)
        backward L
        """

    @Test func eachStepIsAColumnJoinedByWhh() throws {
        let session = try NetworkDiagramTests.session(Self.rnn)
        let d = try NetworkDiagramTests.diagram(session, of: "h3")
        #expect(d.layers.map(\.neurons.name) == ["h0", "h1", "h2", "h3"])
        #expect(d.layers.map(\.activation) == [nil, "tanh", "tanh", "tanh"])
        #expect(d.connections.map(\.name) == ["Whh", "Whh", "Whh"])
        #expect(d.connections.map(\.isShared) == [true, true, true])
        #expect(d.layers[2].preActivation?.name == "…")
        #expect(d.connections.allSatisfy { $0.weights == [[0.6, -0.5], [-0.4, 0.7]] && $0.bias?.name == "bh" })
        // The input terms: Wxh · x_t for x = (1, -0.5, 0.8): (0.3, 0.8), (-0.15, -0.4), (0.24, 0.64).
        #expect(d.connections.map { $0.otherTerms.map(\.name) } == [["Wxh * 1"], ["Wxh * -0.5"], ["Wxh * 0.8"]])
        let terms = d.connections.map { $0.otherTerms[0].values }
        for (got, want) in zip(terms.joined(), [0.3, 0.8, -0.15, -0.4, 0.24, 0.64]) { #expect(abs(got - want) < 1e-12) }
        // h1 = tanh(Wxh + bh) = (tanh 0.4, tanh 0.6) (lessons/04-rnn-bptt.md, by hand).
        #expect(abs(d.layers[1].neurons.values[0] - 0.3799489623) < 1e-9)
        // ∂L/∂h3 = (1, 1) for L = sum(h3).
        #expect(d.layers[3].neurons.gradients == [1, 1])
        let text = try NetworkDiagramText.render(d, width: 120)
        #expect(text.contains("edges h1 → h2: weights Whh (the same at every step), bias bh, plus Wxh * -0.5"))
        #expect(text.contains("h1 = tanh(…)"))
        #expect(NetworkDiagramSVG.render(d).contains("+ Wxh * 0.8 = 0.24"))
    }
}
