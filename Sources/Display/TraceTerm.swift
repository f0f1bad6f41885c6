import Foundation

/// An arithmetic expression as a learner writes it, each node carrying its value: sums and
/// products flattened (`a + b + c`, not `(a + b) + c`), names where the expansion has them.
/// A trace prints it three ways: with names, with numbers, and reduced one level at a time.
indirect enum TraceTerm {
    case symbol(String, Double)
    case number(Double)
    case sum([(negated: Bool, term: TraceTerm)], Double)
    case product([TraceTerm], Double)
    case quotient(TraceTerm, TraceTerm, Double)
    case negation(TraceTerm, Double)
    case power(TraceTerm, Double, Double)
    case call(String, [TraceTerm], Double)

    var value: Double {
        switch self {
        case let .symbol(_, v), let .number(v), let .sum(_, v), let .product(_, v), let .quotient(_, _, v),
             let .negation(_, v), let .power(_, _, v), let .call(_, _, v):
            return v
        }
    }

    var isAtom: Bool {
        switch self {
        case .symbol, .number: return true
        default: return false
        }
    }

    var children: [TraceTerm] {
        switch self {
        case .symbol, .number: return []
        case let .sum(terms, _): return terms.map(\.term)
        case let .product(factors, _): return factors
        case let .quotient(a, b, _): return [a, b]
        case let .negation(a, _), let .power(a, _, _): return [a]
        case let .call(_, args, _): return args
        }
    }

    /// One level of arithmetic done: every operation whose operands are all numbers becomes its
    /// value; the rest keep their shape with their operands reduced.
    func reduced() -> TraceTerm {
        if isAtom || children.allSatisfy(\.isAtom) { return .number(value) }
        switch self {
        case .symbol, .number: return self
        case let .sum(terms, v): return .sum(terms.map { ($0.negated, $0.term.reduced()) }, v)
        case let .product(factors, v): return .product(factors.map { $0.reduced() }, v)
        case let .quotient(a, b, v): return .quotient(a.reduced(), b.reduced(), v)
        case let .negation(a, v): return .negation(a.reduced(), v)
        case let .power(a, n, v): return .power(a.reduced(), n, v)
        case let .call(name, args, v): return .call(name, args.map { $0.reduced() }, v)
        }
    }

    // MARK: building, with values computed the way the engine computes them

    /// A sum, flattening sums inside it. `value` is the engine's value when known, so the
    /// trace ends on exactly the number the tensor holds.
    static func plus(_ terms: [(negated: Bool, term: TraceTerm)], value: Double? = nil) -> TraceTerm {
        if terms.count == 1 && !terms[0].negated { return terms[0].term }
        let flat = terms.flatMap { part -> [(negated: Bool, term: TraceTerm)] in
            if case let .sum(inner, _) = part.term, !part.negated { return inner }
            return [part]
        }
        var total = flat[0].negated ? -flat[0].term.value : flat[0].term.value
        for part in flat.dropFirst() { total = part.negated ? total - part.term.value : total + part.term.value }
        return .sum(flat, value ?? total)
    }

    /// A product, flattening products inside it; `droppingOnes` leaves out factors that are
    /// exactly the number 1 (for derivatives, where they are bookkeeping, not arithmetic).
    static func times(_ factors: [TraceTerm], droppingOnes: Bool = false, value: Double? = nil) -> TraceTerm {
        let kept = factors.flatMap { factor -> [TraceTerm] in
            if case let .product(inner, _) = factor { return inner }
            if droppingOnes, case let .number(v) = factor, v == 1 { return [] }
            return [factor]
        }
        if kept.isEmpty { return .number(1) }
        if kept.count == 1 { return kept[0] }
        return .product(kept, value ?? kept.dropFirst().reduce(kept[0].value) { $0 * $1.value })
    }

    // MARK: printing

    enum Style {
        /// Names as names.
        case symbolic
        /// Every name replaced by its value.
        case numeric
    }

    /// Binding strength, for parentheses: sums bind loosest, atoms tightest.
    private var precedence: Int {
        switch self {
        case .sum: return 1
        case .product, .quotient: return 2
        case .negation: return 3
        case .power: return 4
        case .symbol, .call: return 5
        case let .number(v): return v < 0 || (v == 0 && v.sign == .minus) ? 3 : 5
        }
    }

    func text(_ style: Style, format: NumberFormat, maxTerms: Int) -> String {
        layout(style, format: format, maxTerms: maxTerms).flat
    }

    /// The expression as printed, with the places a long line may break (before a sum's `+`/`-`
    /// and a product's `·`).
    func layout(_ style: Style, format: NumberFormat, maxTerms: Int) -> TraceLayout {
        // Wraps an operand in parentheses when it binds looser than its place needs, or when it
        // starts with a minus sign anywhere but the front (`0.2·(-1)`, `2 + (-1)`).
        func inner(_ t: TraceTerm, atLeast level: Int, leading: Bool = false) -> TraceLayout {
            let body = t.layout(style, format: format, maxTerms: maxTerms)
            let wrap = t.precedence < level || (!leading && body.startsWithMinus)
            return wrap ? .sequence([.text("("), body, .text(")")]) : body
        }
        switch self {
        case let .symbol(name, v): return .text(style == .symbolic ? name : format.compact(v))
        case let .number(v): return .text(format.compact(v))
        case let .sum(terms, _):
            var pieces: [TraceLayout] = []
            for (position, part) in terms.enumerated() {
                if position == 0 {
                    pieces.append(part.negated ? .sequence([.text("-"), inner(part.term, atLeast: 3)]) : inner(part.term, atLeast: 1, leading: true))
                } else {
                    pieces.append(.sequence([.text(part.negated ? "- " : "+ "), inner(part.term, atLeast: 2)]))
                }
            }
            let limit = max(4, maxTerms)
            if pieces.count > limit {
                let head = pieces.prefix(limit - 2)
                pieces = Array(head) + [.text("+ … (\(pieces.count - head.count - 1) more terms)"), pieces[pieces.count - 1]]
            }
            return .sum(pieces)
        case let .product(factors, _):
            return .product(factors.enumerated().map { i, factor in
                i == 0 ? inner(factor, atLeast: 3) : .sequence([.text("·"), inner(factor, atLeast: 3)])
            })
        case let .quotient(a, b, _):
            return .sequence([inner(a, atLeast: 2), .text("/"), inner(b, atLeast: 3)])
        case let .negation(a, _):
            return .sequence([.text("-"), inner(a, atLeast: 3)])
        case let .power(a, n, _):
            return .sequence([inner(a, atLeast: 5), .text("^" + format.compact(n))])
        case let .call(name, args, _):
            let arguments = Self.interleave(args.map { $0.layout(style, format: format, maxTerms: maxTerms) }, with: ", ")
            return .sequence([.text(name + "(")] + arguments + [.text(")")])
        }
    }

    /// `parts` with `separator` between each two.
    private static func interleave(_ parts: [TraceLayout], with separator: String) -> [TraceLayout] {
        parts.enumerated().flatMap { i, part in i == 0 ? [part] : [.text(separator), part] }
    }
}
