import Autograd

/// A tensor laid out as tables for the transcripts: one per matrix slice, rows and columns
/// labelled with their indices, cut to a readable size with the cut said out loud.
struct MatrixTable {
    /// `x[1, :, :]` for a slice of a higher-rank tensor.
    let caption: String?
    let columnLabels: [String]
    /// (row label, entries); nil entries stand for the cut (`…`).
    let rows: [(label: String, cells: [Double?])]
    /// A vector's one row needs no label column.
    let labelsRows: Bool
    /// `showing 16 of 40 columns`, when cut.
    let cutNote: String?

    static let maxRows = 32
    static let maxColumns = 16

    static func tables(of tensor: Tensor, name: String) throws(DisplayError) -> [MatrixTable] {
        try MatrixSlice.slices(of: tensor, name: name).map { slice in
            let columns = MatrixCut.kept(slice.columns, limit: maxColumns)
            let rows = MatrixCut.kept(slice.rows, limit: maxRows)
            let notes = [MatrixCut.note(slice.rows, limit: maxRows, axis: "rows"),
                         MatrixCut.note(slice.columns, limit: maxColumns, axis: "columns")].compactMap { $0 }
            return MatrixTable(
                caption: slice.caption,
                columnLabels: columns.map { $0.map(String.init) ?? "…" },
                rows: rows.map { row in
                    (slice.isVector ? "" : row.map(String.init) ?? "…", columns.map { column in
                        guard let row, let column else { return nil }
                        return slice[row, column]
                    })
                },
                labelsRows: !slice.isVector,
                cutNote: notes.isEmpty ? nil : notes.joined(separator: ", "))
        }
    }
}
