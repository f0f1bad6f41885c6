import Autograd
import Testing
@testable import Display

/// The layout of values in transcripts: scalars, rows, matrices, more dimensions, elision.
@Suite struct MatrixFormatterTests {
    @Test func scalarAndVectorFitOnTheHeaderLine() throws {
        let f = MatrixFormatter(format: NumberFormat(precision: 2))
        #expect(f.block(name: "L", Tensor(scalar: 0.5)) == "L () = 0.50")
        #expect(f.block(name: "z1", try Tensor(shape: [3], data: [0.68, -1, 12])) == "z1 (3,) = [ 0.68  -1.00  12.00]")
    }

    @Test func matrixRowsAlignUnderTheHeader() throws {
        let f = MatrixFormatter(format: NumberFormat(precision: 1))
        let w = try Tensor(shape: [2, 3], data: [1, -2, 3, 40, 5, 6.5])
        #expect(f.block(name: "W", w) == """
        W (2, 3) =
          [[ 1.0  -2.0   3.0]
           [40.0   5.0   6.5]]
        """)
    }

    @Test func threeDimensionsAreOneMatrixPerLeadingIndex() throws {
        let f = MatrixFormatter(format: NumberFormat(precision: 0))
        let t = try Tensor(shape: [2, 1, 2], data: [1, 2, 3, 4])
        #expect(f.lines(t) == ["[0, :, :] =", "[[1  2]]", "", "[1, :, :] =", "[[3  4]]"])
    }

    @Test func longRowsAndColumnsAreElidedInTheMiddle() throws {
        let f = MatrixFormatter(format: NumberFormat(precision: 0), maxRows: 2, maxColumns: 4)
        let t = try Tensor(shape: [3, 6], data: (0..<18).map(Double.init))
        // rows 0 and 2 kept around a gap; columns 0, 1 and 4, 5 around a gap
        #expect(f.lines(t) == ["[[ 0   1  …   4   5]", " …", " [12  13  …  16  17]]"])
    }

    @Test func emptyTensor() throws {
        #expect(MatrixFormatter().lines(try Tensor(shape: [0, 3], data: [])) == ["[]"])
        #expect(MatrixFormatter().lines(try Tensor(shape: [0], data: [])) == ["[]"])
    }
}
