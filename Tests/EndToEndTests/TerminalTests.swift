import Foundation
import Testing

/// The REPL on a pseudo-terminal, driven key by key like a person at the keyboard. Keys are typed
/// at a prompt, as a person does; every wait has a deadline.
@Suite("REPL on a terminal", .serialized, .timeLimit(.minutes(1)))
struct TerminalTests {
    static let ctrlC = "\u{03}"
    static let up = "\u{1B}[A"
    static let tab = "\t"

    @Test func typedStatementShowsItsValue() throws {
        let terminal = try Workspace().terminal()
        try terminal.waitFor("stepgrad> ")
        // [1, 2] * 3 = [3, 6]; + 0.5 = [3.5, 6.5].
        try terminal.enter("x = [1, 2] * 3", expecting: ["x (2,) = [3  6]"])
        try terminal.enter("x + 0.5", expecting: ["3.5", "6.5"])
        #expect(try terminal.quit() == 0)
    }

    @Test func upArrowRecallsHistoryAcrossSessions() throws {
        let workspace = try Workspace()
        do {
            let terminal = try workspace.terminal()
            try terminal.waitFor("stepgrad> ")
            try terminal.enter("41 + 1", expecting: ["42"])
            #expect(try terminal.quit() == 0)
        }
        let saved = try String(contentsOf: workspace.historyFile, encoding: .utf8)
        #expect(saved.contains("41 + 1"))

        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        let mark = try terminal.enter("2 * 2", expecting: ["4"])
        // Up once recalls `2 * 2`, twice the previous session's `41 + 1`.
        try terminal.type(Self.up + Self.up)
        try terminal.enter("", expecting: ["41 + 1", "42"], after: mark)
        #expect(try terminal.quit() == 0)
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
        try terminal.enter("1 + 2", expecting: ["3"])
        #expect(try terminal.quit() == 0)
        // The unreadable file was kept aside, and a fresh history was written.
        #expect(FileManager.default.fileExists(atPath: workspace.historyFile.path + ".corrupt"))
        #expect(try String(contentsOf: workspace.historyFile, encoding: .utf8).contains("1 + 2"))
    }

    @Test func tabCompletesCommandsVariablesAndLessons() throws {
        let workspace = try Workspace()
        try workspace.write("# A lesson about masks\n", to: "lessons/09-attention-masks.md")
        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        // A command: `:whe` + Tab becomes `:where`, which answers (no lesson open).
        var mark = terminal.mark
        try terminal.type(":whe" + Self.tab)
        try terminal.waitFor(":where", after: mark)
        try terminal.enter("", expecting: ["no lesson open"])
        // A variable name: `learn` + Tab is `learning_rate`; 0.25 * 4 = 1.
        try terminal.enter("learning_rate = 0.25", expecting: ["0.25"])
        mark = terminal.mark
        try terminal.type("learn" + Self.tab)
        try terminal.waitFor("learning_rate", after: mark)
        try terminal.enter(" * 4", expecting: ["() = 1"], after: mark)
        // A function name after :help (without completion, `:help soft` is an error).
        mark = terminal.mark
        try terminal.type(":help soft" + Self.tab)
        try terminal.enter("", expecting: ["softmax(x", "exp(x)"], after: mark)
        // A lesson, matched anywhere in its file name like :open does. The screen is redrawn with
        // cursor moves, so the completed line is read back from the history file.
        mark = terminal.mark
        try terminal.type(":open attention-mas" + Self.tab)
        try terminal.enter("", expecting: ["A lesson about masks"], after: mark)
        #expect(try terminal.quit() == 0)
        let history = try String(contentsOf: workspace.historyFile, encoding: .utf8)
        #expect(history.contains(":open 09-attention-masks"))
    }

    @Test func ctrlCAtThePromptDropsTheLine() throws {
        let terminal = try Workspace().terminal()
        try terminal.waitFor("stepgrad> ")
        try terminal.enter("y = 1", expecting: ["y () = 1"])
        let mark = terminal.mark
        try terminal.type("y = 99")
        try terminal.waitFor("y = 99", after: mark)
        try terminal.type(Self.ctrlC)
        let prompt = try terminal.waitFor("stepgrad> ", after: mark)
        // y stayed 1: the dropped line never ran, so y + 1 is 2.
        try terminal.enter("y + 1", expecting: ["y + 1 () = 2"], after: prompt)
        #expect(!terminal.output.contains("y () = 99"))
        #expect(try terminal.quit() == 0)
    }

