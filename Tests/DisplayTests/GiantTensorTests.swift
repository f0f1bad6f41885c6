import Autograd
import Display
import Testing

/// Giant tensors print as NumPy prints them: the first and last rows, columns and matrices, with
/// `…` for the rest.
@Suite struct GiantTensorTests {
    let formatter = MatrixFormatter(format: NumberFormat(precision: 1), maxRows: 4, maxColumns: 4)

    @Test func millionEntryMatrixShowsCornersWithEllipses() throws {
        // 1000×1000, entry (r, c) = r + 0.5: rows 0, 1, …, 998, 999; columns 0, 1, …, 998, 999.
        let data = (0..<1_000_000).map { Double($0 / 1000) + 0.5 }
        let lines = formatter.lines(try Tensor(shape: [1000, 1000], data: data))
        #expect(lines == [
            "[[  0.5    0.5  …    0.5    0.5]",
            " [  1.5    1.5  …    1.5    1.5]",
            " …",
            " [998.5  998.5  …  998.5  998.5]",
            " [999.5  999.5  …  999.5  999.5]]",
        ])
    }

    @Test func manyMatricesAreElidedToo() throws {
        // 50 matrices of 1×1 holding 0, 1, …, 49 (whole numbers, printed without decimals): the
        // first two and the last two are shown, all as wide as 48.
        let lines = formatter.lines(try Tensor(shape: [50, 1, 1], data: (0..<50).map(Double.init)))
        #expect(lines == ["[0, :, :] =", "[[ 0]]", "", "[1, :, :] =", "[[ 1]]", "…", "", "[48, :, :] =", "[[48]]", "", "[49, :, :] =", "[[49]]"])
    }

    @Test func giantGraphIsRefusedByTheGraphViews() throws {
        // 2000 additions of one shared constant to a leaf: 2000 + 2 = 2002 nodes, over the 1000 a graph view draws.
        let one = Tensor(scalar: 1)
        var x = Tensor(scalar: 0, label: "x")
        for _ in 0..<2000 { x = try x + one }
        x.label = "deep"
        #expect(throws: DisplayError.tooLarge(what: "the graph of deep", reason: "it has 2002 nodes (at most 1000); draw a named intermediate instead")) {
            _ = try GraphText.render(x)
        }
    }
}
