import Autograd
import Testing
@testable import StepLang

/// Runs source in the session (file "t"), failing the test on any error.
@discardableResult
func run(_ session: Session, _ source: String) throws -> [Event] {
    try session.run(source: source, file: "t")
}

/// The value of one expression in a fresh session (or the given one).
func value(_ source: String, in session: Session = Session()) throws -> Tensor {
    let events = try session.run(source: source, file: "t")
    guard case let .shown(_, value)? = events.last else { throw ParseShapeError() }
    return value
}

/// The error a source raises.
func failure(_ source: String, in session: Session = Session()) -> StepError? {
    do { _ = try session.run(source: source, file: "t"); return nil } catch { return error }
}

/// Entries equal within `tolerance` and the same count.
func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || abs($0 - $1) <= tolerance }
}
