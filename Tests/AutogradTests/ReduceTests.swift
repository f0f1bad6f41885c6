import Testing
@testable import Autograd

@Suite struct ReduceTests {
    /// [[1,2,3],[4,5,6]]
    func x() throws -> Tensor { try tensor([2, 3], [1, 2, 3, 4, 5, 6], "x") }

    @Test func sums() throws {
        let x = try x()
        expectValues(x.sum(), [21]) // 1+2+…+6
        expectValues(try x.sum(axis: 0), [5, 7, 9]) // column sums 1+4, 2+5, 3+6
        expectValues(try x.sum(axis: -1), [6, 15]) // row sums
        #expect(try x.sum(axis: 1, keepDims: true).shape == [2, 1])
        try verifyGradients(try x.sum(axis: 0), wrt: [x])
        try verifyGradients(x.sum(), wrt: [x])
        // The middle axis of arange(24) as (2,3,4): entry (i,k) = Σⱼ (12i + 4j + k) = 36i + 12 + 3k.
        let cube = try tensor([2, 3, 4], (0..<24).map(Double.init), "c")
        expectValues(try cube.sum(axis: 1), [12, 15, 18, 21, 48, 51, 54, 57])
        try verifyGradients(try cube.sum(axis: 1, keepDims: true), wrt: [cube])
    }

    @Test func means() throws {
        let x = try x()
        expectValues(try x.mean(), [3.5]) // 21 / 6
        expectValues(try x.mean(axis: 1), [2, 5]) // 6/3, 15/3
        try verifyGradients(try x.mean(axis: 0), wrt: [x])
        #expect(thrownError { () throws(AutogradError) in try Tensor.zeros([0]).mean() } != nil)
    }

    @Test func maxima() throws {
        let x = try tensor([2, 3], [1, 5, 3, 4, 2, 6], "x")
        expectValues(try x.max(), [6])
        expectValues(try x.max(axis: 0), [4, 5, 6])
        expectValues(try x.max(axis: 1), [5, 6])
        try verifyGradients(try x.max(axis: 0), wrt: [x])
        try verifyGradients(try x.max(axis: 1, keepDims: true), wrt: [x])
        // A tie sends the whole gradient to the first maximum.
        let tie = try tensor([3], [2, 7, 7], "t")
        try tie.max().backward()
        #expect(tie.grad == [0, 1, 0])
        #expect(try tensor([3], [1, .nan, 2], "n").max().data[0].isNaN)
    }

    @Test func axisErrors() throws {
        let x = try x()
        #expect(thrownError { () throws(AutogradError) in try x.sum(axis: 2) }?.description
                == "sum: axis 2 is out of range for a tensor with 2 axes (use 0..<2 or -2..<0)")
        #expect(thrownError { () throws(AutogradError) in try x.max(axis: -3) } != nil)
        #expect(thrownError { () throws(AutogradError) in try Tensor.zeros([2, 0]).max(axis: 1) } != nil)
        expectValues(try Tensor.zeros([2, 0]).sum(axis: 1), [0, 0]) // an empty sum is 0
    }
}
