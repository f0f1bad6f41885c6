import Autograd

/// A backward pass being walked node by node: the steps in the order backward ran them (reverse
/// topological order) and how many have been shown.
public struct BackwardWalk {
    /// The root as written (`L`).
    public let root: String
    public let steps: [BackwardStep]
    public internal(set) var next = 0

    public var isFinished: Bool { next >= steps.count }
}
