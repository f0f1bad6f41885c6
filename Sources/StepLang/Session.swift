import Autograd

/// One sub-expression's value, in the order evaluation produced it (the REPL's `:step`).
public struct EvaluationStep {
    public let expression: Expr
    /// The sub-expression written out (`W1 @ a0`).
    public var text: String { expression.description }
    public let value: Tensor
}

/// The last `backward`: its root, the pass as it ran (reverse topological order), and the
/// gradient of every node it reached.
public struct BackwardRecord {
    public let root: Tensor
    /// The root as written (`loss`).
    public let text: String
    public let steps: [BackwardStep]
    let gradients: [ObjectIdentifier: [Double]]

    /// ∂root/∂tensor, or nil when the tensor took no part in the pass.
    public func gradient(of tensor: Tensor) -> [Double]? { gradients[ObjectIdentifier(tensor)] }
}

/// The state of a session at one moment: what `restore` brings back.
public struct Snapshot {
    fileprivate let names: [String]
    fileprivate let values: [String: Tensor]
    /// Leaf entries and their versions, saved because in-place updates (`W -= ...`) change them.
    fileprivate let leafData: [(tensor: Tensor, data: [Double], version: Int)]
    fileprivate let lastBackward: BackwardRecord?
    fileprivate let seedsDrawn: Int
}

/// An interpreter session: the variables in binding order, the last backward pass, and the
/// statement runner. Errors never leave the session half-updated: a failing statement binds
/// nothing (a loop keeps the iterations that completed).
public final class Session {
    public private(set) var names: [String] = []
    private var values: [String: Tensor] = [:]
    public private(set) var lastBackward: BackwardRecord?
    /// Polled once per loop iteration; when it returns true, the statement stops with an
    /// "interrupted" error (the REPL sets it from Ctrl-C).
    public var isInterrupted: () -> Bool = { false }
    /// The most iterations one `for` loop may run.
    public var loopIterationLimit = 1_000_000
    /// The most work one statement may do, in units of one tensor entry computed (forward, or a
    /// gradient entry in backward); each operation also costs `operationCost` and each loop
    /// iteration `iterationCost`, their overhead in entries. It bounds nested loops and loops
    /// that grow a graph (every value stays alive in it), whose time and memory a per-loop
    /// limit cannot. The default is about a second of computing.
    public var workLimit = 100_000_000
    public static let operationCost = 10
    public static let iterationCost = 50
    /// The work done so far by the statement being run.
    private var workDone = 0
    /// The statement being run was typed at the prompt (the player sets it while it plays one):
    /// `randn` may then draw its own seed (and says which), where a lesson must give one, and a
    /// broadcast that makes a new shape is warned about, where a lesson's are deliberate.
    public var typedAtPrompt = false
    /// How many seeds `randn` has drawn for calls without one. Part of a snapshot: undoing a draw
    /// undoes its seed, so replaying a session's statements in a fresh session draws the same seeds.
    private var seedsDrawn = 0
    /// The notes of the statement being run, each once, at most `noteLimit` of them.
    private var notes: [String] = []
    static let noteLimit = 8

    public init() {}

    /// The variables, in the order they were first bound.
    public var variables: [(name: String, value: Tensor)] {
        names.compactMap { name in values[name].map { (name, $0) } }
    }

    public func value(of name: String) -> Tensor? { values[name] }

    /// Binds `name` (the REPL's :load, what-if edits). An unnamed tensor takes the name as its
    /// label; an unnamed leaf (a literal, a constructor's result) becomes a variable that backward
    /// computes a gradient for.
    public func bind(_ name: String, _ tensor: Tensor) {
        if tensor.label == nil {
            tensor.label = name
            if tensor.isLeaf { tensor.requiresGrad = true }
        }
        if values.updateValue(tensor, forKey: name) == nil { names.append(name) }
    }

    /// The gradient of `tensor` from the last backward; nil before any backward.
    public func gradient(of tensor: Tensor) -> [Double]? {
        guard let lastBackward else { return nil }
        return lastBackward.gradient(of: tensor) ?? [Double](repeating: 0, count: tensor.count)
    }

    // MARK: - Snapshots

    public func snapshot() -> Snapshot {
        var seen = Set<ObjectIdentifier>()
        var leaves: [(tensor: Tensor, data: [Double], version: Int)] = []
        for t in values.values where t.isLeaf && seen.insert(ObjectIdentifier(t)).inserted {
            leaves.append((t, t.data, t.version))
        }
        return Snapshot(names: names, values: values, leafData: leaves, lastBackward: lastBackward, seedsDrawn: seedsDrawn)
    }

