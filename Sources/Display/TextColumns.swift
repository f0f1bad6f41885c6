import Foundation

/// Rows of cells as plain-text columns, for the graph listing and `check`.
enum TextColumns {
    /// One line per row: each cell padded to the widest cell of its column, two spaces between
    /// columns, no trailing spaces (an empty last cell leaves none).
    static func align(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
    }
}
