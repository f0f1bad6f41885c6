import Autograd
import Testing
@testable import Display
@testable import StepLang

/// `:check` with each entry's own printed tolerance, and a gradient check explained by the
/// chain rule and the likely slip instead of the arithmetic of a copied constant.
@Suite struct CheckWorkingTests {
    @Test func aCorrectlyRoundedShortEntryAgrees() throws {
        // z1 of the MLP lesson = [0.68, 0.84, 1.72, 1.16] (by hand, seed 002). Typed: 0.68, 0.8, 1.72, 1.2:
        // 0.8 is 0.84 to one decimal (±0.05) and 1.2 is 1.16 to one decimal; with the single
        // tolerance of the most precise entry (±0.005) both would be ✗.
        let z1 = try Tensor(shape: [4], data: [0.68, 0.84, 1.72, 1.16], label: "z1")
        let literal = "[0.68, 0.8, 1.72, 1.2]"
        let tolerances = try #require(ValueCheck.printedTolerances(ofLiteral: literal, entries: 4))
        let report = try CheckRenderer.check(expected: [0.68, 0.8, 1.72, 1.2], expectedShape: [4], computed: z1, name: "z1",
                                             options: .init(tolerance: 0.005, entryTolerances: tolerances)) { flat throws(AutogradError) in
            try Expansion(of: z1, flat: flat)
        }
        #expect(report.allAgree)
        #expect(report.text.hasPrefix("check z1 (4,), each entry to its last printed decimal:"))
        // `within` overrides: one tolerance for all.
        let strict = try CheckRenderer.check(expected: [0.68, 0.8, 1.72, 1.2], expectedShape: [4], computed: z1, name: "z1",
                                             options: .init(tolerance: 0.005)) { flat throws(AutogradError) in
            try Expansion(of: z1, flat: flat)
        }
        #expect(strict.wrongEntries == [1, 3])
    }

    @Test func aWrongGradientEntryIsExplainedByItsChainAndSlip() throws {
        // grad(W2) = [[-0.0702, -0.0789]] (PyTorch); typed -0.3800 for [0,1] = σ′ left out:
        // 2(a2 - y)·a1[1] = -0.58859·0.64566 = -0.38003.
        let session = try ChainRuleTraceTests.session()
        let root = try #require(session.lastBackward?.root)
        let w2 = try #require(session.value(of: "W2"))
        let computed = try Tensor(shape: w2.shape, data: try #require(session.gradient(of: w2)))
        let report = try CheckRenderer.check(expected: [-0.0702, -0.38], expectedShape: [1, 2], computed: computed, name: "grad(W2)",
                                             options: .init(tolerance: 0.00005)) { flat, _ throws(DisplayError) in
            let chain = try TraceRenderer.gradient(of: root, withRespectTo: w2, flat: flat, gradient: session.gradient(of:))
            let slips = try GradientSlips.find(root: root, withRespectTo: w2, flat: flat, yours: -0.38, tolerance: 0.00005,
                                               gradient: session.gradient(of:))
            return chain + "\n" + slips.text { "\($0)" }
        }
        #expect(report.wrongEntries == [1])
        #expect(report.text.contains("  ∂L/∂W2[0,1] = ∂L/∂a2[0]·σ′(z2[0])·a1[1]"))
        #expect(report.text.contains("your -0.38 is what you get with the factor σ′(z2[0]) left out"))
        #expect(!report.text.contains("t[0,1]"))
    }
}
