import Testing
@testable import Autograd

/// MatrixKernel against products worked by hand, in all four transpose combinations.
@Suite struct MatrixKernelTests {
    // A = [[1, 2, 3], [4, 5, 6]] (2×3), B = [[7, 8], [9, 10], [11, 12]] (3×2).
    // A·B = [[1·7 + 2·9 + 3·11, 1·8 + 2·10 + 3·12], [4·7 + 5·9 + 6·11, 4·8 + 5·10 + 6·12]]
    //     = [[58, 64], [139, 154]].
    static let a: [Double] = [1, 2, 3, 4, 5, 6]
    static let aT: [Double] = [1, 4, 2, 5, 3, 6]       // Aᵀ stored 3×2
    static let b: [Double] = [7, 8, 9, 10, 11, 12]
    static let bT: [Double] = [7, 9, 11, 8, 10, 12]    // Bᵀ stored 2×3
    static let product: [Double] = [58, 64, 139, 154]

    func multiply(_ a: [Double], _ ta: Bool, _ b: [Double], _ tb: Bool, m: Int, k: Int, n: Int) -> [Double] {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in MatrixKernel.multiply(a, transposeA: ta, b, transposeB: tb, m: m, k: k, n: n) }
        }
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func everyTransposeCombination(transposeA: Bool, transposeB: Bool) {
        let a = transposeA ? Self.aT : Self.a, b = transposeB ? Self.bT : Self.b
        #expect(multiply(a, transposeA, b, transposeB, m: 2, k: 3, n: 2) == Self.product)
    }

    @Test func infinityTimesZeroIsNaN() {
        // [[∞, 1]] · [[0], [1]] = ∞·0 + 1·1 = NaN (IEEE: no zero is skipped).
        let c = multiply([.infinity, 1], false, [0, 1], false, m: 1, k: 2, n: 1)
        #expect(c.count == 1 && c[0].isNaN)
    }

    @Test func emptyInnerDimensionGivesZeros() {
        // (2×0)·(0×3): every entry is an empty sum, 0.
        #expect(multiply([], false, [], false, m: 2, k: 0, n: 3) == [0, 0, 0, 0, 0, 0])
    }
}
