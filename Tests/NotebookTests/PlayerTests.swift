import Autograd
import Display
import StepLang
import Testing
@testable import Notebook

/// A lesson played to the end, as `stepgrad run` and `stepgrad test` play it.
func played(_ markdown: String, file: String = "l.md") -> Player {
    let player = Player(lesson: LessonLoader.parse(text: markdown, file: file))
    try? player.runToEnd()
    return player
}

@Suite struct PlayerTests {
    static let doubling = """
    # Doubling

    Two numbers, doubled.

    ```stepgrad
    x = [1, 2]
    y = x * 2
    doc y = [2, 5]
    expect y ≈ [2, 4]   # 1·2, 2·2
    expect sum(y) == 7
    ```

    The end.
    """

    @Test func countsExpectsAndErrata() {
        let player = played(Self.doubling)
        // 2 + 4 = 6, not 7: one failed expect; the document's 5 should be 2·2 = 4: one erratum.
        #expect(player.passedCount == 1 && player.failedCount == 1)
        #expect(player.errata.count == 1)
        #expect(player.errata.first?.differences.first?.index == [1])
        #expect(!player.succeeded)
    }

    @Test func wholeTextTranscript() {
        let text = TextTranscript(format: NumberFormat(precision: 1)).render(played(Self.doubling, file: "d.md").transcript)
        #expect(text == """
        # Doubling

        Two numbers, doubled.

        >>> x = [1, 2]
        x (2,) = [1  2]

        >>> y = x * 2
        y (2,) = [2  4]

        >>> doc y = [2, 5]
        ✗ erratum — doc y: the document's value differs from the computed one
          [1] document 5, computed 4

        >>> expect y ≈ [2, 4]   # 1·2, 2·2
        ✓ passed

        >>> expect sum(y) == 7
        ✗ FAILED — d.md:10:1: 1 of 1 entries differ (exactly)
          expected 7, computed 6

        The end.

        1 expects passed, 1 failed; 1 errata in 1 doc lines; 0 errors

        """)
    }

    @Test func errorsPointIntoTheFileAndLaterStatementsStillRun() {
        let text = "# Broken\n\n```stepgrad\na = [1, 2]\nb = a @ [[1, 2, 3]]\nc = b + 1\nd = a +\nexpect a ≈ [1, 2]\n```\n"
        let player = played(text, file: "b.md")
        #expect(player.errors.map(\.location) == [
            SourceLocation(file: "b.md", line: 7, column: 8),  // the syntax error
            SourceLocation(file: "b.md", line: 5, column: 7),  // the shape error at @
        ].sorted { $0.line > $1.line })
        #expect(player.errors.contains { $0.message.hasPrefix("shape mismatch in @: (2,) @ (1, 3)") })
        #expect(player.outcomes.compactMap(\.skipped) == ["skipped: it uses b, whose statement on line 5 failed"])
        #expect(player.passedCount == 1)
        #expect(!player.succeeded)
        // The syntax error is shown where it stands: after c's statement (line 6), before the expect (line 8).
        let rendered = TextTranscript().render(player.transcript)
        let syntax = rendered.range(of: "b.md:7:8")!, expect = rendered.range(of: ">>> expect a")!, skipped = rendered.range(of: "skipped: it uses b")!
        #expect(skipped.lowerBound < syntax.lowerBound && syntax.lowerBound < expect.lowerBound)
    }

    /// Enter after `backward` walks the pass; `:run` and `:goto` do not.
    @Test func backwardWalkAndUndo() throws {
        let player = Player(lesson: LessonLoader.parse(text: "# W\n```stepgrad\na = [1, 2]\nL = sum(a * a)\nbackward L\nb = 1\n```\n", file: "w.md"))
        for _ in 0..<3 { _ = try player.next() }
        // L = sum(a·a): the pass visits L, a·a and a (3 nodes).
        #expect(player.walk?.steps.count == 3)
        _ = try player.next()
        #expect(player.walk?.next == 1 && player.position == 3)
        #expect(try player.back(2) == 2)
        #expect(player.position == 2 && player.walk == nil)
        _ = try player.goto(4)
        #expect(player.position == 4 && player.walk == nil)
        _ = try player.goto(1)
        #expect(player.position == 1 && player.session.value(of: "L") == nil)
    }

    /// Undo points older than the kept snapshots are reached by replaying the journal.
    @Test func undoBeyondTheKeptSnapshotsReplays() throws {
        let count = Player.snapshotLimit + 10
        let body = (0..<count).map { "x = \($0)" }.joined(separator: "\n")
        let player = Player(lesson: LessonLoader.parse(text: "# Many\n```stepgrad\n\(body)\n```\n", file: "m.md"))
        try player.runToEnd()
        #expect(try player.back(count - 3) == count - 3)
        #expect(player.position == 3)
        // x was last bound by statement 3: x = 2.
        #expect(player.session.value(of: "x")?.data == [2])
    }

    @Test func typedStatementThatFailsChangesNothing() throws {
        let player = Player()
        _ = try player.type("a = [1, 2]")
        #expect(throws: StepError.self) { try player.type("b = a @ [[1, 2, 3]]") }
        #expect(player.steps.count == 1 && player.position == 1)
        #expect(player.session.value(of: "b") == nil)
    }

    /// Scratch is a lesson being written: a rebound input reruns what came after it.
    @Test func rerunInScratch() throws {
        let player = Player()
        _ = try player.type("a = [1, 2]\nL = sum(a * a)")
        #expect(player.session.value(of: "L")?.data == [5])  // 1 + 4
        _ = try player.type("a = [3, 4]")
        _ = try player.rerun()
        #expect(player.session.value(of: "L")?.data == [25])  // 9 + 16
        // The same in a lesson: the typed input reruns the lesson's statements after it.
        let lesson = Player(lesson: LessonLoader.parse(text: "# R\n```stepgrad\na = [1, 2]\nL = sum(a * a)\n```\n", file: "r.md"))
        try lesson.runToEnd()
        _ = try lesson.type("a = [3, 4]")
        _ = try lesson.rerun()
        #expect(lesson.session.value(of: "L")?.data == [25])  // 9 + 16
    }
}
