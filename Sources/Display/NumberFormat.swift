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
            let text = printf("%.\(precision)f", x)
            // -0.0000 reads as a sign error to a learner; show 0.
            return Double(text) == 0 ? printf("%.\(precision)f", 0.0) : text
        case .scientific:
            return printf("%.\(precision)e", x)
        }
    }

    /// C's printf of one number: String(format:)'s digits at half its cost (a transcript formats
    /// thousands of numbers; CFString's formatting was most of it).
    private func printf(_ format: String, _ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = Int(withVaList([x]) { vsnprintf(&buffer, buffer.count, format, $0) })
        if length >= buffer.count { // a huge number in fixed style: 1e300 has 301 digits
            buffer = [CChar](repeating: 0, count: length + 1)
            _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
