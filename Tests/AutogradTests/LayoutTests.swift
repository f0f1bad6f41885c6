import Testing
@testable import Autograd

@Suite struct LayoutTests {
    /// [[0,1,2,3],[4,5,6,7],[8,9,10,11]]
    func grid() throws -> Tensor { try tensor([3, 4], (0..<12).map(Double.init), "x") }

    @Test func transposeSwapsTheLastTwoAxes() throws {
        // [[1,2,3],[4,5,6]]ᵀ = [[1,4],[2,5],[3,6]]
        let x = try tensor([2, 3], [1, 2, 3, 4, 5, 6], "x")
        let t = x.transposed()
        #expect(t.shape == [3, 2])
        expectValues(t, [1, 4, 2, 5, 3, 6])
        try verifyGradients(t, wrt: [x])
        // A batch of two 2×2 matrices [[0,1],[2,3]], [[4,5],[6,7]] transposes each one.
        let batch = try tensor([2, 2, 2], (0..<8).map(Double.init), "b")
        expectValues(batch.transposed(), [0, 2, 1, 3, 4, 6, 5, 7])
        let v = try tensor([3], [1, 2, 3], "v")
        #expect(v.transposed().shape == [3])
        expectValues(v.transposed(), [1, 2, 3])
    }

    @Test func reshapeKeepsOrderAndInfersOneSize() throws {
        let x = try tensor([2, 3], [1, 2, 3, 4, 5, 6], "x")
        let r = try x.reshaped([-1, 2])
        #expect(r.shape == [3, 2])
        expectValues(r, [1, 2, 3, 4, 5, 6])
        try verifyGradients(try x.reshaped([6]), wrt: [x])
        let error = thrownError { () throws(AutogradError) in try x.reshaped([4, 2]) }
        #expect(error?.description == "reshape: cannot reshape (2, 3) (6 entries) into (4, 2) (8 entries)")
        #expect(thrownError { () throws(AutogradError) in try x.reshaped([-1, -1]) } != nil)
        #expect(thrownError { () throws(AutogradError) in try x.reshaped([-1, 4]) } != nil)
    }

    @Test func indexingAndSlicing() throws {
        let x = try grid()
        expectValues(try x.index([.at(1)]), [4, 5, 6, 7])
        expectValues(try x.index([.at(-1)]), [8, 9, 10, 11])
        let columns = try x.index([.all, .range(1, 3, nil)]) // x[:, 1:3]
        #expect(columns.shape == [3, 2])
        expectValues(columns, [1, 2, 5, 6, 9, 10])
        expectValues(try x.index([.range(nil, nil, 2)]), [0, 1, 2, 3, 8, 9, 10, 11]) // x[::2]
        expectValues(try x.index([.range(nil, nil, -1), .at(-1)]), [11, 7, 3]) // x[::-1, -1]
        expectValues(try x.index([.all, .range(-2, nil, nil)]), [2, 3, 6, 7, 10, 11]) // x[:, -2:]
        expectValues(try x.index([.all, .range(5, 9, nil)]), []) // past the end: empty, as in Python
        expectValues(try x.index([.range(1, nil, Int.max)]), [4, 5, 6, 7]) // x[1::huge]: just row 1
        expectValues(try x.index([.range(nil, nil, Int.min), .at(0)]), [8]) // x[::-huge, 0]: just the last row
        expectValues(try x.index([.range(Int.min, Int.max, nil), .at(0)]), [0, 4, 8]) // bounds clamp
        expectValues(try x.index([.range(-1, -4, -2), .at(1)]), [9, 1]) // x[-1:-4:-2, 1]: rows 2, 0
        let entry = try x.index([.at(0), .at(3)])
        #expect(entry.shape == [])
        expectValues(entry, [3])
        try verifyGradients(try x.index([.range(nil, nil, -2), .range(1, nil, 2)]), wrt: [x]) // x[::-2, 1::2]
    }

    @Test func indexErrors() throws {
        let x = try grid()
        #expect(thrownError { () throws(AutogradError) in try x.index([.at(3)]) } == .indexOutOfRange(index: 3, axis: 0, size: 3))
        #expect(thrownError { () throws(AutogradError) in try x.index([.all, .at(-5)]) } == .indexOutOfRange(index: -5, axis: 1, size: 4))
        #expect(thrownError { () throws(AutogradError) in try x.index([.range(nil, nil, 0)]) } == .invalidArgument(op: "index", reason: "a slice step cannot be 0"))
        #expect(thrownError { () throws(AutogradError) in try x.index([.at(0), .at(0), .at(0)]) } != nil)
    }

    @Test func concatAlongEitherAxis() throws {
        // [[1,2]] over [[3,4],[5,6]] = [[1,2],[3,4],[5,6]];  [[1],[2]] beside [[3,4],[5,6]] = [[1,3,4],[2,5,6]]
        let top = try tensor([1, 2], [1, 2], "top"), rest = try tensor([2, 2], [3, 4, 5, 6], "rest")
        let rows = try Tensor.concat([top, rest], axis: 0)
        #expect(rows.shape == [3, 2])
        expectValues(rows, [1, 2, 3, 4, 5, 6])
        let left = try tensor([2, 1], [1, 2], "left")
        let columns = try Tensor.concat([left, rest], axis: -1)
        #expect(columns.shape == [2, 3])
        expectValues(columns, [1, 3, 4, 2, 5, 6])
        try verifyGradients(columns, wrt: [left, rest])
        let error = thrownError { () throws(AutogradError) in try Tensor.concat([top, left], axis: 0) }
        #expect(error?.description == "shape mismatch in concat: (1, 2) concat (2, 1): axis 1 sizes 2 and 1 differ; only axis 0 may differ")
    }

    @Test func stackMakesANewAxis() throws {
        // stack([1,2], [3,4]) = [[1,2],[3,4]];  along axis 1: [[1,3],[2,4]]
        let a = try tensor([2], [1, 2], "a"), b = try tensor([2], [3, 4], "b")
        let rows = try Tensor.stack([a, b])
        #expect(rows.shape == [2, 2])
        expectValues(rows, [1, 2, 3, 4])
        let columns = try Tensor.stack([a, b], axis: -1)
        expectValues(columns, [1, 3, 2, 4])
        try verifyGradients(columns, wrt: [a, b])
        #expect(thrownError { () throws(AutogradError) in try Tensor.stack([a, try Tensor.zeros([3])]) } != nil)
        #expect(thrownError { () throws(AutogradError) in try Tensor.stack([a, b], axis: 2) } != nil)
    }
}
