import Foundation

/// A fresh folder per test: its own history (XDG_STATE_HOME) and, when asked, a copy of the checkout's
/// lessons, so tests neither read nor write the user's files.
struct Workspace {
    let folder: URL

    init(withLessons: Bool = true) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepgrad-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lessons = BinaryLocator.packageRoot.appendingPathComponent("lessons")
        if withLessons, FileManager.default.fileExists(atPath: lessons.path) {
            try FileManager.default.copyItem(at: lessons, to: folder.appendingPathComponent("lessons"))
        } else {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        }
    }

    /// A workspace without lessons for the length of `body`, then removed: the tests that use it
    /// write files of their own, some of them large.
    static func temporary(_ body: (Workspace) throws -> Void) throws {
        let workspace = try Workspace(withLessons: false)
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        try body(workspace)
    }

    var historyFile: URL { folder.appendingPathComponent("state/stepgrad/history") }

    func environment(color: Bool = false) -> [String: String] {
        var environment = [
            "HOME": folder.path,
            "XDG_STATE_HOME": folder.appendingPathComponent("state").path,
            "TERM": "xterm",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
        ]
        if !color { environment["NO_COLOR"] = "1" }
        return environment
    }

    func write(_ text: String, to name: String) throws {
        try write(Data(text.utf8), to: name)
    }

    func write(_ bytes: Data, to name: String) throws {
        try bytes.write(to: folder.appendingPathComponent(name))
    }

    /// The path of `name` in this folder.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Opens the REPL on a pseudo-terminal in this folder.
    func terminal(_ arguments: [String] = [], color: Bool = false) throws -> PseudoTerminal {
        try PseudoTerminal(arguments: arguments, environment: environment(color: color), directory: folder)
    }

    /// Runs `stepgrad arguments` (`run`, `test`, `list`) with nothing to read; killed as `pipe` kills.
    func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try pipe("", arguments: arguments)
    }

    /// Runs `stepgrad arguments` with `input` on a pipe; killed if it takes longer than `seconds`.
    func pipe(_ input: String, arguments: [String] = [], seconds: Double = 60) throws -> (status: Int32, output: String, errors: String) {
        let inputFile = folder.appendingPathComponent("stdin-\(UUID().uuidString)")
        let outputFile = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errorFile = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        try Data(input.utf8).write(to: inputFile)
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)
        let process = Process()
        process.executableURL = BinaryLocator.stepgrad
        process.arguments = arguments
        process.environment = environment()
        process.currentDirectoryURL = folder
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw PseudoTerminal.Failure(description: "stepgrad did not finish within \(seconds)s")
        }
        let output = String(decoding: try Data(contentsOf: outputFile), as: UTF8.self)
        let errors = String(decoding: try Data(contentsOf: errorFile), as: UTF8.self)
        return (process.terminationStatus, output, errors)
    }
}
