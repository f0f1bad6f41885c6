import ArgumentParser
import Autograd
import Foundation

/// micrograd_mlp.py on the scalar tape: a 2-16-16-1 MLP, hinge loss + 1e-4·Σp², SGD 0.05.
/// Every node micrograd makes is made here too, in the same order and with the same operand
/// order, so the losses agree to the last printed decimal.
struct ScalarMLPBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scalar-mlp",
        abstract: "micrograd_mlp.py's workload on the scalar tape (ScalarGraph)."
    )

    @Option(help: "Training steps (the anchor's argv[1]).")
    var steps = 20

    func run() {
        let sizes = [2, 16, 16, 1]
        let graph = ScalarGraph()

        // Parameters first, in micrograd's parameters() order: per layer, per neuron, weights then bias.
        var parameters: [Scalar] = []
        var layers: [[(weights: [Scalar], bias: Scalar)]] = []
        for layer in 0..<sizes.count - 1 {
            var neurons: [(weights: [Scalar], bias: Scalar)] = []
            for _ in 0..<sizes[layer + 1] {
                var weights: [Scalar] = []
                for _ in 0..<sizes[layer] {
                    weights.append(graph.leaf(0.5 * sin(1 + 0.7 * Double(parameters.count))))
                    parameters.append(weights.last!)
                }
                let bias = graph.leaf(0.5 * sin(1 + 0.7 * Double(parameters.count)))
                parameters.append(bias)
                neurons.append((weights, bias))
            }
            layers.append(neurons)
        }

        // Data and constants are leaves too, fixed for the whole run.
        let inputs = (0..<100).map { n -> [Scalar] in
            let n = Double(n)
            return [graph.leaf(1.5 * cos(0.7 * n) + 0.3 * sin(1.3 * n)), graph.leaf(sin(0.7 * n) - 0.2 * cos(0.9 * n))]
        }
        let minusLabels = inputs.map { x in graph.leaf(x[0].value * x[1].value + 0.1 > 0 ? -1.0 : 1.0) }
        let one = graph.leaf(1), zero = graph.leaf(0)
        let meanFactor = graph.leaf(1.0 / Double(inputs.count)), regFactor = graph.leaf(1e-4)
        let fixedNodes = graph.count

        let start = ContinuousClock.now
        for step in 0..<steps {
            // micrograd: losses = [(1 + -y*s).relu() ...]; data_loss = sum(losses) * (1/len)
            var dataLoss = zero
            for (x, minusLabel) in zip(inputs, minusLabels) {
                var activations = x
                for (l, neurons) in layers.enumerated() {
                    activations = neurons.map { neuron in
                        var act = neuron.bias
                        for (w, a) in zip(neuron.weights, activations) { act = act + w * a }
                        return l < layers.count - 1 ? act.relu() : act
                    }
                }
                dataLoss = dataLoss + ((activations[0] * minusLabel) + one).relu()
            }
            // reg = 1e-4 * sum(p*p for p in parameters)
            var squares = zero
            for p in parameters { squares = squares + p * p }
            let loss = dataLoss * meanFactor + squares * regFactor

            loss.backward()
            for p in parameters { graph.setValue(p.value - 0.05 * p.grad, of: p) }
            Report.step(step, loss: loss.value)
            graph.rewind(to: fixedNodes)
        }
        Report.seconds(since: start)
    }
}
