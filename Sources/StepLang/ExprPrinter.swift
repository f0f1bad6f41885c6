/// Writes expressions back as text, parenthesising by the parser's precedence levels.
enum ExprPrinter {
    /// Binding strength: higher binds tighter (matches `Parser`'s levels).
    static func precedence(of op: String) -> Int {
        switch op {
        case "==", "!=", "<", "<=", ">", ">=": return 1
        case "+", "-": return 2
        case "*", "/", "@": return 3
        case "^": return 5
        default: return 0
        }
    }

    static func text(_ e: Expr) -> String { text(e.kind) }

    private static func level(_ kind: ExprKind) -> Int {
        switch kind {
        case let .binary(op, _, _): return precedence(of: op)
        case .negate: return 4
        default: return 6
        }
    }

    private static func wrap(_ e: Expr, below minimum: Int) -> String {
        level(e.kind) < minimum ? "(\(text(e)))" : text(e)
    }

    private static func text(_ kind: ExprKind) -> String {
        switch kind {
        case let .number(_, literal): return literal
        case let .name(name): return name
        case let .list(items): return "[" + items.map(text).joined(separator: ", ") + "]"
        case let .negate(x): return "-" + wrap(x, below: 4)
        case let .binary(op, a, b):
            let p = precedence(of: op)
            // `^` groups to the right, the others to the left; comparisons do not chain.
            let (left, right) = op == "^" ? (p + 1, p) : (p, p + 1)
            return wrap(a, below: left) + " \(op) " + wrap(b, below: right)
        case let .call(name, arguments, keywords):
            let parts = arguments.map(text) + keywords.map { "\($0.name)=\(text($0.value))" }
            return "\(name)(" + parts.joined(separator: ", ") + ")"
        case let .index(x, items):
            return wrap(x, below: 6) + "[" + items.map(text).joined(separator: ", ") + "]"
        case let .member(x, name): return wrap(x, below: 6) + ".\(name)"
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
