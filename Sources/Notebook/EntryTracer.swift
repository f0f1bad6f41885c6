import Autograd
import Display
import StepLang

/// One entry written out as arithmetic — its forward computation, or for a gradient entry the
/// chain rule from the last backward's root. What `:trace` prints, and what an exercise's worked
/// answer shows entry by entry.
struct EntryTracer {
    let session: Session
    /// The session's name for a tensor.
    let names: (Tensor) -> String?
    let options: TraceOptions

    /// What `x[i, j]`, `x.grad[i]` or `grad(x)[i]` is about: the value `x`, the indices, and whether
    /// its gradient is meant.
    static func target(of expr: Expr) -> (base: Expr, indices: [IndexArgument], gradient: Bool) {
        var base = expr
        var indices: [IndexArgument] = []
        if case let .index(inner, items) = expr.kind { (base, indices) = (inner, items) }
        switch base.kind {
        case let .member(inner, "grad"): return (inner, indices, true)
        case let .call("grad", arguments, keywords) where arguments.count == 1 && keywords.isEmpty: return (arguments[0], indices, true)
        default: return (base, indices, false)
        }
    }

    /// The one entry `expr` names, written out.
    func trace(_ expr: Expr) throws -> String {
        let (tensor, flat) = try entry(expr)
        let (base, _, gradient) = Self.target(of: expr)
        return try trace(tensor, flat: flat, name: base.description, gradient: gradient)
    }

    /// The value and the flat position of the entry `expr` names (`W1.grad[0, 1]`: W1's [0, 1]).
    func entry(_ expr: Expr) throws(StepError) -> (tensor: Tensor, entry: Int) {
        let (base, indices, _) = Self.target(of: expr)
        let tensor = try session.evaluate(base, source: source(expr))
        return (tensor, try session.entryPosition(in: tensor, at: indices, location: expr.location, source: source(expr)))
    }

    /// Every entry `expr` names (all of `z1`, one of `z1[2]`), at most `limit`, written out; then how
    /// many more there are.
    func traces(_ expr: Expr, limit: Int) throws -> [String] {
        let (base, indices, gradient) = Self.target(of: expr)
        guard indices.isEmpty else { return [try trace(expr)] }
        let tensor = try session.evaluate(base, source: source(expr))
        var texts = try (0..<min(tensor.count, limit)).map { try trace(tensor, flat: $0, name: base.description, gradient: gradient) }
        if tensor.count > limit { texts.append("… and \(tensor.count - limit) more entries (:trace each one)") }
        return texts
    }

    private func source(_ expr: Expr) -> SourceText { SourceText(file: "<input>", text: expr.description) }

    /// Entry `flat` of `tensor` (named `name`), or of its gradient.
    func trace(_ tensor: Tensor, flat: Int, name: String, gradient: Bool) throws -> String {
        if gradient {
            guard let record = session.lastBackward else {
                throw PlayerError("no gradients yet: run backward on a loss first (e.g. backward L)")
            }
            return try TraceRenderer.gradient(of: record.root, withRespectTo: tensor, flat: flat, gradient: session.gradient(of:),
                                              names: names, options: options)
        }
        let expansion = try Expansion(of: tensor, flat: flat, stopsAt: stopAtNamed(below: tensor))
        let label = TraceRenderer.entryName(name, index: Shape.index(ofFlat: flat, in: tensor.shape))
        let text = TraceRenderer.render(expansion, name: label, options: options)
        return [staleNote(label, stored: tensor.data[flat], recomputed: expansion.value), text].compactMap { $0 }.joined(separator: "\n")
    }

    /// Said when an expansion from the inputs as they are now does not give the stored value: an
    /// input was updated in place (`W -= lr * grad(W)`) after the value was computed.
    func staleNote(_ label: String, stored: Double, recomputed: Double) -> String? {
        let agrees = stored == recomputed || abs(stored - recomputed) <= 1e-9 * max(1, abs(stored)) || (stored.isNaN && recomputed.isNaN)
        guard !agrees else { return nil }
        return "note: an input of \(label) changed in place after \(label) was computed; the arithmetic below uses the inputs as they are now (giving \(options.format.compact(recomputed))), while \(label) still holds \(options.format.compact(stored))."
    }

    /// Expansions stop at other named values, so a trace reads like the lesson (`W1[0,0]·a0[0] + …`).
    func stopAtNamed(below root: Tensor) -> (Tensor) -> Bool {
        let named = Set(session.variables.map { ObjectIdentifier($0.value) })
        return { tensor in tensor.isLeaf || (tensor !== root && named.contains(ObjectIdentifier(tensor))) }
    }
}
