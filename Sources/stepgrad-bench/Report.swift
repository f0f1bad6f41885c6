import Foundation

/// The anchors' output format: `step K loss L` with 12 decimals, then `seconds S`.
enum Report {
    static func step(_ step: Int, loss: Double) {
        print("step \(step) loss \(String(format: "%.12f", loss))")
    }

    static func seconds(since start: ContinuousClock.Instant) {
        print("seconds \(String(format: "%.4f", seconds(ContinuousClock.now - start)))")
    }

    /// A duration in seconds, to the attosecond that `Duration` keeps.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
