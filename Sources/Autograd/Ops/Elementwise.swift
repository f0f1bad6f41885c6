import Foundation

// Elementwise ops. Binary ops broadcast NumPy-style; their backward sends each output entry's
// gradient back to the input entry it read, which sums over broadcast axes by construction.

/// A broadcasting op's arithmetic on one pair of entries: the forward value and the local
/// derivatives ∂C/∂A and ∂C/∂B (given a, b and the output c), side by side. A derivative is nil
/// where no gradient passes at all, not even 0 · ∞ = NaN from an infinite ∂C: everywhere for a
/// comparison, and for a power's base where the exponent is 0 (as in PyTorch).
protocol BinaryArithmetic {
    func value(_ a: Double, _ b: Double) -> Double
    func dA(_ a: Double, _ b: Double, _ c: Double) -> Double?
    func dB(_ a: Double, _ b: Double, _ c: Double) -> Double?
}

extension Tensor {
    /// The shared body of every broadcasting binary op: its `arithmetic` (forward and local
    /// derivatives), and the scalar op for expansion. Generic, so it is compiled once per op
    /// with the arithmetic inlined into the loops (closures cost an indirect call per entry).
    static func broadcasting<Arithmetic: BinaryArithmetic>(
        _ a: Tensor, _ b: Tensor, _ arithmetic: Arithmetic, name: String, symbol: String, rule: String,
        scalar: @escaping (Scalar, Scalar) -> Scalar
    ) throws(AutogradError) -> Tensor {
        let shape = try Shape.broadcast(a.shape, b.shape, op: symbol)
        // nil: the operand already has the output's shape and is read in place (the common case).
        let mapA = a.shape == shape ? nil : Shape.broadcastMap(from: a.shape, to: shape)
        let mapB = b.shape == shape ? nil : Shape.broadcastMap(from: b.shape, to: shape)
        let count = Shape.count(shape)
        let op = TensorOp(
            name: name, formula: "C = A \(symbol) B", rule: rule,
            forward: { inputs in
                let (x, y) = (inputs[0].data, inputs[1].data)
                return (0..<count).map { i in arithmetic.value(x[mapA?[i] ?? i], y[mapB?[i] ?? i]) }
            },
            backward: { out, inputs in
                let (x, y, c, g) = (inputs[0].data, inputs[1].data, out.data, out.grad!)
                /// One input's gradient: Σ over the output entries that read each of its entries
                /// (`map`) of the local derivative `d` times ∂C.
                func gradient(_ map: [Int]?, size: Int, _ d: (Double, Double, Double) -> Double?) -> [Double] {
                    var dInput = [Double](repeating: 0, count: size)
                    for i in 0..<count {
                        let (ia, ib) = (mapA?[i] ?? i, mapB?[i] ?? i)
                        if let slope = d(x[ia], y[ib], c[i]) { dInput[map?[i] ?? i] += slope * g[i] }
                    }
                    return dInput
                }
                // A constant operand (e.g. the 2 of x^2, whose derivative needs a log) costs nothing.
                if inputs[0].needsGrad { inputs[0].accumulateGrad(gradient(mapA, size: x.count, arithmetic.dA)) }
                if inputs[1].needsGrad { inputs[1].accumulateGrad(gradient(mapB, size: y.count, arithmetic.dB)) }
            },
            expand: { entry, _, input throws(AutogradError) in
                scalar(try input(0, mapA?[entry] ?? entry), try input(1, mapB?[entry] ?? entry))
            }
        )
        return make(shape: shape, inputs: [a, b], op: op)
    }

    public static func + (a: Tensor, b: Tensor) throws(AutogradError) -> Tensor {
        try broadcasting(a, b, Add(), name: "add", symbol: "+", rule: "∂A += ∂C;  ∂B += ∂C (summed over broadcast axes)", scalar: +)
    }

    private struct Add: BinaryArithmetic {
        func value(_ a: Double, _ b: Double) -> Double { a + b }
        func dA(_ a: Double, _ b: Double, _ c: Double) -> Double? { 1 }
        func dB(_ a: Double, _ b: Double, _ c: Double) -> Double? { 1 }
    }

    public static func - (a: Tensor, b: Tensor) throws(AutogradError) -> Tensor {
        try broadcasting(a, b, Subtract(), name: "sub", symbol: "-", rule: "∂A += ∂C;  ∂B -= ∂C (summed over broadcast axes)", scalar: -)
    }

    private struct Subtract: BinaryArithmetic {
        func value(_ a: Double, _ b: Double) -> Double { a - b }
        func dA(_ a: Double, _ b: Double, _ c: Double) -> Double? { 1 }
        func dB(_ a: Double, _ b: Double, _ c: Double) -> Double? { -1 }
    }

    public static func * (a: Tensor, b: Tensor) throws(AutogradError) -> Tensor {
        try broadcasting(a, b, Multiply(), name: "mul", symbol: "*", rule: "∂A += B ⊙ ∂C;  ∂B += A ⊙ ∂C (summed over broadcast axes)", scalar: *)
    }

    private struct Multiply: BinaryArithmetic {
        func value(_ a: Double, _ b: Double) -> Double { a * b }
        func dA(_ a: Double, _ b: Double, _ c: Double) -> Double? { b }
        func dB(_ a: Double, _ b: Double, _ c: Double) -> Double? { a }
    }

