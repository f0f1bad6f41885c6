import Autograd

/// How traces print numbers and long sums.
public struct TraceOptions: Equatable, Sendable {
    /// Numbers are printed with this precision, trailing zeros dropped (`0.18`, not `0.1800`).
    public var format: NumberFormat
    /// Sums with more terms show the first few, `+ … (n more terms)`, and the last.
    public var maxTerms: Int
    /// Gradient traces through a softmax also print its whole Jacobian as a matrix.
    public var softmaxJacobian: Bool
    /// The columns a line of working may take (a terminal's width): a longer sum is broken before
    /// its `+` and `-`, each term under the first. Nil writes each form on one line.
    public var width: Int?

    public init(format: NumberFormat = NumberFormat(precision: 4), maxTerms: Int = 8, softmaxJacobian: Bool = false, width: Int? = nil) {
        self.format = format
        self.maxTerms = maxTerms
        self.softmaxJacobian = softmaxJacobian
        self.width = width
    }
}

/// One tensor entry written out as scalar arithmetic, the way a learner checks it by hand:
///
///     z1[0] = W1[0,0]·a0[0] + W1[0,1]·a0[1] + W1[0,2]·a0[2] + b1[0]
///           = 0.2·1 + 0.4·0.5 + 0.6·0.3 + 0.1
///           = 0.2 + 0.2 + 0.18 + 0.1
///           = 0.68
///
/// Scalar nodes used more than once (the max in a softmax, each exp shared by numerator and
/// denominator) get names `u1`, `u2`, … and their own lines first, so the text stays linear
/// in the size of the expansion.
public enum TraceRenderer {
    public static func render(_ expansion: Expansion, name: String, options: TraceOptions = TraceOptions()) -> String {
        let reader = TapeReader(graph: expansion.graph, root: expansion.root.id)
        var lines: [String] = []
        for (id, shared) in reader.sharedNames.sorted(by: { $0.key < $1.key }) {
            lines += derivation(shared, reader.term(id, defining: true), options)
        }
        lines += derivation(name, reader.term(expansion.root.id, defining: true), options)
        return lines.joined(separator: "\n")
    }

    /// `z1[0]`, `W1[0,2]`, `L` — an entry named the way expansions label their leaves.
    public static func entryName(_ name: String, index: [Int]) -> String {
        index.isEmpty ? name : "\(name)[\(index.map(String.init).joined(separator: ","))]"
    }

    /// `name = symbols`, `= numbers`, then one line per level of arithmetic down to the value.
    /// `first`, when given, is an extra opening line (the chain rule before its factors).
    static func derivation(_ name: String, _ term: TraceTerm, _ options: TraceOptions, first: TraceLayout? = nil) -> [String] {
        let (format, maxTerms) = (options.format, options.maxTerms)
        var forms = first.map { [$0] } ?? []
        forms.append(term.layout(.symbolic, format: format, maxTerms: maxTerms))
        var current = term
        forms.append(current.layout(.numeric, format: format, maxTerms: maxTerms))
        while !current.isAtom {
            current = current.reduced()
            forms.append(current.layout(.numeric, format: format, maxTerms: maxTerms))
        }
        return equalities(name, forms, width: options.width)
    }

    /// `name = form`, then `= form` under it for each later one, each laid out for `width`; a form
    /// that repeats the one before it, or the name itself (the trace of a leaf), is left out.
    static func equalities(_ name: String, _ forms: [TraceLayout], width: Int?) -> [String] {
        var lines: [String] = []
        var previous: String?
        let indent = String(repeating: " ", count: name.count + 1)
        for form in forms {
            let flat = form.flat
            guard flat != name, flat != previous else { continue }
            let opening = lines.isEmpty ? name + " = " : indent + "= "
            lines.append(opening + (width.map { form.lines(startingAt: opening.count, width: $0) } ?? flat))
            previous = flat
        }
        return lines
    }
}

/// Reads a scalar tape back into flattened expressions.
struct TapeReader {
    let graph: ScalarGraph
    /// Non-leaf nodes read by more than one other node: written once, under a name.
    let sharedNames: [Int: String]

