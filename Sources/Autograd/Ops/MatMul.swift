// Matrix product, NumPy's `matmul` rules: a vector on the left is a 1×k row, a vector on the
// right a k×1 column (that axis is dropped from the result); leading axes are batches and
// broadcast. Every product, forward and backward, goes through `MatrixKernel.multiply`.

extension Tensor {
    /// `a @ b`.
    public func matmul(_ other: Tensor) throws(AutogradError) -> Tensor { try Tensor.matmul(self, other) }

    /// `a @ b`: vector·vector (a scalar), vector·matrix, matrix·vector, matrix·matrix, and
    /// batches of these with broadcast leading axes.
    public static func matmul(_ a: Tensor, _ b: Tensor) throws(AutogradError) -> Tensor {
        guard a.rank >= 1, b.rank >= 1 else {
            throw .shapeMismatch(op: "@", lhs: a.shape, rhs: b.shape, reason: "@ needs vectors or matrices; for a scalar factor use *")
        }
        let aMatrix = a.rank == 1 ? [1] + a.shape : a.shape
        let bMatrix = b.rank == 1 ? b.shape + [1] : b.shape
        let (m, k) = (aMatrix[aMatrix.count - 2], aMatrix[aMatrix.count - 1])
        let (kb, n) = (bMatrix[bMatrix.count - 2], bMatrix[bMatrix.count - 1])
        guard k == kb else {
            throw .shapeMismatch(op: "@", lhs: a.shape, rhs: b.shape, reason: "inner dimensions \(k) and \(kb) differ")
        }
        let aBatch = Array(aMatrix.dropLast(2)), bBatch = Array(bMatrix.dropLast(2))
        let batch: [Int]
        do {
            batch = try Shape.broadcast(aBatch, bBatch, op: "@")
        } catch .shapeMismatch {
            throw .shapeMismatch(op: "@", lhs: a.shape, rhs: b.shape,
                                 reason: "batch axes \(Shape.describe(aBatch)) and \(Shape.describe(bBatch)) cannot broadcast")
        } catch {
            throw error
        }
        let outShape = batch + (a.rank == 1 ? [] : [m]) + (b.rank == 1 ? [] : [n])
        try Shape.check(outShape, op: "@")

        let mapA = Shape.broadcastMap(from: aBatch, to: batch)
        let mapB = Shape.broadcastMap(from: bBatch, to: batch)
        let (sizeA, sizeB, sizeC) = (m * k, k * n, m * n)
        let op = TensorOp(
            name: "matmul", formula: "C = A @ B", rule: "∂A += ∂C @ Bᵀ;  ∂B += Aᵀ @ ∂C (summed over broadcast batches)",
            forward: { inputs in
                let (x, y) = (inputs[0].data, inputs[1].data)
                func c(_ t: Int) -> [Double] {
                    product(x, at: mapA[t] * sizeA, transposed: false, y, at: mapB[t] * sizeB, transposed: false, m: m, k: k, n: n)
                }
                if mapA.count == 1 { return c(0) } // one product: no gathering, no copy
                var all: [Double] = []
                all.reserveCapacity(mapA.count * sizeC)
                for t in 0..<mapA.count { all += c(t) }
                return all
            },
            backward: { out, inputs in
                let (x, y, g) = (inputs[0].data, inputs[1].data, out.grad!)
                // ∂A (m×k) = ∂C (m×n) @ Bᵀ;  ∂B (k×n) = Aᵀ @ ∂C, for batch entry t.
                func dA(_ t: Int) -> [Double] {
                    product(g, at: t * sizeC, transposed: false, y, at: mapB[t] * sizeB, transposed: true, m: m, k: n, n: k)
                }
                func dB(_ t: Int) -> [Double] {
                    product(x, at: mapA[t] * sizeA, transposed: true, g, at: t * sizeC, transposed: false, m: k, k: m, n: n)
                }
                let (needA, needB) = (inputs[0].needsGrad, inputs[1].needsGrad) // a constant operand costs no product
                if mapA.count == 1 { // one product: its gradients are the inputs' gradients as they stand
                    if needA { inputs[0].accumulateGrad(dA(0)) }
                    if needB { inputs[1].accumulateGrad(dB(0)) }
                    return
                }
                var gA = [Double](repeating: 0, count: needA ? x.count : 0)
                var gB = [Double](repeating: 0, count: needB ? y.count : 0)
                for t in 0..<mapA.count {
                    if needA {
                        let da = dA(t)
                        for i in 0..<sizeA { gA[mapA[t] * sizeA + i] += da[i] }
                    }
                    if needB {
                        let db = dB(t)
                        for i in 0..<sizeB { gB[mapB[t] * sizeB + i] += db[i] }
                    }
                }
                if needA { inputs[0].accumulateGrad(gA) }
                if needB { inputs[1].accumulateGrad(gB) }
            },
            expand: { entry, graph, input throws(AutogradError) in
                let (t, within) = entry.quotientAndRemainder(dividingBy: Swift.max(sizeC, 1))
                let (i, j) = within.quotientAndRemainder(dividingBy: Swift.max(n, 1))
                var terms: [Scalar] = []
                for p in 0..<k {
                    terms.append(try input(0, mapA[t] * sizeA + i * k + p) * (try input(1, mapB[t] * sizeB + p * n + j)))
                }
                return graph.sum(terms)
            }
        )
        return make(shape: outShape, inputs: [a, b], op: op)
    }

    /// One matrix product of blocks taken from flat buffers: op(A) (m×k) · op(B) (k×n), where
    /// the block of A starts at `aStart` and is stored m×k (k×m if `transposed`); likewise B.
    private static func product(
        _ a: [Double], at aStart: Int, transposed ta: Bool,
        _ b: [Double], at bStart: Int, transposed tb: Bool,
        m: Int, k: Int, n: Int
    ) -> [Double] {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                MatrixKernel.multiply(
                    UnsafeBufferPointer(rebasing: a[aStart..<aStart + m * k]), transposeA: ta,
                    UnsafeBufferPointer(rebasing: b[bStart..<bStart + k * n]), transposeB: tb,
                    m: m, k: k, n: n)
            }
        }
    }
}
