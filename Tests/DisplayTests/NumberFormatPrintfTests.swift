import Foundation
import Testing
@testable import Display

/// NumberFormat prints through C's snprintf (above 2⁵² units); these are the digits printf gives (Python's % operator
/// is the independent source for the long one).
@Suite struct NumberFormatPrintfTests {
    @Test func numbersLongerThanTheFirstBufferKeepEveryDigit() {
        // Python's '%.4f' % 1e300: the double nearest 10³⁰⁰ written out, 301 digits, then ".0000".
        let text = NumberFormat().format(1e300)
        #expect(text.count == 306)
        #expect(text.hasPrefix("10000000000000000525047602552044202487044685811081591549158541155118"))
        #expect(text.hasSuffix("865459400540160.0000"))
        // and the everyday cases, by hand: 3.14159265 → 3.1416; 12345.678 at 2 decimals → 1.23e+04.
        #expect(NumberFormat().format(3.14159265) == "3.1416")
        #expect(NumberFormat(style: .scientific, precision: 2).format(12345.678) == "1.23e+04")
    }
}

/// The fixed-point digits NumberFormat works out itself must be C printf's, digit for digit:
/// printf is the oracle, over random numbers of every size, exact ties and their neighbours.
@Suite struct FixedDigitsMatchPrintfTests {
    /// A spread of mantissas without a random generator: the fractional part of a scaled sine.
    func mantissa(_ i: Int) -> Double {
        let x = Foundation.sin(Double(i) * 12.9898) * 43758.5453
        return 2 * (x - x.rounded(.down)) - 1 // in [-1, 1)
    }

    func agree(_ x: Double, _ precision: Int) -> Bool {
        guard let fast = NumberFormat.fixed(x, precision: precision) else { return true } // printf's job
        return fast == NumberFormat(style: .fixed, precision: precision).printf(x)
    }

    @Test func randomNumbersOfEverySize() {
        var failures: [String] = []
        for i in 0..<100_000 {
            let (precision, exponent) = (i % 18, i % 81 - 40)
            let x = mantissa(i) * Double(sign: .plus, exponent: exponent, significand: 1)
            if !agree(x, precision) { failures.append("\(x) at \(precision)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func tiesAndTheirNeighbours() {
        var failures: [String] = []
        for i in 0..<50_000 {
            let precision = i % 9
            // k + 0.5 units of the last place: exact in binary when the unit is 1 (0.5, 2.5, ...),
            // and the nearest double otherwise (0.125 at 2 decimals is exact; 0.0005 is not).
            let k = (mantissa(i) * 100_000).rounded()
            let tie = (k + 0.5) / (0..<precision).reduce(1.0) { value, _ in value * 10 }
            for x in [tie, tie.nextUp, tie.nextDown] where !agree(x, precision) { failures.append("\(x) at \(precision)") }
        }
        // Exact binary ties printf rounds to even: 0.125 → 0.12, 0.375 → 0.38, 2.5 → 2.
        #expect(NumberFormat.fixed(0.125, precision: 2) == "0.12")
        #expect(NumberFormat.fixed(0.375, precision: 2) == "0.38")
        #expect(NumberFormat.fixed(2.5, precision: 0) == "2")
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func signsZerosAndTheLimit() {
        #expect(NumberFormat.fixed(-0.0, precision: 3) == "-0.000") // as printf; format() then drops the sign
        #expect(NumberFormat().format(-0.00001) == "0.0000")
        #expect(NumberFormat.fixed(-1.5, precision: 0) == "-2")
        #expect(NumberFormat.fixed(4503599627370495, precision: 0) == "4503599627370495") // 2⁵² − 1
        #expect(NumberFormat.fixed(1e300, precision: 4) == nil) // too large: printf writes it
        for x in [0.0, -0.0, 1, -1, 0.1, 123.456, 1e-7, 4503599.627370495] {
            for precision in 0...17 { #expect(agree(x, precision), "\(x) at \(precision)") }
        }
    }
}
