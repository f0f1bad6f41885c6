import Testing
@testable import Autograd

@Suite struct SelectTests {
    @Test func whereChoosesEntryByEntry() throws {
        // where([1,0,1], [1,2,3], 10) = [1, 10, 3]; ∂a = [1,0,1] (times the upstream weights), ∂b = Σ over the chosen
        let c = try tensor([3], [1, 0, 1], "c"), a = try tensor([3], [1, 2, 3], "a"), b = try tensor([1], [10], "b")
        let y = try Tensor.where(c, a, b)
        expectValues(y, [1, 10, 3])
        try y.sum().backward()
        #expect(a.grad == [1, 0, 1] && b.grad == [1] && c.grad == [0, 0, 0])
        try verifyGradients(y, wrt: [a, b])
        let grid = try Tensor.where(try tensor([2, 1], [0, 1], "rows"), a, b) // broadcasts to (2, 3)
        expectValues(grid, [10, 10, 10, 1, 2, 3])
        try verifyGradients(grid, wrt: [a, b])
        #expect(thrownError { () throws(AutogradError) in try Tensor.where(c, a, try Tensor.zeros([2])) } != nil)
    }

    @Test func maskedFillPutsTheValueWhereTheMaskIsSet() throws {
        // A causal mask on 2×2 scores: [[1,2],[3,4]] with [[0,1],[0,0]] → [[1,-inf],[3,4]]
        let x = try tensor([2, 2], [1, 2, 3, 4], "S"), mask = try tensor([2, 2], [0, 1, 0, 0], "M")
        let y = try x.maskedFill(mask: mask, value: -.infinity)
        #expect(y.data == [1, -.infinity, 3, 4])
        try verifyGradients(try y.softmax(), wrt: [x])
        let error = thrownError { () throws(AutogradError) in try x.index([.at(0)]).maskedFill(mask: mask, value: 0) }
        #expect(error?.description == "shape mismatch in maskedFill: (2,) maskedFill (2, 2): the mask must broadcast to the tensor's shape")
    }
}
