import Autograd

/// Entry-by-entry comparison shared by `expect` and `doc` (and the REPL's `:check`, through `printedTolerance`).
public enum ValueCheck {
    /// Entries of `actual` and `expected` (same count) farther apart than their tolerance.
    /// NaN on either side is always a difference; an infinity agrees only with the same infinity
    /// (even within an infinite tolerance, such as a printed 2.5e999999's).
    static func differences(actual: Tensor, expected: [Double], tolerances: [Double]) -> [EntryDifference] {
        var out: [EntryDifference] = []
        for i in 0..<actual.count {
            let (a, e, tol) = (actual.data[i], expected[i], tolerances[i])
            let agrees = a == e || (a.isFinite && e.isFinite && abs(a - e) <= tol)
            if !agrees {
                out.append(EntryDifference(index: Shape.index(ofFlat: i, in: actual.shape), actual: a, expected: e, tolerance: tol))
            }
        }
        return out
    }

    /// `expect actual ≈ expected within tolerance` (or `==` with tolerance 0). Shapes must match
    /// exactly, except that a one-entry expected value may be compared with a one-entry actual one.
    static func expect(_ actual: Tensor, _ expected: Tensor, tolerance: Double, exact: Bool,
                       location: SourceLocation, text: String) -> ExpectResult {
        func result(_ passed: Bool, _ message: String, _ differences: [EntryDifference] = []) -> ExpectResult {
            ExpectResult(location: location, text: text, passed: passed, message: message,
                         actual: actual, expected: expected, differences: differences)
        }
        let bothSingle = actual.count == 1 && expected.count == 1 && (expected.rank == 0 || actual.rank == 0)
        guard actual.shape == expected.shape || bothSingle else {
            return result(false, "shapes differ: \(Shape.describe(actual.shape)) against expected \(Shape.describe(expected.shape))")
        }
        let differences = ValueCheck.differences(actual: actual, expected: expected.data,
                                                 tolerances: [Double](repeating: tolerance, count: actual.count))
        if differences.isEmpty { return result(true, "holds") }
        let nanCount = differences.filter { $0.actual.isNaN || $0.expected.isNaN }.count
        var message = "\(differences.count) of \(actual.count) entries differ"
        message += exact ? " (exactly)" : " by more than \(tolerance)"
        if nanCount > 0 { message += "; \(nanCount) of them nan (nan never equals anything)" }
        return result(false, message, differences)
    }

    /// Half a unit in the last printed decimal: `0.95` → 0.005, `2` → 0.5, `1.5e-3` → 0.00005.
    public static func printedTolerance(_ text: String) -> Double {
        let lower = text.lowercased()
        let (mantissa, exponent): (Substring, Int) = {
            guard let e = lower.firstIndex(of: "e") else { return (Substring(lower), 0) }
            // Clamped: an exponent like e-9223372036854775808 must not overflow below (pow10 stops at 400 anyway).
            return (lower[..<e], max(-10_000, min(10_000, Int(lower[lower.index(after: e)...]) ?? 0)))
        }()
        let decimals = mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
        return 0.5 * pow10(exponent - decimals)
    }

    /// Each entry's tolerance from its own printed decimals, for a value typed as a literal
    /// (`[0.95, 0.8, 1.57]` → 0.005, 0.05, 0.005): a correctly rounded `0.8` beside two-decimal
    /// entries agrees to its one decimal. Nil when the text does not hold exactly `entries`
    /// numbers (an expression such as `[1/3, 0.5]`); the caller then uses one tolerance.
    public static func printedTolerances(ofLiteral text: String, entries: Int) -> [Double]? {
        var lexer = Lexer(text: text, file: "<input>")
        let numbers = lexer.tokenize().compactMap { token -> String? in
            if case let .number(_, text) = token.kind { return text }
            return nil
        }
        return numbers.count == entries ? numbers.map(printedTolerance) : nil
    }

    private static func pow10(_ n: Int) -> Double {
        var x = 1.0
        if n >= 0 { for _ in 0..<min(n, 400) { x *= 10 } } else { for _ in 0..<min(-n, 400) { x /= 10 } }
        return x
    }

    /// `doc target = printed`: flattens the printed literal, checks its shape against the value's,
    /// and compares each entry to its own printed precision (or `within` when given).
    static func doc(_ computed: Tensor, printed: DocLiteral, within: Double?, target: String,
                    location: SourceLocation, text: String) -> DocVerdict {
        func verdict(_ shapeProblem: String?, _ differences: [EntryDifference]) -> DocVerdict {
            DocVerdict(location: location, text: text, target: target,
                       agrees: shapeProblem == nil && differences.isEmpty,
                       shapeProblem: shapeProblem, differences: differences, computed: computed)
        }
        var values: [Double] = []
        var tolerances: [Double] = []
        guard let shape = flatten(printed, into: &values, tolerances: &tolerances) else {
            return verdict("the printed value is a ragged list (rows of different lengths)", [])
        }
        let bothSingle = values.count == 1 && computed.count == 1
        guard shape == computed.shape || bothSingle else {
            return verdict("the document prints shape \(Shape.describe(shape)), the value has shape \(Shape.describe(computed.shape))", [])
        }
        if let within { tolerances = [Double](repeating: within, count: values.count) }
        return verdict(nil, differences(actual: computed, expected: values, tolerances: tolerances))
    }

    /// Appends the literal's numbers and tolerances; returns its shape, or nil when ragged.
    private static func flatten(_ literal: DocLiteral, into values: inout [Double], tolerances: inout [Double]) -> [Int]? {
        switch literal {
        case let .number(value, text):
            values.append(value)
            tolerances.append(printedTolerance(text))
            return []
        case let .list(items):
            var inner: [Int]?
            for item in items {
                guard let shape = flatten(item, into: &values, tolerances: &tolerances) else { return nil }
                if let inner, inner != shape { return nil }
                inner = shape
            }
            return [items.count] + (inner ?? [])
        }
    }
}
