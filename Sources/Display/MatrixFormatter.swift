import Autograd

/// Writes a tensor as aligned text: a number, a row `[a  b  c]`, a matrix of such rows, or
/// one matrix per leading index for more dimensions. Every entry is right-aligned to the
/// widest one, so columns line up. Big tensors are elided in the middle with `…`.
public struct MatrixFormatter {
    public var format: NumberFormat
    /// Rows (and matrices) beyond this many are elided, keeping the first and last halves.
    public var maxRows: Int
    public var maxColumns: Int

    public init(format: NumberFormat = NumberFormat(), maxRows: Int = 24, maxColumns: Int = 16) {
        self.format = format
        self.maxRows = max(2, maxRows)
        self.maxColumns = max(2, maxColumns)
    }

    /// `name (4, 3) =` followed by the matrix; on one line when the value fits on one. A shape
    /// (`x.shape`) is written as Python prints one: `x.shape = (2, 2)`.
    public func block(name: String, _ tensor: Tensor) -> String {
        if let shape = MatrixFormatter.shapeText(of: tensor, named: name) { return "\(name) = \(shape)" }
        let rows = lines(tensor)
        let header = "\(name) \(Shape.describe(tensor.shape)) ="
        if rows.count == 1 { return header + " " + rows[0] }
        return header + "\n" + rows.map { "  " + $0 }.joined(separator: "\n")
    }

    public func lines(_ tensor: Tensor) -> [String] {
        let data = tensor.data
        let format = self.format.fitting(data)
        let width = widestEntry(data, format)
        let padding = String(repeating: " ", count: width)
        // Right-aligned to the widest entry; numbers are ASCII, so bytes count columns.
        func cell(_ flat: Int, into line: inout String) {
            let text = format.format(data[flat])
            line += padding.prefix(width - text.utf8.count)
            line += text
        }
        switch tensor.rank {
        case 0: return [format.format(data[0])]
        case 1: return [row(tensor.shape[0], width: width, open: "[", close: "]", cell)]
        default:
            let (rows, columns) = (tensor.shape[tensor.rank - 2], tensor.shape[tensor.rank - 1])
            let matrixCount = tensor.count / max(1, rows * columns)
            let leading = Array(tensor.shape.dropLast(2))
            var out: [String] = []
            if tensor.count == 0 { return ["[]"] }
            for m in kept(matrixCount) {
                guard let m else { out.append("…"); continue }
                if tensor.rank > 2 {
                    let index = Shape.index(ofFlat: m, in: leading).map(String.init).joined(separator: ", ")
                    if !out.isEmpty { out.append("") }
                    out.append("[\(index), :, :] =")
                }
                let base = m * rows * columns
                let picked = kept(rows)
                for (k, r) in picked.enumerated() {
                    guard let r else { out.append(" …"); continue }
                    out.append(row(columns, width: width, open: k == 0 ? "[[" : " [", close: k == picked.count - 1 ? "]]" : "]") { column, line in
                        cell(base + r * columns + column, into: &line)
                    })
                }
            }
            return out
        }
    }

    /// The width of the widest formatted entry, without formatting them all (a 128×128 weight
    /// would cost 16,384 formats). In fixed style a larger magnitude never prints shorter, so the
    /// widest finite entry is the smallest or the largest; nan, inf and -inf are checked as such.
    private func widestEntry(_ data: [Double], _ format: NumberFormat) -> Int {
        guard format.style == .fixed else { return data.map { format.format($0).utf8.count }.max() ?? 0 }
        var (low, high) = (Double.infinity, -Double.infinity)
        var special: [Double] = []
        for x in data {
            if x.isFinite {
                (low, high) = (Swift.min(low, x), Swift.max(high, x))
            } else if !special.contains(where: { $0 == x || ($0.isNaN && x.isNaN) }) {
                special.append(x)
            }
        }
        let candidates = (low <= high ? [low, high] : []) + special
        return candidates.map { format.format($0).utf8.count }.max() ?? 0
    }

    /// `(2, 2)` for a value shown as `x.shape` or `shape(x)`: its sizes as Python prints a shape;
    /// nil for any other value (a shape bound to a name is a vector like any other).
    public static func shapeText(of tensor: Tensor, named name: String) -> String? {
        guard name.hasSuffix(".shape") || (name.hasPrefix("shape(") && name.hasSuffix(")")), tensor.rank == 1 else { return nil }
        var sizes: [Int] = []
        for x in tensor.data {
            guard x >= 0, x.rounded() == x, x < 1e15 else { return nil }
            sizes.append(Int(x))
        }
        return Shape.describe(sizes)
    }

    /// `[a  b  c]`, eliding the middle columns of a long row.
    private func row(_ count: Int, width: Int, open: String, close: String, _ cell: (Int, inout String) -> Void) -> String {
        let columns = kept(count, limit: maxColumns)
        var line = open
        line.reserveCapacity(open.utf8.count + columns.count * (width + 2) + close.utf8.count)
        for (k, column) in columns.enumerated() {
            if k > 0 { line.append("  ") }
            if let column { cell(column, &line) } else { line.append("…") }
        }
        line.append(close)
        return line
    }

    /// The positions to show out of `count` (rows unless `limit` says otherwise).
    private func kept(_ count: Int, limit: Int? = nil) -> [Int?] {
        MatrixCut.kept(count, limit: limit ?? maxRows)
    }
}
