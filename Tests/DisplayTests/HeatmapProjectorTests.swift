import Autograd
import Display
import Foundation
import Testing

/// Heatmaps on a projector: cells grow to fill the window and carry their values; the palette
/// reads on black and on white.
struct HeatmapProjectorTests {
    /// softmax of a causal mask, 4×4: row i spreads 1 over its first i + 1 entries.
    let attention = try! Tensor(shape: [4, 4], data: [1, 0, 0, 0, 0.5, 0.5, 0, 0, 0.25, 0.25, 0.5, 0, 0.25, 0.25, 0.25, 0.25])
    let mask = try! Tensor(shape: [4, 4], data: [0, -.infinity, -.infinity, -.infinity, 0, 0, -.infinity, -.infinity,
                                                 0, 0, 0, -.infinity, 0, 0, 0, 0])

    /// Lines without colour codes, as they look on screen.
    func visible(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression).components(separatedBy: "\n")
    }

    @Test func at100x30AFourByFourGetsTwelveByTwelveCellsWithValues() throws {
        let text = try Heatmap.render(attention, name: "w", options: HeatmapOptions(color: .truecolor, format: NumberFormat(precision: 2),
                                                                                   window: .init(columns: 100, lines: 30)))
        let lines = visible(text)
        // 30 lines less 6 for title, indices and legend leave 24: 6 lines a row; a square cell is
        // twice as wide as high, 12 columns (4 × 12 = 48 of the 98 left after the row index).
        #expect(lines.count <= 30)
        #expect(lines[1] == "  " + ["0", "1", "2", "3"].map { "     \($0)      " }.joined())
        #expect(lines.dropFirst(2).filter { $0.count == 2 + 48 }.count == 24)
        // Values sit on each cell's middle line (the third of six): 0.25 is printed in row 2.
        let row2 = try #require(lines.first { $0.hasPrefix("2 ") })
        #expect(row2.contains("0.25") && row2.contains("0.5"))
        #expect(lines.contains { $0.hasPrefix("0 ") && $0.contains("   1    ") })
    }

    @Test func at160x45TheCellsGrowAgain() throws {
        let text = try Heatmap.render(attention, name: "w", options: HeatmapOptions(color: .ansi256, format: NumberFormat(precision: 2),
                                                                                   window: .init(columns: 160, lines: 45)))
        let lines = visible(text)
        // 45 − 6 = 39 lines: 9 a row (36 in all); 9 lines high is 18 columns wide, under the
        // 24-column cap; 4 × 18 = 72 columns.
        #expect(lines.count <= 45)
        #expect(lines.dropFirst(2).filter { $0.count == 2 + 72 }.count == 36)
        #expect(lines.filter { $0.contains("0.25") }.count == 2)
    }

    @Test func withoutColourTheShadeRampStaysAroundTheValues() throws {
        let text = try Heatmap.render(attention, name: "w", options: HeatmapOptions(color: .none, format: NumberFormat(precision: 2),
                                                                                   window: .init(columns: 100, lines: 30)))
        #expect(!text.contains("\u{1B}"))
        let lines = visible(text)
        // Row 0's middle line: 1 is the top of the ramp (█), centred in the 10 columns between
        // two shade characters (4 spaces before, 5 after); 0 the bottom (a space).
        let row0 = try #require(lines.first { $0.hasPrefix("0 ") })
        #expect(row0.hasPrefix("0 █    1     █     0     "))
        #expect(lines.contains { $0.contains("████████████") })
        #expect(lines.filter { $0.hasPrefix("  ") && $0.contains("▒") }.count > 0)
    }

    @Test func aMaskShowsItsMarksInTheMiddleOfBigCells() throws {
        let text = try Heatmap.render(mask, name: "mask", options: HeatmapOptions(color: .truecolor, window: .init(columns: 100, lines: 30)))
        let lines = visible(text)
        let row0 = try #require(lines.first { $0.hasPrefix("0 ") })
        #expect(row0.components(separatedBy: "-∞").count - 1 == 3)
        #expect(row0.contains("0"))
    }

    @Test func aLargeMatrixKeepsSmallCellsAndNoValues() throws {
        let big = try Tensor(shape: [40, 40], data: (0..<1600).map { Double($0) / 1600 })
        let text = try Heatmap.render(big, name: "big", options: HeatmapOptions(color: .truecolor, window: .init(columns: 100, lines: 30)))
        // 40 columns in 97 leave 2 a cell: the smallest square, no room for a number.
        #expect(visible(text).allSatisfy { $0.count <= 100 })
        #expect(!text.contains("0.5"))
    }

    @Test func thePaletteReadsOnBlackAndOnWhite() {
        let black = ColorScale.RGB(red: 0, green: 0, blue: 0), white = ColorScale.RGB(red: 255, green: 255, blue: 255)
        // WCAG: (1 + 0.05) / (0 + 0.05) = 21 for black on white.
        #expect(abs(ColorScale.contrast(black, white) - 21) < 1e-9)
        let sequential = ColorScale(values: [0, 1]), diverging = ColorScale(values: [-1, 1])
        // The lowest colour keeps 3:1 against a black background (viridis's #440154 has 1.4:1).
        #expect(ColorScale.contrast(sequential.color(0), black) >= 3)
        #expect(ColorScale.contrast(diverging.color(-1), black) >= 3)
        #expect(ColorScale.contrast(diverging.color(1), black) >= 3)
        // The highest stays visible on white.
        #expect(ColorScale.contrast(sequential.color(1), white) >= 1.5)
        #expect(ColorScale.contrast(diverging.color(0), white) >= 1.5)
        // Brightness rises along the sequential scale, so dark = low holds on any background.
        let steps = (0...20).map { ColorScale.luminance(sequential.color(Double($0) / 20)) }
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0 < $1 })
        // Numbers inside cells: the chosen ink has at least 4.5:1 on every colour of both scales.
        for scale in [sequential, diverging] {
            for i in 0...20 {
                let fill = scale.color(scale.value(at: Double(i) / 20))
                #expect(ColorScale.contrast(ColorScale.ink(on: fill), fill) >= 4.5)
            }
        }
    }
}
