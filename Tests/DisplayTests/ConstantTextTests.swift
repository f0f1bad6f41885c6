import Autograd
import Testing
@testable import Display

/// Unnamed constants are written as what they are.
@Suite struct ConstantTextTests {
    let format = NumberFormat(precision: 4)

    @Test func numbersAndRoots() throws {
        #expect(ConstantText.describe(Tensor(scalar: 2), format: format) == "2")
        // √2 = 1.41421356…, √8 = 2.82842712…; √4 = 2 is a plain 2.
        #expect(ConstantText.describe(Tensor(scalar: 2.0.squareRoot()), format: format) == "√2 ≈ 1.4142")
        #expect(ConstantText.describe(Tensor(scalar: 8.0.squareRoot()), format: format) == "√8 ≈ 2.8284")
        #expect(ConstantText.describe(Tensor(scalar: 4.0.squareRoot()), format: format) == "2")
        #expect(ConstantText.root(of: 1.4142) == nil) // a rounded root is just a number
    }

    @Test func tablesByTheirConstructor() throws {
        #expect(ConstantText.describe(try Tensor(shape: [4, 1], data: [1, 1, 1, 1]), format: format) == "ones(4, 1)")
        #expect(ConstantText.describe(try Tensor(shape: [2, 3], data: Array(repeating: 0, count: 6)), format: format) == "zeros(2, 3)")
        #expect(ConstantText.describe(try Tensor(shape: [2, 2], data: [0.5, 0.5, 0.5, 0.5]), format: format) == "full(0.5, 2, 2)")
        #expect(ConstantText.describe(try Tensor(shape: [3], data: [0.1, 0.2, 0.3]), format: format) == "[0.1, 0.2, 0.3]")
        #expect(ConstantText.describe(try Tensor(shape: [2, 2], data: [1, 2, 3, 4]), format: format) == "constant (2, 2)")
    }
}
