import Testing
import Display
import StepLang
@testable import Notebook

/// The colon-command table and Tab completion, tested without the binary.
@Suite struct CommandTableTests {
    /// Every listed command, typed bare, is itself or a usage message — never another command.
    @Test func everyListedCommandParsesAsItself() throws {
        for entry in ColonCommand.table {
            do {
                _ = try ColonCommand.parse(entry.name)
            } catch {
                // A command that needs an argument says how to use it, by its own name.
                #expect(error.description.hasPrefix("usage: \(entry.name) "), "\(entry.name): \(error)")
            }
        }
        #expect(throws: ColonCommand.ParseError.self) { try ColonCommand.parse(":nonsense") }
        #expect(try ColonCommand.parse(":next 3") == .next(3))
        #expect(try ColonCommand.parse(":comments off") == .comments(false))
        #expect(try ColonCommand.parse(":format sci 3") == .format(fixed: false, precision: 3))
    }

    @Test func helpSaysWhereResultsDifferFromPyTorch() {
        let reply = Notebook(catalog: LessonCatalog(directory: nil)).handle(":help pytorch")
        guard case let .figure(text)? = reply.blocks.first else { Issue.record("no text"); return }
        #expect(text == PyTorchDifferences.text)
        #expect(text.contains("max over tied entries"))
    }

    @Test func completionOffersWhatFitsWhereTheCursorIs() {
        let candidates = CompletionCandidates(commands: ColonCommand.table.map(\.name), variables: ["learning_rate", "L"],
                                              functions: ["softmax", "sum"], lessons: ["02-mlp-3-4-2", "06-masks"])
        #expect(candidates.completions(of: ":whe", after: "") == [":where"])
        #expect(candidates.completions(of: "learn", after: "x = ") == ["learning_rate"])
        #expect(candidates.completions(of: "mas", after: ":open ") == ["06-masks"])
        #expect(candidates.completions(of: "of", after: ":comments ") == ["off"])
        #expect(candidates.completions(of: "so", after: ":help ") == ["softmax"])
        #expect(candidates.completions(of: "py", after: ":help ") == ["pytorch"])
    }
}
