import Autograd

// `W -= lr * grad(W)` and `losses[step] = loss`: entries of a variable changed in place, outside
// the graph. The statement itself runs in Session.execute; these are its parts.

/// What an update adds (subtracts, ...): `scale` times `entries` of `shape`.
struct UpdateChange {
    let scale: Double
    let shape: [Int]
    let entries: [Double]

    init(scale: Double, shape: [Int], entries: [Double]) {
        (self.scale, self.shape, self.entries) = (scale, shape, entries)
    }

    init(_ tensor: Tensor, scale: Double = 1) {
        self.init(scale: scale, shape: tensor.shape, entries: tensor.data)
    }
}

/// The entries an update touches: `shape` is theirs (`W[0]` of a (2, 3) `W` is (3,)),
/// `positions` their flat places in the target, nil for every entry in order.
struct UpdateRegion {
    let name: String
    /// The resolved index (`step` read as 3), empty for the whole variable.
    let index: [IndexItem]
    let shape: [Int]
    let positions: [Int]?

    /// The target as written in messages: `W`, `W[0, :]`. Built on demand, since only an error reads it
    /// and an indexed update runs once per training step.
    var text: String { index.isEmpty ? name : "\(name)[\(index.map(\.description).joined(separator: ", "))]" }
}

/// How an update combines an entry with its change. Generic, so each loop is compiled with its
/// arithmetic inlined (a closure would cost a call per entry), as the engine's binary ops are.
private protocol EntryUpdate { static func combine(_ entry: Double, _ change: Double) -> Double }
private enum AddTo: EntryUpdate { static func combine(_ entry: Double, _ change: Double) -> Double { entry + change } }
private enum SubtractFrom: EntryUpdate { static func combine(_ entry: Double, _ change: Double) -> Double { entry - change } }
private enum MultiplyBy: EntryUpdate { static func combine(_ entry: Double, _ change: Double) -> Double { entry * change } }
private enum DivideBy: EntryUpdate { static func combine(_ entry: Double, _ change: Double) -> Double { entry / change } }
private enum SetTo: EntryUpdate { static func combine(_ entry: Double, _ change: Double) -> Double { change } }

extension Session {
    func updateRegion(_ name: String, _ index: [IndexArgument], of target: Tensor, at location: SourceLocation,
                      _ evaluator: inout Evaluator) throws(StepError) -> UpdateRegion {
        guard !index.isEmpty else { return UpdateRegion(name: name, index: [], shape: target.shape, positions: nil) }
        var items: [IndexItem] = []
        for item in index { items.append(try evaluator.indexItem(item)) }
        let shape: [Int], positions: [Int]
        do { (shape, positions) = try target.selection(items) } catch {
            // An index out of range points at that index.
            let at = if case let .indexOutOfRange(_, axis, _) = error, axis < index.count { index[axis].location } else { nil as SourceLocation? }
            throw evaluator.error(error.description, at: at ?? location)
        }
        return UpdateRegion(name: name, index: items, shape: shape, positions: positions)
    }

    /// The change an update applies, as `scale · entries` of a shape. `W -= lr * grad(W)` — the
    /// step of every training loop — keeps lr apart so the step is one pass over W, with no
    /// product tensor, and reads grad(W) without building a tensor for it.
    func updateChange(_ expr: Expr, region: [Int], _ evaluator: inout Evaluator) throws(StepError) -> UpdateChange {
        guard case let .binary(.multiply, lhs, rhs) = expr.kind else { return UpdateChange(try evaluator.evaluate(expr)) }
        let a = try evaluator.evaluate(lhs)
        // One number that does not widen the region's shape can be kept apart as the scale.
        let aScales = a.count == 1 && a.rank <= region.count
        if aScales, let gradient = try gradientOfVariable(rhs, &evaluator), gradient.shape == region {
            return UpdateChange(scale: a.data[0], shape: gradient.shape, entries: gradient.entries)
        }
        let b = try evaluator.evaluate(rhs)
        if aScales, b.shape == region { return UpdateChange(b, scale: a.data[0]) }
        if b.count == 1, b.rank <= region.count, a.shape == region { return UpdateChange(a, scale: b.data[0]) }
        return UpdateChange(try evaluator.engine(at: expr.location) { () throws(AutogradError) in try a * b })
    }

    /// `grad(W)` of a variable, as written: its shape and entries; nil for any other expression.
    private func gradientOfVariable(_ expr: Expr, _ evaluator: inout Evaluator) throws(StepError) -> (shape: [Int], entries: [Double])? {
        guard case let .call("grad", arguments, keywords) = expr.kind, arguments.count == 1, keywords.isEmpty,
              arguments[0].isName else { return nil }
        let variable = try evaluator.evaluate(arguments[0])
        let entries = try gradientEntries(of: variable, isVariable: true) { evaluator.error($0, at: expr.location) }
        return (variable.shape, entries)
    }

    /// Writes `target[region] op= scale · change` into a buffer of the target's entries, in one
    /// pass. The change must broadcast to the region's shape.
    func entryWriter(_ region: UpdateRegion, _ op: UpdateOperator, _ change: UpdateChange, at location: SourceLocation,
                     _ evaluator: Evaluator) throws(StepError) -> (UnsafeMutableBufferPointer<Double>) -> Void {
        // Which change entry each region entry reads: the same one (nil), or its broadcast source.
        let reads: [Int]?
        if change.shape == region.shape {
            reads = nil
        } else {
            let assignment = op.symbol
            let combined = try evaluator.engine(at: location) { () throws(AutogradError) in try Shape.broadcast(region.shape, change.shape, op: assignment) }
            guard combined == region.shape else {
                throw evaluator.error("\(region.text) \(assignment) ... cannot change the shape of \(region.text) from \(Shape.describe(region.shape)) to \(Shape.describe(combined))", at: location)
            }
            reads = Shape.broadcastMap(from: change.shape, to: region.shape)
        }
        let (data, positions, scale) = (change.entries, region.positions, change.scale)
        func writer<Update: EntryUpdate>(_: Update.Type) -> (UnsafeMutableBufferPointer<Double>) -> Void {
            { out in
                data.withUnsafeBufferPointer { c in
                    switch (positions, reads) {
                    case (nil, nil): for i in out.indices { out[i] = Update.combine(out[i], scale * c[i]) }
                    case let (nil, reads?): for i in out.indices { out[i] = Update.combine(out[i], scale * c[reads[i]]) }
                    case let (positions?, reads):
                        for (k, p) in positions.enumerated() { out[p] = Update.combine(out[p], scale * c[reads?[k] ?? k]) }
                    }
                }
            }
        }
        switch op {
        case .add: return writer(AddTo.self)
        case .subtract: return writer(SubtractFrom.self)
        case .multiply: return writer(MultiplyBy.self)
        case .divide: return writer(DivideBy.self)
        case .set: return writer(SetTo.self)
        }
    }
}
