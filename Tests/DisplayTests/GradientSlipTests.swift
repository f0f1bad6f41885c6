import Autograd
import Testing
@testable import Display
@testable import StepLang

/// Deliberate gradient slips on the 2-2-1 sigmoid + MSE network (ChainRuleTraceTests.network).
/// Every planted number is from Tests/Fixtures/generate_slips.py (NumPy/PyTorch), which makes
/// the one mistake by hand: e.g. σ for σ′ is 2(a2 - y)·a2·a1[1] = -0.58859·0.70571·0.64566.
@Suite struct GradientSlipTests {

    /// Entry `flat` of grad(`checked`) on the 2-2-1 network typed as `yours` (4 decimals: ±0.00005).
    static func typed(_ checked: String, _ flat: Int, _ yours: Double, tolerance: Double = 0.00005, _ named: String) -> PlantedSlip {
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: checked, flat: flat, yours: yours, tolerance: tolerance, named: named)
    }

    // grad(W2)[0,1] = 2(a2 - y)·σ′(z2)·a1[1] = -0.58859·0.20769·0.64566 = -0.07892601;
    // grad(W1)[1,0] = -0.58859·0.20769·W2[0,1]·σ′(z1[1])·x[0] = -0.01678016 (PyTorch).
    static let planted: [PlantedSlip] = [
        // σ(z2) for σ′(z2): -0.58859·0.70571·0.64566 = -0.26819
        typed("W2", 1, -0.2682, "σ(z) = "),
        // σ′ from z: z2(1 - z2) = 0.87462·0.12538 = 0.10966; -0.58859·0.10966·0.64566 = -0.04168
        typed("W2", 1, -0.0417, "z for a in σ′(z2[0])"),
        // σ′ left out: -0.58859·0.64566 = -0.38003
        typed("W2", 1, -0.3800, "the factor σ′(z2[0]) left out"),
        // (a2 - y) for 2(a2 - y): -0.29429·0.20769·0.64566 = -0.03946
        typed("W2", 1, -0.0395, "the factor 2 of the square's derivative left out"),
        // cross-entropy's a2 - y at z2: -0.29429·0.64566 = -0.19001
        typed("W2", 1, -0.1900, "cross-entropy's gradient a - y (no σ′) where MSE's belongs"),
        // a1[0] for a1[1]: -0.58859·0.20769·0.57444 = -0.07022
        typed("W2", 1, -0.0702, "a1[0] where a1[1] belongs"),
        // z1[1] for a1[1]: -0.58859·0.20769·0.6 = -0.07334
        typed("W2", 1, -0.0733, "z1 where a1[1] belongs"),
        // the sign: +0.07893
        typed("W2", 1, 0.0789, "the sign flipped"),
        // factors rounded to 2 decimals: -0.59·0.21·0.6·0.23·1 = -0.0170982 → -0.0171
        typed("W1", 2, -0.0171, "each factor rounded to 2 decimals"),
        // W2[0,1] after the step: 0.6 + 0.1·0.07893 = 0.60789; -0.58859·0.20769·0.60789·0.22878 = -0.01700
        typed("W1", 2, -0.0170, "W2[0,1] already updated (learning rate 0.1)"),
        // W2[0,0] for W2[0,1]: -0.58859·0.20769·0.5·0.22878 = -0.01398
        typed("W1", 2, -0.0140, "W2[0,0] where W2[0,1] belongs"),
        // 2·(-0.07892601) = -0.15785: the ½ of ½(a - y)² forgotten, or the 2 counted twice
        typed("W2", 1, -0.1579, "an extra factor 2 in ∂L/∂a2[0]"),
        // -0.0789 with its 8 read as 3
        typed("W2", 1, -0.0739, "one digit misread"),
        // -0.0789 with its digits 7 and 8 swapped
        typed("W2", 1, -0.0879, "two digits swapped"),
    ]

    static func report(_ p: PlantedSlip) throws -> SlipReport {
        let session = try ChainRuleTraceTests.session(p.network)
        let root = try #require(session.lastBackward?.root)
        let x = try #require(session.value(of: p.checked))
        let names: (Tensor) -> String? = { t in session.variables.first { $0.value === t }?.name }
        return try GradientSlips.find(root: root, withRespectTo: x, flat: p.flat, yours: p.yours, tolerance: p.tolerance,
                                      gradient: session.gradient(of:), names: names)
    }

    @Test(arguments: planted)
    func eachPlantedSlipIsNamed(_ p: PlantedSlip) throws {
        let report = try Self.report(p)
        #expect(report.slips.contains { $0.description.contains(p.named) }, "got: \(report.slips.map(\.description))")
    }

    @Test(arguments: [
        // Far from every variant of -0.0789, -0.0168 and -0.0702.
        typed("W2", 1, -0.5, tolerance: 0.005, ""),
        typed("W1", 2, 0.3141, ""),
        typed("W2", 0, -0.0123, ""),
    ])
    func unexplainedNumbersClaimNothing(_ p: PlantedSlip) throws {
        let report = try Self.report(p)
        #expect(report.slips.isEmpty, "claimed: \(report.slips.map(\.description))")
    }
}
