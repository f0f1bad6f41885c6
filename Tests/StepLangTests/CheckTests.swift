import Autograd
import Testing
@testable import StepLang

@Suite struct CheckTests {
    private func expectResult(_ source: String) throws -> ExpectResult {
        guard case let .expect(result)? = try run(Session(), source).last else { throw ParseShapeError() }
        return result
    }

    private func docVerdict(_ source: String) throws -> DocVerdict {
        guard case let .doc(verdict)? = try run(Session(), source).last else { throw ParseShapeError() }
        return verdict
    }

    @Test(arguments: [("0.95", 0.005), ("2", 0.5), ("1.5e-3", 0.00005), ("-0.0032", 0.00005), ("12.50", 0.005)])
    func toleranceIsHalfTheLastPrintedDecimal(text: String, tolerance: Double) {
        #expect(abs(ValueCheck.printedTolerance(text) - tolerance) < 1e-15)
    }

    @Test func expectApproximatePassesWithinDefaultTolerance() throws {
        #expect(try expectResult("expect 0.1 + 0.2 ≈ 0.3").passed)
        #expect(try expectResult("expect [1, 2] ~= [1, 2.0000005]").passed)
        let failed = try expectResult("expect [1, 2] ≈ [1, 2.00001]")
        #expect(!failed.passed)
        #expect(failed.message == "1 of 2 entries differ by more than 1e-06")
        #expect(failed.differences == [EntryDifference(index: [1], actual: 2, expected: 2.00001, tolerance: 1e-6)])
    }

    @Test func expectWithin() throws {
        #expect(try expectResult("expect 0.95 ≈ 1 within 0.1").passed)
        #expect(!(try expectResult("expect 0.85 ≈ 1 within 0.1")).passed)
    }

    @Test func expectExact() throws {
        #expect(try expectResult("expect [1, 2] == [1, 2]").passed)
        #expect(!(try expectResult("expect 0.1 + 0.2 == 0.3")).passed) // 0.30000000000000004
    }

    @Test func expectShapesMustMatchExactly() throws {
        let result = try expectResult("expect [1, 1] ≈ 1")
        #expect(!result.passed)
        #expect(result.message == "shapes differ: (2,) against expected ()")
        #expect(try expectResult("expect [[2]] ≈ 2").passed) // one entry against a scalar
    }

    @Test func nanNeverPasses() throws {
        let result = try expectResult("expect nan ≈ nan")
        #expect(!result.passed)
        #expect(result.message.contains("nan never equals anything"))
    }

    @Test func infinitiesAgreeWithThemselves() throws {
        #expect(try expectResult("expect [-inf, inf] == [-inf, inf]").passed)
    }

    @Test func failedExpectDoesNotStopTheSession() throws {
        let session = Session()
        try run(session, "expect 1 ≈ 2\nx = 3")
        #expect(session.value(of: "x")?.data == [3])
    }

    @Test func docAgreesToPrintedPrecision() throws {
        // 0.9549 is within 0.005 of 0.95; 1.004 within 0.005 of 1.00
        let verdict = try docVerdict("z = [0.9549, 1.004]\ndoc z = [0.95, 1.00]")
        #expect(verdict.agrees && verdict.target == "z")
    }

    @Test func docErratumListsTheDifferingEntries() throws {
        let verdict = try docVerdict("z = [0.68, 0.84]\ndoc z = [0.95, 0.84]")
        #expect(!verdict.agrees)
        #expect(verdict.differences == [EntryDifference(index: [0], actual: 0.68, expected: 0.95, tolerance: 0.005)])
    }

    @Test func docShapeProblem() throws {
        let verdict = try docVerdict("z = [1, 2, 3]\ndoc z = [1, 2]")
        #expect(!verdict.agrees)
        #expect(verdict.shapeProblem == "the document prints shape (2,), the value has shape (3,)")
    }

    @Test func docWithinOverridesThePrintedPrecision() throws {
        #expect(try docVerdict("z = 0.96\ndoc z = 0.95 within 0.02").agrees)
        #expect(!(try docVerdict("z = 0.96\ndoc z = 0.95")).agrees)
    }

    @Test func docOfAnIndexedValue() throws {
        let verdict = try docVerdict("z = [0.68, 0.84]\ndoc z[1] = 0.84")
        #expect(verdict.agrees && verdict.target == "z[1]")
    }
}
