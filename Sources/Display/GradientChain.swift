import Autograd
import Foundation

/// One factor of the chain rule, as a textbook names it and writes it out.
struct ChainFactor {
    enum Kind: Equatable, Sendable {
        /// ∂L/∂out: the loss's own derivative, from the loss's formula.
        case loss
        /// f′(z) of an activation applied entry by entry (`sigmoid`, `tanh`, `relu`).
        case activation(String)
        /// ∂a[k]/∂z[i] of a softmax: a[k](δₖᵢ - a[i]).
        case softmax
        /// A plain value: the a1[j] of ∂z/∂W, the W2[k,i] of ∂z/∂a.
        case entry
        /// Any other local derivative, written out.
        case local
        /// ∂L/∂z taken from the backward pass, where writing its chain out would be too long.
        case upstream
    }

    let kind: Kind
    /// `∂L/∂a2[1]`, `σ′(z2[1])`, `a1[0]`.
    let name: String
    /// The closed form, each part with its value: `a2[1]·(1 - a2[1])`.
    let definition: TraceTerm
    var value: Double { definition.value }
    /// The consumer entry's input (`z2[1]`) and output (`a2[1]`) values, for the slips that
    /// mix them up; nil where they do not apply.
    let input: Double?
    let output: Double?
    /// For an `.entry` factor that is one entry of a named tensor: that tensor and the entry;
    /// for a `.softmax` factor: the softmax's output and the entry k.
    let source: (tensor: Tensor, flat: Int)?

    /// The factor by name; a plain value (`a1[0]`, a constant) is its own name.
    var named: TraceTerm {
        switch kind {
        case .entry: definition
        case .loss, .local: definition.isAtom ? definition : .symbol(name, definition.value)
        case .activation, .softmax, .upstream: .symbol(name, definition.value)
        }
    }
}

/// ∂L/∂x[i] as the chain rule's sum over the entries that use x[i]: for each, the gradient
/// arriving there (the loss itself, the same sum one level up, or a number from backward)
/// times the local factor.
struct GradientChain {
    indirect enum Upstream {
        case root
        case chain([Link])
        case factor(ChainFactor)
    }

    struct Link {
        let upstream: Upstream
        let local: ChainFactor
    }

    let links: [Link]

    /// Every factor of the chain, upstream first, each once per place it appears.
    var factors: [ChainFactor] { Self.factors(links) }

    private static func factors(_ links: [Link]) -> [ChainFactor] {
        links.flatMap { link -> [ChainFactor] in
            switch link.upstream {
            case .root: return [link.local]
            case let .chain(inner): return factors(inner) + [link.local]
            case let .factor(f): return [f, link.local]
            }
        }
    }

    /// The chain's value with some factors' values replaced (`replacing` is asked with each
    /// factor's position in `factors` order) and some links' signs flipped: what a slip makes.
    func value(replacing: (Int) -> Double? = { _ in nil }, flipping flipped: Int? = nil) -> Double {
        var position = 0
        var linkNumber = 0
        func total(_ links: [Link]) -> Double {
            links.reduce(0) { sum, link in
                let up: Double
                switch link.upstream {
                case .root: up = 1
                case let .chain(inner): up = total(inner)
                case let .factor(f): up = replacing(position) ?? f.value; position += 1
                }
                let local = replacing(position) ?? link.local.value
                position += 1
                let sign: Double = linkNumber == flipped ? -1 : 1
                linkNumber += 1
                return sum + sign * up * local
            }
        }
        return total(links)
    }

    /// The number of links (terms of every sum), for `value(flipping:)`.
    var linkCount: Int {
        func count(_ links: [Link]) -> Int {
            links.reduce(0) { n, link in
                if case let .chain(inner) = link.upstream { return n + 1 + count(inner) }
                return n + 1
            }
        }
        return count(links)
    }

