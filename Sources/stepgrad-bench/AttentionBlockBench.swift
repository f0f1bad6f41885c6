import ArgumentParser
import Autograd
import Foundation

/// torch_block.py on the tensor engine: one causal attention block + ReLU MLP, MSE, SGD 0.01.
/// The graph is the anchor's, op for op, so the losses agree to the printed decimals.
struct AttentionBlockBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block",
        abstract: "torch_block.py's workload on the tensor engine (Tensor ops, MatrixKernel)."
    )

    @Option(name: .customLong("T"), help: "Tokens (rows of X).")
    var tokens = 16

    @Option(name: .customLong("d"), help: "Width (columns of X).")
    var width = 32

    @Option(help: "Training steps.")
    var steps = 200

    func validate() throws {
        guard tokens > 0, width > 0, steps > 0 else { throw ValidationError("--T, --d and --steps must be positive") }
    }

    func run() throws {
        let (T, d) = (tokens, width)
        let X = try table(T, d) { t, j in sin(0.3 * Double(t) + 0.7 * Double(j)) }
        let Y = try table(T, d) { t, j in cos(0.5 * Double(t) - 0.2 * Double(j)) }
        // Entry k (row-major) of the m-th parameter = 0.1·sin(1 + 0.37k + m).
        func parameter(_ m: Int, _ rows: Int, _ cols: Int) throws -> Tensor {
            try Tensor(shape: [rows, cols], data: (0..<rows * cols).map { k in 0.1 * sin(1 + 0.37 * Double(k) + Double(m)) })
        }
        let (Wq, Wk, Wv) = (try parameter(0, d, d), try parameter(1, d, d), try parameter(2, d, d))
        let (W1, W2) = (try parameter(3, d, 4 * d), try parameter(4, 4 * d, d))
        let parameters = [Wq, Wk, Wv, W1, W2]
        let mask = try table(T, T) { t, s in s > t ? -.infinity : 0 }
        let scale = Tensor(scalar: Double(d).squareRoot())

        let start = ContinuousClock.now
        for step in 0..<steps {
            let (Q, K, V) = (try X.matmul(Wq), try X.matmul(Wk), try X.matmul(Wv))
            let A = try (try Q.matmul(K.transposed()) / scale + mask).softmax(axis: -1)
            let H = try X + A.matmul(V)
            let out = try H + H.matmul(W1).relu().matmul(W2)
            let loss = try Tensor.mse(out, Y)
            try loss.backward()
            for p in parameters {
                guard let grad = p.grad else { continue }
                try p.updateEntries { w in for i in w.indices { w[i] -= 0.01 * grad[i] } }
            }
            if step % max(1, steps / 4) == 0 || step == steps - 1 { Report.step(step, loss: loss.data[0]) }
        }
        Report.seconds(since: start)
    }
}
