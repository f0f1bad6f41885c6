import Foundation
import Testing

/// `stepgrad run` and `stepgrad test` given what is not a lesson: a clear message on standard
/// error and a failing exit status (or a warning when there is simply nothing to run), never a trap.
@Suite struct GarbageInputTests {
    @Test func testOnAMissingFile() throws {
        try Workspace.temporary { workspace in
            let result = try workspace.run(["test", "/nonexistent/lesson.md"])
            #expect(result.status == 1)
            #expect(result.errors.contains("/nonexistent/lesson.md:1:1: error: cannot read the lesson file (missing, or not readable)"))
        }
    }

    @Test func runOnAFolder() throws {
        try Workspace.temporary { workspace in
            let result = try workspace.run(["run", workspace.folder.path])
            #expect(result.status == 1)
            #expect(result.errors.contains("\(workspace.folder.path):1:1: error: this is a folder, not a lesson file"))
        }
    }

    @Test func testOnAFolderWithoutLessons() throws {
        try Workspace.temporary { workspace in
            try workspace.write("hello", to: "notes.txt")
            let result = try workspace.run(["test", workspace.folder.path])
            #expect(result.status == 0)
            #expect(result.output == "0 passed, 0 failed\n")
        }
    }

    @Test func devicesAreRefusedNotReadForever() throws {
        try Workspace.temporary { workspace in
            for device in ["/dev/zero", "/dev/null"] {
                let result = try workspace.run(["run", device])
                #expect(result.status == 1)
                #expect(result.errors.contains("\(device):1:1: error: this is not a regular file (a device, a pipe or a socket)"))
            }
        }
    }

    @Test func symbolicLinkToALessonRuns() throws {
        try Workspace.temporary { workspace in
            try workspace.write(Data("# Linked\n\n```stepgrad\nexpect 1 + 1 == 2\n```\n".utf8), to: "real.md")
            let link = workspace.folder.appendingPathComponent("link.md")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: workspace.folder.appendingPathComponent("real.md"))
            let result = try workspace.run(["test", link.path])
            #expect(result.status == 0)
            #expect(result.output.hasSuffix("1 passed, 0 failed\n"))
        }
    }

    @Test func hugeFileIsRefused() throws {
        // One byte over the 16 MiB a lesson file may have (16 · 2²⁰ = 16777216).
        let huge = Data(repeating: UInt8(ascii: "a"), count: 16_777_217)
        try Workspace.temporary { workspace in
            try workspace.write(huge, to: "huge.md")
            let path = workspace.path("huge.md")
            let result = try workspace.run(["test", path])
            #expect(result.status == 1)
            #expect(result.errors.contains("\(path):1:1: error: the file is 16777217 bytes; a lesson file may be at most 16777216 bytes"))
        }
    }

    @Test func binaryFiles() throws {
        // An ELF-like header with NUL bytes, and bytes that are not UTF-8.
        let elf = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00])
        let latin1 = Data([0x63, 0x61, 0x66, 0xE9, 0x0A]) // "café" in Latin-1
        try Workspace.temporary { workspace in
            try workspace.write(elf, to: "a.md")
            try workspace.write(latin1, to: "b.md")
            let a = workspace.path("a.md"), b = workspace.path("b.md")
            let run = try workspace.run(["run", a])
            #expect(run.status == 1)
            #expect(run.errors.contains("\(a):1:1: error: this is a binary file, not a lesson (Markdown text with ```stepgrad blocks)"))
            let test = try workspace.run(["test", a, b])
            #expect(test.status == 1)
            #expect(test.errors.contains("\(a):1:1: error: this is a binary file"))
            #expect(test.errors.contains("\(b):1:1: error: the lesson file is not UTF-8 text"))
        }
    }

    @Test func emptyFileAndLessonWithoutBlocksWarn() throws {
        let plain = Data("# Just prose\n\nNo code here.\n\n```python\nprint(1)\n```\n".utf8)
        try Workspace.temporary { workspace in
            try workspace.write(Data(), to: "empty.md")
            try workspace.write(plain, to: "plain.md")
            for name in ["empty.md", "plain.md"] {
                let path = workspace.path(name)
                for command in ["run", "test"] {
                    let result = try workspace.run([command, path])
                    #expect(result.status == 0, "\(command) \(name)")
                    #expect(result.errors == "\(path): warning: no ```stepgrad blocks with statements; nothing to run\n")
                }
            }
        }
    }

    @Test func terminalEscapesInALessonAreNotPassedToTheTerminal() throws {
        // OSC 0 (set the window title) in the prose, a clear-screen in a comment of a statement.
        let lesson = Data("# Escapes\n\nTitle \u{1B}]0;pwned\u{07} here.\n\n```stepgrad\nx = 1 # \u{1B}[2J\nx\n```\n".utf8)
        try Workspace.temporary { workspace in
            try workspace.write(lesson, to: "escapes.md")
            let result = try workspace.run(["run", workspace.path("escapes.md")])
            #expect(result.status == 0)
            #expect(!result.output.contains("\u{1B}"))
            #expect(result.output.contains("Title \u{241B}]0;pwned\u{2407} here."))
        }
    }

    @Test func maxElementsOptionSetsTheTensorLimit() throws {
        let lesson = Data("# Limits\n\n```stepgrad\nx = zeros(20, 20)\ny = zeros(10)\n```\n".utf8)
        try Workspace.temporary { workspace in
            try workspace.write(lesson, to: "limits.md")
            let path = workspace.path("limits.md")
            // 20·20 = 400 entries are over a limit of 100; 10 are not.
            let result = try workspace.run(["run", "--max-elements", "100", path])
            #expect(result.status == 1)
            #expect(result.output.contains("zeros would make a tensor of shape (20, 20) (400 entries), over the limit of 100 entries"))
            #expect(try workspace.run(["test", "--max-elements", "400", path]).status == 0)
            let refused = try workspace.run(["run", "--max-elements", "0", path])
            #expect(refused.status == 64)
            #expect(refused.errors.contains("--max-elements must be at least 1"))
        }
    }
}
