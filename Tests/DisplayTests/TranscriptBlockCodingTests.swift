import Testing
import Foundation
import Autograd
@testable import Display

/// Transcript blocks to bytes and back (TranscriptBlockCoding.swift): every case comes back as it
/// was, every number to the bit, every renderer draws the same page; bad bytes are refused.
@Suite struct TranscriptBlockCodingTests {
    /// The MLP lesson's 3-4-2 network (lessons/02-mlp-3-4-2.md) built with Autograd ops, with a
    /// loss L = Σ a2·a2 and its backward pass, read as a diagram with W1[2, 1] (flat entry 7) traced.
    static func mlpDiagram() throws -> NetworkDiagram {
        let (z1, w1) = try TraceTests.mlpLayer()
        let a1 = z1.relu()
        let w2 = try Tensor(shape: [2, 4], data: [0.3, 0.5, 0.7, 0.9, 0.2, 0.4, 0.6, 0.8], label: "W2")
        let b2 = try Tensor(shape: [2], data: [0.1, 0.2], label: "b2")
        let a2 = (try Tensor.matmul(w2, a1) + b2).sigmoid()
        let loss = try (a2 * a2).sum()
        let gradient = try backwardGradients(loss)
        return try NetworkDiagram(of: a2, names: { _ in nil }, gradient: gradient, traced: (tensor: w1, entry: 7))
    }