    /// The chain with factors by name (`∂L/∂a2[1]·σ′(z2[1])·a1[0]`) and written out.
    func terms() -> (named: TraceTerm, written: TraceTerm) {
        func build(_ links: [Link]) -> (TraceTerm, TraceTerm) {
            var named: [(negated: Bool, term: TraceTerm)] = []
            var written: [(negated: Bool, term: TraceTerm)] = []
            for link in links {
                let up: (TraceTerm, TraceTerm)
                switch link.upstream {
                case .root: up = (.number(1), .number(1))
                case let .chain(inner): up = build(inner)
                case let .factor(f): up = (f.named, f.definition)
                }
                named.append((false, .times([up.0, link.local.named], droppingOnes: true)))
                written.append((false, .times([up.1, link.local.definition], droppingOnes: true)))
            }
            return (.plus(named), .plus(written))
        }
        return build(links)
    }
}

extension GradientChain {
    /// Builds the chain for entry `flat` of `x` under `root`. `gradient` gives the backward
    /// pass's gradients (the session's); `names` the variables' names. Chains longer than
    /// `maxTerms` links at one level keep the gradient arriving there as a number.
    init(root: Tensor, target x: Tensor, flat: Int, gradient: (Tensor) -> [Double]?,
         names: (Tensor) -> String?, maxTerms: Int) throws(DisplayError) {
        func name(_ t: Tensor) -> String? { names(t) ?? t.label }
        let rootName = name(root) ?? "L"
        let order = root.topologicalOrder()
        // The chain is written with the values the graph holds; after an input changed in place
        // they are no longer the ones backward multiplied, and the working would not match.
        if let changed = Tensor.inputChangedInPlace(in: order) {
            let input = name(changed) ?? "an input"
            throw .cannotDraw(what: "∂\(rootName)/∂" + TraceRenderer.entryName(name(x) ?? "x", index: Shape.index(ofFlat: flat, in: x.shape)),
                              reason: "\(input) changed in place after backward \(rootName) (e.g. \(input) -= lr * grad(\(input))), so the values "
                                + "backward multiplied are gone. :back to before the change to see this gradient worked out, or compute "
                                + "\(rootName) again and run backward to work out the new one")
        }
        var children: [ObjectIdentifier: [Tensor]] = [:]
        for node in order { for parent in node.parents { children[ObjectIdentifier(parent), default: []].append(node) } }
        func isNamed(_ t: Tensor) -> Bool { t === root || name(t) != nil }
        // The nearest named values that use t, following unnamed intermediates.
        func consumers(of t: Tensor) -> [Tensor] {
            var frontier = Set<ObjectIdentifier>(), visited = Set<ObjectIdentifier>()
            var pending = [t]
            while let node = pending.popLast() {
                for child in children[ObjectIdentifier(node)] ?? [] where visited.insert(ObjectIdentifier(child)).inserted {
                    if isNamed(child) { frontier.insert(ObjectIdentifier(child)) } else { pending.append(child) }
                }
            }
            return order.filter { frontier.contains(ObjectIdentifier($0)) }
        }

        // The first level must fit (as for any trace); writing the chain out further stops,
        // with the arriving gradient as a number, once `unrollLimit` more entries were expanded.
        var firstLevelEntries = 0
        var unrollBudget = Self.unrollLimit
        // An entry's links are the same on every path that reaches it: worked out once each.
        var known: [EntryKey: [Link]] = [:]
        func links(_ t: Tensor, _ entry: Int, depth: Int) throws(DisplayError) -> [Link] {
            let key = EntryKey(tensor: ObjectIdentifier(t), flat: entry)
            if let links = known[key] { return links }
            let tName = name(t) ?? "x"
            let target = TraceRenderer.entryName(tName, index: Shape.index(ofFlat: entry, in: t.shape))
            var result: [Link] = []
            for consumer in consumers(of: t) {
                if depth == 0 {
                    firstLevelEntries += consumer.count
                    guard firstLevelEntries <= TraceRenderer.entryLimit else {
                        throw .tooLarge(what: "the chain rule for ∂\(rootName)/∂\(target)", reason: "it would expand \(firstLevelEntries) entries of the values that use it (at most \(TraceRenderer.entryLimit)); name smaller intermediates")
                    }
                } else {
                    unrollBudget -= consumer.count
                    guard unrollBudget >= 0 else { throw .tooLarge(what: "the written-out chain", reason: "past the unrolling limit") }
                }
                let consumerName = consumer === root ? rootName : name(consumer) ?? rootName
                for j in 0..<consumer.count {
                    let expansion: Expansion
                    do {
                        expansion = try Expansion(of: consumer, flat: j) { $0 === t || isNamed($0) }
                    } catch {
                        throw .cannotDraw(what: "∂\(rootName)/∂\(target)", reason: error.description)
                    }
                    guard let leaf = expansion.leaves.first(where: { $0.value.tensor === t && $0.value.flat == entry })?.key else { continue }
                    let entryText = TraceRenderer.entryName(consumerName, index: Shape.index(ofFlat: j, in: consumer.shape))
                    var local = Self.localFactor(of: consumer, named: consumerName, entry: j, entryName: entryText, expansion: expansion, leaf: leaf,
                                                 target: (t, entry, target), isRoot: consumer === root, rootName: rootName)
                    if local.isUnreadable {
                        let closed = consumer === root ? Self.crossEntropyFactor(root: root, target: t, flat: entry, name: name, replacing: local) : nil
                        local = closed ?? local.byNameOnly
                    }
                    let upstream: Upstream
                    if consumer === root {
                        upstream = .root
                    } else {
                        let inner = depth < 12 ? (try? links(consumer, j, depth: depth + 1)) ?? [] : []
                        if !inner.isEmpty && Self.leafCount(inner) <= maxTerms {
                            upstream = .chain(inner)
                        } else {
                            let arriving = gradient(consumer)?[j] ?? 0
                            upstream = .factor(ChainFactor(kind: .upstream, name: "∂\(rootName)/∂\(entryText)", definition: .number(arriving),
                                                           input: nil, output: nil, source: nil))
                        }
                    }
                    result.append(Link(upstream: upstream, local: local))
                }
            }
            known[key] = result
            return result
        }
        self.links = try links(x, flat, depth: 0)
    }

