/// The one place matrices are multiplied. Ops (matmul forward and backward, attention) call
/// this; the benchmarks tune it.
enum MatrixKernel {
    /// C (m×n) = op(A) · op(B), all row-major, where op(A) is A (m×k) or, if `transposeA`,
    /// the transpose of the stored k×m matrix A; likewise for B (k×n, or stored n×k).
    static func multiply(
        _ a: UnsafeBufferPointer<Double>, transposeA: Bool,
        _ b: UnsafeBufferPointer<Double>, transposeB: Bool,
        m: Int, k: Int, n: Int
    ) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        c.withUnsafeMutableBufferPointer { c in
            for i in 0..<m {
                for p in 0..<k {
                    let aip = transposeA ? a[p * m + i] : a[i * k + p]
                    if transposeB {
                        for j in 0..<n { c[i * n + j] += aip * b[j * k + p] }
                    } else {
                        // i-p-j order: the inner loop walks B's row p and C's row i contiguously.
                        let bRow = p * n, cRow = i * n
                        for j in 0..<n { c[cRow + j] += aip * b[bRow + j] }
                    }
                }
            }
        }
        return c
    }
}
