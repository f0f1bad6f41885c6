import Autograd
import Foundation

/// A common mistake that reproduces a learner's wrong number.
public struct Slip: Equatable, Sendable {
    /// What was done: `the bias b1 added twice`, `W1 transposed`.
    public let description: String
    /// The number that mistake gives.
    public let value: Double

    public init(_ description: String, _ value: Double) {
        self.description = description
        self.value = value
    }
}

/// The slips that reproduce one wrong entry, or none.
public struct SlipReport: Equatable, Sendable {
    /// The learner's number, as they typed it.
    public let yours: Double
    public let slips: [Slip]

    /// Keeps the candidates that give `yours` within `tolerance` (and are not simply the right
    /// value), each description once.
    public init(yours: Double, correct: Double, tolerance: Double, candidates: [Slip]) {
        self.yours = yours
        var seen = Set<String>()
        slips = candidates.filter { slip in
            slip.value.isFinite && abs(slip.value - yours) <= tolerance && abs(slip.value - correct) > tolerance
                && seen.insert(slip.description).inserted
        }
    }

    /// `your 0.7 is what you get with the bias b1 added twice`, one line per slip, or that no
    /// single slip explains it.
    public func text(format: (Double) -> String) -> String {
        guard !slips.isEmpty else { return "no single slip explains your \(format(yours))" }
        return slips.map { "your \(format(yours)) is what you get with \($0.description)" }.joined(separator: "\n")
    }
}

/// Finds the forward slips that reproduce a learner's wrong entry, by computing the defining
/// expression again with one mistake made: a term left out or doubled, a weight transposed or
/// read from the wrong row, an activation forgotten or applied twice, the pre-activation used
/// for the activation, a learning rate applied twice or not at all, an updated weight used
/// for the old one, intermediates rounded, digits swapped or misread.
public enum SlipFinder {
    /// Learning rates tried where a slip involves one the expression does not name.
    public static let learningRates: [Double] = [0.1, 0.01, 0.05, 0.5]

    /// `definition` is the expression that defined the checked value (`W1 @ a0 + b1`); entry
    /// `flat` of it is wrong: the learner has `yours`, which agrees within `tolerance`. Throws
    /// when the definition cannot be computed now or has no such entry.
    public static func forward(session: Session, definition: Expr, flat: Int, yours: Double, tolerance: Double) throws(StepError) -> SlipReport {
        let computed = try session.evaluate(definition)
        guard (0..<computed.count).contains(flat) else {
            throw StepError("entry \(flat) is outside \(definition) \(Shape.describe(computed.shape))", at: definition.location)
        }
        let correct = computed.data[flat]
        // A variant counts only when it has the value's shape: the same entry means the same thing.
        func entry(_ variant: Expr) -> Double? {
            guard let value = try? session.evaluate(variant), value.shape == computed.shape else { return nil }
            return value.data[flat]
        }
        var candidates: [Slip] = []
        for (description, variant) in variants(of: definition, session: session) {
            if let value = entry(variant) { candidates.append(Slip(description, value)) }
        }
        candidates += matmulSlips(session: session, definition: definition, computed: computed, flat: flat, yours: yours, tolerance: tolerance)
        candidates += digitSlips(yours: yours, correct: correct, tolerance: tolerance)
        return SlipReport(yours: yours, correct: correct, tolerance: tolerance, candidates: candidates)
    }

    // MARK: - Rewriting the expression

