import Autograd
import Foundation

extension TraceRenderer {
    /// One gradient entry as the chain rule from the loss down to it, the way a hand
    /// calculation is written: the factors by name, written out, with numbers, multiplied out;
    /// then what each named factor is.
    ///
    ///     ∂L/∂W2[0,1] = ∂L/∂a2[0]·σ′(z2[0])·a1[1]
    ///                 = (a2[0] - y[0])·a2[0]·(1 - a2[0])·a1[1]
    ///                 = (0.7 - 1)·0.7·(1 - 0.7)·0.6
    ///                 = …
    ///       σ′(z2[0]) = a2[0]·(1 - a2[0]) = 0.7·(1 - 0.7) = 0.21
    ///     backward: W2.grad[0,1] = -0.0378 ✓
    ///
    /// The chain runs through the nearest named values that use each entry (unnamed
    /// intermediates are expanded through). Each local factor is derived from the scalar
    /// expansion with the engine's own table of rules, so the result is an independent check
    /// of the backward pass, whose value `gradient` supplies (the session's gradients).
    public static func gradient(
        of root: Tensor, withRespectTo x: Tensor, flat: Int,
        gradient: (Tensor) -> [Double]?,
        names: (Tensor) -> String? = { _ in nil }, options: TraceOptions = TraceOptions()
    ) throws(DisplayError) -> String {
        func name(_ t: Tensor) -> String? { names(t) ?? t.label }
        let rootName = name(root) ?? "L"
        let xName = name(x) ?? "x"
        guard flat >= 0, flat < x.count else {
            throw .cannotDraw(what: "∂\(rootName)/∂\(xName)", reason: "entry \(flat) is outside \(xName) \(Shape.describe(x.shape))")
        }
        let target = entryName(xName, index: Shape.index(ofFlat: flat, in: x.shape))
        let lhs = "∂\(rootName)/∂\(target)"
        guard gradient(root) == [1] else {
            throw .cannotDraw(what: lhs, reason: "run backward \(rootName) first")
        }
        if x === root { return "\(lhs) = 1" }
        guard root.topologicalOrder().contains(where: { $0 === x }) else { return "\(lhs) = 0   (\(xName) takes no part in \(rootName))" }

        let chain = try GradientChain(root: root, target: x, flat: flat, gradient: gradient, names: names, maxTerms: options.maxTerms)
        guard !chain.links.isEmpty else { return "\(lhs) = 0   (no path from \(target) to \(rootName))" }
        let (named, written) = chain.terms()
        let first = named.layout(.symbolic, format: options.format, maxTerms: options.maxTerms)
        var lines = derivation(lhs, written, options, first: first.flat == lhs ? nil : first)
        // A chain of one factor is already written out above.
        if chain.factors.count > 1 { lines += factorLines(chain, options) }
        if let engine = gradient(x)?[flat] {
            let agrees = abs(engine - chain.value()) <= 1e-9 * max(1, abs(engine))
            lines.append("backward: \(xName).grad\(target.dropFirst(xName.count)) = \(options.format.compact(engine)) \(agrees ? "✓" : "✗ differs from the chain rule above")")
        }
        return lines.joined(separator: "\n")
    }

    /// The most entries of consumers a gradient trace expands.
    public static let entryLimit = 20_000

    /// `σ′(z2[0]) = a2[0]·(1 - a2[0]) = 0.7·(1 - 0.7) = 0.21`, once for each named factor;
    /// for a softmax, the Jacobian column the chain used (or the whole Jacobian on request).
    private static func factorLines(_ chain: GradientChain, _ options: TraceOptions) -> [String] {
        var seen = Set<String>()
        var lines: [String] = []
        var softmax: Tensor?
        let (format, maxTerms) = (options.format, options.maxTerms)
        // Activations always (relu′ = 1 says which side of 0), other factors when there is a
        // formula to show; plain values (a1[0]) and numbers from backward need no line.
        func hasLine(_ factor: ChainFactor) -> Bool {
            switch factor.kind {
            case .activation: true
            case .loss, .local, .softmax: !factor.definition.isAtom
            case .entry, .upstream: false
            }
        }
        for factor in chain.factors where hasLine(factor) && seen.insert(factor.name).inserted {
            let forms: [TraceLayout] = [factor.definition.layout(.symbolic, format: format, maxTerms: maxTerms),
                                        factor.definition.layout(.numeric, format: format, maxTerms: maxTerms),
                                        .text(format.compact(factor.value))]
            // relu′ is a step: say which side of 0 the forward pass was on.
            let side = factor.kind == .activation("relu") ? factor.input.map { "   (\(format.compact($0)) \($0 > 0 ? ">" : "≤") 0)" } ?? "" : ""
            // On one line when it fits (`σ′(z) = a·(1 - a) = 0.7·0.3 = 0.21`); else one form a line,
            // as the chain above is written.
            let stacked = equalities("  " + factor.name, forms, width: nil)
            let oneLine = stacked[0] + stacked.dropFirst().map { " " + $0.drop { $0 == " " } }.joined() + side
            if let width = options.width, oneLine.count > width {
                var laidOut = equalities("  " + factor.name, forms, width: width)
                laidOut[laidOut.count - 1] += side
                lines += laidOut
            } else {
                lines.append(oneLine)
            }
            if factor.kind == .softmax { softmax = factor.source?.tensor }
        }
        if let softmax {
            let (rule, column) = ("  (softmax: ∂a[k]/∂z[i] = a[k]·(δₖᵢ - a[i]),", "one column of its Jacobian diag(a) - a·aᵀ per z[i])")
            let together = rule + " " + column
            let fits = options.width.map { together.count <= $0 } ?? true
            lines += fits ? [together] : [rule, "   " + column]
            if options.softmaxJacobian { lines += jacobianLines(softmax, options.format) }
        }
        return lines
    }

