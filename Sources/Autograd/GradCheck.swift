/// Central finite differences: for each entry x of each tensor in `wrt`,
/// (f(x + h) - f(x - h)) / 2h, where f is the one-entry tensor `output` recomputed through
/// its graph. Compares with the gradients from `backward()`.
public struct GradCheckResult {
    public struct Entry {
        public let tensor: Tensor
        public let flat: Int
        public let analytic: Double
        public let numeric: Double
        public var error: Double { abs(analytic - numeric) / max(1, abs(analytic), abs(numeric)) }
    }
    public let entries: [Entry]
    public var maxError: Double { entries.map(\.error).max() ?? 0 }
    public func passes(tolerance: Double = 1e-5) -> Bool { maxError <= tolerance }
}

extension Tensor {
    /// Checks the gradients of this one-entry tensor with respect to `wrt` (default: every leaf
    /// of its graph that requires a gradient). Leaves are perturbed in place and restored; the
    /// graph is recomputed.
    public func gradcheck(wrt: [Tensor]? = nil, step h: Double = 1e-6) throws(AutogradError) -> GradCheckResult {
        guard count == 1 else { throw .backwardNeedsScalar(shape: shape) }
        let order = topologicalOrder() // the graph's shape never changes here, only leaf entries
        let targets = wrt ?? order.filter { $0.isLeaf && $0.requiresGrad }
        try backward()
        var entries: [GradCheckResult.Entry] = []
        for t in targets {
            let analytic = t.grad ?? [Double](repeating: 0, count: t.count)
            for i in 0..<t.count {
                let saved = t.data[i]
                t.data[i] = saved + h
                recompute(order: order)
                let plus = data[0]
                t.data[i] = saved - h
                recompute(order: order)
                let minus = data[0]
                t.data[i] = saved
                entries.append(.init(tensor: t, flat: i, analytic: analytic[i], numeric: (plus - minus) / (2 * h)))
            }
        }
        recompute(order: order)
        return GradCheckResult(entries: entries)
    }
}
