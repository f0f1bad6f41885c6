import Testing
import Autograd
@testable import Display

/// Entries are right-aligned to the widest one, found from the extremes (plus nan/±inf) rather
/// than by formatting every entry; these cases are worked by hand.
@Suite struct MatrixFormatterWidthTests {
    @Test func widestIsTheMostNegativeEntry() throws {
        // 4 decimals: "0.0000" (−0.00001 rounds to 0, printed without sign), "5.0000", "-12.5000",
        // "nan": the widest is 8 characters.
        let t = try Tensor(shape: [4], data: [-0.00001, 5, -12.5, .nan])
        #expect(MatrixFormatter().lines(t) == ["[  0.0000    5.0000  -12.5000       nan]"])
    }

    @Test func widthCountsElidedEntries() throws {
        // 40 entries, 16 shown: the hidden −1000 ("-1000.0000", 10 characters) still sets the width.
        var data = [Double](repeating: 0.5, count: 40)
        data[20] = -1000
        let t = try Tensor(shape: [40], data: data)
        let line = try #require(MatrixFormatter().lines(t).first)
        #expect(line.hasPrefix("[    0.5000      0.5000"))
    }

    @Test func infinityIsWiderThanSmallNumbers() throws {
        // "-inf" (4) is wider than "0.5" at 1 decimal (3).
        let t = try Tensor(shape: [2], data: [0.5, -.infinity])
        #expect(MatrixFormatter(format: NumberFormat(precision: 1)).lines(t) == ["[ 0.5  -inf]"])
    }
}
