import Autograd
import StepLang
import Testing
@testable import Display

/// The plain-text transcript of `stepgrad run`, pinned line by line on a small lesson.
@Suite struct TextTranscriptTests {
    static let lesson = """
    # Doubling

    Two numbers, doubled.

    ```stepgrad
    x = [1, 2]
    y = x * 2
    doc y = [2, 5]
    expect y ≈ [2, 4]   # 1·2, 2·2
    expect sum(y) == 7
    ```
    """

    @Test func wholeTranscript() {
        let run = LessonRunner.run(LessonLoader.parse(text: Self.lesson, file: "d.md"))
        let text = TextTranscript(format: NumberFormat(precision: 1)).render(run)
        #expect(text == """
        # Doubling

        Two numbers, doubled.

        >>> x = [1, 2]
        x (2,) = [1.0  2.0]

        >>> y = x * 2
        y (2,) = [2.0  4.0]

        >>> doc y = [2, 5]
        doc y: ERRATUM — the document's value differs from the computed one
          [1] document 5, computed 4

        >>> expect y ≈ [2, 4]
        expect: ok

        >>> expect sum(y) == 7
        expect FAILED at d.md:10:1: 1 of 1 entries differ (exactly)
          expected 7, got 6

        1 expects passed, 1 failed; 1 errata in 1 doc lines; 0 errors

        """)
    }

    @Test func errorsAppearWhereTheyHappen() {
        let text = "# E\n\n```stepgrad\nW = [[1, 2, 3]]\nz = W @ [1, 2]\n```\n"
        let run = LessonRunner.run(LessonLoader.parse(text: text, file: "e.md"))
        let transcript = TextTranscript().render(run)
        #expect(transcript.contains(">>> z = W @ [1, 2]\ne.md:5:7: error: shape mismatch in @: (1, 3) @ (2,)"))
        #expect(transcript.contains("z = W @ [1, 2]\n      ^"))
        #expect(transcript.hasSuffix("0 expects passed, 0 failed; 0 errata in 0 doc lines; 1 error\n"))
    }

    @Test func listingsForTheTestCommand() {
        let run = LessonRunner.run(LessonLoader.parse(text: Self.lesson, file: "d.md"))
        let transcript = TextTranscript()
        #expect(transcript.listing(erratum: run.errata[0]) == "d.md:8:1: erratum: doc y = [2, 5]\n  [1] document 5, computed 4")
        let failure = run.expectResults.first { !$0.passed }
        #expect(failure.map(transcript.listing(failure:)) == "d.md:10:1: failed: expect sum(y) == 7\n  1 of 1 entries differ (exactly)\n  expected 7, got 6")
    }

    @Test func continuationLinesOfAStatement() {
        #expect(TextTranscript().statement("W = [[1],\n     [2]]") == ">>> W = [[1],\n...      [2]]")
    }
}
