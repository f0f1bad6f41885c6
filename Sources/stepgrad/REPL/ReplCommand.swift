import ArgumentParser
import Display
import Foundation
import Notebook

/// What the notebook is opened with, for `stepgrad [repl]` and `stepgrad serve`.
struct NotebookOptions: ParsableArguments {
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

    /// Reads keys (or a pipe) until the end; `serving` starts the live view first. A script (a
    /// pipe) that had a failing input exits non-zero; a person at a terminal saw it.
    func run(serving: (host: String?, port: UInt16)? = nil) throws {
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
        if let serving, !loop.serve(host: serving.host, port: serving.port) { throw ExitCode.failure }
        if loop.run(opening: lesson) && !interactive { throw ExitCode.failure }
    }
}

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

    @OptionGroup var options: NotebookOptions

    func run() throws { try options.run() }
}

/// `stepgrad serve [LESSON]`: the notebook, mirrored to a live browser view.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Open the notebook and mirror every step to a live, read-only browser view.",
        discussion: """
            Prints the page's address, then reads commands as the notebook does. The view is on
            127.0.0.1 (this machine only) unless --host gives another address, e.g. 0.0.0.0 to share
            it on a classroom network: then a warning is printed and the address carries a token
            that every request must have.
            """
    )

    @OptionGroup var options: NotebookOptions

    @Option(help: "The address to serve on (default 127.0.0.1).")
    var host: String?

    @Option(help: "The port (default: any free one).")
    var port: UInt16 = 0

    func run() throws { try options.run(serving: (host, port)) }
}
