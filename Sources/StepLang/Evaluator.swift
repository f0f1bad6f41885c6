import Autograd

/// Evaluates expressions against a session's variables, turning engine errors into errors at
/// the operator or call that failed. With `tracing`, records every sub-expression's value in
/// evaluation order.
struct Evaluator {
    unowned let session: Session
    let source: SourceText?
    let tracing: Bool
    private(set) var trace: [EvaluationStep] = []

    init(session: Session, source: SourceText?, tracing: Bool) {
        self.session = session
        self.source = source
        self.tracing = tracing
    }

    func error(_ message: String, at location: SourceLocation) -> StepError {
        StepError(message, at: location, in: source)
    }

    /// Runs engine code, turning its errors into errors at `location`.
    func engine<T>(at location: SourceLocation, _ body: () throws(AutogradError) -> T) throws(StepError) -> T {
        do { return try body() } catch { throw self.error(error.description, at: location) }
    }

    mutating func evaluate(_ expr: Expr) throws(StepError) -> Tensor {
        let value = try compute(expr)
        // A name only refers to a value; everything else computes a new one.
        if !expr.isName { try session.spend(value.count + Session.operationCost, at: expr.location, in: source) }
        if tracing, !expr.isNumber { trace.append(EvaluationStep(expression: expr, value: value)) }
        return value
    }

    /// A whole number (loop bounds).
    mutating func integer(_ expr: Expr, _ what: String) throws(StepError) -> Int {
        let t = try evaluate(expr)
        guard let n = t.scalarValue?.wholeNumber else {
            throw error("\(what) must be a single whole number, got \(t.scalarValue.map { "\($0)" } ?? "shape \(Shape.describe(t.shape))")", at: expr.location)
        }
        return n
    }

    /// A tolerance for `within` (a non-negative number).
    mutating func tolerance(_ expr: Expr) throws(StepError) -> Double {
        let t = try evaluate(expr)
        guard let x = t.scalarValue, x >= 0 else {
            throw error("the tolerance after within must be one number ≥ 0", at: expr.location)
        }
        return x
    }

    private mutating func compute(_ expr: Expr) throws(StepError) -> Tensor {
        switch expr.kind {
        case let .number(value, _):
            return Evaluator.constant(Tensor(scalar: value))

        case let .name(name):
            guard let value = session.value(of: name) else { throw unknownName(name, at: expr.location) }
            return value

        case let .list(items):
            return try list(items, at: expr.location)

        case let .negate(x):
            let value = try evaluate(x)
            return Evaluator.folded(-value, from: [value])

        case let .binary(op, lhs, rhs):
            let a = try evaluate(lhs)
            let b = try evaluate(rhs)
            let result = try engine(at: expr.location) { () throws(AutogradError) in try Evaluator.apply(op, a, b) }
            if session.typedAtPrompt, let warning = Evaluator.surprisingBroadcast(op, a.shape, b.shape, result.shape) {
                session.note(warning)
            }
            return Evaluator.folded(result, from: [a, b])

        case let .call(name, arguments, keywords):
            return try call(name, arguments, keywords, at: expr.location)

        case let .index(x, items):
            let value = try evaluate(x)
            var resolved: [IndexItem] = []
            for item in items { resolved.append(try indexItem(item)) }
            return Evaluator.folded(try engine(at: expr.location) { () throws(AutogradError) in try value.index(resolved) }, from: [value])

        case let .member(x, name):
            let value = try evaluate(x)
            switch name {
            case "T": return Evaluator.folded(value.transposed(), from: [value])
            case "shape": return Builtins.shapeTensor(value)
            case "grad":
                return try session.gradient(of: value, isVariable: x.isName) { error($0, at: expr.location) }
            default:
                throw error("unknown member '.\(name)'; a value has .T (transpose), .grad and .shape", at: expr.location)
            }
        }
    }

    /// An unnamed literal: backward does not work out its gradient (nobody can ask for it).
    /// Binding it to a name makes it a variable that gets one (`Session.bind`).
    static func constant(_ t: Tensor) -> Tensor {
        t.requiresGrad = false
        return t
    }

    /// An unnamed leaf that needs no gradient: a literal, or something computed from literals only.
    static func isConstant(_ t: Tensor) -> Bool { t.isLeaf && !t.requiresGrad && t.label == nil }

    /// A value computed from constants only is a constant itself: `-1`, `sqrt(2)`, `zeros(3)`,
    /// `[[1, -2]]` become one leaf each instead of a little graph of literals, so a matrix
    /// written out in a lesson is a leaf (a parameter) once it is bound.
    static func folded(_ result: Tensor, from inputs: [Tensor]) -> Tensor {
        guard inputs.allSatisfy(isConstant), result.label == nil else { return result }
        if result.isLeaf { return constant(result) }
        return constant((try? Tensor(shape: result.shape, data: result.data)) ?? result)
    }

    static func apply(_ op: BinaryOperator, _ a: Tensor, _ b: Tensor) throws(AutogradError) -> Tensor {
        switch op {
        case .add: return try a + b
        case .subtract: return try a - b
        case .multiply: return try a * b
        case .divide: return try a / b
        case .matmul: return try a.matmul(b)
        case .power: return try a ^ b
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return try Tensor.compare(a, b, op.comparison!)
        }
    }

