import ArgumentParser
import Foundation
import Display
import Notebook
import StepLang

/// `stepgrad run FILE`: the whole lesson as a transcript on standard output.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a lesson and print its transcript: prose, statements, values, doc verdicts, expect results."
    )

    @Argument(help: "The lesson file (Markdown with ```stepgrad blocks).")
    var file: String

    @Option(help: "Decimals shown for each number.")
    var precision: Int = 4

    @Flag(help: "Show numbers in scientific notation.")
    var scientific = false

    @Flag(help: "Show statements without their comments (the hand arithmetic beside them).")
    var noComments = false

    @OptionGroup var limits: LimitOptions

    @Option(help: "Transcript format: text (terminal), md (Markdown) or html (a self-contained page).")
    var format: TranscriptOutput = .text

    func validate() throws {
        guard (0...17).contains(precision) else { throw ValidationError("--precision must be between 0 and 17") }
    }

    func run() throws {
        limits.apply()
        let lesson: Lesson
        do { lesson = try LessonLoader.load(path: file) } catch {
            printError(error.rendered)
            throw ExitCode.failure
        }
        warnIfNothingToRun(lesson)
        let player = Player(lesson: lesson)
        player.showsComments = !noComments
        player.keepsUndoPoints = false
        // Plays to the end: only Ctrl-C stops it, and nothing here sets that.
        try? player.runToEnd()
        let format = NumberFormat(style: scientific ? .scientific : .fixed, precision: precision)
        if let notebook = ExportFormat(rawValue: self.format.rawValue) {
            print(TranscriptExporter(format: format).render(player.transcript, as: notebook), terminator: "")
        } else {
            // Colour heatmaps only on a colour terminal; a pipe or a file gets the shade ramp.
            let color = isatty(STDOUT_FILENO) == 1 ? TerminalCapabilities.detect(environment: ProcessInfo.processInfo.environment).color : .none
            print(TextTranscript(format: format, heatmapColor: color).render(player.transcript), terminator: "")
        }
        if !player.succeeded { throw ExitCode.failure }
    }
}

/// What `stepgrad run --format` writes.
enum TranscriptOutput: String, ExpressibleByArgument, CaseIterable {
    case text, md, html
}