    /// The whole Jacobian of a softmax over a vector, J[k][i] = a[k]·(δₖᵢ - a[i]), as a matrix.
    private static func jacobianLines(_ a: Tensor, _ format: NumberFormat) -> [String] {
        guard a.rank == 1 else { return ["  (the whole Jacobian is shown for a softmax over a vector; this one has shape \(Shape.describe(a.shape)))"] }
        let rows = (0..<a.count).map { k in
            (0..<a.count).map { i in format.compact(a.data[k] * ((k == i ? 1 : 0) - a.data[i])) }
        }
        return ["  Jacobian diag(a) - a·aᵀ (row k: ∂a[k]/∂z[i] for each i):"] + TextColumns.align(rows).map { "    " + $0 }
    }
}

/// ∂root/∂target on a small scalar tape, written symbolically with each factor's value, using
/// the engine's table of local rules (`ScalarOp.localDerivatives`). Branches that do not
/// reach the target are left out; relu and max take the branch the forward pass took.
struct LocalDerivative {
    let reader: TapeReader
    let target: Int
    /// The root's output written by this name (`a2[1]` in σ′ = a2[1]·(1 - a2[1])), if given.
    let outputName: String?
    /// The derivative (`.number(0)` when no branch reaches the target), or nil when it grew
    /// past `sizeLimit` nodes.
    private(set) var term: TraceTerm?

    /// Derivatives with more nodes than this are shown by name and value only.
    static let sizeLimit = 200

    init(graph: ScalarGraph, root: Int, target: Int, outputName: String? = nil) {
        reader = TapeReader(graph: graph, root: root, namingShared: false)
        self.target = target
        self.outputName = outputName
        var memo: [Int: TraceTerm?] = [:]
        var built = 0
        let derived = derivative(root, isRoot: true, &memo, &built)
        term = built >= Self.sizeLimit ? nil : derived ?? .number(0)
    }

    /// ∂id/∂target; nil where it is zero.
    private func derivative(_ id: Int, isRoot: Bool = false, _ memo: inout [Int: TraceTerm?], _ built: inout Int) -> TraceTerm? {
        if let known = memo[id] { return known }
        guard built < Self.sizeLimit else { return nil }
        built += 1
        if reader.graph.ops[id] == .leaf { return id == target ? .number(1) : nil }
        let algebra = SymbolicDerivative(reader: reader, id: id, outputName: isRoot ? outputName : nil)
        var parts: [(negated: Bool, term: TraceTerm)] = []
        reader.graph.ops[id].localDerivatives(in: algebra) { input, local in
            guard let inner = derivative(input, &memo, &built) else { return }
            parts.append(Self.chained(local, inner))
        }
        let result: TraceTerm? = parts.isEmpty ? nil : .plus(parts)
        memo[id] = result
        return result
    }

    /// local·inner as a learner writes it: `- inner` for a local -1, `inner/b` for a local 1/b.
    private static func chained(_ local: TraceTerm, _ inner: TraceTerm) -> (negated: Bool, term: TraceTerm) {
        switch local {
        case let .number(v) where v == -1: return (true, inner)
        case let .negation(positive, _): return (true, chained(positive, inner).term)
        case .quotient(.number(1), .number(1), _): return (false, inner)
        case let .quotient(.number(1), bottom, _): return (false, .quotient(inner, bottom, inner.value / bottom.value))
        default: return (false, .times([local, inner], droppingOnes: true))
        }
    }
}

/// The table of rules written as trace terms, each with its value.
private struct SymbolicDerivative: DerivativeAlgebra {
    let reader: TapeReader
    let id: Int
    let outputName: String?

    func value(_ node: Int) -> Double { reader.graph.values[node] }
    var outputValue: Double { reader.graph.values[id] }
    func node(_ node: Int) -> TraceTerm { reader.term(node) }
    var output: TraceTerm { outputName.map { .symbol($0, outputValue) } ?? reader.term(id) }
    func number(_ value: Double) -> TraceTerm { .number(value) }
    func difference(_ a: TraceTerm, _ b: TraceTerm) -> TraceTerm { .plus([(false, a), (true, b)]) }
    func product(_ a: TraceTerm, _ b: TraceTerm) -> TraceTerm { .times([a, b], droppingOnes: true) }
    func quotient(_ a: TraceTerm, _ b: TraceTerm) -> TraceTerm { .quotient(a, b, a.value / b.value) }
    func negation(_ a: TraceTerm) -> TraceTerm { .negation(a, -a.value) }
    func square(_ a: TraceTerm) -> TraceTerm { .power(a, 2, a.value * a.value) }
    func power(_ a: TraceTerm, _ n: Double) -> TraceTerm { n == 1 ? a : .power(a, n, Foundation.pow(a.value, n)) }
    func apply(_ function: ElementaryFunction, _ a: TraceTerm) -> TraceTerm { .call(function.rawValue, [a], function(a.value)) }
}
