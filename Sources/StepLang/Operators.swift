import Autograd

/// How tightly an operator binds, loosest first: the one table the parser climbs and the
/// expression printer parenthesises by, so the two cannot drift apart.
public enum Precedence: Int, Comparable, Sendable {
    /// `== != < <= > >=` (they do not chain)
    case comparison = 1
    /// `+ -`
    case additive
    /// `* / @`
    case multiplicative
    /// unary `-`
    case unary
    /// `^` (groups to the right: `-x^2` is `-(x^2)`)
    case power
    /// names, literals, calls, indexing, members
    case postfix

    public static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

/// The binary operators of the language, each with its symbol and precedence.
public enum BinaryOperator: String, CaseIterable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", matmul = "@", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="

    public var symbol: String { rawValue }

    public var precedence: Precedence {
        switch self {
        case .add, .subtract: .additive
        case .multiply, .divide, .matmul: .multiplicative
        case .power: .power
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: .comparison
        }
    }

    /// The engine's comparison for a comparison operator.
    var comparison: Comparison? {
        switch self {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .add, .subtract, .multiply, .divide, .matmul, .power: nil
        }
    }

    /// The operator spelled `symbol`, if it is one of the language's.
    public init?(symbol: String) { self.init(rawValue: symbol) }
}

/// The in-place update operators: `x = v` on entries (`x[0] = 1`), `x += v`, `-=`, `*=`, `/=`.
public enum UpdateOperator: String, CaseIterable, Sendable {
    case set = "=", add = "+=", subtract = "-=", multiply = "*=", divide = "/="

    public var symbol: String { rawValue }

    public init?(symbol: String) { self.init(rawValue: symbol) }
}
