import Testing
import Display

@Test func specialValuesAreSpelledAsInTheLanguage() {
    let f = NumberFormat(style: .fixed, precision: 2)
    #expect(f.format(-.infinity) == "-inf")
    #expect(f.format(.nan) == "nan")
    #expect(f.format(-0.001) == "0.00")   // rounds to zero: no stray minus sign
    #expect(f.format(1.005) == "1.00" || f.format(1.005) == "1.01") // binary 1.005 sits just below; printf decides
    #expect(f.format(2.5) == "2.50")
}
