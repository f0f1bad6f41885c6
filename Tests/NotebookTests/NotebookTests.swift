import Autograd
import Display
import Foundation
import StepLang
import Testing
@testable import Notebook

/// The notebook as the REPL drives it, one input at a time, without a terminal.
@Suite struct NotebookTests {
    /// A notebook on a folder holding `lessons` (file name → Markdown).
    func notebook(_ lessons: [String: String] = [:]) throws -> (Notebook, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepgrad-notebook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in lessons { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return (Notebook(catalog: LessonCatalog(directory: folder)), folder)
    }

    /// Everything a reply shows, as plain text.
    func text(_ reply: Notebook.Reply) -> String { TextTranscript().render(blocks: reply.blocks) }

    /// `backward L1; backward L2`: every way of reading gradients shows the last pass, L2's.
    @Test func gradientsComeFromTheLastBackwardEverywhere() throws {
        let (notebook, _) = try notebook()
        for line in ["a = [1, 2]", "L1 = sum(a * a)", "L2 = sum(a * 3)", "backward L1", "backward L2"] {
            #expect(!notebook.handle(line).failed, "\(line)")
        }
        // ∂L2/∂a = [3, 3] (L2 = 3a₀ + 3a₁); ∂L1/∂a would be 2a = [2, 4].
        #expect(text(notebook.handle(":grad a")).contains("[3  3]"))
        #expect(text(notebook.handle("grad(a)")).contains("[3  3]"))
        let trace = text(notebook.handle(":trace a.grad[0]"))
        #expect(trace.hasPrefix("∂L2/∂a[0]") && trace.contains("= 3 ✓"))
        let graph = text(notebook.handle(":graph L1"))
        #expect(graph.contains("backward L2"))
        // a's row: max |∂L2/∂a| = 3.
        #expect(graph.split(separator: "\n").contains { $0.contains(" a ") && $0.contains("max|g| 3.0000") })
    }

    static let failing = """
    # Failing

    One statement fails; the next uses what it should have made.

    ```stepgrad
    a = [1, 2]
    b = a @ [[1, 2, 3]]
    c = b + 1
    expect a ≈ [1, 2]
    ```
    """

    /// `run --format md` and `:run` + `:export md` of the same lesson are the same file, and a
    /// failing statement reads the same in both (the skip, not a second error).
    @Test func runAndExportOfARunGiveTheSameFile() throws {
        let (notebook, folder) = try notebook(["fail.md": Self.failing])
        let lessonPath = folder.appendingPathComponent("fail.md").path
        let ran = Player(lesson: try LessonLoader.load(path: lessonPath))
        try ran.runToEnd()
        #expect(!notebook.handle(":open fail").failed)
        let reply = notebook.handle(":run")
        #expect(text(reply).contains("skipped: it uses b, whose statement on line 7 failed"))
        #expect(!text(reply).contains("unknown name"))
        for format in ExportFormat.allCases {
            let file = folder.appendingPathComponent("out.\(format.rawValue)").path
            #expect(!notebook.handle(":export \(format.rawValue) \(file)").failed)
            let exported = try String(contentsOfFile: file, encoding: .utf8)
            #expect(exported == TranscriptExporter().render(ran.transcript, as: format))
            #expect(!exported.contains("\u{1B}"))
            #expect(!exported.contains("****"))
        }
    }

    /// `:export` writes what is on screen up to the position: undone steps are gone, a check and a
    /// trace are in.
    @Test func exportDropsUndoneStepsAndKeepsChecks() throws {
        let (notebook, folder) = try notebook()
        for line in ["x = [1, 2]", "y = x * 2", "z = y + 100"] { _ = notebook.handle(line) }
        _ = notebook.handle(":back")
        // y = 2x = [2, 4]; the student says [2, 5].
        let check = text(notebook.handle(":check y = [2, 5]"))
        #expect(check.contains("✗"))
        _ = notebook.handle(":trace y[1]")
        let file = folder.appendingPathComponent("s.md").path
        _ = notebook.handle(":export md \(file)")
        let md = try String(contentsOfFile: file, encoding: .utf8)
        #expect(md.contains("y = x * 2") && !md.contains("z = y + 100"))
        #expect(md.contains("y[1] = x[1]·"))
        #expect(md.contains("✗"))
    }

    /// `:save` writes a replayable lesson; `:load` brings back the graph, the gradients, the
    /// backward walk and the `:back` history.
    @Test func saveAndLoadReplayTheSession() throws {
        let (notebook, folder) = try notebook()
        for line in ["w = [0.5, -1]", "L = sum(w * w)", "backward L"] { _ = notebook.handle(line) }
        _ = notebook.handle("")  // one node of the walk
        let file = folder.appendingPathComponent("saved.md").path
        #expect(!notebook.handle(":save \(file)").failed)
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(saved.contains("```stepgrad\nL = sum(w * w)\n```"))

        let (fresh, _) = try self.notebook()
        #expect(!fresh.handle(":load \(file)").failed)
        #expect(fresh.player.position == 3)
        #expect(fresh.player.walk?.next == 1)
        // ∂L/∂w = 2w = [1, -2], through the same graph.
        #expect(text(fresh.handle(":grad w")).contains("[ 1  -2]"))
        #expect(text(fresh.handle(":trace w.grad[1]")).contains("= -2"))
        // :back undoes the walked node, then the backward.
        _ = fresh.handle(":back 2")
        #expect(fresh.player.position == 2 && fresh.player.walk == nil)
    }

    /// A damaged or hostile session file is refused with its file and line; the session is untouched.
    @Test func badSessionFilesAreRefused() throws {
        let (notebook, folder) = try notebook()
        _ = notebook.handle("keep = [7]")
        let cases = [
            "no-journal.md": "# S\n```stepgrad\nx = 1\n```\n",
            "bad-move.md": "# S\n```stepgrad\nx = 1\n```\n\n<!-- stepgrad session: step rm-rf -->\n",
            "too-many.md": "# S\n```stepgrad\nx = 1\n```\n\n<!-- stepgrad session: step step step -->\n",
            "syntax.md": "# S\n```stepgrad\nx = (\n```\n\n<!-- stepgrad session: step -->\n",
        ]
        for (name, text) in cases {
            let path = folder.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let reply = notebook.handle(":load \(path)")
            #expect(reply.failed, "\(name)")
            #expect(self.text(reply).contains(name + ":"), "\(name): \(self.text(reply))")
            #expect(notebook.player.session.value(of: "keep")?.data == [7])
        }
    }

    /// Colon commands parse their expressions once: a syntax error comes back with its caret.
    @Test func commandArgumentsAreExpressions() throws {
        guard case let .trace(expr, jacobian) = try ColonCommand.parse(":trace W1.grad[0, 1]"), !jacobian else { Issue.record("not a trace"); return }
        #expect(try ColonCommand.parse(":trace W1.grad[0, 1] --jacobian") == .trace(expr, jacobian: true))
        guard case .index = expr.kind else { Issue.record("not an index"); return }
        #expect(throws: ColonCommand.ParseError.self) { try ColonCommand.parse(":show W1 +") }
        let (notebook, _) = try notebook()
        _ = notebook.handle("x = [1, 2, 3]")
        // The evaluator's own indexing: -1 is the last entry; out of range is the language's error.
        #expect(text(notebook.handle(":trace x[-1]")).contains("x[2] = 3") || text(notebook.handle(":trace x[-1]")).contains("= 3"))
        #expect(text(notebook.handle(":trace x[5]")).contains("out of range"))
    }
}
