import Testing
import Autograd
@testable import Display

@Suite struct HeatmapTests {
    // 2×3 with a masked entry and a NaN. Finite range is [0, 1], one sign → sequential scale.
    // Ramp " ░▒▓█" (5 levels), level = min(4, ⌊5·v⌋): 0 → ' ', 0.25 → ░ (⌊1.25⌋ = 1),
    // 0.5 → ▒ (⌊2.5⌋ = 2), 1 → █ (⌊5⌋ = 5, clamped to 4).
    let x = try! Tensor(shape: [2, 3], data: [0, 0.5, 1, -.infinity, 0.25, .nan], label: "A")

    @Test func shadeRampWithoutColour() throws {
        let text = try Heatmap.render(x, options: HeatmapOptions(color: .none, format: NumberFormat(precision: 2)))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "heatmap of A (2, 3)")
        #expect(lines[1] == "   0 1 2")          // column indices, cells 2 wide after "r "
        #expect(lines[2] == "0   ▒▒██")
        #expect(lines[3] == "1 -∞░░ ✕")
        #expect(lines[4] == "legend: ' ' 0.00…0.20  '░' 0.20…0.40  '▒' 0.40…0.60  '▓' 0.60…0.80  '█' 0.80…1.00")
        #expect(lines[5] == "range: min 0.00, max 1.00")
        #expect(lines[6] == "marks: -∞ = -inf (masked)   ✕ = nan")
        #expect(!text.contains("\u{1B}"))  // no escape codes at all under NO_COLOR
    }

    @Test func oneFiniteValueGetsOneLegendEntryNotFiveEmptyBins() throws {
        // An additive causal mask: 0 on and below the diagonal, -inf above. The finite range is
        // [0, 0]; a constant tensor sits in the middle of the scale, position 0.5 → level ⌊2.5⌋ = 2, '▒'.
        let mask = try Tensor(shape: [2, 2], data: [0, -.infinity, 0, 0], label: "M")
        let text = try Heatmap.render(mask, options: HeatmapOptions(color: .none))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[2] == "0 ▒▒-∞")
        #expect(lines[4] == "legend: '▒' every finite entry is 0.0000")
        #expect(lines[5] == "marks: -∞ = -inf (masked)")
        #expect(!text.contains("…"))
        // In colour: position 0.5 of the five sequential anchors is exactly anchor 2, (33, 160, 140).
        let coloured = try Heatmap.render(mask, options: HeatmapOptions(color: .truecolor))
        #expect(coloured.contains("legend: \u{1B}[48;2;33;160;140m  \u{1B}[0m every finite entry is 0.0000"))
    }

    @Test func truecolourCellsUseTheScale() throws {
        let text = try Heatmap.render(x, options: HeatmapOptions(color: .truecolor))
        // 0 is the bottom of the sequential scale (104, 70, 180); 1 the top (224, 200, 40).
        #expect(text.contains("\u{1B}[48;2;104;70;180m  \u{1B}[0m"))
        #expect(text.contains("\u{1B}[48;2;224;200;40m  \u{1B}[0m"))
        #expect(text.contains("-∞"))
        #expect(text.contains("range: min 0.0000, max 1.0000"))
    }

    @Test func twoFiftySixColourCube() throws {
        let text = try Heatmap.render(x, options: HeatmapOptions(color: .ansi256))
        // (224, 200, 40), the top: nearest cube levels of 0, 95, 135, 175, 215, 255 are 215 (4),
        // 215 (4), 0 (0) → 16 + 36·4 + 6·4 + 0 = 184.
        #expect(text.contains("\u{1B}[48;5;184m"))
        // (104, 70, 180), the bottom: 95 (1), 95 (1), 175 (3) → 16 + 36 + 6 + 3 = 61.
        #expect(text.contains("\u{1B}[48;5;61m"))
        // a grey is closer to the grey ramp: (128, 128, 128) → 8 + 10·12 = 128 → 232 + 12 = 244.
        #expect(Heatmap.xterm256(ColorScale.RGB(red: 128, green: 128, blue: 128)) == 244)
        #expect(!text.contains("48;2;"))
    }

    @Test func signedValuesUseADivergingScaleCentredOnZero() throws {
        let v = try Tensor(shape: [3], data: [-2, 0, 1], label: "v")
        let scale = ColorScale(values: v.data)
        #expect(scale.isDiverging)
        #expect(scale.position(0) == 0.5)           // zero is the centre, not (0 - (-2)) / 3
        #expect(scale.position(-2) == 0)            // bound = max(2, 1) = 2
        #expect(scale.position(1) == 0.75)
        let text = try Heatmap.render(v, options: HeatmapOptions(color: .none))
        #expect(text.contains("centred on 0"))
        // A vector is one row without a row index. Levels ⌊5·position⌋: 0 → ' ', 0.5 → ▒, 0.75 → ▓ (⌊3.75⌋ = 3).
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[1] == "  0 1 2")
        #expect(lines[2] == "   ▒▒▓▓")
    }

    @Test func twoDigitColumnIndicesAreWrittenVertically() throws {
        let wide = try Tensor(shape: [1, 12], data: (0..<12).map(Double.init), label: "w")
        let lines = try Heatmap.render(wide, options: HeatmapOptions(color: .none)).split(separator: "\n").map(String.init)
        #expect(lines[1] == "                       1 1")   // tens digits of 10 and 11 only
        #expect(lines[2] == "   0 1 2 3 4 5 6 7 8 9 0 1")
    }

    @Test func higherRankIsDrawnBySlices() throws {
        let t = try Tensor(shape: [2, 1, 2], data: [1, 2, 3, 4], label: "T")
        let text = try Heatmap.render(t, options: HeatmapOptions(color: .none))
        #expect(text.contains("T[0, :, :]"))
        #expect(text.contains("T[1, :, :]"))
    }

    @Test func tooWideIsRefusedWithAHint() {
        let wide = try! Tensor(shape: [1, 100], data: Array(repeating: 1, count: 100), label: "w")
        let error = #expect(throws: DisplayError.self) { try Heatmap.render(wide, options: HeatmapOptions(color: .none)) }
        #expect(error?.description.contains("w[0:1, 0:64]") == true)
    }

    @Test func capabilitiesFromTheEnvironment() {
        #expect(TerminalCapabilities.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"]).color == .none)
        #expect(TerminalCapabilities.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": ""]).color == .ansi256)
        #expect(TerminalCapabilities.detect(environment: ["TERM": "dumb", "COLORTERM": "truecolor"]).color == .none)
        #expect(TerminalCapabilities.detect(environment: [:]).color == .none)
        #expect(TerminalCapabilities.detect(environment: ["TERM": "xterm", "COLORTERM": "truecolor"]).color == .truecolor)
    }
}
