import Foundation
import Testing

/// `stepgrad run` and `stepgrad test` given what is not a lesson: a clear message on standard
/// error and a failing exit status (or a warning when there is simply nothing to run), never a trap.
@Suite struct GarbageInputTests {
    /// A scratch folder holding `files` (name → bytes), removed afterwards.
    private func withFiles(_ files: [String: Data], _ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepgrad-garbage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes) in files { try bytes.write(to: folder.appendingPathComponent(name)) }
        try body(folder)
    }

    @Test func testOnAMissingFile() throws {
        let result = try StepgradProcess.run(["test", "/nonexistent/lesson.md"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/lesson.md:1:1: error: cannot read the lesson file (missing, or not readable)"))
    }

    @Test func runOnAFolder() throws {
        try withFiles([:]) { folder in
            let result = try StepgradProcess.run(["run", folder.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(folder.path):1:1: error: this is a folder, not a lesson file"))
        }
    }

    @Test func testOnAFolderWithoutLessons() throws {
        try withFiles(["notes.txt": Data("hello".utf8)]) { folder in
            let result = try StepgradProcess.run(["test", folder.path])
            #expect(result.status == 0)
            #expect(result.stdout == "0 passed, 0 failed\n")
        }
    }

    @Test func devicesAreRefusedNotReadForever() throws {
        for device in ["/dev/zero", "/dev/null"] {
            let result = try StepgradProcess.run(["run", device])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(device):1:1: error: this is not a regular file (a device, a pipe or a socket)"))
        }
    }

    @Test func symbolicLinkToALessonRuns() throws {
        try withFiles(["real.md": Data("# Linked\n\n```stepgrad\nexpect 1 + 1 == 2\n```\n".utf8)]) { folder in
            let link = folder.appendingPathComponent("link.md")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder.appendingPathComponent("real.md"))
            let result = try StepgradProcess.run(["test", link.path])
            #expect(result.status == 0)
            #expect(result.stdout.hasSuffix("1 passed, 0 failed\n"))
        }
    }

    @Test func hugeFileIsRefused() throws {
        // One byte over the 16 MiB a lesson file may have (16 · 2²⁰ = 16777216).
        let huge = Data(repeating: UInt8(ascii: "a"), count: 16_777_217)
        try withFiles(["huge.md": huge]) { folder in
            let path = folder.appendingPathComponent("huge.md").path
            let result = try StepgradProcess.run(["test", path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(path):1:1: error: the file is 16777217 bytes; a lesson file may be at most 16777216 bytes"))
        }
    }

    @Test func binaryFiles() throws {
        // An ELF-like header with NUL bytes, and bytes that are not UTF-8.
        let elf = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00])
        let latin1 = Data([0x63, 0x61, 0x66, 0xE9, 0x0A]) // "café" in Latin-1
        try withFiles(["a.md": elf, "b.md": latin1]) { folder in
            let a = folder.appendingPathComponent("a.md").path, b = folder.appendingPathComponent("b.md").path
            let run = try StepgradProcess.run(["run", a])
            #expect(run.status == 1)
            #expect(run.stderr.contains("\(a):1:1: error: this is a binary file, not a lesson (Markdown text with ```stepgrad blocks)"))
            let test = try StepgradProcess.run(["test", a, b])
            #expect(test.status == 1)
            #expect(test.stderr.contains("\(a):1:1: error: this is a binary file"))
            #expect(test.stderr.contains("\(b):1:1: error: the lesson file is not UTF-8 text"))
        }
    }

    @Test func emptyFileAndLessonWithoutBlocksWarn() throws {
        let plain = Data("# Just prose\n\nNo code here.\n\n```python\nprint(1)\n```\n".utf8)
        try withFiles(["empty.md": Data(), "plain.md": plain]) { folder in
            for name in ["empty.md", "plain.md"] {
                let path = folder.appendingPathComponent(name).path
                for command in ["run", "test"] {
                    let result = try StepgradProcess.run([command, path])
                    #expect(result.status == 0, "\(command) \(name)")
                    #expect(result.stderr == "\(path): warning: no ```stepgrad blocks with statements; nothing to run\n")
                }
            }
        }
    }

    @Test func terminalEscapesInALessonAreNotPassedToTheTerminal() throws {
        // OSC 0 (set the window title) in the prose, a clear-screen in a comment of a statement.
        let lesson = Data("# Escapes\n\nTitle \u{1B}]0;pwned\u{07} here.\n\n```stepgrad\nx = 1 # \u{1B}[2J\nx\n```\n".utf8)
        try withFiles(["escapes.md": lesson]) { folder in
            let result = try StepgradProcess.run(["run", folder.appendingPathComponent("escapes.md").path])
            #expect(result.status == 0)
            #expect(!result.stdout.contains("\u{1B}"))
            #expect(result.stdout.contains("Title \u{241B}]0;pwned\u{2407} here."))
        }
    }

    @Test func maxElementsOptionSetsTheTensorLimit() throws {
        let lesson = Data("# Limits\n\n```stepgrad\nx = zeros(20, 20)\ny = zeros(10)\n```\n".utf8)
        try withFiles(["limits.md": lesson]) { folder in
            let path = folder.appendingPathComponent("limits.md").path
            // 20·20 = 400 entries are over a limit of 100; 10 are not.
            let result = try StepgradProcess.run(["run", "--max-elements", "100", path])
            #expect(result.status == 1)
            #expect(result.stdout.contains("zeros would make a tensor of shape (20, 20) (400 entries), over the limit of 100 entries"))
            #expect(try StepgradProcess.run(["test", "--max-elements", "400", path]).status == 0)
            let refused = try StepgradProcess.run(["run", "--max-elements", "0", path])
            #expect(refused.status == 64)
            #expect(refused.stderr.contains("--max-elements must be at least 1"))
        }
    }
}
