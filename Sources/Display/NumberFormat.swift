import CNumberFormat

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
        let text = style == .fixed ? NumberFormat.fixed(x, precision: precision) ?? printf(x) : printf(x)
        // -0.0000 reads as a sign error to a learner; show 0.
        if style == .fixed, text.hasPrefix("-"), text.utf8.dropFirst().allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// The format for the entries of one value: when every finite entry is a whole number (a count,
    /// a size, `2^27`, a matrix typed as integers) they print as integers — `16`, not `16.0000` —
    /// in either style; otherwise this format. One format for the whole value keeps columns aligned.
    public func fitting(_ entries: [Double]) -> NumberFormat {
        var anyFinite = false
        for x in entries where x.isFinite {
            guard x.rounded() == x, x.magnitude < 1e15 else { return self }
            anyFinite = true
        }
        return anyFinite ? NumberFormat(style: .fixed, precision: 0) : self
    }

    /// `0.18`, not `0.1800`: the number at this precision with trailing zeros dropped (a
    /// constant or a term as it would be written by hand).
    public func compact(_ x: Double) -> String {
        let text = format(x)
        guard style == .fixed, text.contains("."), x.isFinite else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// printf's "%.*f" digits, worked out without printf when |x|·10ᵖ < 2⁵² (every number a
    /// lesson prints): a transcript formats thousands of numbers, and printf's exact decimal
    /// expansion is most of its cost. The product x·10ᵖ is rounded once; a fused multiply-add
    /// recovers its rounding error exactly, so rounding to the nearest integer (ties to even, as
    /// printf does) is decided on the exact value. nil when the number is too large for this.
    static func fixed(_ x: Double, precision: Int) -> String? {
        guard (0...17).contains(precision) else { return nil }
        let scale = powersOfTen[precision] // exact in a Double up to 10²²
        let magnitude = x.magnitude
        let product = magnitude * scale
        guard product < 0x1p52 else { return nil }
        let error = (-product).addingProduct(magnitude, scale) // magnitude·scale − product, exactly
        var units = product.rounded(.down)
        let fraction = product - units // exact: product and its integer part share an exponent
        // Below 2⁵², 0.5 and the fraction are multiples of product's ulp and |error| ≤ ulp/2, so the
        // error decides only an exact-looking tie.
        let tie = fraction == 0.5
        if fraction > 0.5 || (tie && (error > 0 || (error == 0 && units.truncatingRemainder(dividingBy: 2) == 1))) {
            units += 1
        }
        let digits = UInt64(units), unit = UInt64(scale)
        let (integer, decimals) = (digits / unit, digits % unit)
        var integerDigits = 1
        var rest = integer
        while rest >= 10 { rest /= 10; integerDigits += 1 }
        let negative = x.sign == .minus
        let length = (negative ? 1 : 0) + integerDigits + (precision > 0 ? 1 + precision : 0)
        // Written into the string's own bytes: sign, integer digits, point, decimals.
        return String(unsafeUninitializedCapacity: length) { text in
            func write(_ value: UInt64, digits count: Int, endingAt end: Int) {
                var value = value
                for k in stride(from: end, to: end - count, by: -1) {
                    text[k] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            if negative { text[0] = UInt8(ascii: "-") }
            write(integer, digits: integerDigits, endingAt: length - 1 - (precision > 0 ? precision + 1 : 0))
            if precision > 0 {
                text[length - precision - 1] = UInt8(ascii: ".")
                write(decimals, digits: precision, endingAt: length - 1)
            }
            return length
        }
    }

    /// 10⁰ ... 10¹⁷, each exact (products of 10 stay exact up to 10²²).
    private static let powersOfTen: [Double] = (0...17).map { n in (0..<n).reduce(1.0) { value, _ in value * 10 } }

    /// C's printf digits of one number.
    func printf(_ x: Double) -> String {
        let precision = Int32(clamping: self.precision), scientific: Int32 = style == .scientific ? 1 : 0
        func printed(capacity: Int) -> (text: String, length: Int) {
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
                let length = Int(stepgrad_format_double(buffer.baseAddress, capacity, x, precision, scientific))
                return (String(cString: buffer.baseAddress!), length)
            }
        }
        let first = printed(capacity: 64)
        // A huge number in fixed style does not fit: 1e300 has 301 digits.
        return first.length < 64 ? first.text : printed(capacity: first.length + 1).text
    }
}
