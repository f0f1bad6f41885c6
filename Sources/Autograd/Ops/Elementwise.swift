import Foundation

// Elementwise ops. Binary ops broadcast NumPy-style; their backward sends each output entry's
// gradient back to the input entry it read, which sums over broadcast axes by construction.

extension Tensor {
    /// The shared body of every broadcasting binary op: forward `f`, local derivatives
    /// `dA`/`dB` (given a, b and the output), and the scalar op for expansion.
    static func broadcasting(
        _ a: Tensor, _ b: Tensor, name: String, symbol: String, rule: String,
        f: @escaping (Double, Double) -> Double,
        dA: @escaping (_ a: Double, _ b: Double, _ out: Double) -> Double,
        dB: @escaping (_ a: Double, _ b: Double, _ out: Double) -> Double,
        scalar: @escaping (Scalar, Scalar) -> Scalar
    ) throws(AutogradError) -> Tensor {
        let shape = try Shape.broadcast(a.shape, b.shape, op: symbol)
        let mapA = Shape.broadcastMap(from: a.shape, to: shape)
        let mapB = Shape.broadcastMap(from: b.shape, to: shape)
        let op = TensorOp(
            name: name, formula: "C = A \(symbol) B", rule: rule,
            forward: { inputs in
                let (x, y) = (inputs[0].data, inputs[1].data)
                return (0..<mapA.count).map { f(x[mapA[$0]], y[mapB[$0]]) }
            },
            backward: { out, inputs in
                let (x, y, g) = (inputs[0].data, inputs[1].data, out.grad!)
                var gA = [Double](repeating: 0, count: x.count)
                var gB = [Double](repeating: 0, count: y.count)
                for i in 0..<g.count {
                    let (u, v) = (x[mapA[i]], y[mapB[i]])
                    gA[mapA[i]] += dA(u, v, out.data[i]) * g[i]
                    gB[mapB[i]] += dB(u, v, out.data[i]) * g[i]
                }
                inputs[0].accumulateGrad(gA)
                inputs[1].accumulateGrad(gB)
            },
            expand: { entry, _, input throws(AutogradError) in
                scalar(try input(0, mapA[entry]), try input(1, mapB[entry]))
            }
        )
        return make(shape: shape, inputs: [a, b], op: op)
    }

    public static func + (a: Tensor, b: Tensor) throws(AutogradError) -> Tensor {
        try broadcasting(a, b, name: "add", symbol: "+", rule: "∂A += ∂C;  ∂B += ∂C (summed over broadcast axes)",
                         f: +, dA: { _, _, _ in 1 }, dB: { _, _, _ in 1 }, scalar: +)
    }

    public static func - (a: Tensor, b: Tensor) throws(AutogradError) -> Tensor {
        try broadcasting(a, b, name: "sub", symbol: "-", rule: "∂A += ∂C;  ∂B -= ∂C (summed over broadcast axes)",
                         f: -, dA: { _, _, _ in 1 }, dB: { _, _, _ in -1 }, scalar: -)
    }

    public static func * (a: Tensor, b: Tensor) throws(AutogradError) -> Tensor {
        try broadcasting(a, b, name: "mul", symbol: "*", rule: "∂A += B ⊙ ∂C;  ∂B += A ⊙ ∂C (summed over broadcast axes)",
                         f: *, dA: { _, b, _ in b }, dB: { a, _, _ in a }, scalar: *)
    }

    public static func / (a: Tensor, b: Tensor) throws(AutogradError) -> Tensor {
        try broadcasting(a, b, name: "div", symbol: "/", rule: "∂A += ∂C / B;  ∂B -= A ⊙ ∂C / B² (summed over broadcast axes)",
                         f: /, dA: { _, b, _ in 1 / b }, dB: { a, b, _ in -a / (b * b) }, scalar: /)
    }

    /// Aᴮ entry by entry (`^` in the lesson language). The gradient for the exponent is
    /// Aᴮ·ln A: 0 where Aᴮ = 0, NaN where A < 0 (a negative base has no real power nearby).
    public static func ^ (a: Tensor, b: Tensor) throws(AutogradError) -> Tensor {
        try broadcasting(a, b, name: "pow", symbol: "^", rule: "∂A += B ⊙ A^(B-1) ⊙ ∂C;  ∂B += A^B ⊙ ln A ⊙ ∂C (summed over broadcast axes)",
                         f: Foundation.pow, dA: { a, b, _ in b * Foundation.pow(a, b - 1) },
                         dB: { a, _, out in out == 0 ? 0 : out * Foundation.log(a) }, scalar: { $0.pow($1) })
    }

    /// `self ^ exponent`.
    public func pow(_ exponent: Tensor) throws(AutogradError) -> Tensor { try self ^ exponent }

