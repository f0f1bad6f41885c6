import Testing
@testable import Autograd

/// MatrixKernel against products worked by hand, in all four transpose combinations, by the
/// loop and by OpenBLAS's dgemm.
@Suite struct MatrixKernelTests {
    // A = [[1, 2, 3], [4, 5, 6]] (2×3), B = [[7, 8], [9, 10], [11, 12]] (3×2).
    // A·B = [[1·7 + 2·9 + 3·11, 1·8 + 2·10 + 3·12], [4·7 + 5·9 + 6·11, 4·8 + 5·10 + 6·12]]
    //     = [[58, 64], [139, 154]].
    static let a: [Double] = [1, 2, 3, 4, 5, 6]
    static let aT: [Double] = [1, 4, 2, 5, 3, 6]       // Aᵀ stored 3×2
    static let b: [Double] = [7, 8, 9, 10, 11, 12]
    static let bT: [Double] = [7, 9, 11, 8, 10, 12]    // Bᵀ stored 2×3
    static let product: [Double] = [58, 64, 139, 154]

    enum Path: CaseIterable { case loop, dgemm }

    func multiply(_ path: Path, _ a: [Double], _ ta: Bool, _ b: [Double], _ tb: Bool, m: Int, k: Int, n: Int) throws -> [Double] {
        try a.withUnsafeBufferPointer { a in
            try b.withUnsafeBufferPointer { b in
                let (pa, pb) = (try #require(a.baseAddress), try #require(b.baseAddress))
                switch path {
                case .loop:
                    return MatrixKernel.product(pa, transposeA: ta, pb, transposeB: tb, m: m, k: k, n: n)
                case .dgemm:
                    let dgemm = try #require(OpenBLAS.dgemm, "libopenblas.so.0 did not load (.ci/setup installs libopenblas0)")
                    return MatrixKernel.product(dgemm, pa, transposeA: ta, pb, transposeB: tb, m: m, k: k, n: n)
                }
            }
        }
    }

    @Test(arguments: Path.allCases, [(false, false), (true, false), (false, true), (true, true)])
    func everyTransposeCombination(path: Path, transposes: (Bool, Bool)) throws {
        let a = transposes.0 ? Self.aT : Self.a, b = transposes.1 ? Self.bT : Self.b
        #expect(try multiply(path, a, transposes.0, b, transposes.1, m: 2, k: 3, n: 2) == Self.product)
    }

    @Test(arguments: Path.allCases)
    func infinityTimesZeroIsNaN(path: Path) throws {
        // [[∞, 1]] · [[0], [1]] = ∞·0 + 1·1 = NaN (IEEE: no zero is skipped).
        let c = try multiply(path, [.infinity, 1], false, [0, 1], false, m: 1, k: 2, n: 1)
        #expect(c.count == 1 && c[0].isNaN)
    }

    @Test func emptyInnerDimensionGivesZeros() {
        // (2×0)·(0×3): every entry is an empty sum, 0.
        let c = [Double]().withUnsafeBufferPointer { e in
            MatrixKernel.multiply(e, transposeA: false, e, transposeB: false, m: 2, k: 0, n: 3)
        }
        #expect(c == [0, 0, 0, 0, 0, 0])
    }

    @Test func bigProductGoesThroughDgemmAndMatchesTheLoop() throws {
        // Without OpenBLAS `multiply` would take the loop too and compare the loop with itself.
        _ = try #require(OpenBLAS.dgemm, "libopenblas.so.0 did not load (.ci/setup installs libopenblas0)")
        // 8×8·8×8 = 512 multiply-adds, over the loop's limit of 64. Integer entries keep every
        // partial sum exact, so both ways must agree exactly. A[i][p] = i − p; B is passed
        // transposed, stored as S[j][p] = j + 2p, so C[i][j] = Σₚ (i − p)(j + 2p).
        let a = (0..<64).map { Double($0 / 8 - $0 % 8) }, b = (0..<64).map { Double($0 / 8 + 2 * ($0 % 8)) }
        let viaMultiply = a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in MatrixKernel.multiply(a, transposeA: false, b, transposeB: true, m: 8, k: 8, n: 8) }
        }
        #expect(viaMultiply == (try multiply(.loop, a, false, b, true, m: 8, k: 8, n: 8)))
        // C[0][0] = Σₚ (−p)(2p) = −2·(0 + 1 + 4 + 9 + 16 + 25 + 36 + 49) = −2·140 = −280.
        #expect(viaMultiply[0] == -280)
    }
}