    /// Expressions nested deeper than this print as their value, so a pathological chain can
    /// not exhaust the stack.
    static let depthLimit = 300

    /// `namingShared: false` writes shared nodes out in full wherever they occur (for the small
    /// one-op expansions that local derivatives read).
    init(graph: ScalarGraph, root: Int, namingShared: Bool = true) {
        self.graph = graph
        var reachable = [Bool](repeating: false, count: root + 1)
        var uses = [Int](repeating: 0, count: root + 1)
        reachable[root] = true
        // The tape is in topological order, so one backward sweep finds every node the root reads.
        for id in stride(from: root, through: 0, by: -1) where reachable[id] {
            for input in graph.ops[id].inputs {
                reachable[input] = true
                uses[input] += 1
            }
        }
        var names: [Int: String] = [:]
        for id in 0...root where namingShared && reachable[id] && uses[id] > 1 && graph.ops[id] != .leaf {
            names[id] = "u\(names.count + 1)"
        }
        sharedNames = names
    }

    /// The expression of node `id`; a shared node is its name unless `defining` it.
    func term(_ id: Int, defining: Bool = false, depth: Int = 0) -> TraceTerm {
        let value = graph.values[id]
        if !defining, let name = sharedNames[id] { return .symbol(name, value) }
        if depth > Self.depthLimit { return .number(value) }
        func sub(_ input: Int) -> TraceTerm { term(input, depth: depth + 1) }
        switch graph.ops[id] {
        case .leaf:
            // An unnamed leaf is a constant: its value, or `√2` where that is how it is written.
            return graph.labels[id].map { .symbol($0, value) } ?? ConstantText.root(of: value).map { .symbol($0, value) } ?? .number(value)
        case .add, .sub:
            // Walk the left spine of a chain of + and - iteratively: a sum of n terms is n deep.
            var rights: [(negated: Bool, id: Int)] = []
            var current = id
            while current == id || sharedNames[current] == nil, depth < Self.depthLimit {
                if case let .add(a, b) = graph.ops[current] { rights.append((false, b)); current = a }
                else if case let .sub(a, b) = graph.ops[current] { rights.append((true, b)); current = a }
                else { break }
            }
            let parts = [(negated: false, term: sub(current))] + rights.reversed().map { (negated: $0.negated, term: sub($0.id)) }
            return .plus(parts, value: value)
        case .mul:
            var rights: [Int] = []
            var current = id
            while current == id || sharedNames[current] == nil, case let .mul(a, b) = graph.ops[current] {
                rights.append(b)
                current = a
            }
            return .times([sub(current)] + rights.reversed().map(sub), value: value)
        case let .max(a, b):
            // max(max(a, b), c) reads as max(a, b, c).
            var rights = [b]
            var current = a
            while sharedNames[current] == nil, case let .max(x, y) = graph.ops[current] {
                rights.append(y)
                current = x
            }
            return .call("max", [sub(current)] + rights.reversed().map(sub), value)
        case let .div(a, b): return .quotient(sub(a), sub(b), value)
        case let .neg(a): return .negation(sub(a), value)
        case let .pow(a, n): return .power(sub(a), n, value)
        case let .exp(a): return .call("exp", [sub(a)], value)
        case let .log(a): return .call("log", [sub(a)], value)
        case let .sqrt(a): return .call("sqrt", [sub(a)], value)
        case let .tanh(a): return .call("tanh", [sub(a)], value)
        case let .sin(a): return .call("sin", [sub(a)], value)
        case let .cos(a): return .call("cos", [sub(a)], value)
        case let .sigmoid(a): return .call("σ", [sub(a)], value)
        case let .relu(a): return .call("relu", [sub(a)], value)
        case let .abs(a): return .call("abs", [sub(a)], value)
        case let .power(a, b):
            // A constant exponent reads as one: (a2[0] - y[0])^2, not pow(a2[0] - y[0], 2).
            let exponent = graph.values[b]
            let constant = graph.ops[b] == .leaf && graph.labels[b].map { Double($0) == exponent } ?? true
            return constant ? .power(sub(a), exponent, value) : .call("pow", [sub(a), sub(b)], value)
        }
    }
}