    /// 1.0 where `a` and `b` (broadcast) stand in the relation, else 0.0. Masks carry no gradient:
    /// the inputs receive none through a comparison.
    public static func compare(_ a: Tensor, _ b: Tensor, _ relation: Comparison) throws(AutogradError) -> Tensor {
        let test = relation.test
        return try broadcasting(a, b, name: "compare", symbol: relation.symbol, rule: "no gradient: a comparison passes nothing back",
                                f: { test($0, $1) ? 1 : 0 }, dA: { _, _, _ in 0 }, dB: { _, _, _ in 0 },
                                scalar: { x, y in x.graph.leaf(test(x.value, y.value) ? 1 : 0) })
    }

    /// The shared body of every elementwise function of one input: forward `f`, and the local
    /// derivative `df` given the input entry and the output entry.
    static func elementwise(
        _ x: Tensor, name: String, formula: String, rule: String,
        f: @escaping (Double) -> Double,
        df: @escaping (_ x: Double, _ out: Double) -> Double,
        scalar: @escaping (Scalar) -> Scalar
    ) -> Tensor {
        let op = TensorOp(
            name: name, formula: formula, rule: rule,
            forward: { inputs in inputs[0].data.map(f) },
            backward: { out, inputs in
                let (x, g) = (inputs[0].data, out.grad!)
                inputs[0].accumulateGrad((0..<g.count).map { df(x[$0], out.data[$0]) * g[$0] })
            },
            expand: { entry, _, input throws(AutogradError) in scalar(try input(0, entry)) }
        )
        return make(shape: x.shape, inputs: [x], op: op)
    }

    public static prefix func - (x: Tensor) -> Tensor {
        elementwise(x, name: "neg", formula: "Y = -X", rule: "∂X -= ∂Y", f: { -$0 }, df: { _, _ in -1 }, scalar: { -$0 })
    }

    public func exp() -> Tensor {
        Tensor.elementwise(self, name: "exp", formula: "Y = exp(X)", rule: "∂X += exp(X) ⊙ ∂Y",
                           f: Foundation.exp, df: { _, y in y }, scalar: { $0.exp() })
    }

    public func log() -> Tensor {
        Tensor.elementwise(self, name: "log", formula: "Y = log(X)", rule: "∂X += ∂Y / X",
                           f: Foundation.log, df: { x, _ in 1 / x }, scalar: { $0.log() })
    }

    public func relu() -> Tensor {
        Tensor.elementwise(self, name: "relu", formula: "Y = max(0, X)", rule: "∂X += ∂Y where X > 0, else 0",
                           f: { Swift.max(0, $0) }, df: { x, _ in x > 0 ? 1 : 0 }, scalar: { $0.relu() })
    }

    public func sqrt() -> Tensor {
        Tensor.elementwise(self, name: "sqrt", formula: "Y = √X", rule: "∂X += ∂Y / (2√X)",
                           f: Foundation.sqrt, df: { _, y in 1 / (2 * y) }, scalar: { $0.sqrt() })
    }

    public func tanh() -> Tensor {
        Tensor.elementwise(self, name: "tanh", formula: "Y = tanh(X)", rule: "∂X += (1 - Y²) ⊙ ∂Y",
                           f: Foundation.tanh, df: { _, y in 1 - y * y }, scalar: { $0.tanh() })
    }

    public func sigmoid() -> Tensor {
        Tensor.elementwise(self, name: "sigmoid", formula: "Y = 1 / (1 + exp(-X))", rule: "∂X += Y ⊙ (1 - Y) ⊙ ∂Y",
                           f: { 1 / (1 + Foundation.exp(-$0)) }, df: { _, y in y * (1 - y) }, scalar: { $0.sigmoid() })
    }

    /// |X|; the gradient at 0 is 0 (as in PyTorch).
    public func abs() -> Tensor {
        Tensor.elementwise(self, name: "abs", formula: "Y = |X|", rule: "∂X += sign(X) ⊙ ∂Y (0 where X = 0)",
                           f: Swift.abs, df: { x, _ in x > 0 ? 1 : x < 0 ? -1 : 0 }, scalar: { $0.abs() })
    }
}

/// The relations `Tensor.compare` tests.
public enum Comparison: Sendable, CaseIterable {
    case less, lessEqual, greater, greaterEqual, equal, notEqual

    public var symbol: String {
        switch self {
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .equal: return "=="
        case .notEqual: return "!="
        }
    }

    var test: @Sendable (Double, Double) -> Bool {
        switch self {
        case .less: return { $0 < $1 }
        case .lessEqual: return { $0 <= $1 }
        case .greater: return { $0 > $1 }
        case .greaterEqual: return { $0 >= $1 }
        case .equal: return { $0 == $1 }
        case .notEqual: return { $0 != $1 }
        }
    }
}
