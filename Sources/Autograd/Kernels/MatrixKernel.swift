#if canImport(Glibc)
import Glibc
#endif

/// The one place matrices are multiplied. Ops (matmul forward and backward, attention) call
/// this; the benchmarks tune it.
///
/// Products of more than 64 multiply-adds go to OpenBLAS's dgemm. Measured on the
/// attention-block benchmark's products (notes/bench-results.md), dgemm is 4× faster than a
/// Swift SIMD8 loop at 16×32 and 6× at 128×128: it picks an AVX2/AVX-512 register-blocked
/// kernel for the CPU at run time, which a portable Swift build cannot. Below 64 the plain
/// loop is as fast, so a lesson of small matrices never loads OpenBLAS (see `OpenBLAS`).
/// Neither skips zeros: 0·∞ gives NaN, as IEEE arithmetic says.
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
        if m * k * n > 64, let dgemm = OpenBLAS.dgemm {
            return product(dgemm, a, transposeA: transposeA, b, transposeB: transposeB, m: m, k: k, n: n)
        }
        return product(a, transposeA: transposeA, b, transposeB: transposeB, m: m, k: k, n: n)
    }

    /// The product by dgemm. With β = 0 dgemm writes every entry of C without reading it, so C
    /// starts uninitialised.
    static func product(
        _ dgemm: OpenBLAS.DGEMM,
        _ a: UnsafePointer<Double>, transposeA: Bool,
        _ b: UnsafePointer<Double>, transposeB: Bool,
        m: Int, k: Int, n: Int
    ) -> [Double] {
        [Double](unsafeUninitializedCapacity: m * n) { c, initialized in
            dgemm(
                OpenBLAS.rowMajor, transposeA ? OpenBLAS.transpose : OpenBLAS.noTranspose,
                transposeB ? OpenBLAS.transpose : OpenBLAS.noTranspose,
                Int32(m), Int32(n), Int32(k),
                1, a, Int32(transposeA ? m : k),
                b, Int32(transposeB ? k : n),
                0, c.baseAddress, Int32(n)
            )
            initialized = m * n
        }
    }

    /// The product by the textbook loop: each entry a dot product, summed in order of p.
    static func product(
        _ a: UnsafePointer<Double>, transposeA: Bool,
        _ b: UnsafePointer<Double>, transposeB: Bool,
        m: Int, k: Int, n: Int
    ) -> [Double] {
        [Double](unsafeUninitializedCapacity: m * n) { c, initialized in
            for i in 0..<m {
                for j in 0..<n {
                    var sum = 0.0
                    for p in 0..<k {
                        sum += (transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j])
                    }
                    c[i * n + j] = sum
                }
            }
            initialized = m * n
        }
    }
}

/// OpenBLAS (Debian: libopenblas0), opened on the first product that needs it rather than linked:
/// loading it costs a process about 4 ms and 2.5 MiB (it detects the CPU, sets up buffers and
/// starts its threads), which `stepgrad run` of a small lesson should not pay. One thread, unless
/// OPENBLAS_NUM_THREADS says otherwise: lessons' tensors are small, the machine may be shared,
/// and the benchmark compares with PyTorch on one thread. Without the library, products use
/// the loop.
enum OpenBLAS {
    /// cblas_dgemm(order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc).
    typealias DGEMM = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Double,
        UnsafePointer<Double>?, Int32, UnsafePointer<Double>?, Int32, Double, UnsafeMutablePointer<Double>?, Int32
    ) -> Void

    // cblas.h's enum values.
    static let rowMajor: Int32 = 101, noTranspose: Int32 = 111, transpose: Int32 = 112

    static let dgemm: DGEMM? = {
        setenv("OPENBLAS_NUM_THREADS", "1", 0) // read by the library as it loads
        guard let library = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL),
              let symbol = dlsym(library, "cblas_dgemm") else { return nil }
        return unsafeBitCast(symbol, to: DGEMM.self)
    }()
}