    /// Every expression that makes one mistake in `expr`, with the mistake's description.
    static func variants(of expr: Expr, session: Session) -> [(String, Expr)] {
        let at = expr.location
        func make(_ kind: ExprKind) -> Expr { Expr(kind, at: at) }
        func number(_ v: Double) -> Expr { make(.number(v, text: "\(v)")) }
        var out: [(String, Expr)] = []
        // The mistakes at this node, then those inside its operands (rebuilt around them).
        switch expr.kind {
        case let .binary(op, left, right):
            switch op {
            case .add:
                out.append(("\(right) left out", left))
                out.append(("\(right) added twice", make(.binary(.add, left, make(.binary(.multiply, number(2), right))))))
                out.append(("\(right) subtracted instead of added", make(.binary(.subtract, left, right))))
                out.append(("\(left) left out", right))
            case .subtract:
                out.append(("\(right) left out", left))
                out.append(("\(right) added instead of subtracted", make(.binary(.add, left, right))))
            case .multiply:
                for (rate, other) in [(left, right), (right, left)] {
                    guard case let .number(eta, _) = rate.kind, eta > 0, eta < 1 else { continue }
                    out.append(("the learning rate \(eta) applied twice", make(.binary(.multiply, number(eta * eta), other))))
                    out.append(("the learning rate \(eta) not applied", other))
                }
            case .matmul:
                out.append(("\(left) transposed", make(.binary(.matmul, make(.member(left, "T")), right))))
            default: break
            }
            for (inner, rebuild) in [(left, { make(.binary(op, $0, right)) }), (right, { (e: Expr) in make(.binary(op, left, e)) })] {
                out += variants(of: inner, session: session).map { ($0.0, rebuild($0.1)) }
            }
        case let .call(function, arguments, keywords) where arguments.count == 1 && activations.contains(function):
            out.append(("the \(function) forgotten", arguments[0]))
            out.append(("\(function) applied twice", make(.call(function, arguments: [expr], keywords: keywords))))
            out += variants(of: arguments[0], session: session).map { ($0.0, make(.call(function, arguments: [$0.1], keywords: keywords))) }
        case let .name(name):
            guard let value = session.value(of: name) else { break }
            // The pre-activation for the activation: z1 where a1 = sigmoid(z1) belongs.
            if let op = value.op, activations.contains(op.name), let parent = value.parents.first,
               let parentName = session.variables.first(where: { $0.value === parent })?.name {
                out.append(("\(parentName) used where \(name) belongs", make(.name(parentName))))
            }
            // A weight already updated by an SGD step where the old one belongs.
            if value.isLeaf, let gradient = session.gradient(of: value), gradient.contains(where: { $0 != 0 }) {
                for eta in learningRates {
                    let updated = make(.binary(.subtract, expr, make(.binary(.multiply, number(eta), make(.call("grad", arguments: [expr], keywords: []))))))
                    out.append(("\(name) already updated (learning rate \(eta)) where the old \(name) belongs", updated))
                }
            }
        default: break
        }
        return out
    }

    /// The activations a learner may forget or apply twice.
    public static let activations: Set<String> = ["sigmoid", "tanh", "relu", "softmax", "exp"]

    // MARK: - One entry of a matrix product

