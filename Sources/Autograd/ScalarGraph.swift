import Foundation

/// One scalar op. Each case's comment gives its forward value, which `value(_:)` computes; its
/// local derivatives are in the table of rules (`localDerivatives`, ScalarRules.swift), which
/// the backward pass and the gradient trace both read.
public enum ScalarOp: Equatable, Sendable {
    case leaf                    // a number with a label; no parents
    case add(Int, Int)           // a + b
    case sub(Int, Int)           // a - b
    case mul(Int, Int)           // a · b
    case div(Int, Int)           // a / b
    case neg(Int)                // -a
    case pow(Int, Double)        // aⁿ
    case exp(Int)                // eᵃ
    case log(Int)                // ln a
    case sqrt(Int)               // √a
    case tanh(Int)               // tanh a
    case sigmoid(Int)            // σ(a)
    case relu(Int)               // max(0, a)
    case max(Int, Int)           // max(a, b)
    case abs(Int)                // |a|
    case power(Int, Int)         // aᵇ
    case sin(Int)                // sin a
    case cos(Int)                // cos a

    /// The node ids this op reads.
    public var inputs: [Int] {
        switch self {
        case .leaf: return []
        case let .add(a, b), let .sub(a, b), let .mul(a, b), let .div(a, b), let .max(a, b), let .power(a, b): return [a, b]
        case let .neg(a), let .pow(a, _), let .exp(a), let .log(a), let .sqrt(a), let .tanh(a), let .sigmoid(a), let .relu(a),
             let .abs(a), let .sin(a), let .cos(a): return [a]
        }
    }

    /// Forward: the output value from the input values.
    @inline(__always)
    func value(_ v: UnsafePointer<Double>) -> Double {
        switch self {
        case .leaf: return .nan // leaves store their value directly; never recomputed
        case let .add(a, b): return v[a] + v[b]
        case let .sub(a, b): return v[a] - v[b]
        case let .mul(a, b): return v[a] * v[b]
        case let .div(a, b): return v[a] / v[b]
        case let .neg(a): return -v[a]
        case let .pow(a, n): return Foundation.pow(v[a], n)
        case let .exp(a): return Foundation.exp(v[a])
        case let .log(a): return Foundation.log(v[a])
        case let .sqrt(a): return Foundation.sqrt(v[a])
        case let .tanh(a): return Foundation.tanh(v[a])
        case let .sigmoid(a): return 1 / (1 + Foundation.exp(-v[a]))
        case let .relu(a): return Swift.max(0, v[a])
        case let .max(a, b): return v[a] >= v[b] || v[a].isNaN ? v[a] : v[b]
        case let .abs(a): return Swift.abs(v[a])
        case let .power(a, b): return Foundation.pow(v[a], v[b])
        case let .sin(a): return Foundation.sin(v[a])
        case let .cos(a): return Foundation.cos(v[a])
        }
    }

    /// Backward: adds this node's share of gradient `g` into its inputs' gradients, each
    /// times its local derivative from the table of rules (`localDerivatives`).
    @inline(__always)
    func propagate(_ g: Double, out: Double, _ v: UnsafeMutablePointer<Double>, _ grad: UnsafeMutablePointer<Double>) {
        localDerivatives(in: NumericDerivative(values: UnsafePointer(v), outputValue: out)) { input, local in grad[input] += local * g }
    }
}

/// A micrograd-style scalar graph kept as a tape: node i's value, gradient, op and label live at
/// position i of flat arrays. Nodes are appended as they are computed, so the tape is already
/// in topological order and backward is one reverse sweep — no per-node allocation, no sort.
public final class ScalarGraph {
    // The tape is appended to once per node; unchecked exclusivity drops the runtime access
    // bookkeeping (swift_beginAccess) that otherwise costs more than the arithmetic. Safe: no
    // method hands out an inout reference to these arrays across a call back into the graph.
    @exclusivity(unchecked) public private(set) var values: [Double] = []
    @exclusivity(unchecked) public private(set) var grads: [Double] = []
    @exclusivity(unchecked) public private(set) var ops: [ScalarOp] = []
    /// Names of leaves (`W1[0,2]`) and of any node given one.
    public var labels: [Int: String] = [:]

    public init() {}

    public var count: Int { values.count }

