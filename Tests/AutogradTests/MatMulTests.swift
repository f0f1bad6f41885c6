import Testing
@testable import Autograd

@Suite struct MatMulTests {
    @Test func matrixTimesMatrix() throws {
        // [[1,2],[3,4]] @ [[5,6],[7,8]] = [[1·5+2·7, 1·6+2·8], [3·5+4·7, 3·6+4·8]] = [[19,22],[43,50]]
        let a = try tensor([2, 2], [1, 2, 3, 4], "A"), b = try tensor([2, 2], [5, 6, 7, 8], "B")
        let c = try a.matmul(b)
        #expect(c.shape == [2, 2])
        expectValues(c, [19, 22, 43, 50])
        try verifyGradients(c, wrt: [a, b])
    }

    @Test func matrixTimesVector() throws {
        // W1 a0 of seed 002: [0.2+0.2+0.18, 0.5+0.05+0.09, 0.8+0.35+0.27, 0.3+0.25+0.21] = [0.58, 0.64, 1.42, 0.76]
        let w = try tensor([4, 3], [0.2, 0.4, 0.6, 0.5, 0.1, 0.3, 0.8, 0.7, 0.9, 0.3, 0.5, 0.7], "W1")
        let x = try tensor([3], [1, 0.5, 0.3], "a0")
        let y = try Tensor.matmul(w, x)
        #expect(y.shape == [4])
        expectValues(y, [0.58, 0.64, 1.42, 0.76])
        try verifyGradients(y, wrt: [w, x])
    }

    @Test func vectorTimesMatrixAndVectorTimesVector() throws {
        // [1,2] @ [[1,2,3],[4,5,6]] = [1+8, 2+10, 3+12] = [9, 12, 15];  [1,2,3]·[4,5,6] = 4+10+18 = 32
        let v = try tensor([2], [1, 2], "v"), m = try tensor([2, 3], [1, 2, 3, 4, 5, 6], "M")
        let vm = try v.matmul(m)
        #expect(vm.shape == [3])
        expectValues(vm, [9, 12, 15])
        try verifyGradients(vm, wrt: [v, m])
        let p = try tensor([3], [1, 2, 3], "p"), q = try tensor([3], [4, 5, 6], "q")
        let dot = try p.matmul(q)
        #expect(dot.shape == [])
        expectValues(dot, [32])
        try verifyGradients(dot, wrt: [p, q])
    }

    @Test func batchedWithBroadcastLeadingAxes() throws {
        // A (2,1,1,2): rows [1,2] and [3,4]; B (3,2,1): columns [1,1], [2,1], [3,1].
        // C[i,j] = A[i]·B[j]: [1·1+2, 1·2+2, 1·3+2, 3·1+4, 3·2+4, 3·3+4] = [3,4,5,7,10,13], shape (2,3,1,1).
        let a = try tensor([2, 1, 1, 2], [1, 2, 3, 4], "A")
        let b = try tensor([3, 2, 1], [1, 1, 2, 1, 3, 1], "B")
        let c = try a.matmul(b)
        #expect(c.shape == [2, 3, 1, 1])
        expectValues(c, [3, 4, 5, 7, 10, 13])
        try verifyGradients(c, wrt: [a, b])
    }

    @Test func batchTimesSharedMatrix() throws {
        // (2,1,2) @ (2,2): [[1,2]]·[[1,0],[1,1]] = [[3,2]];  [[3,4]]·… = [[7,4]]
        let a = try tensor([2, 1, 2], [1, 2, 3, 4], "A"), b = try tensor([2, 2], [1, 0, 1, 1], "B")
        let c = try a.matmul(b)
        #expect(c.shape == [2, 1, 2])
        expectValues(c, [3, 2, 7, 4])
        try verifyGradients(c, wrt: [a, b])
    }

    @Test func shapeErrorsNameTheOperatorAndBothShapes() throws {
        let a = try Tensor.zeros([4, 3]), v = try Tensor.zeros([2])
        let error = thrownError { () throws(AutogradError) in try a.matmul(v) }
        #expect(error?.description == "shape mismatch in @: (4, 3) @ (2,): inner dimensions 3 and 2 differ")
        let batchError = thrownError { () throws(AutogradError) in try Tensor.zeros([2, 2, 3]).matmul(try Tensor.zeros([3, 3, 2])) }
        #expect(batchError?.description == "shape mismatch in @: (2, 2, 3) @ (3, 3, 2): batch axes (2,) and (3,) cannot broadcast")
        let scalarError = thrownError { () throws(AutogradError) in try Tensor(scalar: 2).matmul(v) }
        #expect(scalarError?.description.hasPrefix("shape mismatch in @: () @ (2,)") == true)
    }

    @Test func emptyShapes() throws {
        // An empty inner dimension gives a sum of no products: zeros. Empty rows or batches give empty results.
        let c = try Tensor.ones([2, 0]).matmul(try Tensor.ones([0, 3]))
        #expect(c.shape == [2, 3] && c.data == [0, 0, 0, 0, 0, 0])
        try c.sum().backward()
        let rows = try Tensor.ones([0, 3]).matmul(try Tensor.ones([3, 2]))
        #expect(rows.shape == [0, 2] && rows.data.isEmpty)
        let a = try Tensor.ones([0, 2, 2]), b = try Tensor.ones([2, 2])
        let batch = try a.matmul(b)
        #expect(batch.shape == [0, 2, 2])
        try batch.sum().backward()
        #expect(b.grad == [0, 0, 0, 0] && a.grad == [])
    }

    @Test func hugeResultsAreRefusedBeforeAllocation() throws {
        let tall = try Tensor.zeros([100_000, 1]), wide = try Tensor.zeros([1, 100_000])
        let error = thrownError { () throws(AutogradError) in try tall.matmul(wide) }
        guard case .tooLarge(op: "@", shape: [100_000, 100_000], limit: _) = error else {
            Issue.record("expected tooLarge, got \(String(describing: error))")
            return
        }
    }
}
