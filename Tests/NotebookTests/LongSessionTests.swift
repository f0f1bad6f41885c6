import Display
import Foundation
import Testing
@testable import Notebook

/// A long session keeps the newest transcript entries in memory and the older ones in a file;
/// nothing a learner can see or export may tell the difference.
@Suite struct LongSessionTests {
    func rendered(_ blocks: [TranscriptBlock]) -> String { TextTranscript().render(blocks: blocks) }

    func entry(_ text: String, depth: Int, move: Bool) -> TranscriptLog.Entry {
        TranscriptLog.Entry(blocks: [.statement(text)], depth: depth, isMove: move)
    }

    /// Undo cuts the log back by depth, through the file as well; the last move is found in the
    /// file when memory holds none.
    @Test func undoCutsTheFileBackByDepth() {
        let log = TranscriptLog()
        let written: [(String, Int, Bool)] = [("a", 0, true), ("b", 0, false), ("c", 1, true), ("d", 2, false), ("e", 2, true), ("f", 3, false)]
        for (text, depth, move) in written { log.append(entry(text, depth: depth, move: move), memoryLimit: 2) }
        #expect(log.countInMemory == 2 && log.count == 6)
        #expect(rendered(log.blocks) == rendered(written.map { .statement($0.0) }))
        #expect(log.lastMove.map(rendered) == rendered([.statement("e")]))

        // Undo to depth 1: e (2) and f (3) leave memory, d (2) leaves the file.
        log.removeAll(deeperThan: 1)
        #expect(log.count == 3 && log.countInMemory == 0)
        #expect(rendered(log.blocks) == rendered([.statement("a"), .statement("b"), .statement("c")]))
        #expect(log.lastMove.map(rendered) == rendered([.statement("c")]))
        // Depth 0: the newest move is a, behind the command b.
        log.removeAll(deeperThan: 0)
        #expect(log.lastMove.map(rendered) == rendered([.statement("a")]))

        log.removeAll()
        #expect(log.count == 0 && log.blocks.isEmpty && log.lastMove == nil)
        for text in ["g", "h", "i"] { log.append(entry(text, depth: 0, move: true), memoryLimit: 2) }
        #expect(rendered(log.blocks) == rendered([.statement("g"), .statement("h"), .statement("i")]))
    }

    /// A file that cannot be made loses nothing: the entries stay in memory.
    @Test func withoutItsFileTheLogKeepsEverythingInMemory() {
        let nowhere = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
        let log = TranscriptLog(directory: nowhere)
        for text in ["a", "b", "c"] { log.append(entry(text, depth: 0, move: true), memoryLimit: 1) }
        #expect(log.count == 3 && log.countInMemory == 3)
        #expect(rendered(log.blocks) == rendered([.statement("a"), .statement("b"), .statement("c")]))
    }

    /// The spill file is unlinked at once: a session leaves no file behind.
    @Test func theFileLeavesNothingBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepgrad-spill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = TranscriptLog(directory: folder)
        for text in ["a", "b", "c"] { log.append(entry(text, depth: 0, move: true), memoryLimit: 1) }
        #expect(log.countInMemory == 1 && log.count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// The same session typed into two notebooks — one keeping a single entry in memory, one
    /// keeping all — exports the same files and shows the same step after `:back`.
    @Test func aTranscriptInAFileExportsAsOneInMemory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepgrad-long-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let spilling = Notebook(catalog: LessonCatalog(directory: folder)), kept = Notebook(catalog: LessonCatalog(directory: folder))
        spilling.player.entriesInMemory = 1
        kept.player.entriesInMemory = Int.max
        let inputs = [
            "W = [[0.5, -1], [2, 0.25]]  # a comment kept with the statement", "x = [1, 2]", "z = W @ x", "a = sigmoid(z)",
            "L = sum(a * a)", "backward L", "", "", ":check z = [-1.5, 2.5]", ":trace W.grad[0, 1]", "heatmap(W)",
            "y = [1, 0]", "expect z ≈ [-1.5, 2.5]", ":back 4", "q = z @ [[1]]", "L2 = sum((a - y) ^ 2)", "backward L2",
            ":back 2", "network(a)", ":goto 2", "z = W @ x + 1", ":rerun",
        ]
        var longest = 0
        for input in inputs {
            let (shown, expected) = (spilling.handle(input), kept.handle(input))
            longest = max(longest, spilling.player.transcriptCount)
            #expect(rendered(shown.blocks) == rendered(expected.blocks), "\(input)")
            #expect(rendered(spilling.player.currentStep) == rendered(kept.player.currentStep), "\(input)")
        }
        #expect(spilling.player.log.countInMemory == 1 && longest > 10)
        #expect(spilling.player.transcriptCount == kept.player.transcriptCount)
        for format in ["md", "html"] {
            let (one, all) = (folder.appendingPathComponent("one.\(format)").path, folder.appendingPathComponent("all.\(format)").path)
            #expect(!spilling.handle(":export \(format) \(one)").failed && !kept.handle(":export \(format) \(all)").failed)
            #expect(try String(contentsOfFile: one, encoding: .utf8) == String(contentsOfFile: all, encoding: .utf8))
        }
        #expect(TextTranscript().render(spilling.player.transcript) == TextTranscript().render(kept.player.transcript))
    }

    /// Hundreds of typed statements: the transcript's memory part stays at its limit, and only
    /// outcomes with something to count are kept.
    @Test func typedStatementsKeepABoundedTranscriptInMemory() {
        let notebook = Notebook(catalog: LessonCatalog(directory: nil))
        for i in 0..<300 { #expect(!notebook.handle("v = [\(i), 1] * 2").failed) }
        #expect(!notebook.handle("expect v ≈ [598, 2]").failed)  // 299·2 = 598, 1·2 = 2
        #expect(notebook.player.log.countInMemory == Player.defaultEntriesInMemory)
        #expect(notebook.player.transcriptCount == 301)
        #expect(notebook.player.outcomes.count == 1 && notebook.player.passedCount == 1)
        // The typed statements replay from their text.
        #expect(!notebook.handle(":goto 1").failed)
        #expect(rendered(notebook.handle(":goto 301").blocks).contains("expect v ≈ [598, 2]"))
    }
}
