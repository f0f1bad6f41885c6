import Autograd

/// A backward pass being walked node by node: the steps in the order backward ran them (reverse
/// topological order) and how many have been shown.
struct BackwardWalk {
    let root: String
    let steps: [BackwardStep]
    var next = 0

    var isFinished: Bool { next >= steps.count }
}
