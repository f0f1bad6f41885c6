import Foundation
import ArgumentParser
import StepLang

/// `stepgrad list`: the lessons in a folder and their titles.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the lessons and their titles.")

    @Argument(help: "The folder of lessons.")
    var folder: String = "lessons"

    func run() throws {
        let files: [String]
        do { files = try LessonLoader.lessonFiles(in: folder) } catch {
            printError(error.rendered)
            throw ExitCode.failure
        }
        let width = files.map { $0.count }.max() ?? 0
        for file in files {
            switch Result(catching: { () throws(StepError) in try LessonLoader.load(path: file) }) {
            case let .success(lesson): print(file.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + lesson.title)
            case let .failure(error): printError(error.rendered)
            }
        }
    }
}
