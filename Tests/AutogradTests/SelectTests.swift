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

    @Test func maskedFillWithAVariableValueGivesItTheMaskedEntriesGradient() throws {
        // Issue 15: a variable fill value got no gradient. masked_fill([1,2,3], [1,0,1], v) with
        // v = 0.5 is [0.5, 2, 0.5]; for L = Σ y ⊙ [2,3,4], ∂L/∂v = 2 + 4 = 6 (the masked entries'
        // upstream gradients) and ∂L/∂x = [0, 3, 0] — PyTorch's masked_fill with a 0-d value agrees.
        let x = try tensor([3], [1, 2, 3], "x"), mask = try tensor([3], [1, 0, 1], "M")
        for v in [Tensor(scalar: 0.5, label: "v"), try tensor([1], [0.5], "v")] {
            let y = try x.maskedFill(mask: mask, value: v)
            expectValues(y, [0.5, 2, 0.5])
            try (y * tensor([3], [2, 3, 4], "w")).sum().backward()
            #expect(v.grad == [6] && x.grad == [0, 3, 0])
            try verifyGradients(y, wrt: [x, v])
        }
        let error = thrownError { () throws(AutogradError) in try x.maskedFill(mask: mask, value: try tensor([2], [1, 2], "v2")) }
        #expect(error?.description == "maskedFill: the fill value must be a single number, got shape (2,)")
    }
}
