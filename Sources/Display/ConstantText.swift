import Autograd

/// How an unnamed constant (a literal, `sqrt(2)`, `ones(4, 1)` folded into one leaf) is shown
/// wherever a name would stand: as what it is, never as a placeholder.
enum ConstantText {
    /// `2`, `√2 ≈ 1.4142`, `ones(4, 1)`, `full(0.5, 2, 2)`, `[0.1, 0.2]`, or `constant (3, 4)`
    /// for a big table of different numbers.
    static func describe(_ t: Tensor, format: NumberFormat) -> String {
        if let value = t.scalarValue {
            return root(of: value).map { "\($0) ≈ \(format.compact(value))" } ?? format.compact(value)
        }
        let dimensions = t.shape.map(String.init).joined(separator: ", ")
        if let first = t.data.first, t.data.allSatisfy({ $0 == first }) {
            switch first {
            case 0: return "zeros(\(dimensions))"
            case 1: return "ones(\(dimensions))"
            default: return "full(\(format.compact(first)), \(dimensions))"
            }
        }
        if t.rank == 1, t.count <= 6 { return "[" + t.data.map(format.compact).joined(separator: ", ") + "]" }
        return "constant \(Shape.describe(t.shape))"
    }

    /// `√n` when `value` is the square root of a whole number n (2 ≤ n ≤ 1000) that is not a
    /// square: how such constants are written in formulas (the √d of attention).
    static func root(of value: Double) -> String? {
        let square = value * value
        let n = square.rounded()
        guard value > 0, n >= 2, n <= 1000, abs(square - n) <= 1e-12 * n else { return nil }
        let whole = Int(n)
        let r = Int(n.squareRoot().rounded())
        return r * r == whole ? nil : "√\(whole)"
    }
}
