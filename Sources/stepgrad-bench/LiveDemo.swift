import ArgumentParser
import Autograd
import Display
import Foundation
import LiveView
import StepLang

/// Serves sample frames of lesson 01 (the network diagram, a gradient heatmap, a hostile title)
/// for `.ci/screenshots`, until the process is stopped or `--seconds` pass.
struct LiveDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live-demo",
        abstract: "Serves sample frames of lesson 01 on the live view, for screenshots.",
        shouldDisplay: false
    )

    @Option(help: "Port (0: any free port).")
    var port: UInt16 = 0

    @Option(help: "Which sample frame: network, heatmap or hostile.")
    var frame = "network"

    @Option(help: "Seconds to serve before stopping.")
    var seconds = 60

    func run() async throws {
        let server = LiveServer(port: port)
        let sample = try Self.frame(named: frame)
        let url = try await server.start()
        server.publish(sample)
        // Unbuffered, so a script reading the address through a pipe gets it now.
        FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))
        try await Task.sleep(for: .seconds(seconds))
        await server.stop()
    }

    /// Lesson 01's forward pass and a cross-entropy backward, as in lessons/01-mlp-3-4-2.md.
    static let lesson = """
        W1 = [[0.2, 0.4, 0.6], [0.5, 0.1, 0.3], [0.8, 0.7, 0.9], [0.3, 0.5, 0.7]]
        b1 = [0.1, 0.2, 0.3, 0.4]
        a0 = [1, 0.5, 0.3]
        z1 = W1 @ a0 + b1
        a1 = relu(z1)
        W2 = [[0.3, 0.5, 0.7, 0.9], [0.2, 0.4, 0.6, 0.8]]
        b2 = [0.1, 0.2]
        z2 = W2 @ a1 + b2
        a2 = softmax(z2)
        y = [1, 0]
        L_ce = -sum(y * log_softmax(z2))
        backward L_ce
        """

    static func frame(named which: String) throws -> LiveFrame {
        let session = Session()
        _ = try session.run(source: lesson)
        let names = Dictionary(session.variables.map { (ObjectIdentifier($0.value), $0.name) }, uniquingKeysWith: { first, _ in first })
        let value = { (name: String) in session.value(of: name)! }  // bound by `lesson` above
        let title = "Lesson 01 · A 3-4-2 network, by hand"
        switch which {
        case "network":
            let diagram = try NetworkDiagram(of: value("a2"), names: { names[ObjectIdentifier($0)] }, gradient: { session.gradient(of: $0) },
                                             traced: (tensor: value("W1"), entry: 7))
            return LiveFrame(title: title, position: "step 14 of 19 · Backward: the hidden error δ¹", bodyHTML: """
                <p>After <code>backward L_ce</code> every weight carries its gradient. The traced entry, W1[2, 1], joins a0[1] to a1[2].</p>
                <pre class="statement">network(a2)</pre>
                <figure>\(NetworkDiagramSVG.render(diagram))</figure>
                """)
        case "heatmap":
            let gradient = try Tensor(shape: value("W1").shape, data: session.gradient(of: value("W1"))!)
            return LiveFrame(title: title, position: "step 15 of 19 · ∂L/∂W1 as a picture", bodyHTML: """
                <p>Each row of ∂L/∂W¹ is δ¹ᵢ times the input a⁰: the rows differ only by scale.</p>
                <pre class="statement">heatmap(grad(W1))</pre>
                <figure>\(try HeatmapSVG.render(gradient, name: "grad(W1)", id: "h1"))</figure>
                <figure>\(try HeatmapSVG.render(value("W1"), name: "W1", id: "h2"))</figure>
                """)
        default:
            return LiveFrame(title: "<script>alert('title')</script> & co", position: "<img src=x onerror=alert(1)> step 1 of 1",
                             bodyHTML: "<p>The title and position above are shown as text, not run.</p>")
        }
    }
}
