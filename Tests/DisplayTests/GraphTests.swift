import Testing
import Foundation
import Autograd
@testable import Display

@Suite struct GraphTests {
    // L = sum(W * x) with W = [[1, 2], [3, 4]], x = [1, -1] broadcast over rows.
    // By hand: ∂L/∂W[i,j] = x[j] → [[1, -1], [1, -1]]: max |g| 1, norm √4 = 2.
    //          ∂L/∂x[j] = Σᵢ W[i,j] → [4, 6]: max |g| 6, norm √52 ≈ 7.2111.
    func graph() throws -> (Tensor, Tensor, Tensor) {
        let w = try Tensor(shape: [2, 2], data: [1, 2, 3, 4], label: "W")
        let x = try Tensor(shape: [2], data: [1, -1], label: "x")
        let loss = try (w * x).sum()
        loss.label = "L"
        return (loss, w, x)
    }

    @Test func textListsEveryNodeWithOpShapeAndGradient() throws {
        let (loss, _, _) = try graph()
        let before = try GraphText.render(loss)
        #expect(before.contains("no gradients yet"))
        let gradients = try Self.gradients(of: loss)
        let text = try GraphText.render(loss, gradient: gradients)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "graph of L: 4 nodes, 2 leaves, inputs first")
        #expect(lines[1].hasPrefix("    node  op"))   // header aligned over the #id column
        let wLine = try #require(lines.first { $0.contains(" W ") })
        #expect(wLine.contains("leaf") && wLine.contains("(2, 2)") && wLine.contains("max|g| 1.0000  ‖g‖ 2.0000"))
        let xLine = try #require(lines.first { $0.contains(" x ") })
        #expect(xLine.contains("(2,)") && xLine.contains("max|g| 6.0000  ‖g‖ 7.2111"))
        let mulLine = try #require(lines.first { $0.contains("mul(") })
        #expect(mulLine.contains("mul(W, x)") && mulLine.contains("C = A * B"))
        #expect(lines.last!.contains("sum(#2)") && lines.last!.contains(" L "))
    }

    /// The gradients a backward pass gave, as the session hands them to the display.
    static func gradients(of root: Tensor) throws -> (Tensor) -> [Double]? {
        let steps = try root.backward()
        return { tensor in steps.first { $0.node === tensor }?.receivedGrad }
    }

    @Test func namesComeFromTheCallerFirst() throws {
        let (loss, w, _) = try graph()
        let text = try GraphText.render(loss, names: { $0 === w ? "weights" : nil })
        #expect(text.contains("mul(weights, x)"))
    }

    @Test func dotHasOneNodePerTensorAndLabelledEdges() throws {
        let (loss, _, _) = try graph()
        let dot = try GraphDOT.render(loss, gradient: try Self.gradients(of: loss))
        let lines = dot.split(separator: "\n").map(String.init)
        #expect(lines.first == "digraph stepgrad {")
        #expect(lines.last == "}")
        #expect(lines.filter { $0.range(of: #"^  n\d+ \[label="#, options: .regularExpression) != nil }.count == 4)
        let edges = lines.filter { $0.contains("->") }
        #expect(edges.count == 3)                                 // W→mul, x→mul, mul→sum
        #expect(edges.filter { $0.hasSuffix("[label=\"A\"];") }.count == 1)
        #expect(edges.filter { $0.hasSuffix("[label=\"B\"];") }.count == 1)
        #expect(dot.contains("max|grad| 6.0000"))
        #expect(GraphDOT.escape("a\"b\\c\nd") == #"a\"b\\c\nd"#)
    }

    /// Graphviz's `dot`, where it is installed.
    static let dotPath = ["/usr/bin/dot", "/usr/local/bin/dot"].first { FileManager.default.isExecutableFile(atPath: $0) }

    // Without Graphviz the test is reported as skipped, not as passed.
    @Test(.enabled(if: dotPath != nil, "dot (Graphviz) is not installed"))
    func dotRendersWithGraphviz() throws {
        let dotPath = try #require(Self.dotPath)
        let (loss, _, _) = try graph()
        try loss.backward()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dotPath)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(try GraphDOT.render(loss).utf8))
        try input.fileHandleForWriting.close()
        let svg = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "dot failed: \(stderr)")
        #expect(svg.contains("<svg"))
        #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == 4)
        #expect(svg.components(separatedBy: "class=\"edge\"").count - 1 == 3)
    }
}
