import Foundation

/// Rows of cells as plain-text columns, for the graph listing and `check`.
enum TextColumns {
    /// One line per row: each cell padded to the widest cell of its column (in terminal
    /// columns: a CJK character takes two), two spaces between columns, no trailing spaces (an
    /// empty last cell leaves none).
    static func align(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { column in rows.map { $0[column].displayWidth }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { $0.padded(toWidth: $1) }
                .joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
    }
}

extension String {
    /// How many terminal columns the text takes: East Asian wide and full-width characters (CJK
    /// ideographs, kana, hangul, full-width forms) take two, the rest one. A character with
    /// combining marks is one character, so the marks take none.
    public var displayWidth: Int {
        reduce(0) { width, character in width + (character.unicodeScalars.first.map(Self.isWide) == true ? 2 : 1) }
    }

    /// The text followed by spaces up to `width` terminal columns (unchanged when it is wider).
    public func padded(toWidth width: Int) -> String {
        self + String(repeating: " ", count: Swift.max(0, width - displayWidth))
    }

    /// The East Asian Wide (W) and Fullwidth (F) ranges of Unicode's EastAsianWidth.txt, in brief.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
