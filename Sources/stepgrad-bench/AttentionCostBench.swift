import ArgumentParser
import Autograd
import Foundation

/// Times the cost claims of the documents as n grows (lessons 08 and 10 count them):
/// - full attention softmax(QKᵀ/√d)V scores n² pairs: doubling n should cost about 4×, not
///   "exponentially" more (001);
/// - a sliding-window mask added to the full scores costs exactly as much as full attention:
///   masking hides pairs, it does not skip them;
/// - banded attention, which computes only the n(2w+1) − w(w+1) pairs inside the window,
///   grows linearly (Longformer's real saving);
/// - LLMOS segment attention (000, §4.1: every query, keys split into N segments, a softmax in
///   each, outputs mixed by w_k) still scores all n² pairs: no saving.
/// The banded result is checked against the masked one before anything is timed.
struct AttentionCostBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention-cost",
        abstract: "Times full, window-masked, banded and segment attention as n grows."
    )

    @Option(parsing: .upToNextOption, help: "Sequence lengths n.")
    var n: [Int] = [64, 128, 256, 512, 1024]

    @Option(help: "Width d of queries, keys and values.")
    var d = 32

    @Option(help: "Window half-width w: query i sees keys i−w … i+w.")
    var window = 8

    @Option(help: "Segments N for segment attention.")
    var segments = 4

    @Option(help: "Timed repetitions per measurement (the median is printed).")
    var repeats = 5

    func validate() throws {
        guard d > 0, window >= 0, segments > 0, repeats > 0, n.allSatisfy({ $0 > 0 && $0 % segments == 0 }) else {
            throw ValidationError("d, --segments and --repeats must be positive, --window ≥ 0, and every n a positive multiple of --segments")
        }
    }

    func run() throws {
        print("n  pairs_full  pairs_window  full_ms  masked_ms  banded_ms  segment_ms")
        var previous: (n: Int, full: Double, banded: Double)?
        for n in n {
            let Q = try table(n, d) { t, j in sin(0.3 * Double(t) + 0.7 * Double(j)) }
            let K = try table(n, d) { t, j in cos(0.5 * Double(t) - 0.2 * Double(j)) }
            let V = try table(n, d) { t, j in sin(0.1 * Double(t * j) + 1) }
            let mask = try table(n, n) { i, j in abs(i - j) > window ? -.infinity : 0 }
            let scale = Tensor(scalar: Double(d).squareRoot())

            let masked = try attention(Q, K, V, scale: scale, mask: mask)
            let banded = bandedAttention(Q.data, K.data, V.data, n: n)
            let gap = zip(masked.data, banded).map { abs($0 - $1) }.max() ?? 0
            guard gap < 1e-9 else { throw ValidationError("banded and masked attention differ by \(gap) at n = \(n)") }

            let full = try median { _ = try attention(Q, K, V, scale: scale, mask: nil) }
            let maskedTime = try median { _ = try attention(Q, K, V, scale: scale, mask: mask) }
            let bandedTime = try median { _ = bandedAttention(Q.data, K.data, V.data, n: n) }
            let segmentTime = try median { _ = try segmentAttention(Q, K, V, scale: scale, n: n) }
            let pairsWindow = n * (2 * window + 1) - window * (window + 1)
            print(String(format: "%d  %d  %d  %.3f  %.3f  %.3f  %.3f", n, n * n, pairsWindow,
                         full * 1e3, maskedTime * 1e3, bandedTime * 1e3, segmentTime * 1e3))
            if let p = previous {
                print(String(format: "   n ×%.0f: full ×%.2f, banded ×%.2f", Double(n) / Double(p.n), full / p.full, bandedTime / p.banded))
            }
            previous = (n, full, bandedTime)
        }
    }

    /// softmax(QKᵀ/√d + mask) V with the engine's ops.
    private func attention(_ Q: Tensor, _ K: Tensor, _ V: Tensor, scale: Tensor, mask: Tensor?) throws -> Tensor {
        var scores = try Q.matmul(K.transposed()) / scale
        if let mask { scores = try scores + mask }
        return try scores.softmax(axis: -1).matmul(V)
    }

    /// 000 §4.1: keys and values split into N segments; a softmax over each segment's scores;
    /// the segment outputs mixed with equal weights w_k = 1/N. Every query meets every key.
    private func segmentAttention(_ Q: Tensor, _ K: Tensor, _ V: Tensor, scale: Tensor, n: Int) throws -> Tensor {
        let length = n / segments
        let weight = Tensor(scalar: 1 / Double(segments))
        var mixed: Tensor?
        for k in 0..<segments {
            let rows = [IndexItem.range(k * length, (k + 1) * length, 1)]
            let out = try attention(Q, try K.index(rows), try V.index(rows), scale: scale, mask: nil) * weight
            mixed = try mixed.map { try $0 + out } ?? out
        }
        return mixed!  // segments > 0 (validated)
    }

    /// Only the pairs inside the window, computed directly: n(2w+1) − w(w+1) scores.
    private func bandedAttention(_ q: [Double], _ k: [Double], _ v: [Double], n: Int) -> [Double] {
        let (d, window) = (self.d, self.window) // locals: reading an @Option in the inner loop costs more than the arithmetic
        var out = [Double](repeating: 0, count: n * d)
        var scores = [Double](repeating: 0, count: 2 * window + 1)
        let scale = Double(d).squareRoot()
        for i in 0..<n {
            let (first, last) = (max(0, i - window), min(n - 1, i + window))
            var largest = -Double.infinity
            for j in first...last {
                var dot = 0.0
                for c in 0..<d { dot += q[i * d + c] * k[j * d + c] }
                scores[j - first] = dot / scale
                largest = max(largest, scores[j - first])
            }
            var total = 0.0
            for j in first...last { scores[j - first] = exp(scores[j - first] - largest); total += scores[j - first] }
            for j in first...last {
                let a = scores[j - first] / total
                for c in 0..<d { out[i * d + c] += a * v[j * d + c] }
            }
        }
        return out
    }

    /// The median wall time of `repeats` runs, in seconds.
    private func median(_ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            try body()
            times.append(Report.seconds(ContinuousClock.now - start))
        }
        return times.sorted()[times.count / 2]
    }
}
