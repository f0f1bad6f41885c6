/// Which variables a statement reads and binds: what the player's skip policy and `:rerun` ask.
extension Statement {
    /// The variable names the statement reads.
    public var referencedNames: Set<String> {
        var names = Set<String>()
        func visit(_ e: Expr) {
            switch e.kind {
            case .number: break
            case let .name(n): names.insert(n)
            case let .list(items): items.forEach(visit)
            case let .negate(x): visit(x)
            case let .binary(_, a, b): visit(a); visit(b)
            case let .call(_, arguments, keywords): arguments.forEach(visit); keywords.forEach { visit($0.value) }
            case let .index(x, items):
                visit(x)
                visitIndex(items)
            case let .member(x, _): visit(x)
            }
        }
        func visitIndex(_ items: [IndexArgument]) {
            for item in items {
                switch item {
                case let .at(i): visit(i)
                case let .slice(a, b, c): [a, b, c].compactMap { $0 }.forEach(visit)
                }
            }
        }
        func visit(_ s: Statement) {
            switch s.kind {
            case let .bind(_, e), let .show(e), let .picture(_, e), let .backward(e), let .exercise(e): visit(e)
            case let .update(name, index, _, e):
                names.insert(name)
                visitIndex(index)
                visit(e)
            case let .expect(a, b, _, w): visit(a); visit(b); w.map(visit)
            case let .doc(e, _, w): visit(e); w.map(visit)
            case let .forLoop(variable, from, to, _, body):
                visit(from); visit(to)
                let outer = names
                body.forEach(visit)
                // The loop variable is bound by the loop itself.
                if !outer.contains(variable) { names.remove(variable) }
            }
        }
        visit(self)
        return names
    }

    /// The variable names the statement binds.
    public var boundNames: [String] {
        switch kind {
        case let .bind(name, _), let .update(name, _, _, _): return [name]
        case let .forLoop(variable, _, _, _, body): return [variable] + body.flatMap(\.boundNames)
        default: return []
        }
    }
}