    public static func / (a: Tensor, b: Tensor) throws(AutogradError) -> Tensor {
        try broadcasting(a, b, Divide(), name: "div", symbol: "/", rule: "∂A += ∂C / B;  ∂B -= A ⊙ ∂C / B² (summed over broadcast axes)", scalar: /)
    }

    private struct Divide: BinaryArithmetic {
        func value(_ a: Double, _ b: Double) -> Double { a / b }
        func dA(_ a: Double, _ b: Double, _ c: Double) -> Double? { 1 / b }
        func dB(_ a: Double, _ b: Double, _ c: Double) -> Double? { -a / (b * b) }
    }

    /// Aᴮ entry by entry (`^` in the lesson language). The gradient for the exponent is
    /// Aᴮ·ln A: 0 where A = 0 and B ≥ 0 (as in PyTorch), NaN where A < 0 (a negative base has no
    /// real power nearby).
    public static func ^ (a: Tensor, b: Tensor) throws(AutogradError) -> Tensor {
        try broadcasting(a, b, Power(), name: "pow", symbol: "^", rule: "∂A += B ⊙ A^(B-1) ⊙ ∂C (0 where B = 0);  ∂B += A^B ⊙ ln A ⊙ ∂C (0 where A = 0, B ≥ 0; summed over broadcast axes)",
                         scalar: { $0.pow($1) })
    }

    /// A square is a·a, as PyTorch computes it: correctly rounded, and pow costs 20× more.
    /// An exponent of 0 makes a constant 1: no gradient reaches the base, even at a = 0 (where
    /// b·aᵇ⁻¹ would be 0·∞ = NaN) or from a NaN ∂C, as in PyTorch.
    private struct Power: BinaryArithmetic {
        func value(_ a: Double, _ b: Double) -> Double { b == 2 ? a * a : Foundation.pow(a, b) }
        func dA(_ a: Double, _ b: Double, _ c: Double) -> Double? {
            b == 2 ? 2 * a : b == 0 ? nil : b * Foundation.pow(a, b - 1)
        }
        func dB(_ a: Double, _ b: Double, _ c: Double) -> Double? { a == 0 && b >= 0 ? 0 : c * Foundation.log(a) }
    }

    /// `self ^ exponent`.
    public func pow(_ exponent: Tensor) throws(AutogradError) -> Tensor { try self ^ exponent }

    /// 1.0 where `a` and `b` (broadcast) stand in the relation, else 0.0. Masks carry no gradient:
    /// the inputs receive none through a comparison.
    public static func compare(_ a: Tensor, _ b: Tensor, _ relation: Comparison) throws(AutogradError) -> Tensor {
        let test = relation.test
        return try broadcasting(a, b, Compare(test: test), name: "compare", symbol: relation.symbol, rule: "no gradient: a comparison passes nothing back",
                                scalar: { x, y in x.graph.leaf(test(x.value, y.value) ? 1 : 0) })
    }

    /// 1 where the relation holds, else 0; no gradient either way.
    private struct Compare: BinaryArithmetic {
        let test: @Sendable (Double, Double) -> Bool
        func value(_ a: Double, _ b: Double) -> Double { test(a, b) ? 1 : 0 }
        func dA(_ a: Double, _ b: Double, _ c: Double) -> Double? { nil }
        func dB(_ a: Double, _ b: Double, _ c: Double) -> Double? { nil }
    }

    /// The shared body of every elementwise function of one input: forward `f`, and the local
    /// derivative `df` given the input entry and the output entry. A `gated` op's derivative
    /// selects rather than scales: where it is 0 no gradient passes, even an infinite one (0 · ∞
    /// would be NaN), as PyTorch's relu and the scalar graph's relu do.
    static func elementwise(
        _ x: Tensor, name: String, formula: String, rule: String,
        f: @escaping (Double) -> Double,
        df: @escaping (_ x: Double, _ out: Double) -> Double,
        gated: Bool = false,
        scalar: @escaping (Scalar) -> Scalar
    ) -> Tensor {
        let op = TensorOp(
            name: name, formula: formula, rule: rule,
            forward: { inputs in inputs[0].data.map(f) },
            backward: { out, inputs in
                let (x, y, g) = (inputs[0].data, out.data, out.grad!) // out.data read once, not per entry
                inputs[0].accumulateGrad((0..<g.count).map { i in
                    let d = df(x[i], y[i])
                    return gated && d == 0 ? 0 : d * g[i]
                })
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
                           f: { Swift.max(0, $0) }, df: { x, _ in x > 0 ? 1 : 0 }, gated: true, scalar: { $0.relu() })
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

    public func sin() -> Tensor {
        Tensor.elementwise(self, name: "sin", formula: "Y = sin(X)", rule: "∂X += cos(X) ⊙ ∂Y",
                           f: Foundation.sin, df: { x, _ in Foundation.cos(x) }, scalar: { $0.sin() })
    }

    public func cos() -> Tensor {
        Tensor.elementwise(self, name: "cos", formula: "Y = cos(X)", rule: "∂X -= sin(X) ⊙ ∂Y",
                           f: Foundation.cos, df: { x, _ in -Foundation.sin(x) }, scalar: { $0.cos() })
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