    /// A batch net with the weights on the right (`X @ W1`, `h @ w2` with a rank-1 w2), so both
    /// other weight layouts are drawn; example 1 of the batch, one entry of `traced` highlighted.
    static func batchDiagram(traced: (name: String, entry: Int)) throws -> NetworkDiagram {
        let x = try Tensor(shape: [2, 2], data: [0, 1, 1, 0], label: "X")
        let w1 = try Tensor(shape: [2, 3], data: [0.3, -0.5, -0.9, -1.0, 0.6, 0.8], label: "W1")
        let b1 = try Tensor(shape: [3], data: [0.2, 0.5, 0.1], label: "b1")
        let w2 = try Tensor(shape: [3], data: [0.9, 0.6, -1.0], label: "w2")
        let b2 = Tensor(scalar: 0, label: "b2")
        let h = (try x.matmul(w1) + b1).tanh()
        let p = (try h.matmul(w2) + b2).sigmoid()
        let tensors = ["X": x, "W1": w1, "b1": b1]
        return try NetworkDiagram(of: p, names: { _ in nil }, gradient: { _ in nil }, example: 1,
                                  traced: (tensor: try #require(tensors[traced.name]), entry: traced.entry))
    }

    /// One block of every kind: values of rank 0 to 3 (one without a label), a heatmap, verdicts
    /// with and without differences, Unicode text, and the three kinds of highlight in diagrams.
    static func everyKindOfBlock() throws -> [TranscriptBlock] {
        [
            .prose("## ∂L/∂W\n\n> 来源：002.txt，示例：前向传播\n\nσ′(z) = σ(z)(1 − σ(z))"),
            .statement("z1 = W1 @ a0 + b1   # 第一层\nσ = sigmoid(z1)"),
            .value(name: "L", value: Tensor(scalar: 0.1 + 0.2, label: "L")),
            .value(name: "b1", value: try Tensor(shape: [4], data: [0.1, 0.2, 0.3, 0.4], label: "b1")),
            .value(name: "W", value: try Tensor(shape: [2, 3], data: [0.2, 0.4, 0.6, 0.5, 0.1, 0.3])),
            .value(name: "T", value: try Tensor(shape: [2, 2, 3], data: (0..<12).map { Double($0) / 8 - 0.75 }, label: "T")),
            .heatmap(name: "M", value: try Tensor(shape: [3, 3], data: [0, -.infinity, -.infinity, 0, 0, -.infinity, 0, 0, 0], label: "M")),
            .verdict(TranscriptVerdict(kind: .agrees, headline: "doc W: agrees with the document", referenceName: "document")),
            .verdict(TranscriptVerdict(kind: .erratum, headline: "doc z1: the document's value differs", referenceName: "document",
                                       differences: [.init(index: [0], reference: 0.95, computed: 0.68), .init(index: [2, 1], reference: -0.0, computed: 1e-300)])),
            .verdict(TranscriptVerdict(kind: .failed, headline: "expect L ≈ 0.3: differs", referenceName: "expected",
                                       differences: [.init(index: [], reference: 0.3, computed: 0.1 + 0.2)])),
            .verdict(TranscriptVerdict(kind: .passed, headline: "expect b1 ≈ [0.1, 0.2, 0.3, 0.4]", referenceName: "expected")),
            .note("backward L: gradients computed through 12 nodes — ∂ 已计算"),
            .figure("∂L/∂W1[0,2] = ∂L/∂z1[0]·a0[2]\n            = 1.36·0.3"),
            .network(name: "a2", diagram: try mlpDiagram()),
            .network(name: "p", diagram: try batchDiagram(traced: (name: "X", entry: 3))),
            .network(name: "p", diagram: try batchDiagram(traced: (name: "b1", entry: 2))),
            .error("lesson.md:3:5: error: unknown name σ′\nσ′ + 1\n^"),
        ]
    }

    static func roundTrip(_ blocks: [TranscriptBlock]) throws -> [TranscriptBlock] {
        try TranscriptBlock.decoded(from: try TranscriptBlock.encoded(blocks))
    }

    /// The tensor's entries as bit patterns: equal exactly when every entry came back to the bit (NaN too).
    static func bits(_ tensor: Tensor) -> [UInt64] { tensor.data.map(\.bitPattern) }

    @Test func everyKindOfBlockComesBackAsItWas() throws {
        let blocks = try Self.everyKindOfBlock()
        let back = try Self.roundTrip(blocks)
        try #require(back.count == blocks.count)
        for (original, copy) in zip(blocks, back) {
            switch (original, copy) {
            case let (.prose(a), .prose(b)), let (.statement(a), .statement(b)), let (.note(a), .note(b)),
                 let (.figure(a), .figure(b)), let (.error(a), .error(b)):
                #expect(a.utf8.elementsEqual(b.utf8))
            case let (.value(nameA, a), .value(nameB, b)), let (.heatmap(nameA, a), .heatmap(nameB, b)):
                #expect(nameA == nameB && a.shape == b.shape && Self.bits(a) == Self.bits(b) && a.label == b.label)
                #expect(b.isLeaf && b.grad == nil)
            case let (.verdict(a), .verdict(b)):
                #expect(a == b)
            case let (.network(nameA, a), .network(nameB, b)):
                #expect(nameA == nameB && a == b)
            default:
                Issue.record("\(original) came back as another kind of block: \(copy)")
            }
        }
    }

    @Test func theDiagramsCarryWhatTheyAreMeantToTest() throws {
        // Guards the fixture: gradients, a highlight of each kind, each weight layout and a batch row.
        let mlp = try Self.mlpDiagram()
        #expect(mlp.connections[0].weightGradients != nil && mlp.layers[1].neurons.gradients != nil)
        #expect(mlp.highlight == .edge(connection: 0, to: 2, from: 1))   // W1[2, 1]: row 2, column 1 of a 4×3 matrix
        #expect(mlp.connections.map(\.layout) == [.outputsByInputs, .outputsByInputs])
        let input = try Self.batchDiagram(traced: (name: "X", entry: 3))   // X[1, 1]: example 1's second input
        #expect(input.highlight == .neuron(layer: 0, index: 1) && input.example == 1)
        #expect(input.connections.map(\.layout) == [.inputsByOutputs, .inputs])
        #expect(try Self.batchDiagram(traced: (name: "b1", entry: 2)).highlight == .bias(connection: 0, index: 2))
    }

    @Test func specialNumbersComeBackToTheBit() throws {
        // IEEE 754 binary64 bit patterns: quiet NaN 7ff8…, with the sign bit fff8… (x86's 0/0),
        // with a payload 7ff8…123; ±inf exponent all ones, fraction 0; -0.0 the sign bit alone;
        // the smallest subnormal 2^-1074 = 5e-324 fraction 1; 0.1 + 0.2 = 0.30000000000000004,
        // one unit in the last place above 0.3 (3fd3333333333333).
        let expected: [UInt64] = [0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000, 0x7FF8_0000_0000_0123,
                                  0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000, 0x8000_0000_0000_0000,
                                  0x0000_0000_0000_0001, 0x3FD3_3333_3333_3334, 0x0000_0000_0000_0000]
        let numbers: [Double] = [.nan, -.nan, Double(nan: 0x123, signaling: false), .infinity, -.infinity,
                                 -0.0, .leastNonzeroMagnitude, 0.1 + 0.2, 0.0]
        try #require(numbers.map(\.bitPattern) == expected)
        let blocks: [TranscriptBlock] = [
            .value(name: "x", value: try Tensor(shape: [3, 3], data: numbers)),
            .verdict(TranscriptVerdict(kind: .failed, headline: "expect x", referenceName: "expected",
                                       differences: zip(numbers, numbers.reversed()).map { .init(index: [0], reference: $0, computed: $1) })),
        ]
        let back = try Self.roundTrip(blocks)
        guard case let .value(_, tensor) = back[0], case let .verdict(verdict) = back[1] else {
            Issue.record("the blocks came back as other kinds: \(back)")
            return
        }
        #expect(Self.bits(tensor) == expected)
        #expect(verdict.differences.map(\.reference.bitPattern) == expected)
        #expect(verdict.differences.map(\.computed.bitPattern) == expected.reversed())
    }

    @Test func everyRendererDrawsTheSamePageAfterTheRoundTrip() throws {
        let blocks = try Self.everyKindOfBlock()
        let before = Transcript(title: "Round trip ∂", blocks: blocks, summary: "1 expect passed, 1 failed")
        let after = Transcript(title: before.title, blocks: try Self.roundTrip(blocks), summary: before.summary)
        let format = NumberFormat(precision: 4)
        #expect(TextTranscript(format: format).render(after) == TextTranscript(format: format).render(before))
        #expect(MarkdownTranscript(format: format).render(after) == MarkdownTranscript(format: format).render(before))
        #expect(HTMLTranscript(format: format).render(after) == HTMLTranscript(format: format).render(before))
    }

    @Test func theBytesOfTheCopyAreTheBytesOfTheOriginal() throws {
        let bytes = try TranscriptBlock.encoded(try Self.everyKindOfBlock())
        #expect(try TranscriptBlock.encoded(try TranscriptBlock.decoded(from: bytes)) == bytes)
        #expect(try TranscriptBlock.decoded(from: try TranscriptBlock.encoded([])).isEmpty)
    }

    /// The decoding error, or nil when the bytes decoded.
    static func failure(_ bytes: Data) -> TranscriptCodingError? {
        do {
            _ = try TranscriptBlock.decoded(from: bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyTruncationIsRefused() throws {
        let bytes = try TranscriptBlock.encoded(try Self.everyKindOfBlock())
        for length in 0..<bytes.count {
            #expect(Self.failure(bytes.prefix(length)) != nil, "the first \(length) of \(bytes.count) bytes decoded")
        }
        let error = try #require(Self.failure(bytes.prefix(bytes.count - 3)))
        #expect(error.description.hasPrefix("unreadable transcript bytes at byte "))
        #expect(error.description.contains("the bytes end in the middle of"))
    }

    @Test func garbageIsRefused() throws {
        // SplitMix64 (Steele, Lea, Flood 2014): reproducible bytes without Foundation's random source.
        var state: UInt64 = 2026
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let header = try TranscriptBlock.encoded([]).prefix(5)
        for round in 0..<200 {
            let garbage = Data((0..<Int(next() % 300)).map { _ in UInt8(truncatingIfNeeded: next()) })
            #expect(Self.failure(garbage) != nil, "garbage \(round) decoded")
            // Behind a valid header the reader gets further in before it finds out.
            #expect(Self.failure(header + garbage) != nil, "garbage \(round) behind the header decoded")
        }
        #expect(Self.failure(Data("not a transcript".utf8))?.description.contains("no stepgrad transcript header") == true)
    }

    /// Bytes of the format written field by field, to make blocks `encoded` never writes.
    static func handWritten(_ fill: (inout TranscriptByteWriter) -> Void) throws -> Data {
        var writer = TranscriptByteWriter()
        writer.bytes = [UInt8](try TranscriptBlock.encoded([]).prefix(5))
        fill(&writer)
        return Data(writer.bytes)
    }

    /// Bytes of one value block with this shape and these entries.
    static func value(shape: [Int], data: [Double]) throws -> Data {
        try handWritten { writer in
            writer.write(1)                         // one block
            writer.tag(2)                           // a value
            writer.write("W", shape, data, nil as String?)
        }
    }

    @Test func aValueWhoseEntriesDoNotFitItsShapeIsRefused() throws {
        // A 2×2 shape needs 2·2 = 4 entries.
        let error = try #require(Self.failure(try Self.value(shape: [2, 2], data: [0.5, 1.5, 2.5])))
        #expect(error.description.contains("not a tensor") && error.description.contains("needs 4 entries, got 3"))
        #expect(Self.failure(try Self.value(shape: [-1], data: []))?.description.contains("negative") == true)
        #expect(Self.failure(try Self.value(shape: [Int.max, Int.max], data: []))?.description.contains("over the limit") == true)
    }

    /// Bytes of one network block with these layers and connections.
    static func network(_ layers: [NetworkDiagram.Layer], _ connections: [NetworkDiagram.Connection]) throws -> Data {
        try handWritten { writer in
            writer.write(1)                         // one block
            writer.tag(7)                           // a network
            writer.write("a2", layers, connections, nil as NetworkDiagram.Highlight?, nil as Int?)
        }
    }

    @Test func aDiagramWhoseSizesDisagreeIsRefused() throws {
        let diagram = try Self.mlpDiagram()
        #expect(Self.failure(try Self.network(diagram.layers, []))?.description.contains("3 layers but 0 connections") == true)
        // a1 (the ReLU's output, 4 neurons) with a single gradient
        var layers = diagram.layers
        let a1 = layers[1].neurons
        layers[1] = .init(neurons: .init(name: a1.name, values: a1.values, gradients: [1]), preActivation: layers[1].preActivation, activation: layers[1].activation)
        #expect(Self.failure(try Self.network(layers, diagram.connections))?.description.contains("a1 does not have one entry and gradient per neuron of its column (4)") == true)
        // W1 (4 × 3: 4 neurons in a1, 3 in a0) without its last row
        var connections = diagram.connections
        let w1 = connections[0]
        connections[0] = .init(name: w1.name, isShared: w1.isShared, weights: w1.weights.dropLast(), weightGradients: w1.weightGradients,
                               layout: w1.layout, bias: w1.bias, otherTerms: w1.otherTerms)
        #expect(Self.failure(try Self.network(diagram.layers, connections))?.description.contains("the weights of W1 are not 4 × 3") == true)
    }

    @Test func badTagsTextAndTrailingBytesAreRefused() throws {
        let unknownBlock = try Self.handWritten { $0.write(1); $0.tag(9) }
        #expect(Self.failure(unknownBlock)?.description.contains("9 is not a kind of block") == true)
        let badText = try Self.handWritten { $0.write(1); $0.tag(0); $0.write(2); $0.bytes += [0xC3, 0x28] }   // C3 must be followed by 80…BF
        #expect(Self.failure(badText)?.description.contains("not valid UTF-8") == true)
        let trailing = try TranscriptBlock.encoded([.note("n")]) + Data([0])
        #expect(Self.failure(trailing)?.description.contains("1 bytes follow the last block") == true)
    }
}