    /// For `W @ a` or `W @ a + b` (or `b + W @ a`) with a matrix W and a vector a: entry i read
    /// from another row of W, one weight paired with the wrong input entry (a wrong column), one
    /// product W[i,j]·a[j] left out or its sign flipped, and the
    /// products rounded to the learner's decimals before adding.
    static func matmulSlips(session: Session, definition: Expr, computed: Tensor, flat i: Int, yours: Double, tolerance: Double) -> [Slip] {
        var product = definition
        var rest: Expr?
        if case let .binary(.add, left, right) = definition.kind {
            if case .binary(.matmul, _, _) = left.kind { (product, rest) = (left, right) }
            else if case .binary(.matmul, _, _) = right.kind { (product, rest) = (right, left) }
        }
        guard case let .binary(.matmul, wExpr, aExpr) = product.kind,
              let w = try? session.evaluate(wExpr), let a = try? session.evaluate(aExpr),
              w.rank == 2, a.rank == 1, w.shape[1] == a.count, computed.shape == [w.shape[0]] else { return [] }
        let restValue = rest.flatMap { try? session.evaluate($0) }
        let (rows, columns) = (w.shape[0], w.shape[1])
        func restEntry(_ row: Int) -> Double {
            guard let restValue else { return 0 }
            return restValue.count == 1 ? restValue.data[0] : restValue.count == rows ? restValue.data[row] : .nan
        }
        func products(ofRow row: Int) -> [Double] { (0..<columns).map { w.data[row * columns + $0] * a.data[$0] } }
        let own = products(ofRow: i)
        let total = own.reduce(0, +) + restEntry(i)
        var slips: [Slip] = []
        for k in 0..<rows where k != i {
            slips.append(Slip("row \(k) of \(wExpr) used for entry \(i)", products(ofRow: k).reduce(0, +) + restEntry(i)))
        }
        for j in 0..<columns {
            let term = "\(wExpr)[\(i), \(j)]·\(aExpr)[\(j)]"
            slips.append(Slip("the product \(term) left out", total - own[j]))
            slips.append(Slip("the sign of \(term) flipped", total - 2 * own[j]))
            // The wrong column: one weight paired with another entry of the input.
            for other in 0..<columns where other != j {
                slips.append(Slip("\(wExpr)[\(i), \(j)] multiplied by \(aExpr)[\(other)] instead of \(aExpr)[\(j)]",
                                  total - own[j] + w.data[i * columns + j] * a.data[other]))
            }
        }
        for decimals in 1...max(1, decimals(ofTolerance: tolerance)) {
            slips.append(Slip("each product rounded to \(decimals) decimals before adding",
                              own.map { rounded($0, decimals) }.reduce(0, +) + rounded(restEntry(i), decimals)))
        }
        return slips
    }

    // MARK: - Digits

    /// The right value written with two neighbouring digits swapped, or one digit misread,
    /// at the learner's number of decimals.
    public static func digitSlips(yours: Double, correct: Double, tolerance: Double) -> [Slip] {
        let decimals = decimals(ofTolerance: tolerance)
        guard correct.isFinite, abs(correct) < 1e12 else { return [] }
        let right = String(format: "%.\(decimals)f", correct)
        let digits = Array(right)
        guard digits.count >= 2 else { return [] }
        var slips: [Slip] = []
        for p in 0..<digits.count - 1 where digits[p].isNumber && digits[p + 1].isNumber && digits[p] != digits[p + 1] {
            var swapped = digits
            swapped.swapAt(p, p + 1)
            if let value = Double(String(swapped)) { slips.append(Slip("two digits swapped (\(String(swapped)) for \(right))", value)) }
        }
        // Misread: one digit differs, and the two look alike in handwriting (1/7, 4/9, 3/8, …).
        let yoursText = String(format: "%.\(decimals)f", yours)
        let typed = Array(yoursText)
        let differing = typed.count == digits.count ? typed.indices.filter { typed[$0] != digits[$0] } : []
        if differing.count == 1, lookAlikes.contains([typed[differing[0]], digits[differing[0]]]) {
            slips.append(Slip("one digit misread (\(yoursText) for \(right))", Double(yoursText) ?? yours))
        }
        return slips
    }

    /// Digits that are easily read as one another, each pair both ways round.
    static let lookAlikes: Set<[Character]> = {
        let pairs: [(Character, Character)] = [("1", "7"), ("4", "9"), ("3", "8"), ("5", "6"), ("0", "6"), ("0", "8"), ("6", "8"), ("2", "7")]
        return Set(pairs.flatMap { [[$0.0, $0.1], [$0.1, $0.0]] })
    }()

    /// The decimals a tolerance of half the last printed decimal stands for: 0.005 → 2.
    public static func decimals(ofTolerance tolerance: Double) -> Int {
        guard tolerance > 0, tolerance.isFinite else { return 6 }
        return max(0, min(12, Int((-Foundation.log10(2 * tolerance)).rounded())))
    }

    /// `x` rounded to `decimals` decimals, as a learner writes an intermediate down.
    public static func rounded(_ x: Double, _ decimals: Int) -> Double {
        let scale = Foundation.pow(10, Double(decimals))
        return (x * scale).rounded() / scale
    }
}
