import Autograd
import Testing
@testable import StepLang

@Suite struct LessonTests {
    static let text = """
    # A tiny lesson

    > Source: test

    First some prose.

    ```stepgrad
    x = [1, 2]
    y = x * 3
    ```

    ```python
    print("not run")
    ```

    More prose,
    on two lines.

    ```stepgrad
    doc y = [3, 7]
    expect y ≈ [3, 6]   # 1·3, 2·3
    ```

    The end.
    """

    @Test func titleProseAndSteps() throws {
        let lesson = LessonLoader.parse(text: LessonTests.text, file: "l.md")
        #expect(lesson.title == "A tiny lesson")
        #expect(lesson.errors.isEmpty)
        #expect(lesson.steps.map(\.text) == ["x = [1, 2]", "y = x * 3", "doc y = [3, 7]", "expect y ≈ [3, 6]"])
        #expect(lesson.steps[0].prose == "> Source: test\n\nFirst some prose.")
        #expect(lesson.steps[1].prose == "")
        #expect(lesson.steps[2].prose == "```python\nprint(\"not run\")\n```\n\nMore prose,\non two lines.")
        #expect(lesson.closingProse == "The end.")
    }

    @Test func lineNumbersPointIntoTheMarkdownFile() throws {
        let lesson = LessonLoader.parse(text: LessonTests.text, file: "l.md")
        #expect(lesson.steps[0].location == SourceLocation(file: "l.md", line: 8, column: 1))
        #expect(lesson.steps[3].location == SourceLocation(file: "l.md", line: 21, column: 1))
    }

    @Test func unclosedFenceIsAnError() throws {
        let lesson = LessonLoader.parse(text: "# T\n```stepgrad\nx = 1\n", file: "u.md")
        #expect(lesson.errors.first?.message == "this code block is never closed with ```")
        #expect(lesson.errors.first?.location == SourceLocation(file: "u.md", line: 2, column: 1))
        #expect(lesson.steps.count == 1)
    }

    @Test func titleFallsBackToTheFileName() {
        #expect(LessonLoader.parse(text: "no heading", file: "dir/07-x.md").title == "07-x")
    }

    @Test func missingFileIsAnError() {
        #expect(throws: StepError.self) { try LessonLoader.load(path: "/nonexistent/lesson.md") }
    }
}
