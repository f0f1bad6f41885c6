/// One step of a backward pass, as the REPL shows it: the node, the rule it applies, and the
/// gradient it received from the nodes after it.
public struct BackwardStep {
    public let node: Tensor
    public let rule: String
    public let receivedGrad: [Double]
}

extension Tensor {
    /// Every node this tensor depends on (itself included), parents before children.
    /// Iterative depth-first search, so a chain of a million nodes does not touch the call stack.
    public func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        // (node, parents already pushed?)
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded { order.append(node); continue }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for parent in node.parents where !visited.contains(ObjectIdentifier(parent)) {
                stack.append((parent, false))
            }
        }
        return order
    }

    /// Computes ∂self/∂x for every node x of the graph (self must hold one number), visiting
    /// the nodes in reverse topological order. Gradients from an earlier backward are cleared.
    /// Nodes that lead back only to leaves with `requiresGrad == false` are skipped (grad nil).
    /// Returns the steps in the order they ran, for the REPL to replay one at a time.
    @discardableResult
    public func backward() throws(AutogradError) -> [BackwardStep] {
        guard count == 1 else { throw .backwardNeedsScalar(shape: shape) }
        let order = topologicalOrder()
        if let changed = Tensor.inputChangedInPlace(in: order) {
            throw .changedInPlace(input: changed.label ?? "an input")
        }
        for node in order { // parents come first, so their needsGrad is already known
            node.grad = nil
            node.needsGrad = node.isLeaf ? node.requiresGrad : node.parents.contains { $0.needsGrad }
        }
        grad = [1]
        var steps: [BackwardStep] = []
        steps.reserveCapacity(order.count)
        for node in order.reversed() where node.needsGrad {
            let received = node.grad ?? [Double](repeating: 0, count: node.count)
            if node.grad == nil { node.grad = received }
            if let op = node.op {
                op.backward(node, node.parents)
                steps.append(BackwardStep(node: node, rule: op.rule, receivedGrad: received))
            } else {
                steps.append(BackwardStep(node: node, rule: "leaf: keeps its gradient", receivedGrad: received))
            }
        }
        return steps
    }

    /// Re-runs every op between the leaves and this tensor, in topological order, after leaves
    /// changed in place (finite differences, what-if edits).
    public func recompute() {
        recompute(order: topologicalOrder())
    }

    /// `recompute()` over an order the caller already has: gradcheck recomputes the same graph
    /// twice per entry and sorts it only once.
    func recompute(order: [Tensor]) {
        for node in order {
            if let op = node.op { node.data = op.forward(node.parents) }
        }
    }
}
