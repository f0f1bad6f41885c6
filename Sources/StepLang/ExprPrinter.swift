/// Writes expressions back as text, parenthesising by the operators' `Precedence`, the table
/// the parser climbs.
enum ExprPrinter {
    static func text(_ e: Expr) -> String { text(e.kind) }

    private static func level(_ kind: ExprKind) -> Precedence {
        switch kind {
        case let .binary(op, _, _): return op.precedence
        case .negate: return .unary
        case .number, .name, .list, .call, .index, .member: return .postfix
        }
    }

    /// `e`'s text, in parentheses when it binds more loosely than `minimum`.
    private static func wrap(_ e: Expr, below minimum: Precedence) -> String {
        level(e.kind) < minimum ? "(\(text(e)))" : text(e)
    }

    private static func tighter(than p: Precedence) -> Precedence { Precedence(rawValue: p.rawValue + 1) ?? .postfix }

    private static func text(_ kind: ExprKind) -> String {
        switch kind {
        case let .number(_, literal): return literal
        case let .name(name): return name
        case let .list(items): return "[" + items.map(text).joined(separator: ", ") + "]"
        case let .negate(x): return "-" + wrap(x, below: .unary)
        case let .binary(op, a, b):
            let p = op.precedence
            // `^` groups to the right, the others to the left; comparisons do not chain, so a
            // comparison inside one keeps its parentheses on either side.
            let (left, right) = op == .power ? (tighter(than: p), p)
                : p == .comparison ? (tighter(than: p), tighter(than: p)) : (p, tighter(than: p))
            return wrap(a, below: left) + " \(op.symbol) " + wrap(b, below: right)
        case let .call(name, arguments, keywords):
            let parts = arguments.map(text) + keywords.map { "\($0.name)=\(text($0.value))" }
            return "\(name)(" + parts.joined(separator: ", ") + ")"
        case let .index(x, items):
            return wrap(x, below: .postfix) + "[" + items.map(text).joined(separator: ", ") + "]"
        case let .member(x, name): return wrap(x, below: .postfix) + ".\(name)"
        }
    }

    private static func text(_ item: IndexArgument) -> String {
        switch item {
        case let .at(e): return text(e)
        case let .slice(start, stop, step):
            var s = (start.map(text) ?? "") + ":" + (stop.map(text) ?? "")
            if let step { s += ":" + text(step) }
            return s
        }
    }
}
