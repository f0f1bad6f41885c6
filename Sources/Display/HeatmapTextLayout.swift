/// How big a terminal heatmap's cells are: as large as the window allows (a cell two columns
/// wide per line high, so it stays square in most fonts), and whether each cell's value fits
/// inside it.
public struct HeatmapTextLayout: Equatable {
    /// The space a heatmap may fill, in terminal columns and lines.
    public struct Window: Equatable, Sendable {
        public var columns: Int
        public var lines: Int
        public init(columns: Int, lines: Int) {
            self.columns = columns
            self.lines = lines
        }
    }

    /// Bigger cells than this only spread a small matrix thin.
    static let maxCellWidth = 24

    public let cellWidth: Int
    public let cellHeight: Int
    /// Each cell's number as printed inside it; nil when the numbers do not fit.
    public let values: [[String]]?

    /// `linesAround` is what the heatmap prints besides its rows (title, indices, legend).
    init(grid: MatrixSlice, labelWidth: Int, color: TerminalCapabilities.ColorDepth, format: NumberFormat, window: Window?, linesAround: Int) {
        guard let window else {
            (cellWidth, cellHeight, values) = (2, 1, nil)
            return
        }
        let widest = max(2, min(Self.maxCellWidth, (window.columns - labelWidth - 1) / max(1, grid.columns)))
        let tallest = max(1, (window.lines - linesAround) / max(1, grid.rows))
        cellHeight = max(1, min(tallest, widest / 2))
        let square = max(2, min(widest, 2 * cellHeight))
        // Values fit with a space (colour) or a shade character and a space (no colour) on each
        // side; fewer decimals are tried before giving up.
        let margin = color == .none ? 4 : 2
        let values = stride(from: format.precision, through: 0, by: -1).lazy.compactMap { precision -> [[String]]? in
            let f = NumberFormat(style: format.style, precision: precision)
            let texts = (0..<grid.rows).map { row in (0..<grid.columns).map { f.compact(grid[row, $0]) } }
            let finite = (0..<grid.rows).flatMap { row in (0..<grid.columns).filter { grid[row, $0].isFinite }.map { texts[row][$0] } }
            return finite.allSatisfy({ $0.count + margin <= widest }) ? texts : nil
        }.first
        // Cells widen to the longest number if the square was narrower.
        let longest = values?.joined().map(\.count).max() ?? 0
        cellWidth = values == nil ? square : max(square, min(widest, longest + margin))
        self.values = values
    }
}
