import ArgumentParser
import Autograd
import Display
import Foundation

/// What keeping a transcript in a file costs per typed statement: the blocks one statement shows
/// (the statement, a 4×4 value, a note) encoded to bytes and decoded back, many times over.
struct TranscriptCodingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcript-coding",
        abstract: "TranscriptBlock.encoded / decoded on one statement's blocks: time per block list and bytes."
    )

    @Option(help: "Round trips timed.")
    var rounds = 100_000

    func validate() throws {
        guard rounds > 0 else { throw ValidationError("--rounds must be positive") }
    }

    func run() throws {
        let value = try table(4, 4) { r, c in sin(1 + 0.37 * Double(4 * r + c)) }
        value.label = "a"
        let blocks: [TranscriptBlock] = [.statement("a = randn(4, 4, seed=7)"), .value(name: "a", value: value),
                                         .note("backward L: gradients computed through 12 nodes")]
        let bytes = try TranscriptBlock.encoded(blocks)
        var encodeTotal = Duration.zero, decodeTotal = Duration.zero
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            let encoded = try TranscriptBlock.encoded(blocks)
            let middle = ContinuousClock.now
            let decoded = try TranscriptBlock.decoded(from: encoded)
            decodeTotal += ContinuousClock.now - middle
            encodeTotal += middle - start
            guard decoded.count == blocks.count else { throw ValidationError("the blocks did not come back") }
        }
        print("blocks: statement, 4×4 value, note; \(bytes.count) bytes")
        print(String(format: "encode %.2f µs  decode %.2f µs  per block list (mean of %d)",
                     Report.seconds(encodeTotal) / Double(rounds) * 1e6, Report.seconds(decodeTotal) / Double(rounds) * 1e6, rounds))
    }
}
