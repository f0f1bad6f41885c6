import ArgumentParser
import Display
import StepLang

/// `stepgrad run FILE`: the whole lesson as a transcript on standard output.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a lesson and print its transcript: prose, statements, values, doc verdicts, expect results."
    )

    @Argument(help: "The lesson file (Markdown with ```stepgrad blocks).")
    var file: String

    @Option(help: "Decimals shown for each number.")
    var precision: Int = 4

    @Flag(help: "Show numbers in scientific notation.")
    var scientific = false

    func validate() throws {
        guard (0...17).contains(precision) else { throw ValidationError("--precision must be between 0 and 17") }
    }

    func run() throws {
        let lesson: Lesson
        do { lesson = try LessonLoader.load(path: file) } catch {
            printError(error.rendered)
            throw ExitCode.failure
        }
        let result = LessonRunner.run(lesson)
        let format = NumberFormat(style: scientific ? .scientific : .fixed, precision: precision)
        print(TextTranscript(format: format).render(result), terminator: "")
        if !result.succeeded { throw ExitCode.failure }
    }
}
