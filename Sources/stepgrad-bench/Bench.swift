import ArgumentParser

@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stepgrad-bench",
        abstract: "Benchmarks matching the anchors in shared/bench/anchors (build with -c release).",
        subcommands: [ScalarMLPBench.self, AttentionBlockBench.self, AttentionCostBench.self]
    )
}
