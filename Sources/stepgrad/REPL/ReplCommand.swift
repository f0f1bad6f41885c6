import ArgumentParser
import Display
import Foundation
import Notebook

/// `stepgrad [LESSON]`: the interactive notebook, the default command.
struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Open the interactive notebook (the default command).",
        discussion: """
            LESSON is a lesson file or any unambiguous part of a lesson's file name (e.g. `mlp`).
            Type :help at the prompt for the commands. With standard input from a pipe, the same
            commands are read line by line without prompts; the exit status is non-zero when any
            input failed.
            """
    )

    @Argument(help: "A lesson to open: a path, or an unambiguous part of a file name in the lessons folder.")
    var lesson: String?

    @Flag(help: "Clear the screen before each step, for a projector.")
    var present = false

    @Flag(help: "Show statements without their comments (the hand arithmetic beside them); :comments on|off switches.")
    var noComments = false

    @Flag(help: "Stop at the first input that fails (a command, or a statement it runs).")
    var bail = false

    @Option(help: "The folder of lessons (default: ./lessons, else the lessons next to the stepgrad checkout).")
    var lessonsDir: String?

    @OptionGroup var limits: LimitOptions

    func run() throws {
        limits.apply()
        let environment = ProcessInfo.processInfo.environment
        let interactive = isatty(STDIN_FILENO) != 0
        let colors = interactive && isatty(STDOUT_FILENO) != 0 && (environment["NO_COLOR"] ?? "").isEmpty
            && environment["TERM"] != "dumb"
        let console = Console(
            colors: colors,
            colorDepth: colors ? TerminalCapabilities.detect(environment: environment).color : .none,
            present: present
        )
        InterruptSignal.install()
        let reader: LineReader
        if interactive {
            reader = EditLineReader(
                historyFile: HistoryFile.location(environment: environment).map(HistoryFile.init(url:)),
                warn: console.warn
            )
        } else {
            reader = PlainLineReader()
        }
        let notebook = Notebook(catalog: LessonCatalog(directory: LessonCatalog.defaultDirectory(explicit: lessonsDir)),
                                isInterrupted: { InterruptSignal.isSet })
        notebook.showsComments = !noComments
        var loop = ReplLoop(reader: reader, console: console, interactive: interactive, notebook: notebook, bail: bail)
        // A script (a pipe) tells its caller that something failed; a person at a terminal saw it.
        if loop.run(opening: lesson) && !interactive { throw ExitCode.failure }
    }
}
