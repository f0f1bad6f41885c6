import Autograd

/// What running a statement produced, in order, for the display to show. Values are as they
/// were when the statement ran: a leaf is copied, since a later `W -= ...` changes it in place.
public enum Event {
    /// `name = expr` bound a value (also rebinding after a failed in-place update of a non-leaf).
    case bound(name: String, value: Tensor)
    /// `name -= expr` (and friends) replaced a leaf's entries in place.
    case updated(name: String, value: Tensor)
    /// A bare expression's value; `text` is the expression as written.
    case shown(text: String, value: Tensor)
    case expect(ExpectResult)
    case doc(DocVerdict)
    /// `backward root`: the gradients are computed; `steps` is the pass in the order it ran.
    case backward(root: String, steps: [BackwardStep])
    /// `heatmap(expr)`, `network(expr)`: asks the display for a picture of the value.
    case picture(Picture, text: String, value: Tensor)
    /// `exercise expr`: the value the learner was asked for.
    case exercise(text: String, value: Tensor)
    /// One line about how the statement was read or ran, shown before its values: a matrix read
    /// as NumPy prints it, a look-alike read as ASCII, a surprising broadcast, the seed randn drew.
    case note(String)
}

/// One entry where two values differ (`index` is the multi-index; empty for a scalar).
public struct EntryDifference: Equatable, Sendable {
    public let index: [Int]
    /// The value on the left of `expect` / the computed value of `doc`.
    public let actual: Double
    /// The value on the right of `expect` / the number the document prints.
    public let expected: Double
    /// The largest difference allowed here (0 for `==`).
    public let tolerance: Double
}

/// The outcome of an `expect` line. A failed expect does not stop the lesson.
public struct ExpectResult {
    public let location: SourceLocation
    /// The statement as written.
    public let text: String
    public let passed: Bool
    /// Why it failed (shapes, NaN, how many entries differ); "holds" when it passed.
    public let message: String
    public let actual: Tensor
    public let expected: Tensor
    /// The entries outside the tolerance (all of them; the display decides how many to show).
    public let differences: [EntryDifference]
}

/// The outcome of a `doc` line: the document's printed value agrees with the computed one to
/// its printed precision, or it is an erratum. Never a failure.
public struct DocVerdict {
    public let location: SourceLocation
    public let text: String
    /// The expression the document prints (`z1`, `z1[0]`).
    public let target: String
    public let agrees: Bool
    /// For an erratum of shape: what differs ("the document prints 3 entries, the value has 4").
    public let shapeProblem: String?
    /// The differing entries: computed (`actual`) against printed (`expected`), with the tolerance
    /// that the printed decimals allow.
    public let differences: [EntryDifference]
    public let computed: Tensor
}
