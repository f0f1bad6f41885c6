import Autograd
import Display
import Foundation
import StepLang

/// The commands that write or read files — and only the path they are given.
extension Notebook {
    func save(to path: String) {
        let file = SessionFile(
            lesson: lesson?.path, position: position,
            variables: session.variables.map { SessionFile.Variable(name: $0.name, shape: $0.value.shape, data: $0.value.data) })
        do {
            try file.write(to: path)
            console.say("saved \(file.variables.count) variables" + (lesson.map { " and the position in \($0.title) (\(position))" } ?? "") + " to \(path)")
        } catch {
            console.error("error: \(error)")
        }
    }

    /// Replaces the session by the saved one (values only: graphs and gradients are not saved). :back undoes it.
    func load(from path: String) {
        let file: SessionFile
        let tensors: [(String, Tensor)]
        var loadedLesson: Lesson?
        do {
            file = try SessionFile.read(from: path)
            tensors = try file.tensors()
            if let lessonPath = file.lesson {
                do { loadedLesson = try LessonLoader.load(path: lessonPath) } catch {
                    return console.error("error: \(path) was saved in the lesson \(lessonPath), which cannot be opened: \(error.message)")
                }
            }
        } catch {
            return console.error("error: \(error)")
        }
        let before = moment()
        let previousLesson = lesson
        session.restore(emptySession)
        for (name, tensor) in tensors { session.bind(name, tensor) }
        lesson = loadedLesson
        position = min(file.position, loadedLesson?.steps.count ?? 0)
        walk = nil
        rebound = []
        // :back across a change of lesson would mix two lessons' positions.
        if previousLesson?.path == loadedLesson?.path { moments.append(before) } else { moments = [] }
        console.say("loaded \(tensors.count) variables from \(path)" + (loadedLesson.map { "; \($0.title) at \(position) of \($0.steps.count)" } ?? ""))
    }

    func export(html: Bool, to path: String) {
        var document = Transcript(title: lesson?.title ?? "stepgrad session")
        for entry in transcript {
            if !entry.prose.isEmpty { document.blocks.append(.prose(entry.prose)) }
            document.append(statement: entry.input, events: entry.events)
            if !entry.notes.isEmpty { document.blocks.append(.note(entry.notes)) }
        }
        do {
            try TranscriptExporter(format: format).write(document, as: html ? .html : .md, to: path)
            console.say("wrote \(transcript.count) steps to \(path)")
        } catch {
            console.error("error: \(error.description)")
        }
    }

    func help(_ topic: String?) {
        guard let topic else {
            let width = ColonCommand.table.map { $0.name.count + $0.arguments.count + 1 }.max() ?? 0
            var lines = ["Commands (anything else is a statement, e.g. z = W @ x + b):"]
            lines.append("  " + "Enter".padding(toLength: width, withPad: " ", startingAt: 0) + "  the same as :next")
            for entry in ColonCommand.table {
                let head = (entry.name + " " + entry.arguments).padding(toLength: width, withPad: " ", startingAt: 0)
                lines.append("  \(head)  \(entry.help)")
            }
            lines.append("Functions:")
            lines.append(console.wrap(Builtins.all.map(\.name), indent: "  "))
            lines.append(":help NAME for one command or function. Tab completes; Ctrl-C stops a long loop; Ctrl-D quits.")
            return console.say(lines.joined(separator: "\n"))
        }
        let commandName = topic.hasPrefix(":") ? topic : ":" + topic
        if let entry = ColonCommand.table.first(where: { $0.name == commandName }) {
            return console.say("\(entry.name) \(entry.arguments)\n  \(entry.help)")
        }
        if let builtin = Builtins.named(topic) {
            return console.say("\(builtin.signature)\n  \(builtin.help)")
        }
        console.error("error: no command or function called \(topic) (:help lists them)")
    }
}