    /// The most entries expanded to write the chain out past its first level.
    static let unrollLimit = 2_000

    /// The number of products the chain writes out: 1 when it is one product.
    var productCount: Int { Self.leafCount(links) }

    /// The number of products a chain writes out.
    private static func leafCount(_ links: [Link]) -> Int {
        links.reduce(0) { n, link in
            if case let .chain(inner) = link.upstream { return n + leafCount(inner) }
            return n + 1
        }
    }

    /// ∂consumer[j]/∂target, named the way a textbook names it.
    private static func localFactor(of consumer: Tensor, named consumerName: String, entry j: Int, entryName: String, expansion: Expansion, leaf: Int,
                                    target: (tensor: Tensor, flat: Int, name: String), isRoot: Bool, rootName: String) -> ChainFactor {
        let graph = expansion.graph
        let outputValue = expansion.value
        let outputTerm = TraceTerm.symbol(entryName, outputValue)
        let inputValue = target.tensor.data[target.flat]
        // softmax: ∂a[k]/∂z[i] = a[k](δₖᵢ - a[i]), from the softmax's own outputs.
        if consumer.op?.name == "softmax", target.tensor.shape == consumer.shape {
            let i = target.flat
            let aI = TraceTerm.symbol(TraceRenderer.entryName(consumerName, index: Shape.index(ofFlat: i, in: consumer.shape)), consumer.data[i])
            let definition: TraceTerm = j == i
                ? .times([outputTerm, .plus([(false, .number(1)), (true, aI)])])
                : .negation(.times([outputTerm, aI]), -outputValue * consumer.data[i])
            return ChainFactor(kind: .softmax, name: "∂\(entryName)/∂\(target.name)", definition: definition,
                               input: inputValue, output: outputValue, source: (consumer, j))
        }
        let derived = LocalDerivative(graph: graph, root: expansion.root.id, target: leaf, outputName: entryName).term
        // Too big to write out: the factor by its name, with the value the scalar backward gives.
        let definition = derived ?? { graph.backward(from: expansion.root); return .symbol("∂\(entryName)/∂\(target.name)", graph.grads[leaf]) }()
        if isRoot {
            return ChainFactor(kind: .loss, name: "∂\(rootName)/∂\(target.name)", definition: definition, input: nil, output: nil, source: nil)
        }
        // One activation applied to the entry: σ′(z), tanh′(z), relu′(z).
        let activations: [String: String] = ["sigmoid": "σ′", "tanh": "tanh′", "relu": "relu′"]
        if let op = consumer.op?.name, let prime = activations[op], graph.ops[expansion.root.id].inputs == [leaf] {
            return ChainFactor(kind: .activation(op), name: "\(prime)(\(target.name))", definition: definition,
                               input: inputValue, output: outputValue, source: nil)
        }
        if case let .symbol(leafName, _) = definition, let source = expansion.leaves.first(where: { graph.labels[$0.key] == leafName })?.value {
            return ChainFactor(kind: .entry, name: leafName, definition: definition, input: nil, output: nil, source: source)
        }
        return ChainFactor(kind: definition.isAtom ? .entry : .local, name: "∂\(entryName)/∂\(target.name)", definition: definition,
                           input: nil, output: nil, source: nil)
    }

