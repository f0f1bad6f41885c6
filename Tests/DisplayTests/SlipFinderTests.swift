import Autograd
import Testing
@testable import Display
@testable import StepLang

/// Deliberate forward slips: each planted number is the network computed by hand (or by
/// Tests/Fixtures/generate_slips.py, NumPy) with that one mistake made; the finder must name it.
@Suite struct SlipFinderTests {

    static let planted: [PlantedSlip] = [
        // z1[0] = 0.2·1 + 0.4·0.5 + 0.6·0.3 + 0.1 = 0.68; bias twice: 0.58 + 0.2 = 0.78
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W1 @ a0 + b1", flat: 0, yours: 0.78, tolerance: 0.005, named: "b1 added twice"),
        // bias dropped: 0.2 + 0.2 + 0.18 = 0.58
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W1 @ a0 + b1", flat: 0, yours: 0.58, tolerance: 0.005, named: "b1 left out"),
        // row 2 for entry 0: 0.8 + 0.35 + 0.27 + 0.1 = 1.52
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W1 @ a0 + b1", flat: 0, yours: 1.52, tolerance: 0.005, named: "row 2 of W1 used for entry 0"),
        // 0.6·0.3 left out: 0.2 + 0.2 + 0.1 = 0.5
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W1 @ a0 + b1", flat: 0, yours: 0.5, tolerance: 0.005, named: "the product W1[0, 2]·a0[2] left out"),
        // the wrong column: W1[0,1] = 0.4 times a0[2] = 0.3 instead of a0[1] = 0.5: 0.2 + 0.12 + 0.18 + 0.1 = 0.6
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W1 @ a0 + b1", flat: 0, yours: 0.6, tolerance: 0.005, named: "W1[0, 1] multiplied by a0[2] instead of a0[1]"),
        // z1[3] with -0.3·1: -0.3 + 0.25 + 0.21 + 0.4 = 0.56
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W1 @ a0 + b1", flat: 3, yours: 0.56, tolerance: 0.005, named: "the sign of W1[3, 0]·a0[0] flipped"),
        // z2[0] = 2.972, written 2.792 (two digits swapped)
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W2 @ a1 + b2", flat: 0, yours: 2.792, tolerance: 0.0005, named: "two digits swapped"),
        // z2[1] = 2.632, read as 2.682 (3 read as 8)
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W2 @ a1 + b2", flat: 1, yours: 2.682, tolerance: 0.0005, named: "one digit misread"),
        // z2[0] from products rounded to 2 decimals: 0.3·0.68 = 0.204 → 0.2, 0.42, 0.7·1.72 = 1.204 → 1.2,
        // 0.9·1.16 = 1.044 → 1.04; 0.2 + 0.42 + 1.2 + 1.04 + 0.1 = 2.96 (exact: 2.972)
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W2 @ a1 + b2", flat: 0, yours: 2.96, tolerance: 0.005, named: "each product rounded to 2 decimals"),
        // z2[0] with b2 twice: 2.972 + 0.1 = 3.072
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W2 @ a1 + b2", flat: 0, yours: 3.072, tolerance: 0.0005, named: "b2 added twice"),
        // 2-2-1: z1[1] = 0.3 + 0.2 + 0.1 = 0.6; W1ᵀ: 0.2·1 + 0.4·0.5 + 0.1 = 0.5 (so is the bias dropped)
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W1 @ x + b1", flat: 1, yours: 0.5, tolerance: 0.005, named: "W1 transposed"),
        // a1[0] = σ(0.3) = 0.5744; forgotten: 0.3; twice: σ(0.5744) = 0.6398 (NumPy)
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "sigmoid(z1)", flat: 0, yours: 0.3, tolerance: 0.005, named: "the sigmoid forgotten"),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "sigmoid(z1)", flat: 0, yours: 0.6398, tolerance: 0.00005, named: "sigmoid applied twice"),
        // z2 with z1 for a1: 0.5·0.3 + 0.6·0.6 + 0.2 = 0.71
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2 @ a1 + b2", flat: 0, yours: 0.71, tolerance: 0.005, named: "z1 used where a1 belongs"),
        // W2_new[0,0] = 0.5 - 0.1·(-0.0702207) = 0.50702; η twice (0.01): 0.50070; not at all: 0.57022 (NumPy)
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2 - 0.1 * grad(W2)", flat: 0, yours: 0.5007, tolerance: 0.00005, named: "the learning rate 0.1 applied twice"),
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2 - 0.1 * grad(W2)", flat: 0, yours: 0.5702, tolerance: 0.00005, named: "the learning rate 0.1 not applied"),
        // + instead of -: 0.5 - 0.00702 = 0.49298
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2 - 0.1 * grad(W2)", flat: 0, yours: 0.493, tolerance: 0.0005, named: "added instead of subtracted"),
        // z2 computed with W2 already updated (η = 0.1): W2 - 0.1·grad(W2) = [0.50702, 0.60789]: 0.50702·0.57444 + 0.60789·0.64566 + 0.2
        //   = 0.29125 + 0.39249 + 0.2 = 0.88374 (NumPy: 0.883739)
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "W2 @ a1 + b2", flat: 0, yours: 0.8837, tolerance: 0.00005, named: "W2 already updated (learning rate 0.1)"),
    ]

    static func report(_ p: PlantedSlip) throws -> SlipReport {
        let session = Session()
        _ = try session.run(source: p.network, file: "t")
        let definition = try Session.parseExpression(p.checked).expr
        return try SlipFinder.forward(session: session, definition: definition, flat: p.flat, yours: p.yours, tolerance: p.tolerance)
    }

    @Test(arguments: planted)
    func eachPlantedSlipIsNamed(_ p: PlantedSlip) throws {
        let report = try Self.report(p)
        #expect(report.slips.contains { $0.description.contains(p.named) }, "got: \(report.slips.map(\.description))")
        for slip in report.slips { #expect(abs(slip.value - p.yours) <= p.tolerance) }
    }

    /// Numbers no single slip explains: nothing may be claimed.
    @Test(arguments: [
        // z1[0] = 0.68: 0.91 is no rearrangement of 0.68's parts (and differs in two digits)
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W1 @ a0 + b1", flat: 0, yours: 0.91, tolerance: 0.005, named: ""),
        // z2[1] = 2.632: 7.4 is far from every variant
        PlantedSlip(network: HandCheckNetworks.mlp342, checked: "W2 @ a1 + b2", flat: 1, yours: 7.4, tolerance: 0.05, named: ""),
        // a1[1] = σ(0.6) = 0.6457: 0.12
        PlantedSlip(network: HandCheckNetworks.twoTwoOne, checked: "sigmoid(z1)", flat: 1, yours: 0.12, tolerance: 0.005, named: ""),
    ])
    func unexplainedNumbersClaimNothing(_ p: PlantedSlip) throws {
        let report = try Self.report(p)
        #expect(report.slips.isEmpty, "claimed: \(report.slips.map(\.description))")
        #expect(report.text { "\($0)" } == "no single slip explains your \(p.yours)")
    }

    @Test func reportSaysWhatTheNumberIs() throws {
        let report = try Self.report(Self.planted[0])
        #expect(report.text { "\($0)" }.hasPrefix("your 0.78 is what you get with b1 added twice"))
    }

    @Test func oneEntryPointForValuesAndGradients() throws {
        let session = try ChainRuleTraceTests.session(HandCheckNetworks.twoTwoOne)
        // grad(W2)[0,1] with σ′ left out: 2(a2 - y)·a1[1] = -0.58859·0.64566 = -0.3800 (NumPy: -0.38002674).
        for checked in ["grad(W2)", "W2.grad"] {
            let report = try LikelySlips.find(session: session, checked: try Session.parseExpression(checked).expr, definition: nil,
                                              flat: 1, yours: -0.38, tolerance: 0.00005)
            #expect(report.slips.map(\.description).contains("the factor σ′(z2[0]) left out"))
        }
        // z1[1] = 0.6 with b1 doubled: 0.3 + 0.2 + 0.2 = 0.7.
        let z1 = try LikelySlips.find(session: session, checked: try Session.parseExpression("z1").expr,
                                      definition: try Session.parseExpression("W1 @ x + b1").expr, flat: 1, yours: 0.7, tolerance: 0.005)
        #expect(z1.slips.map(\.description).contains("b1 added twice"))
    }

    @Test func badRequestsAreErrorsNotCrashes() throws {
        let session = try ChainRuleTraceTests.session(HandCheckNetworks.twoTwoOne)
        // z1 has 2 entries; `q` is no variable; grad(q) neither.
        #expect(throws: DisplayError.self) {
            try LikelySlips.find(session: session, checked: try Session.parseExpression("z1").expr, definition: nil, flat: 7, yours: 1, tolerance: 0.5)
        }
        #expect(throws: DisplayError.self) {
            try LikelySlips.find(session: session, checked: try Session.parseExpression("q").expr, definition: nil, flat: 0, yours: 1, tolerance: 0.5)
        }
        #expect(throws: DisplayError.self) {
            try LikelySlips.find(session: session, checked: try Session.parseExpression("grad(q)").expr, definition: nil, flat: 0, yours: 1, tolerance: 0.5)
        }
        #expect(throws: DisplayError.self) {
            try LikelySlips.find(session: session, checked: try Session.parseExpression("grad(W2)").expr, definition: nil, flat: 9, yours: 1, tolerance: 0.5)
        }
    }

    @Test func eachEntryGetsItsOwnPrintedTolerance() {
        // 0.95 → ±0.005, 0.8 → ±0.05, 1.57 → ±0.005; an expression is not a literal of 3 numbers.
        #expect(ValueCheck.printedTolerances(ofLiteral: "[0.95, 0.8, 1.57]", entries: 3) == [0.005, 0.05, 0.005])
        #expect(ValueCheck.printedTolerances(ofLiteral: "[1/3, 0.5]", entries: 2) == nil)
    }
}
