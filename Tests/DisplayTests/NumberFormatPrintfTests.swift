import Testing
@testable import Display

/// NumberFormat prints through C's vsnprintf; these are the digits printf gives (Python's % operator
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
