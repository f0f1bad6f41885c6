import Display
import Foundation
import StepLang

/// The commands that list, explain, write and read files — and only the path they are given.
extension Notebook {
    /// `:export md|html FILE`: exactly the transcript so far (undone steps are gone; traces,
    /// checks and reruns are in), rendered as `stepgrad run --format` renders a whole lesson.
    func export(html: Bool, to path: String) throws -> Reply {
        try TranscriptExporter(format: format).write(player.transcript, as: html ? .html : .md, to: path)
        return .info("wrote \(player.transcriptCount) steps to \(path)")
    }

    /// The lessons in `files` with their titles, one per line.
    public func lessonsText(_ files: [URL]) -> String {
        guard !files.isEmpty else { return "no lessons found (looked in \(catalog.directory?.path ?? "./lessons"))" }
        let names = files.map(LessonCatalog.name(of:))
        let width = names.map(\.count).max() ?? 0
        return zip(files, names).map { file, name in
            let title = (try? LessonLoader.load(path: file.path).title) ?? "(cannot be read)"
            return "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + title
        }.joined(separator: "\n")
    }

    func help(_ topic: String?) throws -> Reply {
        guard let topic else {
            let width = ColonCommand.table.map { $0.name.count + $0.arguments.count + 1 }.max() ?? 0
            var lines = ["Commands (anything else is a statement, e.g. z = W @ x + b):"]
            lines.append("  " + "Enter".padding(toLength: width, withPad: " ", startingAt: 0) + "  the same as :next")
            for entry in ColonCommand.table {
                let head = (entry.name + " " + entry.arguments).padding(toLength: width, withPad: " ", startingAt: 0)
                lines.append("  \(head)  \(entry.help)")
            }
            lines.append("Functions:")
            lines.append("  " + Builtins.all.map(\.name).joined(separator: " "))
            lines.append(":help NAME for one command or function; :help pytorch for where results differ from PyTorch's.")
            lines.append("Tab completes; Ctrl-C stops a long loop; Ctrl-D quits.")
            return .info(lines.joined(separator: "\n"))
        }
        if topic.lowercased() == "pytorch" { return .info(PyTorchDifferences.text) }
        let commandName = topic.hasPrefix(":") ? topic : ":" + topic
        if let entry = ColonCommand.table.first(where: { $0.name == commandName }) {
            return .info("\(entry.name) \(entry.arguments)\n  \(entry.help)")
        }
        if let builtin = Builtins.named(topic) {
            return .info("\(builtin.signature)\n  \(builtin.help)")
        }
        throw PlayerError("error: no command or function called \(topic) (:help lists them)")
    }
}
