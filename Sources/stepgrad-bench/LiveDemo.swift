import ArgumentParser
import Autograd
import Display
import Foundation
import LiveView
import StepLang

/// Serves a sample frame made from the end of a lesson (02's network diagram, a gradient
/// heatmap, or a hostile title) for `.ci/screenshots`, until stopped or `--seconds` pass.
struct LiveDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live-demo",
        abstract: "Serves a sample frame of a lesson on the live view, for screenshots.",
        shouldDisplay: false
    )

    @Option(help: "Port (0: any free port).")
    var port: UInt16 = 0

    @Option(help: "Which sample frame: network, heatmap, rnn (with lesson 04) or hostile.")
    var frame = "network"

    @Option(help: "Seconds to serve before stopping.")
    var seconds = 60

    func run() async throws {
        let server = LiveServer(port: port)
        let sample = try Self.frame(named: frame, lesson: lesson)
        let url = try await server.start()
        server.publish(sample)
        // Unbuffered, so a script reading the address through a pipe gets it now.
        FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))
        try await Task.sleep(for: .seconds(seconds))
        await server.stop()
    }

    @Option(help: "The lesson whose final state is shown (network and heatmap need a2 and W1 after a backward; rnn needs h3).")
    var lesson = "lessons/02-mlp-3-4-2.md"

    static func frame(named which: String, lesson path: String) throws -> LiveFrame {
        let session = Session()
        let lesson = try LessonLoader.load(path: path)
        // Every statement, in order; a failing `expect` or statement does not stop the sample.
        for step in lesson.steps { _ = try? session.run(step.statement) }
        let names = Dictionary(session.variables.map { (ObjectIdentifier($0.value), $0.name) }, uniquingKeysWith: { first, _ in first })
        func value(_ name: String) throws -> Tensor {
            guard let tensor = session.value(of: name) else { throw ValidationError("\(path) binds no \(name)") }
            return tensor
        }
        let title = lesson.title
        switch which {
        case "network":
            let diagram = try NetworkDiagram(of: try value("a2"), names: { names[ObjectIdentifier($0)] }, gradient: { session.gradient(of: $0) },
                                             traced: (tensor: try value("W1"), entry: 7))
            return LiveFrame(title: title, position: "step 14 of 19 · Backward: the hidden error δ¹", bodyHTML: """
                <p>After the lesson's last <code>backward</code> every weight carries its gradient. The traced entry, W1[2, 1], joins a0[1] to a1[2].</p>
                <pre class="statement">network(a2)</pre>
                <figure>\(NetworkDiagramSVG.render(diagram))</figure>
                """)
        case "rnn":
            let diagram = try NetworkDiagram(of: try value("h3"), names: { names[ObjectIdentifier($0)] }, gradient: { session.gradient(of: $0) })
            return LiveFrame(title: title, position: "the RNN unrolled three steps", bodyHTML: """
                <p>The same W<sub>hh</sub> joins every step to the next; each step adds its own input term.</p>
                <pre class="statement">network(h3)</pre>
                <figure>\(NetworkDiagramSVG.render(diagram))</figure>
                """)
        case "heatmap":
            guard let gradientOfW1 = session.gradient(of: try value("W1")) else { throw ValidationError("\(path) runs no backward") }
            let gradient = try Tensor(shape: value("W1").shape, data: gradientOfW1)
            return LiveFrame(title: title, position: "step 15 of 19 · ∂L/∂W1 as a picture", bodyHTML: """
                <p>Each row of ∂L/∂W¹ is δ¹ᵢ times the input a⁰: the rows differ only by scale.</p>
                <pre class="statement">heatmap(grad(W1))</pre>
                <figure>\(try HeatmapSVG.render(gradient, name: "grad(W1)", id: "h1"))</figure>
                <figure>\(try HeatmapSVG.render(try value("W1"), name: "W1", id: "h2"))</figure>
                """)
        default:
            return LiveFrame(title: "<script>alert('title')</script> & co", position: "<img src=x onerror=alert(1)> step 1 of 1",
                             bodyHTML: "<p>The title and position above are shown as text, not run.</p>")
        }
    }
}
