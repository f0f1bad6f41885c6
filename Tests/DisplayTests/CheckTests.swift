import Testing
import Autograd
@testable import Display

@Suite struct CheckTests {
    // z = W ⊙ a + b with W = [0.2, 0.4], a = [1, 0.5], b = [0.1, 0.2].
    // By hand: z[0] = 0.2·1 + 0.1 = 0.3;  z[1] = 0.4·0.5 + 0.2 = 0.2 + 0.2 = 0.4.
    func z() throws -> Tensor {
        let w = try Tensor(shape: [2], data: [0.2, 0.4], label: "W")
        let a = try Tensor(shape: [2], data: [1, 0.5], label: "a")
        let b = try Tensor(shape: [2], data: [0.1, 0.2], label: "b")
        let z = try w * a + b
        z.label = "z"
        return z
    }

    @Test func wrongEntriesGetTheirArithmetic() throws {
        let z = try z()
        let report = try CheckRenderer.check(expected: [0.3, 0.45], expectedShape: [2], computed: z, name: "z") { flat throws(AutogradError) in
            try Expansion(of: z, flat: flat)
        }
        #expect(report.wrongEntries == [1])
        #expect(report.text == """
            check z (2,), tolerance 1e-06:
              z[0]  yours 0.3   computed 0.3  ✓
              z[1]  yours 0.45  computed 0.4  ✗ off by 0.05
            1 of 2 entries agree.

            how z[1] is computed:
              z[1] = W[1]·a[1] + b[1]
                   = 0.4·0.5 + 0.2
                   = 0.2 + 0.2
                   = 0.4
            """)
    }

    @Test func toleranceIsSettableAndNaNNeverAgrees() throws {
        let z = try z()
        let loose = try CheckRenderer.check(expected: [0.3, 0.45], expectedShape: [2], computed: z, name: "z",
                                            options: .init(tolerance: 0.1)) { flat throws(AutogradError) in try Expansion(of: z, flat: flat) }
        #expect(loose.allAgree)
        let nan = try CheckRenderer.check(expected: [.nan, 0.4], expectedShape: [2], computed: z, name: "z",
                                          options: .init(tolerance: .infinity)) { flat throws(AutogradError) in try Expansion(of: z, flat: flat) }
        #expect(nan.wrongEntries == [0])
        #expect(nan.text.contains("✗ nan never agrees"))
    }

    @Test func shapeMismatchIsRefusedWithBothShapes() throws {
        let z = try z()
        #expect(throws: DisplayError.cannotDraw(what: "a check of z", reason: "your value has shape (3,), z has shape (2,)")) {
            try CheckRenderer.check(expected: [1, 2, 3], expectedShape: [3], computed: z, name: "z") { flat throws(AutogradError) in try Expansion(of: z, flat: flat) }
        }
    }
}
