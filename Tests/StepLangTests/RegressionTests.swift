import Autograd
import Testing
@testable import StepLang

/// Inputs that once crashed, hung or trapped (found by the fuzzer, `.ci/fuzz`, or by reading the
/// code the fuzzer runs), each now asserting the clear outcome it gets instead.
@Suite struct RegressionTests {
    @Test func sizesWhoseProductOverflowsAreRefusedWithoutTrapping() throws {
        // Shape.check saw the overflow, but the message multiplied the sizes again: an Int overflow trap.
        let error = try #require(failure("x = zeros(1e15, 1e15)"))
        #expect(error.message == "zeros would make a tensor of shape (1000000000000000, 1000000000000000) (more than 9223372036854775807 entries), over the limit of 10000000 entries")
    }

    @Test func docLiteralWithAHugeNegativeExponent() throws {
        // The printed precision subtracted the decimals from Int.min: an Int overflow trap.
        let events = try run(Session(), "x = 0\ndoc x = 1.5e-9223372036854775808\ndoc x = 2.5e9223372036854775807")
        let verdicts = events.compactMap { if case let .doc(v) = $0 { v } else { nil } }
        #expect(verdicts.count == 2)
        // 1.5e-9223372036854775808 is 0 as a Double, and so is x: they agree.
        #expect(verdicts[0].agrees)
        // 2.5e9223372036854775807 is inf: x = 0 is an erratum.
        #expect(!verdicts[1].agrees && verdicts[1].differences.map(\.expected) == [.infinity])
    }
}

extension RegressionTests {
    @Test func unknownVeryLongNameGetsNoSuggestionQuickly() throws {
        // Edit distance is length²: two 200000-character names would take minutes.
        let long = String(repeating: "a", count: 200_000)
        let session = Session()
        try run(session, "\(long)b = 1")
        let error = try #require(failure("\(long)c", in: session))
        #expect(error.message == "unknown name '\(long)c'")
        // Short names still get their suggestion.
        try run(session, "W1 = 1")
        #expect(failure("W2", in: session)?.message == "unknown name 'W2'; did you mean 'W1'?")
    }
}

extension RegressionTests {
    @Test func nestedLoopsUnderTheFuzzersLimitsStopQuickly() throws {
        // Fuzzer timeout (run 3): nested loops under the per-loop limit ran 10⁶ iterations when an
        // iteration counted as 1 unit of work, seconds under ASan (10⁸ with the default limit).
        // Now an iteration costs 50. By hand, with these limits: bounds 2 · 11 = 22 per loop;
        // an inner iteration 50 + 11 (the literal 1) = 61; a middle iteration 50 + 22 + 200 · 61
        // = 12272. After 8 middle iterations 22 + 50 + 22 + 8 · 12272 = 98270; the 9th adds
        // 50 + 22, then 27 inner iterations reach 99989 and the 28th's 50 passes 100000.
        let session = Session()
        session.loopIterationLimit = 200
        session.workLimit = 100_000
        try run(session, "n = 0")
        let error = try #require(failure("for i in 0..<200 {\n  for j in 0..<200 {\n    for k in 0..<200 { n += 1 }\n  }\n}", in: session))
        #expect(error.message.hasPrefix("this statement does too much work (more than 100000 units"))
        #expect(error.location == SourceLocation(file: "t", line: 3, column: 5))
        #expect(session.value(of: "n")?.data == [8 * 200 + 27])
    }
}

/// Wrong results found by the differential test against PyTorch (issue 15, `.ci/difftest`), as a
/// lesson writes them. Expected values: PyTorch 2.15 float64, or the hand arithmetic shown.
extension RegressionTests {
    @Test func crossEntropyWithAMaskedOtherClassIsFinite() throws {
        // F.cross_entropy(masked_fill([[1, 2, 0.5]], [[0, 1, 0]] bool, -inf), [0]) = ln(1 + e^-0.5)
        let loss = try value("cross_entropy(masked_fill([[1, 2, 0.5]], [[0, 1, 0]], -inf), [0])")
        #expect(close(loss.data, [0.4740769841801067], 1e-15))
    }

    @Test func aVariableFillValueLearns() throws {
        // y = Σ masked_fill([1,2,3], [1,0,1], v) ⊙ [2,3,4]: ∂y/∂v = 2 + 4 = 6, so v = 0.5 - 0.1·6 = -0.1.
        let session = Session()
        try run(session, "v = 0.5\nx = [1, 2, 3]\ny = sum(masked_fill(x, [1, 0, 1], v) * [2, 3, 4])\nbackward y\nv -= 0.1 * grad(v)")
        #expect(close(session.value(of: "v")?.data ?? [], [-0.1], 1e-15))
    }

    @Test func zeroToThePowerZeroHasSlopeZero() throws {
        // z⁰ is the constant 1: its slope is 0, at z = 0 too (it was 0 · 0⁻¹ = NaN).
        let session = Session()
        try run(session, "z = [0, 1]\nw = sum(z ^ 0)\nbackward w")
        #expect(session.value(of: "z").flatMap { session.gradient(of: $0) } == [0, 0])
    }

    @Test func reluStopsAnInfiniteGradientWhereItIsFlat() throws {
        // PyTorch: relu's backward is where(x > 0, ∂, 0): [0, 0, inf] for x = [0, -1, 2], ∂ = inf.
        let session = Session()
        try run(session, "x = [0, -1, 2]\nL = sum(relu(x) * [inf, inf, inf])\nbackward L")
        #expect(session.value(of: "x").flatMap { session.gradient(of: $0) } == [0, 0, .infinity])
    }
}

/// Found by the differential tester: backward through a value computed before an in-place update
/// of its input used the updated entries (x = [1, 2]; y = x·x; x += 1 gave ∂Σy/∂x = 2·[2, 3] = [4, 6]
/// where the y it differentiates was made from [1, 2]). PyTorch refuses; so does stepgrad now, and
/// an undo that puts x back makes y current again: ∂Σy/∂x = 2x = [2, 4].
@Suite struct ChangedInPlaceTests {
    @Test func backwardThroughAStaleValueIsRefused() throws {
        let session = Session()
        try run(session, "x = [1, 2]\ny = x * x")
        let before = session.snapshot()
        try run(session, "x += 1")
        let error = failure("backward sum(y)", in: session)
        #expect(error?.message.hasPrefix("x changed in place after a value in this graph was computed from it") == true)
        session.restore(before)
        try run(session, "backward sum(y)")
        #expect(try value("grad(x)", in: session).data == [2, 4])
        // Computing again from x as it is now is the way on: ∂Σ(x·x)/∂x at x = [2, 3] is [4, 6].
        try run(session, "x += 1\ny = x * x\nbackward sum(y)")
        #expect(try value("grad(x)", in: session).data == [4, 6])
    }
}
