import Autograd

/// How a terminal heatmap is drawn.
public struct HeatmapOptions: Equatable, Sendable {
    /// Colour cells when the terminal has colour; the shade ramp otherwise.
    public var color: TerminalCapabilities.ColorDepth
    /// How the legend prints numbers.
    public var format: NumberFormat
    /// Wider or taller matrices are refused with a hint to slice them.
    public var maxColumns: Int
    public var maxRows: Int
    /// The space to fill, in terminal columns and lines (the window): cells grow to use it and
    /// print their values when they fit. Without it cells are 2×1, the smallest square.
    public var window: HeatmapTextLayout.Window?

    public init(color: TerminalCapabilities.ColorDepth, format: NumberFormat = NumberFormat(), maxColumns: Int = 64, maxRows: Int = 128,
                window: HeatmapTextLayout.Window? = nil) {
        self.color = color
        self.format = format
        self.maxColumns = maxColumns
        self.maxRows = maxRows
        self.window = window
    }
}

/// A heatmap of a tensor in the terminal: one cell per entry, rows and columns labelled with
/// their indices, a legend with the value range underneath. −∞ (a masked position), +∞ and NaN
/// get their own marks instead of a colour, so a mask reads at a glance.
public enum Heatmap {
    /// Shade characters from lowest to highest, for terminals without colour.
    public static let ramp: [Character] = [" ", "░", "▒", "▓", "█"]
    public static let minusInfinityMark = "-∞"
    public static let plusInfinityMark = "+∞"
    public static let nanMark = "✕"

    public static func render(_ tensor: Tensor, name: String? = nil, options: HeatmapOptions) throws(DisplayError) -> String {
        let name = name ?? tensor.label ?? "value"
        let grids = try MatrixSlice.slices(of: tensor, name: name)
        let first = grids[0]
        guard first.columns <= options.maxColumns, first.rows <= options.maxRows else {
            throw .tooLarge(what: "a heatmap of \(name) \(Shape.describe(tensor.shape))",
                            reason: "a terminal heatmap shows at most \(options.maxRows) rows and \(options.maxColumns) columns; slice it first, e.g. \(name)[0:\(min(first.rows, options.maxRows)), 0:\(min(first.columns, options.maxColumns))]")
        }
        let scale = ColorScale(values: tensor.data)
        var lines = ["heatmap of \(name) \(Shape.describe(tensor.shape))"]
        for grid in grids {
            if let caption = grid.caption { lines.append(caption) }
            lines += body(grid, scale: scale, options: options, slices: grids.count)
        }
        lines += legend(tensor.data, scale: scale, options: options)
        return lines.joined(separator: "\n")
    }

    /// Column header and the rows of cells, sized by `HeatmapTextLayout`: indices over the cells'
    /// centres (vertically, one digit per line, when a cell is narrower than the index), row
    /// indices on each cell's middle line, values inside the cells when they fit.
    private static func body(_ grid: MatrixSlice, scale: ColorScale, options: HeatmapOptions, slices: Int) -> [String] {
        let labelWidth = grid.isVector ? 0 : String(grid.rows - 1).count
        let layout = HeatmapTextLayout(grid: grid, labelWidth: labelWidth, color: options.color, format: options.format,
                                    window: options.window, linesAround: slices * 2 + 4)
        let (width, height) = (layout.cellWidth, layout.cellHeight)
        let digits = String(grid.columns - 1).count
        var lines: [String]
        if width > 2, width > digits {
            lines = [String(repeating: " ", count: labelWidth + 1) + (0..<grid.columns).map { center(String($0), width) }.joined()]
        } else {
            lines = (0..<digits).map { place in
                String(repeating: " ", count: labelWidth + 1) + (0..<grid.columns).map { column in
                    let label = Array(pad(String(column), digits))
                    return pad(label[place] == " " ? "" : String(label[place]), width)
                }.joined()
            }
        }
        for row in 0..<grid.rows {
            for line in 0..<height {
                let middle = line == (height - 1) / 2
                var text = (grid.isVector ? "" : middle ? pad(String(row), labelWidth) : String(repeating: " ", count: labelWidth)) + " "
                for column in 0..<grid.columns {
                    text += cell(grid[row, column], width: width, middle: middle, value: middle ? layout.values?[row][column] : nil, scale: scale, color: options.color)
                }
                lines.append(text)
            }
        }
        return lines
    }

