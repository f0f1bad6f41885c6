import Foundation
import Testing

/// The REPL on a pseudo-terminal, driven key by key like a person at the keyboard.
@Suite("REPL on a terminal", .serialized, .timeLimit(.minutes(1)))
struct TerminalTests {
    static let enter = "\r"
    static let ctrlC = "\u{03}"
    static let ctrlD = "\u{04}"
    static let up = "\u{1B}[A"
    static let tab = "\t"

    @Test func typedStatementShowsItsValue() throws {
        let workspace = try Workspace()
        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        try terminal.type("x = [1, 2] * 3" + Self.enter)
        var mark = try terminal.waitFor("stepgrad> ", after: terminal.waitFor("x = [1, 2] * 3"))
        try terminal.type("x + 0.5" + Self.enter)
        // [1, 2] * 3 = [3, 6]; + 0.5 = [3.5, 6.5].
        mark = try terminal.waitFor("3.5", after: mark)
        try terminal.waitFor("6.5", after: mark)
        try terminal.type(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func upArrowRecallsHistoryAcrossSessions() throws {
        let workspace = try Workspace()
        do {
            let terminal = try workspace.terminal()
            try terminal.waitFor("stepgrad> ")
            try terminal.type("41 + 1" + Self.enter)
            try terminal.waitFor("42")
            try terminal.type(Self.ctrlD)
            #expect(try terminal.waitForExit() == 0)
        }
        let saved = try String(contentsOf: workspace.historyFile, encoding: .utf8)
        #expect(saved.contains("41 + 1"))

        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        let mark = terminal.mark
        try terminal.type("2 * 2" + Self.enter)
        let afterFour = try terminal.waitFor("4", after: terminal.waitFor("2 * 2", after: mark))
        // Up once recalls `2 * 2`, twice the previous session's `41 + 1`.
        try terminal.type(Self.up + Self.up + Self.enter)
        try terminal.waitFor("42", after: terminal.waitFor("41 + 1", after: afterFour))
        try terminal.type(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func corruptHistoryWarnsAndTheSessionGoesOn() throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(
            at: workspace.historyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: workspace.historyFile)
        let terminal = try workspace.terminal()
        try terminal.waitFor("history")
        try terminal.waitFor("corrupt")
        try terminal.waitFor("stepgrad> ")
        try terminal.type("1 + 2" + Self.enter)
        try terminal.waitFor("3", after: terminal.waitFor("1 + 2"))
        try terminal.type(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
        // The unreadable file was kept aside, and a fresh history was written.
        #expect(FileManager.default.fileExists(atPath: workspace.historyFile.path + ".corrupt"))
        #expect(try String(contentsOf: workspace.historyFile, encoding: .utf8).contains("1 + 2"))
    }

    @Test func tabCompletesCommandsVariablesAndLessons() throws {
        let workspace = try Workspace()
        try workspace.write("# A lesson about masks\n", to: "lessons/07-attention-masks.md")
        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        // A command: `:whe` + Tab becomes `:where`, which answers (no lesson open).
        try terminal.type(":whe" + Self.tab)
        try terminal.waitFor(":where")
        try terminal.type(Self.enter)
        try terminal.waitFor("no lesson", after: terminal.waitFor(":where"))
        // A variable name.
        try terminal.type("learning_rate = 0.25" + Self.enter)
        var mark = try terminal.waitFor("stepgrad> ", after: terminal.waitFor("learning_rate = 0.25"))
        try terminal.type("learn" + Self.tab + " * 4" + Self.enter)
        mark = try terminal.waitFor("learning_rate * 4", after: mark)
        try terminal.waitFor("1.0", after: mark)
        // A lesson, matched anywhere in its file name like :open does.
        mark = terminal.mark
        try terminal.type(":open masks" + Self.tab)
        try terminal.waitFor("07-attention-masks", after: mark)
        try terminal.type(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func ctrlCAtThePromptDropsTheLine() throws {
        let workspace = try Workspace()
        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        try terminal.type("y = 1" + Self.enter)
        var mark = try terminal.waitFor("stepgrad> ", after: terminal.waitFor("y = 1"))
        try terminal.type("y = 99")
        try terminal.waitFor("y = 99", after: mark)
        try terminal.type(Self.ctrlC)
        mark = try terminal.waitFor("stepgrad> ", after: mark)
        try terminal.type("y + 1" + Self.enter)
        // y stayed 1: the dropped line never ran.
        try terminal.waitFor("2", after: terminal.waitFor("y + 1", after: mark))
        #expect(!terminal.output.contains("100"))
        try terminal.type(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func ctrlCInterruptsALongLoopAndKeepsTheSession() throws {
        let workspace = try Workspace()
        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        try terminal.type("n = 5" + Self.enter)
        var mark = try terminal.waitFor("stepgrad> ", after: terminal.waitFor("n = 5"))
        try terminal.type("for i in 1...1000 {" + Self.enter)
        mark = try terminal.waitFor("... ", after: mark)
        try terminal.type("for j in 1...1000 {" + Self.enter + "for k in 1...1000 {" + Self.enter
            + "n = n + 1" + Self.enter + "}" + Self.enter + "}" + Self.enter + "}" + Self.enter)
        // A billion additions: only Ctrl-C ends this within the test's time.
        usleep(1_500_000)
        mark = terminal.mark
        try terminal.type(Self.ctrlC)
        mark = try terminal.waitFor("stepgrad> ", after: terminal.waitFor("interrupted", after: mark))
        try terminal.type("n * 2" + Self.enter)
        // The loop's statement was rolled back: n is 5 again, n * 2 = 10.
        try terminal.waitFor("10", after: terminal.waitFor("n * 2", after: mark))
        try terminal.type(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func ctrlDQuitsCleanly() throws {
        let workspace = try Workspace()
        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        try terminal.type(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func closedTerminalEndsTheProgramAndKeepsHistory() throws {
        let workspace = try Workspace()
        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        try terminal.type("z = 7" + Self.enter)
        try terminal.waitFor("stepgrad> ", after: terminal.waitFor("z = 7"))
        terminal.closeTerminal()
        #expect(try terminal.waitForExit() == 0)
        #expect(try String(contentsOf: workspace.historyFile, encoding: .utf8).contains("z = 7"))
    }

    @Test func continuationPromptWhileABracketIsOpen() throws {
        let workspace = try Workspace()
        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        try terminal.type("m = [[1, 2]," + Self.enter)
        var mark = try terminal.waitFor("... ")
        try terminal.type("     [3, 4]]" + Self.enter)
        mark = try terminal.waitFor("stepgrad> ", after: mark)
        try terminal.type("sum(m)" + Self.enter)
        // 1 + 2 + 3 + 4 = 10.
        try terminal.waitFor("10", after: terminal.waitFor("sum(m)", after: mark))
        try terminal.type(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func garbageGetsErrorsNotCrashes() throws {
        let workspace = try Workspace()
        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        let garbage = [
            ")))", "[[[1, 2]", "]", "x = = 3", "@@@", "\u{01}\u{02}\u{7F}", ":nonsense", ":show", ":check z",
            ":goto 99999999999999999999", ":back 3", ":trace", ":load /nonexistent/file", "1 / 0",
            "[1, 2] @ [[1, 2, 3]]", "undefined_name + 1", String(repeating: "(", count: 3000) + "1" + String(repeating: ")", count: 3000),
            "ñ ∂ 漢字", "backward 1", ":format sci 99", ":help nothing_like_this",
        ]
        for line in garbage {
            try terminal.type(line + Self.enter)
            // An unfinished bracket asks for more; Ctrl-C drops it.
            if line == "[[[1, 2]" { try terminal.type(Self.ctrlC) }
        }
        let mark = terminal.mark
        try terminal.type("6 * 7" + Self.enter)
        try terminal.waitFor("42", after: terminal.waitFor("6 * 7", after: mark))
        #expect(terminal.output.contains("error"))
        try terminal.type(Self.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }
}