    /// A loss through log_softmax, −Σₖ y[k]·log_softmax(z)[k] (cross-entropy), differentiated
    /// through its scalar expansion, is too long to read: its closed form softmax(z)[i] - y[i]
    /// is shown instead when it has the same value (a target that sums to 1, over a vector).
    static func crossEntropyFactor(root: Tensor, target z: Tensor, flat i: Int, name: (Tensor) -> String?,
                                   replacing factor: ChainFactor) -> ChainFactor? {
        let order = root.topologicalOrder()
        guard z.rank == 1,
              let logSoftmax = order.first(where: { $0.op?.name == "logSoftmax" && $0.parents.first === z }),
              let product = order.first(where: { $0.op?.name == "mul" && $0.parents.contains { $0 === logSoftmax } }),
              let y = product.parents.first(where: { $0 !== logSoftmax }), y.shape == z.shape else { return nil }
        let exps = z.data.map { Foundation.exp($0 - (z.data.max() ?? 0)) }
        let softmax = exps[i] / exps.reduce(0, +)
        let zName = name(z) ?? "z"
        let yEntry: TraceTerm = name(y).map { .symbol(TraceRenderer.entryName($0, index: [i]), y.data[i]) } ?? .number(y.data[i])
        let closed = TraceTerm.plus([(false, .symbol("softmax(\(zName))[\(i)]", softmax)), (true, yEntry)])
        guard abs(closed.value - factor.value) <= 1e-9 * max(1, abs(factor.value)) else { return nil }
        return ChainFactor(kind: .loss, name: factor.name, definition: closed, input: nil, output: nil, source: nil)
    }
}

private struct EntryKey: Hashable {
    let tensor: ObjectIdentifier
    let flat: Int
}

extension ChainFactor {
    /// Longer than a learner reads in one line (the scalar expansion of a log-softmax).
    var isUnreadable: Bool { definition.text(.symbolic, format: NumberFormat(), maxTerms: 8).count > 160 }

    /// The factor shown by its name and value only.
    var byNameOnly: ChainFactor {
        ChainFactor(kind: .upstream, name: name, definition: .symbol(name, value), input: input, output: output, source: source)
    }
}
