import Foundation

/// What a local derivative is written with. The scalar backward builds the terms as numbers
/// (`NumericDerivative`); the gradient trace builds them as expressions a learner reads. Both
/// read the one table of rules, `ScalarOp.localDerivatives`, so the trace cannot drift from
/// the engine.
public protocol DerivativeAlgebra {
    associatedtype Term
    /// Node `id`'s value, for the rules that branch on it (relu, max, abs, power).
    func value(_ id: Int) -> Double
    /// The value of the node being differentiated.
    var outputValue: Double { get }
    /// Node `id` as a term (an input of the op).
    func node(_ id: Int) -> Term
    /// The node being differentiated, as a term: `y` in tanh′ = 1 - y².
    var output: Term { get }
    func number(_ value: Double) -> Term
    func difference(_ a: Term, _ b: Term) -> Term
    func product(_ a: Term, _ b: Term) -> Term
    func quotient(_ a: Term, _ b: Term) -> Term
    func negation(_ a: Term) -> Term
    func square(_ a: Term) -> Term
    /// aⁿ for a constant n.
    func power(_ a: Term, _ n: Double) -> Term
    func apply(_ function: ElementaryFunction, _ a: Term) -> Term
}

/// The functions that appear inside local derivatives.
public enum ElementaryFunction: String, Sendable {
    case sin, cos, log

    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .sin: Foundation.sin(x)
        case .cos: Foundation.cos(x)
        case .log: Foundation.log(x)
        }
    }
}

extension ScalarOp {
    /// The table of derivative rules: for each input of this op, ∂output/∂input written in
    /// `algebra`. An input through which no gradient flows (relu below 0, the smaller side of
    /// a max) is not reported; an op that reads one node twice (`a·a`) reports it twice.
    @inline(__always)
    public func localDerivatives<A: DerivativeAlgebra>(in x: A, _ each: (_ input: Int, _ derivative: A.Term) -> Void) {
        switch self {
        case .leaf: break
        case let .add(a, b): each(a, x.number(1)); each(b, x.number(1))
        case let .sub(a, b): each(a, x.number(1)); each(b, x.number(-1))
        case let .mul(a, b): each(a, x.node(b)); each(b, x.node(a))
        case let .div(a, b):
            each(a, x.quotient(x.number(1), x.node(b)))
            each(b, x.negation(x.quotient(x.node(a), x.square(x.node(b)))))
        case let .neg(a): each(a, x.number(-1))
        case let .pow(a, n):
            // a⁰ is the constant 1: nothing flows back to a, not even a NaN at a = 0 (as the tensor op, and PyTorch).
            if n != 0 { each(a, x.product(x.number(n), x.power(x.node(a), n - 1))) }
        case let .exp(a): each(a, x.output)
        case let .log(a): each(a, x.quotient(x.number(1), x.node(a)))
        case let .sqrt(a): each(a, x.quotient(x.number(1), x.product(x.number(2), x.output)))
        case let .tanh(a): each(a, x.difference(x.number(1), x.square(x.output)))
        case let .sigmoid(a): each(a, x.product(x.output, x.difference(x.number(1), x.output)))
        case let .relu(a): if x.value(a) > 0 { each(a, x.number(1)) }
        case let .max(a, b):
            // The larger input gets the gradient; a on ties, and a NaN wins.
            if x.value(a) >= x.value(b) || x.value(a).isNaN { each(a, x.number(1)) } else { each(b, x.number(1)) }
        case let .abs(a):
            // 0 at a = 0, as in PyTorch.
            if x.value(a) > 0 { each(a, x.number(1)) } else if x.value(a) < 0 { each(a, x.number(-1)) }
        case let .power(a, b):
            if x.value(b) != 0 { each(a, x.product(x.node(b), x.power(x.node(a), x.value(b) - 1))) }
            // aᵇ·ln a, taken as 0 where aᵇ = 0 and at a = 0 with b ≥ 0 (ln 0 would make it NaN), as PyTorch does.
            if x.outputValue != 0 && !(x.value(a) == 0 && x.value(b) >= 0) { each(b, x.product(x.output, x.apply(.log, x.node(a)))) }
        case let .sin(a): each(a, x.apply(.cos, x.node(a)))
        case let .cos(a): each(a, x.negation(x.apply(.sin, x.node(a))))
        }
    }
}

/// The rules computed as numbers, from the tape's values: what the scalar backward multiplies
/// the arriving gradient by.
struct NumericDerivative: DerivativeAlgebra {
    let values: UnsafePointer<Double>
    let outputValue: Double

    @inline(__always) func value(_ id: Int) -> Double { values[id] }
    @inline(__always) func node(_ id: Int) -> Double { values[id] }
    @inline(__always) var output: Double { outputValue }
    @inline(__always) func number(_ value: Double) -> Double { value }
    @inline(__always) func difference(_ a: Double, _ b: Double) -> Double { a - b }
    @inline(__always) func product(_ a: Double, _ b: Double) -> Double { a * b }
    @inline(__always) func quotient(_ a: Double, _ b: Double) -> Double { a / b }
    @inline(__always) func negation(_ a: Double) -> Double { -a }
    @inline(__always) func square(_ a: Double) -> Double { a * a }
    @inline(__always) func power(_ a: Double, _ n: Double) -> Double { Foundation.pow(a, n) }
    @inline(__always) func apply(_ function: ElementaryFunction, _ a: Double) -> Double { function(a) }
}
