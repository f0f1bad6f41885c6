import Foundation
import Testing

/// Issue 4's acceptance path on the MLP lesson (lessons/02-mlp-3-4-2.md), through a pseudo-terminal.
/// Expected numbers are worked by hand from the lesson's inputs:
///   W1 = [[0.2, 0.4, 0.6], [0.5, 0.1, 0.3], [0.8, 0.7, 0.9], [0.3, 0.5, 0.7]], b1 = [0.1, 0.2, 0.3, 0.4], a0 = [1, 0.5, 0.3]
///   z1 = W1 @ a0 + b1 = [0.68, 0.84, 1.72, 1.16]   (0.2·1 + 0.4·0.5 + 0.6·0.3 + 0.1 = 0.68, …)
@Suite("The MLP lesson, stepped", .serialized, .timeLimit(.minutes(1)))
struct LessonWalkTests {
    @Test func stepCheckWalkBackwardGoBackAndRerun() throws {
        let terminal = try Workspace().terminal()
        try terminal.waitFor("stepgrad> ")
        try terminal.enter(":open mlp", expecting: ["The 3-4-2 MLP", " statements. Enter runs the next one"])
        // W1, b1, a0, then z1.
        for _ in 0..<3 { try terminal.enter("") }
        // z1 is an exercise: hidden where it is computed, asked for, then marked entry by entry.
        try terminal.enter("", expecting: ["z1 = W1 @ a0 + b1", "z1 is asked for in an exercise below"])
        try terminal.enter("", expecting: ["Exercise: work out z1 — shape (4,)", "your answer"])
        try terminal.enter("[0.68, 0.84, 1.72, 1.16]", expecting: ["4 of 4 entries agree", "z1 (4,) = [0.6800  0.8400  1.7200  1.1600]"])

        // The document's z1: each entry is held to its own printed decimals, so 0.8 (±0.05) passes for
        // 0.84 while 0.95, 1.57 and 1.06 (±0.005) are wrong, each with the arithmetic of the right value.
        try terminal.enter(":check z1 = [0.95, 0.8, 1.57, 1.06]", expecting: [
            "z1[0]", "✗", "z1[3]", "✗", "1 of 4 entries agree",
            "z1[0] = W1[0,0]·a0[0] + W1[0,1]·a0[1] + W1[0,2]·a0[2] + b1[0]",
            "= 0.2·1 + 0.4·0.5 + 0.6·0.3 + 0.1", "= 0.2 + 0.2 + 0.18 + 0.1", "= 0.68",
            "z1[2] =", "= 0.8·1 + 0.7·0.5 + 0.9·0.3 + 0.3", "= 1.72",
        ])
        // Within 0.001 every entry is wrong.
        try terminal.enter(":check z1 = [0.95, 0.8, 1.57, 1.06] within 0.001", expecting: ["0 of 4 entries agree"])

        // Step on to the MSE backward pass.
        var stepped = 0
        while !terminal.output.contains("backward L_mse: gradients computed through") {
            try terminal.enter("")
            stepped += 1
            try #require(stepped < 40, "never reached backward L_mse")
        }
        // Walk it node by node: each shows its rule and the gradient it received.
        // Hand values: ∂L/∂a2 = a2 - y = [0.5842 - 1, 0.4158 - 0] (mean of two squares: 2(a - y)/2).
        try terminal.enter("", expecting: ["node 1 of", "L_mse", "local rule", "received ∂L_mse/∂L_mse () = 1"])
        var nodes = 1
        while !terminal.output.contains("that was the last node") {
            try terminal.enter("", expecting: ["node \(nodes + 1) of", "local rule", "received ∂L_mse/∂"])
            nodes += 1
            try #require(nodes < 40, "the backward walk did not end")
        }
        #expect(terminal.output.contains("received ∂L_mse/∂a2 (2,) = [-0.4158   0.4158]"))
        #expect(terminal.output.contains("received ∂L_mse/∂W1 (4, 3)"))
        #expect(terminal.output.contains("received ∂L_mse/∂b1 (4,)"))

        // Go back one node, then forward again.
        try terminal.enter(":back", expecting: ["back 1 step", "walking backward L_mse"])
        try terminal.enter("", expecting: ["that was the last node"])

        // What-if: a0 = [1, 1, 1] and rerun from its binding. z1 is then W1's row sums plus b1:
        // 0.2+0.4+0.6+0.1 = 1.3, 0.5+0.1+0.3+0.2 = 1.1, 0.8+0.7+0.9+0.3 = 2.7, 0.3+0.5+0.7+0.4 = 1.9.
        try terminal.enter("a0 = [1, 1, 1]", expecting: ["a0 (3,)"])
        try terminal.enter(":rerun", expecting: ["re-ran statements 4–", "with your a0", "what moved",
                                                 "z1  [0.6800, 0.8400, 1.7200, 1.1600] → [1.3000, 1.1000, 2.7000, 1.9000]"])
        try terminal.enter(":show z1", expecting: ["z1 (4,) = [1.3000  1.1000  2.7000  1.9000]"])
        // :back undoes the rerun.
        try terminal.enter(":back", expecting: ["back 1 step"])
        try terminal.enter(":show z1", expecting: ["z1 (4,) = [0.6800  0.8400  1.7200  1.1600]"])
        #expect(try terminal.quit() == 0)
    }

    @Test func colourFollowsTheTerminalAndNoColor() throws {
        let workspace = try Workspace()
        for color in [true, false] {
            let terminal = try workspace.terminal(color: color)
            try terminal.waitFor("stepgrad> ")
            try terminal.enter(":open mlp")
            try terminal.enter(":check z1 = [1]", expecting: ["error"])
            // Red for errors (ESC [31m) only without NO_COLOR.
            #expect(terminal.rawOutput.contains("\u{1B}[31m") == color)
            #expect(try terminal.quit() == 0)
        }
    }
}