    func push(_ op: ScalarOp) -> Scalar {
        let value = values.withUnsafeBufferPointer { op.value($0.baseAddress!) }
        values.append(value)
        grads.append(0)
        ops.append(op)
        return Scalar(id: values.count - 1, graph: self)
    }

    /// A leaf: an input or parameter.
    public func leaf(_ value: Double, label: String? = nil) -> Scalar {
        values.append(value)
        grads.append(0)
        ops.append(.leaf)
        if let label { labels[values.count - 1] = label }
        return Scalar(id: values.count - 1, graph: self)
    }

    public func value(_ s: Scalar) -> Double { values[s.id] }

    /// Sets a leaf's value in place (an SGD step).
    public func setValue(_ value: Double, of s: Scalar) { values[s.id] = value }

    /// Computes ∂root/∂node for every node up to `root`: one reverse sweep of the tape.
    public func backward(from root: Scalar) {
        let n = root.id + 1
        values.withUnsafeMutableBufferPointer { v in
            grads.withUnsafeMutableBufferPointer { g in
                for i in 0..<n { g[i] = 0 }
                g[root.id] = 1
                ops.withUnsafeBufferPointer { ops in
                    for i in stride(from: root.id, through: 0, by: -1) where g[i] != 0 {
                        ops[i].propagate(g[i], out: v[i], v.baseAddress!, g.baseAddress!)
                    }
                }
            }
        }
    }

    /// Drops every node after the first `count`: a training loop keeps its parameters at the
    /// start of the tape and rewinds to them after each step.
    public func rewind(to count: Int) {
        values.removeSubrange(count...)
        grads.removeSubrange(count...)
        ops.removeSubrange(count...)
        labels = labels.filter { $0.key < count }
    }
}

/// A handle to one node of a `ScalarGraph`, with micrograd's operators.
public struct Scalar {
    public let id: Int
    /// Strong: a Scalar keeps its tape alive, so reading one after its graph went out of scope is safe.
    public let graph: ScalarGraph

    public var value: Double { graph.values[id] }
    public var grad: Double { graph.grads[id] }
    public var label: String? { graph.labels[id] }

    public static func + (a: Scalar, b: Scalar) -> Scalar { a.graph.push(.add(a.id, b.id)) }
    public static func - (a: Scalar, b: Scalar) -> Scalar { a.graph.push(.sub(a.id, b.id)) }
    public static func * (a: Scalar, b: Scalar) -> Scalar { a.graph.push(.mul(a.id, b.id)) }
    public static func / (a: Scalar, b: Scalar) -> Scalar { a.graph.push(.div(a.id, b.id)) }
    public static prefix func - (a: Scalar) -> Scalar { a.graph.push(.neg(a.id)) }
    public static func + (a: Scalar, b: Double) -> Scalar { a + a.graph.leaf(b) }
    public static func + (a: Double, b: Scalar) -> Scalar { b.graph.leaf(a) + b }
    public static func - (a: Scalar, b: Double) -> Scalar { a - a.graph.leaf(b) }
    public static func - (a: Double, b: Scalar) -> Scalar { b.graph.leaf(a) - b }
    public static func * (a: Scalar, b: Double) -> Scalar { a * a.graph.leaf(b) }
    public static func * (a: Double, b: Scalar) -> Scalar { b.graph.leaf(a) * b }
    public static func / (a: Scalar, b: Double) -> Scalar { a / a.graph.leaf(b) }

    public func pow(_ n: Double) -> Scalar { graph.push(.pow(id, n)) }
    public func exp() -> Scalar { graph.push(.exp(id)) }
    public func log() -> Scalar { graph.push(.log(id)) }
    public func sqrt() -> Scalar { graph.push(.sqrt(id)) }
    public func tanh() -> Scalar { graph.push(.tanh(id)) }
    public func sin() -> Scalar { graph.push(.sin(id)) }
    public func cos() -> Scalar { graph.push(.cos(id)) }
    public func sigmoid() -> Scalar { graph.push(.sigmoid(id)) }
    public func relu() -> Scalar { graph.push(.relu(id)) }
    public func max(_ other: Scalar) -> Scalar { graph.push(.max(id, other.id)) }
    public func abs() -> Scalar { graph.push(.abs(id)) }
    public func pow(_ exponent: Scalar) -> Scalar { graph.push(.power(id, exponent.id)) }

    public func backward() { graph.backward(from: self) }
}
