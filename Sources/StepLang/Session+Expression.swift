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
    /// column in `text`.
    public static func parseExpression(_ text: String, file: String = "<input>") throws(StepError) -> Expr {
        try Parser.parseExpression(text, file: file)
    }
}
