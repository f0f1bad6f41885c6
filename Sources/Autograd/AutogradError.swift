/// Everything the engine can refuse, with enough detail to explain it to a learner.
public enum AutogradError: Error, Equatable, CustomStringConvertible {
    /// Two operands whose shapes do not fit the operator (e.g. `[4, 3] @ [2]`).
    case shapeMismatch(op: String, lhs: [Int], rhs: [Int], reason: String)
    /// An argument that is wrong on its own (an axis out of range, a bad reshape, ...).
    case invalidArgument(op: String, reason: String)
    /// An index or slice outside a dimension.
    case indexOutOfRange(index: Int, axis: Int, size: Int)
    /// A result larger than the element limit.
    case tooLarge(op: String, shape: [Int], limit: Int)
    /// `backward` from a tensor with more than one entry.
    case backwardNeedsScalar(shape: [Int])
    /// `backward` through a value one of whose inputs changed in place after it was computed:
    /// its gradient would mix the old value with the new inputs (PyTorch refuses this too).
    case changedInPlace(input: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, lhs, rhs, reason):
            return "shape mismatch in \(op): \(Shape.describe(lhs)) \(op) \(Shape.describe(rhs)): \(reason)"
        case let .invalidArgument(op, reason):
            return "\(op): \(reason)"
        case let .indexOutOfRange(index, axis, size):
            return "index \(index) is out of range for axis \(axis) of size \(size)"
        case let .tooLarge(op, shape, limit):
            // The sizes come from the learner (zeros(1e15, 1e15)): their product may not fit in an Int.
            let (count, overflow) = shape.reduce((1, false)) { acc, size in
                let (product, o) = acc.0.multipliedReportingOverflow(by: size)
                return (product, acc.1 || o)
            }
            let entries = overflow ? "more than \(Int.max)" : "\(count)"
            return "\(op) would make a tensor of shape \(Shape.describe(shape)) (\(entries) entries), over the limit of \(limit) entries"
        case let .changedInPlace(input):
            return "\(input) changed in place after a value in this graph was computed from it (e.g. \(input) -= lr * grad(\(input))); compute the value again from \(input) as it is now, then run backward"
        case let .backwardNeedsScalar(shape):
            return "backward needs a single number (a loss); this value has shape \(Shape.describe(shape)) — reduce it first, e.g. with sum(...) or mean(...)"
        }
    }
}
