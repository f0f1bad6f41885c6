import Display
import Foundation
import StepLang
import Testing
@testable import Notebook

/// Exercises and the hand arithmetic in comments, as a learner meets them.
@Suite struct ExerciseTests {
    static let lesson = """
    # Exercise

    ```stepgrad
    W = [[1, 2], [3, 4]]
    x = [1, 0.5]
    # by hand: 1·1 + 2·0.5 = 2 and 3·1 + 4·0.5 = 5
    z = W @ x   # two dot products
    ```

    Your turn.

    ```stepgrad
    exercise z
    L = sum(z * z)
    backward L
    exercise grad(W)[0, 1]
    ```
    """

    func notebook() throws -> Notebook {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepgrad-exercise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.lesson.write(to: folder.appendingPathComponent("ex.md"), atomically: true, encoding: .utf8)
        let notebook = Notebook(catalog: LessonCatalog(directory: folder))
        _ = notebook.handle(":open ex")
        return notebook
    }

    func text(_ reply: Notebook.Reply) -> String { TextTranscript().render(blocks: reply.blocks) }

    @Test func commentsAreShownBesideTheirStatementUnlessTurnedOff() throws {
        let shown = TextTranscript().render(played(Self.lesson).transcript)
        #expect(shown.contains("# by hand: 1·1 + 2·0.5 = 2 and 3·1 + 4·0.5 = 5\n>>> z = W @ x   # two dot products"))
        let player = Player(lesson: LessonLoader.parse(text: Self.lesson, file: "ex.md"))
        player.showsComments = false
        try player.runToEnd()
        let bare = TextTranscript().render(player.transcript)
        #expect(bare.contains(">>> z = W @ x\n") && !bare.contains("by hand"))
        // The same through the notebook's :comments.
        let notebook = try notebook()
        _ = notebook.handle(":comments off")
        for _ in 0..<3 { _ = notebook.handle("") }
        #expect(!notebook.player.transcript.blocks.contains { if case let .statement(s) = $0 { s.contains("#") } else { false } })
    }

    /// The value an exercise asks for is hidden where it is computed; the exercise shows it worked out.
    @Test func transcriptHidesTheAnswerUntilTheExercise() {
        let text = TextTranscript().render(played(Self.lesson).transcript)
        #expect(text.contains("z is asked for in an exercise below"))
        // z = W·x = [1·1 + 2·0.5, 3·1 + 4·0.5] = [2, 5]
        let exercise = text.range(of: ">>> exercise z")!
        #expect(text.range(of: "z (2,) = [2  5]")!.lowerBound > exercise.lowerBound)
        #expect(text.contains("z[1] = W[1,0]·x[0] + W[1,1]·x[1]\n     = 3·1 + 4·0.5"))
        // ∂L/∂W[0,1] = 2·z[0]·x[1] = 2·2·0.5 = 2
        #expect(text.contains("∂L/∂W[0,1] = ∂L/∂z[0]·x[1]\n           = (z[0] + z[0])·x[1]"))
    }

    /// The REPL asks, takes the learner's numbers, marks each entry, then moves on.
    @Test func theNotebookAsksAndChecksTheAnswer() throws {
        let notebook = try notebook()
        for _ in 0..<3 { _ = notebook.handle("") }
        let question = text(notebook.handle(""))
        #expect(question.contains("Your turn.") && question.contains("Exercise: work out z — shape (2,)"))
        #expect(!question.contains("[2  5]"))
        #expect(notebook.prompt.hasSuffix("your answer> "))
        // 2 is right; 4.5 is not (3·1 + 4·0.5 = 5).
        let marked = text(notebook.handle("[2, 4.5]"))
        #expect(marked.contains("z[0]") && marked.contains("✓") && marked.contains("✗"))
        #expect(marked.contains("z[1] = W[1,0]·x[0] + W[1,1]·x[1]"))
        #expect(notebook.player.position == 4)
        // An answer that is not a number is asked again, and the position stays.
        for _ in 0..<2 { _ = notebook.handle(":next") }
        while notebook.player.walk != nil { _ = notebook.handle("") }
        _ = notebook.handle("")
        #expect(notebook.prompt.hasSuffix("your answer> "))
        #expect(notebook.handle("[2,").failed)
        #expect(notebook.player.position == 6)
        // Enter without an answer shows the worked one.
        let worked = text(notebook.handle(""))
        #expect(worked.contains("worked answer") && notebook.player.position == 7)
    }
}