    /// `[a, b, ...]`: elements of one shape along a new first axis. Constants become one
    /// constant; when an element is a variable or a computed value, the list is a `stack` in
    /// the graph so gradients flow through it.
    private mutating func list(_ items: [Expr], at location: SourceLocation) throws(StepError) -> Tensor {
        var elements: [Tensor] = []
        for item in items {
            let element = try evaluate(item)
            if let first = elements.first, first.shape != element.shape {
                throw error("list elements must all have the same shape: the first has shape \(Shape.describe(first.shape)), this one \(Shape.describe(element.shape))", at: item.location)
            }
            elements.append(element)
        }
        guard let first = elements.first else {
            throw error("a list needs at least one element", at: location)
        }
        let shape = [elements.count] + first.shape
        if elements.allSatisfy({ $0.isLeaf && $0.label == nil }) {
            return try engine(at: location) { () throws(AutogradError) in
                try Shape.check(shape, op: "list")
                return Evaluator.constant(try Tensor(shape: shape, data: elements.flatMap(\.data)))
            }
        }
        return try engine(at: location) { () throws(AutogradError) in try Tensor.stack(elements, axis: 0) }
    }

    mutating func indexItem(_ item: IndexArgument) throws(StepError) -> IndexItem {
        switch item {
        case let .at(e):
            return .at(try integer(e, "an index"))
        case let .slice(start, stop, step):
            if start == nil, stop == nil, step == nil { return .all }
            let a = try start.map { (e: Expr) throws(StepError) in try integer(e, "a slice start") }
            let b = try stop.map { (e: Expr) throws(StepError) in try integer(e, "a slice stop") }
            let c = try step.map { (e: Expr) throws(StepError) in try integer(e, "a slice step") }
            return .range(a, b, c)
        }
    }

    private mutating func call(_ name: String, _ arguments: [Expr], _ keywords: [KeywordArgument], at location: SourceLocation) throws(StepError) -> Tensor {
        guard let builtin = Builtins.named(name) else {
            if session.value(of: name) != nil {
                throw error("'\(name)' is a value, not a function", at: location)
            }
            if let spelled = PythonSpellings.function(name, arguments, keywords, at: location) {
                throw error("unknown function '\(name)'; \(spelled)", at: location)
            }
            throw error("unknown function '\(name)'" + Evaluator.suggestion(for: name, among: Builtins.all.map(\.name)), at: location)
        }
        var values: [Tensor] = []
        for argument in arguments { values.append(try evaluate(argument)) }
        var keywordValues: [String: Tensor] = [:]
        var keywordLocations: [String: SourceLocation] = [:]
        for keyword in keywords {
            keywordValues[keyword.name] = try evaluate(keyword.value)
            keywordLocations[keyword.name] = keyword.location
        }
        let call = BuiltinCall(location: location, arguments: values, argumentExprs: arguments,
                               keywordValues: keywordValues, keywordLocations: keywordLocations,
                               source: source, context: session)
        return Evaluator.folded(try builtin.call(call), from: values + Array(keywordValues.values))
    }

    private func unknownName(_ name: String, at location: SourceLocation) -> StepError {
        if Builtins.named(name) != nil {
            return error("'\(name)' is a function; call it with its arguments, e.g. \(Builtins.named(name)?.signature ?? name)", at: location)
        }
        return error("unknown name '\(name)'" + Evaluator.suggestion(for: name, among: session.names), at: location)
    }

    /// A broadcast whose result has the shape of neither operand — `(2, 1) + (2,)` gives (2, 2) —
    /// is, typed at the prompt, most often a column meeting a row by mistake: one line that says
    /// so. Adding a bias of shape (3,) to a (4, 3) matrix keeps the matrix's shape and says nothing.
    static func surprisingBroadcast(_ op: BinaryOperator, _ a: [Int], _ b: [Int], _ result: [Int]) -> String? {
        guard op != .matmul, result != a, result != b else { return nil }
        return "broadcast: \(Shape.describe(a)) \(op.symbol) \(Shape.describe(b)) gives shape \(Shape.describe(result)), "
            + "every entry of one paired with every entry of the other; for entry by entry, make the shapes equal (reshape)"
    }

    /// "; did you mean 'W1'?" when a known name is one or two edits away.
    static func suggestion(for name: String, among candidates: [String]) -> String {
        // Names differing in length by more than 2 are more than 2 edits apart; skipping them keeps
        // a pasted megabyte-long name from costing length² per candidate.
        let close = candidates.filter { abs($0.count - name.count) <= 2 && name.count <= 100 }
            .map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }
        return close.map { "; did you mean '\($0.0)'?" } ?? ""
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let (x, y) = (Array(a), Array(b))
        var row = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(y.count, 1) where !y.isEmpty {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return x.isEmpty ? y.count : row[y.count]
    }
}

extension Expr {
    var isNumber: Bool { if case .number = kind { true } else { false } }
    /// A plain name such as `W`: a variable's own value, not one computed from it.
    public var isName: Bool { if case .name = kind { true } else { false } }
}


extension Double {
    /// The number as an Int when it is whole and small enough (|x| ≤ 1e15) to be exact in a
    /// Double: an index, a size, an axis, a seed, a loop bound.
    var wholeNumber: Int? { rounded() == self && Swift.abs(self) <= 1e15 ? Int(self) : nil }
}
