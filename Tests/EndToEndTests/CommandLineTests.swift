import Foundation
import Testing

/// `stepgrad run`, `test` and `list` as a user runs them: the real binary, real files.
@Suite struct CommandLineTests {
    static let good = """
    # Good lesson

    Two times three.

    ```stepgrad
    x = [2, 3]
    y = x * 3
    doc y = [6, 10]
    expect y ≈ [6, 9]   # 2·3, 3·3
    ```
    """

    static let bad = """
    # Bad lesson

    ```stepgrad
    W = [[1, 2, 3], [4, 5, 6]]
    z = W @ [1, 2]
    q = (1 +
    expect 1 ≈ 2
    ```
    """

    @Test func runPrintsTheTranscript() throws {
        try Workspace.temporary { workspace in
            try workspace.write(Self.good, to: "01-good.md")
            let result = try workspace.run(["run", workspace.path("01-good.md"), "--precision", "2"])
            #expect(result.status == 0)
            #expect(result.output.contains("# Good lesson\n\nTwo times three.\n\n>>> x = [2, 3]\nx (2,) = [2  3]"))
            #expect(result.output.contains("y (2,) = [6  9]"))
            #expect(result.output.contains("✗ erratum — doc y: the document's value differs"))
            #expect(result.output.contains("[1] document 10, computed 9"))
            #expect(result.output.contains(">>> expect y ≈ [6, 9]\n✓ passed") || result.output.contains("✓ passed"))
        }
    }

    @Test func runReportsEveryErrorWithLocationAndCaret() throws {
        try Workspace.temporary { workspace in
            try workspace.write(Self.bad, to: "02-bad.md")
            let path = workspace.path("02-bad.md")
            let result = try workspace.run(["run", path])
            #expect(result.status != 0)
            #expect(result.output.contains("\(path):5:7: error: shape mismatch in @: (2, 3) @ (2,): inner dimensions 3 and 2 differ\nz = W @ [1, 2]\n      ^"))
            #expect(result.output.contains("\(path):6:9: error: expected a value, found end of line; the '(' at 6:5 is never closed\nq = (1 +\n        ^"))
            #expect(result.output.contains("✗ FAILED — \(path):7:1: 1 of 1 entries differ by more than 1e-06"))
        }
    }

    @Test func testCountsExpectsAndListsErrata() throws {
        try Workspace.temporary { workspace in
            try workspace.write(Self.good, to: "01-good.md")
            try workspace.write(Self.bad, to: "02-bad.md")
            let result = try workspace.run(["test", workspace.folder.path])
            #expect(result.status == 1)
            #expect(result.output.hasSuffix("1 passed, 1 failed\n"))
            #expect(result.output.contains("01-good.md:8:1: erratum: doc y"))
        }
        try Workspace.temporary { workspace in
            try workspace.write(Self.good, to: "01-good.md")
            let result = try workspace.run(["test", workspace.path("01-good.md")])
            #expect(result.status == 0)
            #expect(result.output.hasSuffix("1 passed, 0 failed\n"))
        }
    }

    @Test func listShowsTitles() throws {
        try Workspace.temporary { workspace in
            try workspace.write(Self.good, to: "01-good.md")
            try workspace.write(Self.bad, to: "02-bad.md")
            try workspace.write("x", to: "notes.txt")
            let result = try workspace.run(["list", workspace.folder.path])
            #expect(result.status == 0)
            let lines = result.output.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines[0].hasSuffix("01-good.md  Good lesson"))
            #expect(lines[1].hasSuffix("02-bad.md   Bad lesson"))
        }
    }

    @Test func missingFileIsAnErrorNotACrash() throws {
        try Workspace.temporary { workspace in
            let result = try workspace.run(["run", "/nonexistent/lesson.md"])
            #expect(result.status == 1)
            #expect(result.errors.contains("/nonexistent/lesson.md:1:1: error: cannot read the lesson file"))
        }
    }
}
