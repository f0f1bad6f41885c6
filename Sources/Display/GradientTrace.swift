import Autograd
import Foundation

extension TraceRenderer {
    /// One gradient entry as the chain rule, after `backward` from `root`:
    ///
    ///     ∂L/∂W1[0,2] = ∂L/∂z1[0]·∂z1[0]/∂W1[0,2]
    ///                 = ∂L/∂z1[0]·a0[2]
    ///                 = 0.1234·0.3
    ///                 = 0.037
    ///
    /// The sum runs over the nearest named values that use the entry (unnamed intermediates are
    /// expanded through). Each ∂L/∂z comes from the tensor backward; each local derivative is
    /// derived symbolically from the scalar expansion of z and evaluated there, so the final
    /// line is an independent check of the tensor backward's value, shown beneath it.
    public static func gradient(
        of root: Tensor, withRespectTo x: Tensor, flat: Int,
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
        guard let rootGrad = root.grad, rootGrad == [1] else {
            throw .cannotDraw(what: lhs, reason: "run backward \(rootName) first")
        }
        if x === root { return "\(lhs) = 1" }
        let order = root.topologicalOrder()
        guard order.contains(where: { $0 === x }) else { return "\(lhs) = 0   (\(xName) takes no part in \(rootName))" }

        // The nearest named consumers of x: follow children through unnamed intermediates.
        var children: [ObjectIdentifier: [Tensor]] = [:]
        for node in order { for parent in node.parents { children[ObjectIdentifier(parent), default: []].append(node) } }
        func isNamed(_ t: Tensor) -> Bool { t === root || name(t) != nil }
        var frontier = Set<ObjectIdentifier>(), visited = Set<ObjectIdentifier>()
        var pending = [x]
        while let node = pending.popLast() {
            for child in children[ObjectIdentifier(node)] ?? [] where visited.insert(ObjectIdentifier(child)).inserted {
                if isNamed(child) { frontier.insert(ObjectIdentifier(child)) } else { pending.append(child) }
            }
        }
        let consumers = order.filter { frontier.contains(ObjectIdentifier($0)) }
        let entries = consumers.reduce(0) { $0 + $1.count }
        guard entries <= entryLimit else {
            throw .tooLarge(what: "the chain rule for \(lhs)", reason: "it would expand \(entries) entries of the values that use \(xName) (at most \(entryLimit)); name smaller intermediates")
        }

        // One term per entry of a consumer that uses x: ∂L/∂z · ∂z/∂x, the local factor by name
        // (chain) and written out (factored).
        var chain: [TraceTerm] = []
        var factored: [TraceTerm] = []
        for consumer in consumers {
            let consumerName = name(consumer) ?? rootName
            for j in 0..<consumer.count {
                let expansion: Expansion
                do {
                    expansion = try Expansion(of: consumer, flat: j) { $0 === x || isNamed($0) }
                } catch {
                    throw .cannotDraw(what: lhs, reason: error.description)
                }
                guard let leaf = expansion.leaves.first(where: { $0.value.tensor === x && $0.value.flat == flat })?.key else { continue }
                expansion.graph.backward(from: expansion.root)
                let localValue = expansion.graph.grads[leaf]
                let entry = entryName(consumerName, index: Shape.index(ofFlat: j, in: consumer.shape))
                let upstream: TraceTerm = consumer === root ? .number(1) : .symbol("∂\(rootName)/∂\(entry)", consumer.grad?[j] ?? 0)
                let localSymbol = TraceTerm.symbol("∂\(entry)/∂\(target)", localValue)
                // A derivative too long to read is shown by its name and value instead.
                let local = LocalDerivative(graph: expansion.graph, root: expansion.root.id, target: leaf).term
                    .flatMap { $0.text(.symbolic, format: options.format, maxTerms: options.maxTerms).count <= 160 ? $0 : nil } ?? localSymbol
                chain.append(.times([upstream, localSymbol], droppingOnes: true))
                factored.append(.times([upstream, local], droppingOnes: true))
            }
        }
        guard !factored.isEmpty else { return "\(lhs) = 0   (no path from \(target) to \(rootName))" }
        // The chain rule adds the paths' terms; none is subtracted.
        func sum(_ terms: [TraceTerm]) -> TraceTerm { .plus(terms.map { (negated: false, term: $0) }) }
        let gradient = sum(factored)
        let first = sum(chain).text(.symbolic, format: options.format, maxTerms: options.maxTerms)
        var lines = derivation(lhs, gradient, options, first: first == lhs ? nil : first)
        if let engine = x.grad?[flat] {
            let agrees = abs(engine - gradient.value) <= 1e-9 * max(1, abs(engine))
            lines.append("tensor backward: \(xName).grad\(target.dropFirst(xName.count)) = \(options.format.compact(engine)) \(agrees ? "✓" : "✗ differs from the chain rule above")")
        }
        return lines.joined(separator: "\n")
    }

    /// The most entries of consumers a gradient trace expands.
    public static let entryLimit = 20_000
}

