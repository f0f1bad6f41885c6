import Testing
import Display

@Test func specialValuesAreSpelledAsInTheLanguage() {
    let f = NumberFormat(style: .fixed, precision: 2)
    #expect(f.format(-.infinity) == "-inf")
    #expect(f.format(.nan) == "nan")
    #expect(f.format(-0.001) == "0.00")   // rounds to zero: no stray minus sign
    // The double nearest 1.005 is 1.00499999999999989341858963598497211933135986328125: it rounds down.
    #expect(f.format(1.005) == "1.00")
    #expect(f.format(2.5) == "2.50")
}
