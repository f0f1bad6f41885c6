import Autograd
import Testing
@testable import Display
@testable import StepLang

/// Deliberate gradient slips on the 2-2-1 sigmoid + MSE network (ChainRuleTraceTests.network).
/// Every planted number is from Tests/Fixtures/generate_slips.py (NumPy/PyTorch), which makes
/// the one mistake by hand: e.g. σ for σ′ is 2(a2 - y)·a2·a1[1] = -0.58859·0.70571·0.64566.
@Suite struct GradientSlipTests {

    // grad(W2)[0,1] = -0.07892601, grad(W1)[1,0] = -0.01678016 (PyTorch).
    static let planted: [PlantedSlip] = [
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: -0.2682, tolerance: 0.00005, named: "σ(z) = "),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: -0.0417, tolerance: 0.00005, named: "z for a in σ′(z2[0])"),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: -0.3800, tolerance: 0.00005, named: "the factor σ′(z2[0]) left out"),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: -0.0395, tolerance: 0.00005, named: "the factor 2 of the square's derivative left out"),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: -0.1900, tolerance: 0.00005, named: "cross-entropy's gradient a - y (no σ′) where MSE's belongs"),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: -0.0702, tolerance: 0.00005, named: "a1[0] where a1[1] belongs"),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: -0.0733, tolerance: 0.00005, named: "z1 where a1[1] belongs"),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: 0.0789, tolerance: 0.00005, named: "the sign flipped"),
        // grad(W1)[1,0] from factors rounded to 2 decimals: -0.59·0.21·0.6·0.23·1 = -0.0170982 → -0.0171
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W1", flat: 2, yours: -0.0171, tolerance: 0.00005, named: "each factor rounded to 2 decimals"),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W1", flat: 2, yours: -0.0170, tolerance: 0.00005, named: "W2[0,1] already updated (learning rate 0.1)"),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W1", flat: 2, yours: -0.0140, tolerance: 0.00005, named: "W2[0,0] where W2[0,1] belongs"),
        // 2·(-0.07892601) = -0.15785: the ½ of ½(a - y)² forgotten, or the 2 counted twice
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: -0.1579, tolerance: 0.00005, named: "an extra factor 2 in ∂L/∂a2[0]"),
        // -0.0789 with its 8 read as 3
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: -0.0739, tolerance: 0.00005, named: "one digit misread"),
        // -0.0789 with its digits 7 and 8 swapped
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: -0.0879, tolerance: 0.00005, named: "two digits swapped"),
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
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 1, yours: -0.5, tolerance: 0.005, named: ""),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W1", flat: 2, yours: 0.3141, tolerance: 0.00005, named: ""),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2", flat: 0, yours: -0.0123, tolerance: 0.00005, named: ""),
    ])
    func unexplainedNumbersClaimNothing(_ p: PlantedSlip) throws {
        let report = try Self.report(p)
        #expect(report.slips.isEmpty, "claimed: \(report.slips.map(\.description))")
    }
}
