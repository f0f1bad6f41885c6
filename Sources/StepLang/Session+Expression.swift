import Autograd

/// The expression-level API for the session's clients (the notebook's colon commands, the
/// hand-check tools): evaluate an already parsed expression against the session as it stands.
extension Session {
    /// The value of `expr` now. An expression binds and updates nothing (only statements do), so
    /// the session is left exactly as it was; the work limit applies as for a statement.
    public func evaluate(_ expr: Expr, source: SourceText? = nil) throws(StepError) -> Tensor {
        resetWork()
        var evaluator = Evaluator(session: self, source: source, tracing: false)
        return try evaluator.evaluate(expr)
    }

    /// Parses one expression typed by a client (`z1[2]`, `grad(W1)`); a syntax error names the
    /// column in `text`; the notes say what was read another way than typed.
    public static func parseExpression(_ text: String, file: String = "<input>") throws(StepError) -> (expr: Expr, notes: [String]) {
        try Parser.parseExpression(text, file: file)
    }
}

extension Session {
    /// The flat position of the one entry of `value` that `indices` pick (`z1[2]`, `W[-1, 0]`),
    /// read through the evaluator's own indexing, so its errors and its limits are the language's.
    /// No index picks the entry of a one-entry value.
    public func entryPosition(in value: Tensor, at indices: [IndexArgument], location: SourceLocation,
                              source: SourceText? = nil) throws(StepError) -> Int {
        resetWork()
        var evaluator = Evaluator(session: self, source: source, tracing: false)
        var items: [IndexItem] = []
        for item in indices {
            guard case .at = item else {
                throw StepError("one entry is named by one index per axis, not a slice", at: item.location ?? location, in: source)
            }
            items.append(try evaluator.indexItem(item))
        }
        guard items.count == value.rank || (items.isEmpty && value.count == 1) else {
            let example = "[" + Array(repeating: "0", count: value.rank).joined(separator: ", ") + "]"
            throw StepError("this value has shape \(Shape.describe(value.shape)): give \(value.rank) indices for one entry, e.g. \(example)", at: location, in: source)
        }
        if items.isEmpty { return 0 }
        let selection = try evaluator.engine(at: location) { () throws(AutogradError) in try value.selection(items) }
        return selection.flat[0]
    }
}
