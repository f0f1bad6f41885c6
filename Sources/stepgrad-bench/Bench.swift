import ArgumentParser
import Autograd

@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stepgrad-bench",
        abstract: "Benchmarks matching the anchors in shared/bench/anchors (build with -c release).",
        subcommands: [ScalarMLPBench.self, AttentionBlockBench.self, AttentionCostBench.self, LongSessionBench.self, LiveLoadBench.self, TranscriptCodingBench.self]
    )
}

/// A rows×cols leaf with entry (r, c) = f(r, c): the attention benches' inputs and masks.
func table(_ rows: Int, _ cols: Int, _ f: (Int, Int) -> Double) throws -> Tensor {
    try Tensor(shape: [rows, cols], data: (0..<rows * cols).map { f($0 / cols, $0 % cols) })
}
