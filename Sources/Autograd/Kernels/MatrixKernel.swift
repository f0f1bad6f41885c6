import CBLAS

/// The one place matrices are multiplied. Ops (matmul forward and backward, attention) call
/// this; the benchmarks tune it.
///
/// It hands the product to OpenBLAS's dgemm: measured against a plain i-p-j loop and a Swift
/// SIMD8 loop on the attention-block benchmark's products, dgemm is 4× faster than the SIMD
/// loop at 16×32 and 6× at 128×128 (notes/bench-results.md), because it picks an AVX2/AVX-512
/// register-blocked kernel for the CPU at run time, which a portable Swift build cannot.
/// dgemm keeps IEEE semantics: it skips no zeros, so 0·∞ gives NaN as the loop did.
enum MatrixKernel {
    /// C (m×n) = op(A) · op(B), all row-major, where op(A) is A (m×k) or, if `transposeA`,
    /// the transpose of the stored k×m matrix A; likewise for B (k×n, or stored n×k).
    static func multiply(
        _ a: UnsafeBufferPointer<Double>, transposeA: Bool,
        _ b: UnsafeBufferPointer<Double>, transposeB: Bool,
        m: Int, k: Int, n: Int
    ) -> [Double] {
        guard m > 0, n > 0, k > 0, let a = a.baseAddress, let b = b.baseAddress else {
            return [Double](repeating: 0, count: m * n) // an empty sum is 0
        }
        _ = singleThreaded
        // With β = 0 dgemm writes every entry of C without reading it, so C starts uninitialised.
        return [Double](unsafeUninitializedCapacity: m * n) { c, initialized in
            cblas_dgemm(
                CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k),
                1, a, Int32(transposeA ? m : k),
                b, Int32(transposeB ? k : n),
                0, c.baseAddress, Int32(n)
            )
            initialized = m * n
        }
    }

    /// One thread: the tensors of a lesson are small, the machine is shared, and the benchmark
    /// compares with PyTorch on one thread. Set once, before the first product.
    private static let singleThreaded: Void = openblas_set_num_threads(1)
}