    public func restore(_ snapshot: Snapshot) {
        names = snapshot.names
        values = snapshot.values
        lastBackward = snapshot.lastBackward
        seedsDrawn = snapshot.seedsDrawn
        // Same tensor, same entry count: restoring cannot fail.
        for (tensor, data, version) in snapshot.leafData { try? tensor.restore(data, version: version) }
    }

    // MARK: - Running

    /// Parses and runs REPL input. A syntax error runs nothing; a runtime error stops at the
    /// failing statement (earlier statements of the input stay done).
    public func run(source: String, file: String = "<input>") throws(StepError) -> [Event] {
        let (statements, errors) = Parser.parse(source, file: file)
        if let first = errors.first { throw first }
        var events: [Event] = []
        for statement in statements { events += try run(statement) }
        return events
    }

    public func run(_ statement: Statement) throws(StepError) -> [Event] {
        var events: [Event] = []
        resetWork()
        notes = []
        for text in statement.notes { note(text) }
        try execute(statement, quiet: false, into: &events)
        return notes.map(Event.note) + events
    }

    /// The seed for `randn` without one: the next of a fixed sequence (SplitMix64 of the draw's
    /// number, kept to six digits to be easy to retype), so a saved session that is loaded again
    /// gets its numbers again.
    func drawSeed() -> Int {
        seedsDrawn += 1
        var z = UInt64(seedsDrawn) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % 999_999) + 1
    }

    /// Adds a note to the statement being run (once; a loop would repeat it).
    func note(_ text: String) {
        guard !notes.contains(text), notes.count <= Session.noteLimit else { return }
        notes.append(notes.count < Session.noteLimit ? text : "(more notes left out)")
    }

    /// Each sub-expression's value in evaluation order, without running the statement (no
    /// binding, no update, no backward). A loop reports its range bounds.
    public func evaluationSteps(of statement: Statement) throws(StepError) -> [EvaluationStep] {
        resetWork()
        var evaluator = Evaluator(session: self, source: statement.source, tracing: true)
        for expr in Session.expressions(of: statement) { _ = try evaluator.evaluate(expr) }
        return evaluator.trace
    }

    private static func expressions(of statement: Statement) -> [Expr] {
        switch statement.kind {
        case let .bind(_, e), let .update(_, _, _, e), let .show(e), let .picture(_, e), let .backward(e), let .exercise(e): return [e]
        case let .expect(a, b, _, within): return [a, b] + (within.map { [$0] } ?? [])
        case let .doc(e, _, within): return [e] + (within.map { [$0] } ?? [])
        case let .forLoop(_, from, to, _, _): return [from, to]
        }
    }

    /// Starts counting a new statement's work.
    func resetWork() { workDone = 0 }

    /// Adds `amount` to the statement's work; past `workLimit` the statement stops with an error at `location`.
    func spend(_ amount: Int, at location: SourceLocation, in source: SourceText?) throws(StepError) {
        let (total, overflow) = workDone.addingReportingOverflow(amount)
        workDone = overflow ? .max : total
        guard workDone <= workLimit else {
            throw StepError("this statement does too much work (more than \(workLimit) units: 1 per tensor entry computed, \(Session.operationCost) per operation, \(Session.iterationCost) per loop iteration); make the tensors smaller or the loops shorter", at: location, in: source)
        }
    }

    private func error(_ message: String, at location: SourceLocation, _ statement: Statement) -> StepError {
        StepError(message, at: location, in: statement.source)
    }

    /// The value as it is now. A leaf's entries change under later in-place updates, so an
    /// event gets a copy of a leaf (same label); op outputs never change and are passed as they are.
    static func frozen(_ value: Tensor) -> Tensor {
        guard value.isLeaf else { return value }
        return (try? Tensor(shape: value.shape, data: value.data, label: value.label)) ?? value
    }

    /// Runs one statement. `quiet` (inside loops) keeps only expect and doc events.
    private func execute(_ statement: Statement, quiet: Bool, into events: inout [Event]) throws(StepError) {
        var evaluator = Evaluator(session: self, source: statement.source, tracing: false)
        switch statement.kind {
        case let .bind(name, expr):
            let value = try evaluator.evaluate(expr)
            bind(name, value)
            if !quiet { events.append(.bound(name: name, value: Session.frozen(value))) }

        case let .update(name, index, op, expr):
            guard let target = values[name] else {
                throw error("cannot update '\(name)' in place: it has no value yet; bind it first with \(name) = ...", at: statement.location, statement)
            }
            let region = try updateRegion(name, index, of: target, at: statement.location, &evaluator)
            let change = try updateChange(expr, region: region.shape, &evaluator)
            let write = try entryWriter(region, op, change, at: expr.location, evaluator)
            if target.isLeaf {
                try? target.updateEntries(write) // a leaf: cannot fail
                if !quiet { events.append(.updated(name: name, value: Session.frozen(target))) }
            } else {
                // Not a leaf: its entries come from its graph. The new value starts a fresh leaf.
                var entries = target.data
                entries.withUnsafeMutableBufferPointer { write($0) }
                let fresh = try evaluator.engine(at: expr.location) { () throws(AutogradError) in
                    try Tensor(shape: target.shape, data: entries, label: target.label)
                }
                values[name] = fresh
                if !quiet { events.append(.bound(name: name, value: fresh)) }
            }

        case let .show(expr):
            let value = try evaluator.evaluate(expr)
            if !quiet { events.append(.shown(text: expr.description, value: Session.frozen(value))) }

        case let .picture(picture, expr):
            let value = try evaluator.evaluate(expr)
            if !quiet { events.append(.picture(picture, text: expr.description, value: Session.frozen(value))) }

        case let .exercise(expr):
            let value = try evaluator.evaluate(expr)
            if !quiet { events.append(.exercise(text: expr.description, value: Session.frozen(value))) }

        case let .backward(expr):
            let root = try evaluator.evaluate(expr)
            let steps = try evaluator.engine(at: statement.location) { () throws(AutogradError) in try root.backward() }
            // A backward pass costs about what its forward pass did: one gradient entry per node entry.
            try spend(steps.reduce(0) { $0 + $1.node.count + Session.operationCost }, at: statement.location, in: statement.source)
            var gradients: [ObjectIdentifier: [Double]] = [:]
            gradients.reserveCapacity(steps.count)
            for step in steps { gradients[ObjectIdentifier(step.node)] = step.receivedGrad }
            lastBackward = BackwardRecord(root: root, text: expr.description, steps: steps, gradients: gradients)
            if !quiet { events.append(.backward(root: expr.description, steps: steps)) }

        case let .expect(actualExpr, expectedExpr, exact, withinExpr):
            let actual = try evaluator.evaluate(actualExpr)
            let expected = try evaluator.evaluate(expectedExpr)
            let tolerance = exact ? 0 : try withinExpr.map { (e: Expr) throws(StepError) in try evaluator.tolerance(e) } ?? 1e-6
            events.append(.expect(ValueCheck.expect(actual, expected, tolerance: tolerance, exact: exact,
                                                     location: statement.location, text: statement.text)))

        case let .doc(targetExpr, printed, withinExpr):
            let computed = try evaluator.evaluate(targetExpr)
            let within = try withinExpr.map { (e: Expr) throws(StepError) in try evaluator.tolerance(e) }
            events.append(.doc(ValueCheck.doc(computed, printed: printed, within: within, target: targetExpr.description,
                                               location: statement.location, text: statement.text)))

        case let .forLoop(variable, fromExpr, toExpr, inclusive, body):
            let from = try evaluator.integer(fromExpr, "the loop start")
            let to = try evaluator.integer(toExpr, "the loop end")
            let end = inclusive ? to : to - 1
            let count = end >= from ? end - from + 1 : 0
            guard count <= loopIterationLimit else {
                throw error("this loop would run \(count) times, more than the limit of \(loopIterationLimit)", at: statement.location, statement)
            }
            guard count > 0 else { return }
            for i in from...end {
                if isInterrupted() { throw error("interrupted", at: statement.location, statement) }
                try spend(Session.iterationCost, at: statement.location, in: statement.source)
                bind(variable, Tensor(scalar: Double(i), label: variable))
                for inner in body { try execute(inner, quiet: true, into: &events) }
            }
        }
    }
}

extension Session: BuiltinContext {
    func gradient(of tensor: Tensor, isVariable: Bool, fail: (String) -> StepError) throws(StepError) -> Tensor {
        let gradient = try gradientEntries(of: tensor, isVariable: isVariable, fail: fail)
        // A new constant with the tensor's shape; a recorded gradient always has its entry count.
        do { return try Tensor(shape: tensor.shape, data: gradient) } catch { throw fail(error.description) }
    }

    /// The entries of `grad(tensor)`: recorded by the last backward, or zeros for a variable
    /// that took no part in it.
    func gradientEntries(of tensor: Tensor, isVariable: Bool, fail: (String) -> StepError) throws(StepError) -> [Double] {
        guard let lastBackward else {
            throw fail("no gradients yet: run backward on a loss first, e.g. backward loss")
        }
        if let recorded = lastBackward.gradient(of: tensor) { return recorded }
        guard isVariable else {
            throw fail("this expression makes a new tensor that took no part in backward \(lastBackward.text); take the gradient of a variable and index it, e.g. grad(W)[0]")
        }
        return [Double](repeating: 0, count: tensor.count)
    }
}