    @Test func ctrlCInterruptsALongLoopAndKeepsTheSession() throws {
        let terminal = try Workspace().terminal()
        try terminal.waitFor("stepgrad> ")
        try terminal.enter("n = 5", expecting: ["n () = 5"])
        var mark = terminal.mark
        try terminal.type("for i in 1...1000 {\r")
        mark = try terminal.waitFor("... ", after: mark)
        // A billion additions in nested loops: only Ctrl-C ends this within the test's time.
        try terminal.type("for j in 1...1000 {\rfor k in 1...1000 {\rn = n + 1\r}\r}\r")
        mark = try terminal.waitFor("}", after: mark)
        try terminal.type("}\r")
        usleep(1_500_000)
        mark = terminal.mark
        try terminal.type(Self.ctrlC)
        mark = try terminal.waitFor("stepgrad> ", after: terminal.waitFor("interrupted", after: mark))
        // The loop's statement was rolled back: n is 5 again, so n * 2 is 10.
        try terminal.enter("n * 2", expecting: ["n * 2 () = 10"], after: mark)
        #expect(try terminal.quit() == 0)
    }

    @Test func ctrlDQuitsCleanly() throws {
        let terminal = try Workspace().terminal()
        try terminal.waitFor("stepgrad> ")
        #expect(try terminal.quit() == 0)
    }

    @Test func closedTerminalEndsTheProgramAndKeepsHistory() throws {
        let workspace = try Workspace()
        let terminal = try workspace.terminal()
        try terminal.waitFor("stepgrad> ")
        try terminal.enter("z = 7", expecting: ["z () = 7"])
        terminal.closeTerminal()
        let status = try terminal.waitForExit()
        #expect(status == 0)
        #expect(try String(contentsOf: workspace.historyFile, encoding: .utf8).contains("z = 7"))
    }

    @Test func continuationPromptWhileABracketIsOpen() throws {
        let terminal = try Workspace().terminal()
        try terminal.waitFor("stepgrad> ")
        var mark = terminal.mark
        try terminal.type("m = [[1, 2],\r")
        mark = try terminal.waitFor("... ", after: mark)
        // 1 + 2 + 3 + 4 = 10.
        try terminal.enter("     [3, 4]]", expecting: ["m (2, 2)"], after: mark)
        try terminal.enter("sum(m)", expecting: ["sum(m) () = 10"])
        #expect(try terminal.quit() == 0)
    }

    @Test func garbageGetsErrorsNotCrashes() throws {
        let terminal = try Workspace().terminal()
        try terminal.waitFor("stepgrad> ")
        let garbage = [
            ")))", "]", "x = = 3", "@@@", "#!/bin/sh", ":nonsense", ":show", ":check z",
            ":goto 99999999999999999999", ":back 3", ":trace", ":load /nonexistent/file", "1 / 0",
            "[1, 2] @ [[1, 2, 3]]", "undefined_name + 1", "ñ ∂ 漢字", "backward 1", ":format sci 99",
            ":help nothing_like_this", ":trace undefined[0]", ":check [1, 2] = [1, 2, 3]", ":graph 1 + ",
        ]
        for line in garbage { try terminal.enter(line) }
        // Control keys that are not editing commands, then Enter.
        var mark = terminal.mark
        try terminal.type("\u{1B}\u{1B}\u{00}\u{1D}\r")
        mark = try terminal.waitFor("> ", after: mark)
        // A long line of nested brackets, typed at once.
        let deep = String(repeating: "(", count: 2000) + "1" + String(repeating: ")", count: 2000)
        try terminal.type(deep + "\r")
        try terminal.waitFor("nest", after: mark)
        try terminal.enter("6 * 7", expecting: ["42"])
        #expect(terminal.output.contains("error"))
        #expect(try terminal.quit() == 0)
    }
}
