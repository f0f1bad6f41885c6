import Autograd
import Testing
@testable import Display

/// Every format cuts a long matrix by the same rule: both ends of each axis, a gap between.
@Suite struct MatrixCutTests {
    @Test func bothEndsWithAGap() {
        #expect(MatrixCut.kept(5, limit: 16) == [0, 1, 2, 3, 4])
        // 40 columns, limit 16: the first 8 (0…7), a gap, the last 8 (32…39).
        #expect(MatrixCut.kept(40, limit: 16) == (0..<8).map { Optional($0) } + [nil] + (32..<40).map { Optional($0) })
        #expect(MatrixCut.note(40, limit: 16, axis: "columns") == "showing 16 of 40 columns")
        #expect(MatrixCut.note(16, limit: 16, axis: "columns") == nil)
    }

    /// The text and the Markdown of a 40-entry row (entry i is 100.5 + i) show the same columns:
    /// 0…7 and 32…39.
    @Test func textAndMarkdownShowTheSameEntries() throws {
        let row = try Tensor(shape: [1, 40], data: (0..<40).map { Double($0) + 100.5 })
        let text = MatrixFormatter(format: NumberFormat(precision: 1), maxColumns: 16).block(name: "r", row)
        let markdown = MarkdownTranscript(format: NumberFormat(precision: 1)).render(.value(name: "r", value: row))
        for shown in ["107.5", "132.5", "139.5"] { #expect(text.contains(shown) && markdown.contains(shown), "\(shown)") }
        for hidden in ["108.5", "131.5"] { #expect(!text.contains(hidden) && !markdown.contains(hidden), "\(hidden)") }
    }
}