/// ∂root/∂target on a small scalar tape, written symbolically with each factor's value, using
/// each scalar op's local rule. Branches that do not reach the target are left out; relu and
/// max take the branch the forward pass took.
struct LocalDerivative {
    let reader: TapeReader
    let target: Int
    /// The derivative (`.number(0)` when no branch reaches the target), or nil when it grew
    /// past `sizeLimit` nodes.
    private(set) var term: TraceTerm?

    /// Derivatives with more nodes than this are shown by name and value only.
    static let sizeLimit = 200

    init(graph: ScalarGraph, root: Int, target: Int) {
        reader = TapeReader(graph: graph, root: root, namingShared: false)
        self.target = target
        var memo: [Int: TraceTerm?] = [:]
        var built = 0
        let derived = derivative(root, &memo, &built)
        term = built >= Self.sizeLimit ? nil : derived ?? .number(0)
    }

    /// ∂id/∂target; nil where it is zero.
    private func derivative(_ id: Int, _ memo: inout [Int: TraceTerm?], _ built: inout Int) -> TraceTerm? {
        if let known = memo[id] { return known }
        guard built < Self.sizeLimit else { return nil }
        built += 1
        let graph = reader.graph
        func d(_ input: Int) -> TraceTerm? { derivative(input, &memo, &built) }
        func t(_ input: Int) -> TraceTerm { reader.term(input) }
        func plus(_ parts: [(Bool, TraceTerm?)]) -> TraceTerm? {
            let present = parts.compactMap { part in part.1.map { (negated: part.0, term: $0) } }
            return present.isEmpty ? nil : .plus(present)
        }
        func times(_ factors: TraceTerm..., by inner: TraceTerm?) -> TraceTerm? {
            inner.map { .times(factors + [$0], droppingOnes: true) }
        }
        let result: TraceTerm?
        switch graph.ops[id] {
        case .leaf: result = id == target ? .number(1) : nil
        case let .add(a, b): result = plus([(false, d(a)), (false, d(b))])
        case let .sub(a, b): result = plus([(false, d(a)), (true, d(b))])
        case let .mul(a, b): result = plus([(false, times(t(b), by: d(a))), (false, times(t(a), by: d(b)))])
        case let .div(a, b):
            let (ta, tb) = (t(a), t(b))
            let square = TraceTerm.power(tb, 2, tb.value * tb.value)
            result = plus([(false, d(a).map { .quotient($0, tb, $0.value / tb.value) }),
                           (true, d(b).map { db in let top = TraceTerm.times([ta, db]); return .quotient(top, square, top.value / square.value) })])
        case let .neg(a): result = d(a).map { .negation($0, -$0.value) }
        case let .pow(a, n):
            let ta = t(a)
            result = times(.number(n), .power(ta, n - 1, Foundation.pow(ta.value, n - 1)), by: d(a))
        case let .exp(a): result = times(.call("exp", [t(a)], graph.values[id]), by: d(a))
        case let .log(a): result = d(a).map { da in let ta = t(a); return .quotient(da, ta, da.value / ta.value) }
        case let .sqrt(a):
            result = d(a).map { da in
                let bottom = TraceTerm.times([.number(2), .call("sqrt", [t(a)], graph.values[id])])
                return .quotient(da, bottom, da.value / bottom.value)
            }
        case let .tanh(a):
            let y = TraceTerm.call("tanh", [t(a)], graph.values[id])
            result = times(.plus([(false, .number(1)), (true, .power(y, 2, y.value * y.value))]), by: d(a))
        case let .sin(a): result = times(.call("cos", [t(a)], Foundation.cos(graph.values[a])), by: d(a))
        case let .cos(a):
            let sine = TraceTerm.call("sin", [t(a)], Foundation.sin(graph.values[a]))
            result = times(.negation(sine, -sine.value), by: d(a))
        case let .sigmoid(a):
            let s = TraceTerm.call("σ", [t(a)], graph.values[id])
            result = times(s, .plus([(false, .number(1)), (true, s)]), by: d(a))
        case let .relu(a): result = graph.values[a] > 0 ? d(a) : nil
        case let .max(a, b): result = graph.values[a] >= graph.values[b] ? d(a) : d(b)
        case let .abs(a):
            let va = graph.values[a]
            result = va > 0 ? d(a) : va < 0 ? d(a).map { .negation($0, -$0.value) } : nil
        case let .power(a, b):
            // ∂(aᵇ) = b·aᵇ⁻¹·∂a + aᵇ·ln a·∂b (the second term is 0 where aᵇ = 0)
            let (ta, tb, vb) = (t(a), t(b), graph.values[b])
            let lowered = TraceTerm.call("pow", [ta, .number(vb - 1)], Foundation.pow(ta.value, vb - 1))
            let viaExponent = graph.values[id] == 0 ? nil
                : times(.call("pow", [ta, tb], graph.values[id]), .call("log", [ta], Foundation.log(ta.value)), by: d(b))
            result = plus([(false, times(tb, lowered, by: d(a))), (false, viaExponent)])
        }
        memo[id] = result
        return result
    }
}
