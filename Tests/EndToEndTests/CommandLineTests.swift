import Foundation
import Testing

/// `stepgrad run`, `test` and `list` as a user runs them: the real binary, real files.
@Suite struct CommandLineTests {
    private func stepgrad(_ arguments: [String]) throws -> StepgradProcess.Output {
        try StepgradProcess.run(arguments)
    }

    /// A folder with the given lessons (file name → text), removed afterwards.
    private func withLessons(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepgrad-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try body(folder)
    }

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
        try withLessons(["01-good.md": Self.good]) { folder in
            let result = try stepgrad(["run", folder.appendingPathComponent("01-good.md").path, "--precision", "2"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("# Good lesson\n\nTwo times three.\n\n>>> x = [2, 3]\nx (2,) = [2.00  3.00]"))
            #expect(result.stdout.contains("y (2,) = [6.00  9.00]"))
            #expect(result.stdout.contains("doc y: ERRATUM"))
            #expect(result.stdout.contains("[1] document 10, computed 9"))
            #expect(result.stdout.contains("expect: ok"))
        }
    }

    @Test func runReportsEveryErrorWithLocationAndCaret() throws {
        try withLessons(["02-bad.md": Self.bad]) { folder in
            let path = folder.appendingPathComponent("02-bad.md").path
            let result = try stepgrad(["run", path])
            #expect(result.status != 0)
            #expect(result.stdout.contains("\(path):5:7: error: shape mismatch in @: (2, 3) @ (2,): inner dimensions 3 and 2 differ\nz = W @ [1, 2]\n      ^"))
            #expect(result.stdout.contains("\(path):6:9: error: expected a value, found end of line; the '(' at 6:5 is never closed\nq = (1 +\n        ^"))
            #expect(result.stdout.contains("expect FAILED at \(path):7:1: 1 of 1 entries differ by more than 1e-06"))
        }
    }

    @Test func testCountsExpectsAndListsErrata() throws {
        try withLessons(["01-good.md": Self.good, "02-bad.md": Self.bad]) { folder in
            let result = try stepgrad(["test", folder.path])
            #expect(result.status == 1)
            #expect(result.stdout.hasSuffix("1 passed, 1 failed\n"))
            #expect(result.stdout.contains("01-good.md:8:1: erratum: doc y"))
        }
        try withLessons(["01-good.md": Self.good]) { folder in
            let result = try stepgrad(["test", folder.appendingPathComponent("01-good.md").path])
            #expect(result.status == 0)
            #expect(result.stdout.hasSuffix("1 passed, 0 failed\n"))
        }
    }

    @Test func listShowsTitles() throws {
        try withLessons(["01-good.md": Self.good, "02-bad.md": Self.bad, "notes.txt": "x"]) { folder in
            let result = try stepgrad(["list", folder.path])
            #expect(result.status == 0)
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines[0].hasSuffix("01-good.md  Good lesson"))
            #expect(lines[1].hasSuffix("02-bad.md   Bad lesson"))
        }
    }

    @Test func missingFileIsAnErrorNotACrash() throws {
        let result = try stepgrad(["run", "/nonexistent/lesson.md"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/lesson.md:1:1: error: cannot read the lesson file"))
    }
}
