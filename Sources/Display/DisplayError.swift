/// What the display refuses to draw, said so a learner knows what to do instead.
public enum DisplayError: Error, Equatable, CustomStringConvertible {
    /// The value does not fit the picture (too many rows, columns, slices or nodes).
    case tooLarge(what: String, reason: String)
    /// The value cannot be drawn this way at all (no entries, no gradient yet, ...).
    case cannotDraw(what: String, reason: String)

    public var description: String {
        switch self {
        case let .tooLarge(what, reason): return "\(what) is too large to draw: \(reason)"
        case let .cannotDraw(what, reason): return "cannot draw \(what): \(reason)"
        }
    }
}
