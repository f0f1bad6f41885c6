import Foundation
import StepLang

/// The read–dispatch loop: reads a (possibly multi-line) input, sends `:commands` and statements to
/// the notebook, and keeps going whatever goes wrong, until :quit, Ctrl-D or the end of the input.
struct ReplLoop {
    var reader: LineReader
    let console: Console
    let interactive: Bool
    var notebook: Notebook

    init(reader: LineReader, console: Console, catalog: LessonCatalog, interactive: Bool) {
        self.reader = reader
        self.console = console
        self.interactive = interactive
        self.notebook = Notebook(console: console, catalog: catalog)
    }

    mutating func run(opening lesson: String?) {
        if interactive { welcome() }
        if let lesson { notebook.perform(.open(lesson)) }
        while !InterruptSignal.shouldQuit {
            reader.complete(with: notebook.completionCandidates)
            guard let input = readInput() else {
                if interactive { console.say("") }  // end the line Ctrl-D left the cursor on
                break
            }
            let text = input.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                // Enter on an empty line steps through the open lesson.
                if notebook.hasLesson { notebook.perform(.next(1)) }
                continue
            }
            if text.hasPrefix(":") {
                let command: ColonCommand
                do { command = try ColonCommand.parse(text) } catch {
                    console.error("error: \(error)")
                    continue
                }
                if command == .quit { break }
                notebook.perform(command)
            } else {
                notebook.runTyped(input)
            }
        }
        if interactive { console.say(console.dim("bye")) }
    }

    /// One input: a line, plus continuation lines while a bracket or brace is open. Nil at the end of input.
    /// Ctrl-C drops what was typed and prompts again.
    private mutating func readInput() -> String? {
        var lines: [String] = []
        while true {
            let prompt = lines.isEmpty ? notebook.prompt : String(repeating: " ", count: max(0, notebook.prompt.count - 4)) + "... "
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                if lines.isEmpty { return nil }
                return lines.joined(separator: "\n")
            case .interrupted:
                if InterruptSignal.shouldQuit { return nil }
                lines.removeAll()
            case .line(let line):
                reader.remember(line)
                lines.append(line)
                if !Lexer.isIncomplete(lines.joined(separator: "\n")) {
                    return lines.joined(separator: "\n")
                }
            }
        }
    }

    private func welcome() {
        console.say(console.bold("stepgrad") + " — step through the arithmetic of neural networks.")
        let files = notebook.catalog.files  // the folder is listed once for the whole welcome
        if files.isEmpty {
            console.say("No lessons found (looked for a lessons/ folder); type statements, or :help.")
        } else {
            // The example is the first lesson's topic word: `01-mlp-3-4-2` → `mlp`.
            let example = files.first.map(LessonCatalog.name(of:))?.split(separator: "-").first { !$0.allSatisfy(\.isNumber) } ?? "mlp"
            console.say("Lessons — open one with :open and any part of its name, e.g. :open \(example)")
            notebook.listLessons(files)
        }
        console.say("Enter steps through a lesson; :help lists the commands; Ctrl-D quits.")
    }
}
