import Autograd

/// A tensor laid out as tables for the transcripts: one per matrix slice, rows and columns
/// labelled with their indices, cut to a readable size with the cut said out loud.
struct MatrixTable {
    /// `x[1, :, :]` for a slice of a higher-rank tensor.
    let caption: String?
    let columnLabels: [String]
    /// (row label, entries); nil entries stand for the cut (`…`).
    let rows: [(label: String, cells: [Double?])]
    /// `showing 16 of 40 columns`, when cut.
    let cutNote: String?

    static let maxRows = 32
    static let maxColumns = 16

    static func tables(of tensor: Tensor, name: String) throws(DisplayError) -> [MatrixTable] {
        try MatrixSlice.slices(of: tensor, name: name).map { slice in
            let columns = cut(slice.columns, maxColumns)
            let rows = cut(slice.rows, maxRows)
            var notes: [String] = []
            // `cut` shortens exactly the axes longer than their limit, to limit - 1 indices and a gap.
            if slice.rows > maxRows { notes.append("showing \(maxRows - 1) of \(slice.rows) rows") }
            if slice.columns > maxColumns { notes.append("showing \(maxColumns - 1) of \(slice.columns) columns") }
            return MatrixTable(
                caption: slice.caption,
                columnLabels: columns.map { $0.map(String.init) ?? "…" },
                rows: rows.map { row in
                    (slice.isVector ? "" : row.map(String.init) ?? "…", columns.map { column in
                        guard let row, let column else { return nil }
                        return slice[row, column]
                    })
                },
                cutNote: notes.isEmpty ? nil : notes.joined(separator: ", "))
        }
    }

    /// Indices to show: all, or the first limit-2, a gap (nil), and the last.
    private static func cut(_ count: Int, _ limit: Int) -> [Int?] {
        guard count > limit else { return Array(0..<count) }
        return Array(0..<(limit - 2)) + [nil, count - 1]
    }
}
