/// The syntax tree: expressions and statements, each with the place it starts. An operator's
/// location is the operator itself, so a shape error's caret points at the `@` that failed.
public indirect enum ExprKind: Equatable, Sendable {
    /// A number literal and its source text (`0.95`, `1e-9`; `inf` and `nan` are numbers too).
    case number(Double, text: String)
    case name(String)
    /// `[a, b, ...]`: elements of equal shape stacked along a new first axis.
    case list([Expr])
    /// Unary minus.
    case negate(Expr)
    /// `+ - * / @ ^ == != < <= > >=`.
    case binary(BinaryOperator, Expr, Expr)
    case call(String, arguments: [Expr], keywords: [KeywordArgument])
    case index(Expr, [IndexArgument])
    /// `.T`, `.grad`, `.shape`.
    case member(Expr, String)
}

public struct Expr: Equatable, Sendable, CustomStringConvertible {
    public let kind: ExprKind
    public let location: SourceLocation

    public init(_ kind: ExprKind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The expression written back in canonical form (`W1 @ a0 + b1`), with parentheses only
    /// where precedence needs them.
    public var description: String { ExprPrinter.text(self) }
}

public struct KeywordArgument: Equatable, Sendable {
    public let name: String
    public let value: Expr
    public let location: SourceLocation
}

/// One position inside `x[...]`: a single index, or a slice `start:stop:step` with any part left out.
public enum IndexArgument: Equatable, Sendable {
    case at(Expr)
    case slice(start: Expr?, stop: Expr?, step: Expr?)

    /// Where it is written; nil for a bare `:`.
    public var location: SourceLocation? {
        switch self {
        case let .at(e): e.location
        case let .slice(start, stop, step): (start ?? stop ?? step)?.location
        }
    }
}

/// What a `doc` line says the document prints: numbers (nested lists of them) as written, so the
/// tolerance can come from each number's printed decimals.
public indirect enum DocLiteral: Equatable, Sendable {
    case number(value: Double, text: String)
    case list([DocLiteral])
}

public enum StatementKind: Equatable, Sendable {
    /// `name = expr`
    case bind(String, Expr)
    /// `name -= expr` (and `+=`, `*=`, `/=`), or `name[index] = expr` (and `-=` ...): in place,
    /// outside the graph. An empty index means every entry. `name = expr` is a `bind`, not an update.
    case update(String, index: [IndexArgument], operator: UpdateOperator, Expr)
    /// A bare expression: shows its value.
    case show(Expr)
    /// `heatmap(expr)` or `network(expr)` on its own line: asks the display for a picture.
    case picture(Picture, Expr)
    case backward(Expr)
    /// `expect a ≈ b [within tol]` (approximate) or `expect a == b` (exact).
    case expect(Expr, Expr, exact: Bool, within: Expr?)
    /// `doc expr = literal [within tol]`.
    case doc(Expr, DocLiteral, within: Expr?)
    /// `exercise expr`: the REPL asks the learner for the value and checks their answer; a
    /// transcript shows it worked out.
    case exercise(Expr)
    /// `for i in A...B { body }` (inclusive) or `A..<B` (exclusive).
    case forLoop(variable: String, from: Expr, to: Expr, inclusive: Bool, body: [Statement])
}

public struct Statement: Equatable, Sendable {
    public let kind: StatementKind
    public let location: SourceLocation
    /// The source the statement came from, for error messages that quote it.
    public let source: SourceText
    /// The statement as written (its source lines, comments and surrounding blanks removed).
    public let text: String
    /// The line its last token is on.
    public let lastLine: Int
    /// What the parser read in a way worth saying (a NumPy-printed matrix, a Unicode minus); the
    /// session shows them when the statement runs.
    public let notes: [String]

    public init(kind: StatementKind, location: SourceLocation, source: SourceText, text: String, lastLine: Int? = nil,
                notes: [String] = []) {
        self.kind = kind
        self.location = location
        self.source = source
        self.text = text
        self.lastLine = lastLine ?? location.line
        self.notes = notes
    }

    public static func == (a: Statement, b: Statement) -> Bool {
        a.kind == b.kind && a.location == b.location && a.text == b.text
    }
}

/// The pictures a statement can ask the display for.
public enum Picture: String, CaseIterable, Sendable {
    /// `heatmap(x)`: one coloured cell per entry.
    case heatmap
    /// `network(x)`: the layers that made x, neurons with values, edges with weights and gradients.
    case network
}
