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
