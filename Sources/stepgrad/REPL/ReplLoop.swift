import Display
import Foundation
import Notebook
import StepLang

/// The read–print loop: reads a (possibly multi-line) input, hands it to the notebook and prints the
/// reply, the same way for a terminal and a pipe, until :quit, Ctrl-D or the end of the input.
struct ReplLoop {
    var reader: LineReader
    let console: Console
    let interactive: Bool
    let notebook: Notebook
    /// `--bail`: stop at the first input that fails.
    let bail: Bool
    /// The live browser view, once `:serve` (or `stepgrad serve`) started it.
    var mirror: LiveMirror?

    /// Runs the loop; true when some input failed (a command, or a statement it ran).
    mutating func run(opening lesson: String?) -> Bool {
        if interactive { welcome() }
        var failed = false
        // The lesson to open first is one more input, and fails like one.
        var pending = lesson.map { [":open \($0)"] } ?? []
        reading: while !InterruptSignal.shouldQuit {
            let input: String
            if !pending.isEmpty {
                input = pending.removeFirst()
            } else {
                let notebook = notebook
                reader.complete(with: notebook.completionCandidates)
                guard let line = readInput() else {
                    if interactive { console.say("") }  // end the line Ctrl-D left the cursor on
                    break
                }
                input = line
            }
            _ = InterruptSignal.take()
            notebook.workingWidth = workingWidth
            let reply = notebook.handle(input)
            switch reply.request {
            case .quit?: break reading
            case let .serve(host)?:
                if serve(host: host, port: 0) { continue }
                failed = true
                if bail { break reading }
                continue
            case nil: break
            }
            show(reply)
            if reply.kind == .step { mirror?.publish(reply.blocks, of: notebook) }
            if reply.failed {
                failed = true
                if bail { break }
            }
        }
        if interactive { console.say(console.paint("bye", .dim)) }
        return failed
    }

    /// The columns a line of working may take: the terminal's as it is now (it may have been
    /// resized), and no more than the live page shows; from a pipe without a live page, no limit.
    private var workingWidth: Int? {
        let terminal = interactive ? console.width - 1 : nil
        guard mirror != nil else { return terminal }
        return min(terminal ?? .max, LiveMirror.pageColumns)
    }

    /// Starts the live view and shows it the step the session stands at; false when it cannot start.
    mutating func serve(host: String?, port: UInt16) -> Bool {
        if let mirror {
            console.say("already serving at \(mirror.url.absoluteString)")
            return true
        }
        do {
            let started = try LiveMirror(host: host, port: port)
            console.say(started.announcement)
            started.publish(notebook.player.currentStep, of: notebook)
            mirror = started
            return true
        } catch {
            console.say(console.paint("error: \(error.description)", .error))
            return false
        }
    }

    /// Prints a reply; in presentation mode a step too long for the screen comes page by page, the
    /// next after Enter (from a pipe, one after the other).
    private mutating func show(_ reply: Notebook.Reply) {
        guard !reply.blocks.isEmpty else { return }
        let screens = console.screens(reply, format: notebook.format, heading: notebook.heading)
        for (i, screen) in screens.enumerated() {
            console.show(screen: screen, of: reply)
            if interactive && i < screens.count - 1 {
                if case .endOfInput = reader.readLine(prompt: "— Enter: more (page \(i + 1) of \(screens.count)) — ") { return }
            }
        }
        if interactive { console.say("") }  // air between a reply and the next prompt
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
        console.say(console.paint("stepgrad", .statement) + " — step through the arithmetic of neural networks.")
        let files = notebook.catalog.files  // the folder is listed once for the whole welcome
        if files.isEmpty {
            console.say("No lessons found (looked for a lessons/ folder); type statements, or :help.")
        } else {
            // The example is the first lesson's topic word: `01-mlp-3-4-2` → `mlp`.
            let example = files.first.map(LessonCatalog.name(of:))?.split(separator: "-").first { !$0.allSatisfy(\.isNumber) } ?? "mlp"
            console.say("Lessons — open one with :open and any part of its name, e.g. :open \(example)")
            console.say(notebook.lessonsText(files))
        }
        console.say("Enter steps through a lesson; :help lists the commands; Ctrl-D quits.")
    }
}
