import Foundation

/// The session behind the prompt: the open lesson, the position in it, and the commands that move and inspect.
struct Notebook {
    let console: Console
    let catalog: LessonCatalog
    var hasLesson = false

    var prompt: String { "stepgrad> " }

    var lessonTitles: [(name: String, title: String)] { catalog.names.map { ($0, "") } }

    var completionCandidates: CompletionCandidates {
        CompletionCandidates(commands: ColonCommand.table.map(\.name), variables: [], functions: [], lessons: catalog.names)
    }

    mutating func perform(_ command: ColonCommand) {
        console.say("TEMP \(command)")
    }

    mutating func runTyped(_ source: String) {
        var n = 0
        for _ in 0..<200_000_000 { if InterruptSignal.isSet { console.say("interrupted"); return }; n += 1 }
        console.say("TEMP ran: \(source)")
    }
}
