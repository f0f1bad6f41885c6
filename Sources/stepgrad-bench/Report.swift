import Foundation

/// The anchors' output format: `step K loss L` with 12 decimals, then `seconds S`.
enum Report {
    static func step(_ step: Int, loss: Double) {
        print("step \(step) loss \(String(format: "%.12f", loss))")
    }

    static func seconds(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print("seconds \(String(format: "%.4f", seconds))")
    }
}
