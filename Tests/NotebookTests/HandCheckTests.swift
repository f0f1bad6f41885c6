import Display
import Foundation
import Testing
@testable import Notebook

/// A learner's hand computation of a 2-2-1 sigmoid network with MSE, checked at the prompt: each
/// wrong number gets its working and the slip that produces it.
@Suite struct HandCheckTests {
    static let network = [
        "W1 = [[0.5, -0.3], [0.8, 0.2]]", "b1 = [0.1, -0.1]", "x = [1, 2]",
        "W2 = [[1.0, -1.0]]", "b2 = [0.2]", "y = [1]",
        "z1 = W1 @ x + b1", "a1 = sigmoid(z1)", "z2 = W2 @ a1 + b2", "a2 = sigmoid(z2)",
        "L = mean((a2 - y)^2)", "backward L",
    ]

    func notebook() -> Notebook {
        let notebook = Notebook(catalog: LessonCatalog(directory: nil))
        for line in Self.network { #expect(!notebook.handle(line).failed, "\(line)") }
        return notebook
    }

    func text(_ reply: Notebook.Reply) -> String { TextTranscript().render(blocks: reply.blocks) }

    /// z1 = W1·x + b1: 0.5·1 − 0.3·2 + 0.1 = 0 and 0.8·1 + 0.2·2 − 0.1 = 1.1.
    @Test func aForwardSlipIsNamed() {
        let checked = text(notebook().handle(":check z1 = [0.1, 1.2]"))
        // 0 + 0.1 = 0.1: the bias added twice; 1.1 + 0.1 = 1.2: the bias (−0.1) left out.
        #expect(checked.contains("your 0.1 is what you get with b1 added twice"))
        #expect(checked.contains("your 1.2 is what you get with b1 left out"))
        #expect(checked.contains("z1[0] = W1[0,0]·x[0] + W1[0,1]·x[1] + b1[0]"))
    }

    /// ∂L/∂W2[0,0] = 2(a2 − 1)·a2(1 − a2)·a1[0] with a1[0] = σ(0) = 0.5, z2 = 0.5 − σ(1.1) + 0.2
    /// = 0.5 − 0.750260 + 0.2 = −0.050260, a2 = σ(z2) = 0.487438:
    /// 2·(−0.512562)·0.249842·0.5 = −0.128059. Without the 2 of the square's derivative: −0.0640.
    @Test func aGradientSlipIsNamedWithTheChainRule() {
        let checked = text(notebook().handle(":check grad(W2) = [[-0.064, -0.1922]]"))
        #expect(checked.contains("grad(W2)[0,1]") && checked.contains("1 of 2 entries agree"))
        #expect(checked.contains("∂L/∂W2[0,0] = ∂L/∂a2[0]·σ′(z2[0])·a1[0]"))
        #expect(checked.contains("σ′(z2[0]) = a2[0]·(1 - a2[0])"))
        #expect(checked.contains("your -0.064 is what you get with the factor 2 of the square's derivative left out"))
    }

    /// Numbers pasted as NumPy prints them are read as shown, and the check says so.
    @Test func aPastedNumPyValueIsReadAsItShowsWithANote() {
        let notebook = Notebook(catalog: LessonCatalog(directory: nil))
        _ = notebook.handle("v = [1, -2]")
        let checked = text(notebook.handle(":check v = [1 -2]"))
        #expect(checked.contains("read the numbers separated by spaces as NumPy prints them"))
        #expect(checked.contains("2 of 2 entries agree"))
    }

    /// A number no single slip gives is said to be that, not explained away.
    @Test func aNumberNoSlipExplainsIsNotClaimed() {
        let checked = text(notebook().handle(":check z1 = [0.0, 3.7]"))
        #expect(checked.contains("no single slip explains your 3.7"))
    }

    /// One entry of a gradient is checked with its chain rule, whichever way it is written. By
    /// hand: L = (a2 - y)², so ∂L/∂W2[0,1] = 2·(a2[0] - y[0])·σ′(z2[0])·a1[1].
    @Test func oneGradientEntryIsWorkedOutByTheChainRule() {
        let notebook = notebook()
        for checked in [":check W2.grad[0, 1] = 1", ":check grad(W2)[0, 1] = 1"] {
            let text = text(notebook.handle(checked))
            #expect(text.contains("∂L/∂W2[0,1] = ∂L/∂a2[0]·σ′(z2[0])·a1[1]"), "\(checked)")
            #expect(text.contains("backward: W2.grad[0,1] = "), "\(checked)")
        }
    }

    /// After an update in place, the working of a gradient is refused with the reason (the values
    /// backward multiplied are gone); `:back` to before the update brings it back.
    @Test func aGradientIsNotWorkedOutFromUpdatedWeights() {
        let notebook = notebook()
        #expect(!notebook.handle("W2 -= 0.5 * grad(W2)").failed)
        let refused = notebook.handle(":trace W2.grad[0, 1]")
        #expect(refused.failed && text(refused).contains("W2 changed in place after backward L"))
        #expect(text(notebook.handle(":check W2.grad[0, 1] = 1")).contains("(no trace: cannot draw ∂L/∂W2[0,1]: W2 changed in place"))
        _ = notebook.handle(":back")
        #expect(text(notebook.handle(":trace W2.grad[0, 1]")).contains("∂L/∂W2[0,1] = ∂L/∂a2[0]·σ′(z2[0])·a1[1]"))
    }

    /// Working is laid out for the notebook's width (the REPL sets the terminal's): no line of a
    /// trace is wider, and without a width each form is one line.
    @Test func workingFollowsTheNotebooksWidth() {
        let notebook = notebook()
        let wide = text(notebook.handle(":trace W1.grad[1, 0]"))
        #expect(wide.split(separator: "\n").contains { $0.count > 50 })
        notebook.workingWidth = 50
        let narrow = text(notebook.handle(":trace W1.grad[1, 0]"))
        #expect(narrow.split(separator: "\n").count > wide.split(separator: "\n").count)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 50 })
    }
}

/// `network(x)` in a lesson and `:network x` at the prompt draw the layers with values, weights
/// and the last backward's gradients; the HTML export draws it as SVG.
@Suite struct NetworkDrawingTests {
    @Test func theStatementAndTheCommandDrawTheNetwork() throws {
        let notebook = Notebook(catalog: LessonCatalog(directory: nil))
        for line in HandCheckTests.network + ["network(a2)"] { #expect(!notebook.handle(line).failed, "\(line)") }
        let drawn = TextTranscript().render(notebook.player.transcript)
        // W2 = [[1, -1]] on the edges a1 → a2; ∂L/∂W2[0,0] = −0.128059 (HandCheckTests) shows as −0.13.
        #expect(drawn.contains("network of a2") && drawn.contains("edges a1 → a2: weights W2, bias b2"))
        #expect(drawn.contains("-0.13"))
        _ = notebook.handle(":trace W2.grad[0, 1]")
        let marked = TextTranscript().render(blocks: notebook.handle(":network a2").blocks)
        #expect(marked.contains("▶-1◀"))
        let html = TranscriptExporter().render(notebook.player.transcript, as: .html)
        #expect(html.contains("<figure class=\"network\">") && html.contains("<svg"))
    }
}
