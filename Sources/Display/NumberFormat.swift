import Foundation

/// How numbers are printed: fixed with a number of decimals, or scientific.
public struct NumberFormat: Equatable, Sendable {
    public enum Style: Equatable, Sendable { case fixed, scientific }
    public var style: Style
    public var precision: Int

    public init(style: Style = .fixed, precision: Int = 4) {
        self.style = style
        self.precision = precision
    }

    /// One number: `-inf`, `inf` and `nan` spelled as the language spells them.
    public func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        switch style {
        case .fixed:
            let text = String(format: "%.\(precision)f", x)
            // -0.0000 reads as a sign error to a learner; show 0.
            return Double(text) == 0 ? String(format: "%.\(precision)f", 0.0) : text
        case .scientific:
            return String(format: "%.\(precision)e", x)
        }
    }
}
