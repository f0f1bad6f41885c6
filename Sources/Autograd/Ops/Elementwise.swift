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
                           f: { max(0, $0) }, df: { x, _ in x > 0 ? 1 : 0 }, scalar: { $0.relu() })
    }
}