    /// One line of one cell: its colour (or shade), with `value` written in it when given; the
    /// marks of −∞, +∞ and NaN go on the cell's middle line.
    private static func cell(_ v: Double, width: Int, middle: Bool, value: String?, scale: ColorScale, color: TerminalCapabilities.ColorDepth) -> String {
        if !v.isFinite {
            guard middle else { return String(repeating: " ", count: width) }
            let mark = v.isNaN ? nanMark : v < 0 ? minusInfinityMark : plusInfinityMark
            return width <= 2 ? pad(mark, width) : center(mark, width)
        }
        if color == .none {
            let shade = ramp[scale.level(v, levels: ramp.count)]
            guard let value else { return String(repeating: shade, count: width) }
            // The number between one shade character on each side, spaces around it.
            return String(shade) + center(value, width - 2) + String(shade)
        }
        let fill = scale.color(v)
        guard let value else { return background(fill, depth: color) + String(repeating: " ", count: width) + reset }
        return background(fill, depth: color) + foreground(ColorScale.ink(on: fill), depth: color) + center(value, width) + reset
    }

    private static func legend(_ values: [Double], scale: ColorScale, options: HeatmapOptions) -> [String] {
        let f = options.format
        var lines: [String] = []
        if let low = scale.minimum, let high = scale.maximum, low == high {
            // One finite value (e.g. the 0s of an additive mask): bins of zero width would all
            // read "v…v", so the legend names the single shade or colour it is drawn in.
            let swatch = options.color == .none
                ? "'\(ramp[scale.level(low, levels: ramp.count)])'"
                : background(scale.color(low), depth: options.color) + "  " + reset
            lines.append("legend: \(swatch) every finite entry is \(f.format(low))")
        } else if let low = scale.minimum, let high = scale.maximum {
            let centre = !scale.isDiverging ? "" : options.color == .none ? " (centred on 0)" : " (centred on 0: blue below, red above)"
            if options.color == .none {
                let n = ramp.count
                lines.append("legend: " + (0..<n).map { i in
                    "'\(ramp[i])' \(f.format(scale.value(at: Double(i) / Double(n))))…\(f.format(scale.value(at: Double(i + 1) / Double(n))))"
                }.joined(separator: "  "))
            } else {
                let bar = (0..<24).map { i in
                    background(scale.color(scale.value(at: (Double(i) + 0.5) / 24)), depth: options.color) + " "
                }.joined() + reset
                lines.append("legend: \(f.format(scale.value(at: 0))) \(bar) \(f.format(scale.value(at: 1)))")
            }
            lines.append("range: min \(f.format(low)), max \(f.format(high))\(centre)")
        } else {
            lines.append("range: no finite values")
        }
        var marks: [String] = []
        if values.contains(-.infinity) { marks.append("\(minusInfinityMark) = -inf (masked)") }
        if values.contains(.infinity) { marks.append("\(plusInfinityMark) = inf") }
        if values.contains(where: \.isNaN) { marks.append("\(nanMark) = nan") }
        if !marks.isEmpty { lines.append("marks: " + marks.joined(separator: "   ")) }
        return lines
    }

    private static let reset = "\u{1B}[0m"

    private static func background(_ c: ColorScale.RGB, depth: TerminalCapabilities.ColorDepth) -> String {
        if depth == .truecolor { return "\u{1B}[48;2;\(c.red);\(c.green);\(c.blue)m" }
        return "\u{1B}[48;5;\(xterm256(c))m"
    }

    /// The nearest of the 256-colour palette's 6×6×6 cube (16…231, channel levels 0, 95, 135,
    /// 175, 215, 255 — not evenly spaced) and its grey ramp (232…255, greys 8, 18, …, 238).
    static func xterm256(_ c: ColorScale.RGB) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearest(_ x: Int) -> Int { levels.indices.min { abs(levels[$0] - x) < abs(levels[$1] - x) }! }
        let (r, g, b) = (nearest(c.red), nearest(c.green), nearest(c.blue))
        func distance(_ x: (Int, Int, Int)) -> Int {
            (x.0 - c.red) * (x.0 - c.red) + (x.1 - c.green) * (x.1 - c.green) + (x.2 - c.blue) * (x.2 - c.blue)
        }
        let greyStep = min(23, max(0, ((c.red + c.green + c.blue) / 3 - 8 + 5) / 10))
        let grey = 8 + 10 * greyStep
        let cubeDistance = distance((levels[r], levels[g], levels[b]))
        return distance((grey, grey, grey)) < cubeDistance ? 232 + greyStep : 16 + 36 * r + 6 * g + b
    }

    private static func foreground(_ c: ColorScale.RGB, depth: TerminalCapabilities.ColorDepth) -> String {
        if depth == .truecolor { return "\u{1B}[38;2;\(c.red);\(c.green);\(c.blue)m" }
        return "\u{1B}[38;5;\(xterm256(c))m"
    }

    /// `text` in the middle of `width` columns (one more space on the right when uneven).
    private static func center(_ text: String, _ width: Int) -> String {
        let spare = max(0, width - text.count)
        return String(repeating: " ", count: spare / 2) + text + String(repeating: " ", count: spare - spare / 2)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
