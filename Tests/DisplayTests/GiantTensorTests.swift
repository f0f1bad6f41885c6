import Autograd
import Display
import Testing

/// Giant tensors print as NumPy prints them: the first and last rows, columns and matrices, with
/// `…` for the rest.
@Suite struct GiantTensorTests {
    let formatter = MatrixFormatter(format: NumberFormat(precision: 1), maxRows: 4, maxColumns: 4)

    @Test func millionEntryMatrixShowsCornersWithEllipses() throws {
        // 1000×1000, entry (r, c) = r: rows 0, 1, …, 998, 999; columns 0, 1, …, 998, 999.
        let data = (0..<1_000_000).map { Double($0 / 1000) }
        let lines = formatter.lines(try Tensor(shape: [1000, 1000], data: data))
        #expect(lines == [
            "[[  0.0    0.0  …    0.0    0.0]",
            " [  1.0    1.0  …    1.0    1.0]",
            " …",
            " [998.0  998.0  …  998.0  998.0]",
            " [999.0  999.0  …  999.0  999.0]]",
        ])
    }

    @Test func manyMatricesAreElidedToo() throws {
        // 50 matrices of 1×1: the first two and the last two are shown, all as wide as 48.0.
        let lines = formatter.lines(try Tensor(shape: [50, 1, 1], data: (0..<50).map(Double.init)))
        #expect(lines == ["[0, :, :] =", "[[ 0.0]]", "", "[1, :, :] =", "[[ 1.0]]", "…", "", "[48, :, :] =", "[[48.0]]", "", "[49, :, :] =", "[[49.0]]"])
    }
}
