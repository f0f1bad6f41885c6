import Autograd
import Foundation
import StepLang
import Testing

/// Generated programs (Tests/Differential/difftest.py) run by stepgrad and compared with what
/// PyTorch float64 computed for them: every named value, and every leaf's gradient after the
/// program's last backward. CI checks the committed fixtures; `bash .ci/difftest N` points this
/// test at a fresh batch through STEPGRAD_DIFFTEST_PROGRAMS and reads its verdict from the JSON
/// file named by STEPGRAD_DIFFTEST_REPORT.
@Suite struct DifferentialTests {
    /// One generated program with PyTorch's results.
    struct Program: Decodable {
        let id: String
        let stepgrad: String
        let expectedValues: [String: Expected]
        let expectedGradients: [String: Expected]
    }

    struct Expected: Decodable {
        let shape: [Int]
        let data: [Double]
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Differential/fixtures/programs.jsonl").standardized.path

    /// Equal (NaN with NaN, ∞ with ∞), or within 1e-9 relative to the larger magnitude (absolute
    /// below 1, where summation order alone leaves differences of a few units of 1e-16).
    static func agree(_ a: Double, _ b: Double) -> Bool {
        a == b || (a.isNaN && b.isNaN) || abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }

    static func load(_ path: String) throws -> [Program] {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { try decoder.decode(Program.self, from: Data($0.utf8)) }
    }

    /// What is wrong with stepgrad's run of `program`, or nil when it agrees with PyTorch.
    static func mismatch(_ program: Program) -> String? {
        let session = Session()
        do { _ = try session.run(source: program.stepgrad, file: program.id) } catch {
            return "stepgrad error: \(error.description)"
        }
        func differs(_ what: String, _ got: [Double]?, shape: [Int]?, _ expected: Expected) -> String? {
            guard let got, let shape else { return "\(what): no value" }
            guard shape == expected.shape, got.count == expected.data.count else {
                return "\(what): shape \(shape), PyTorch \(expected.shape)"
            }
            guard let i = got.indices.first(where: { !agree(got[$0], expected.data[$0]) }) else { return nil }
            return "\(what)[flat \(i)]: stepgrad \(got[i]), PyTorch \(expected.data[i])"
        }
        for (name, expected) in program.expectedValues.sorted(by: { $0.key < $1.key }) {
            let value = session.value(of: name)
            if let problem = differs(name, value?.data, shape: value?.shape, expected) { return problem }
        }
        for (name, expected) in program.expectedGradients.sorted(by: { $0.key < $1.key }) {
            let value = session.value(of: name)
            let gradient = value.flatMap { session.gradient(of: $0) }
            if let problem = differs("grad(\(name))", gradient, shape: value?.shape, expected) { return problem }
        }
        return nil
    }

    @Test func generatedProgramsAgreeWithPyTorch() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["STEPGRAD_DIFFTEST_PROGRAMS"] ?? Self.fixtures
        let programs = try Self.load(path)
        #expect(programs.count >= 200, "\(path) holds \(programs.count) programs")
        let failures = programs.compactMap { program in Self.mismatch(program).map { (id: program.id, message: $0) } }
        if let report = environment["STEPGRAD_DIFFTEST_REPORT"] {
            let json: [String: Any] = ["checked": programs.count, "failures": failures.map { ["id": $0.id, "message": $0.message] }]
            try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: report))
        }
        for failure in failures.prefix(10) { Issue.record("\(failure.id): \(failure.message)") }
        #expect(failures.isEmpty, "\(failures.count) of \(programs.count) programs disagree with PyTorch")
    }
}

/// Each place README's "Where stepgrad differs from PyTorch" names, as stepgrad does it. The
/// generator of DifferentialTests keeps out of these (its PyTorch side refuses them at run time).
@Suite struct PyTorchDifferenceTests {
    @Test func allMinusInfinitySoftmaxRowGivesZerosWithZeroGradient() throws {
        // PyTorch: softmax([-inf, -inf]) = [nan, nan]. stepgrad: the row attends to nothing.
        let session = Session()
        try run(session, "x = [1, 2]\ns = softmax(masked_fill(x, [1, 1], -inf))\nL = sum(s * [1, 2])\nbackward L")
        #expect(session.value(of: "s")?.data == [0, 0])
        #expect(session.value(of: "x").flatMap { session.gradient(of: $0) } == [0, 0])
    }

    @Test func allMinusInfinityLogSoftmaxRowGivesMinusInfinityWithZeroGradient() throws {
        // Row 1 is ordinary: log_softmax([3, 4]) has slope 1 - 2·softmax = 1 - 2·[σ(-1), σ(1)]
        // = [0.46211715726000974, -0.46211715726000974] for ∂ = [1, 1] (σ(1) = 0.7310585786300049).
        let session = Session()
        try run(session, "x = [[1, 2], [3, 4]]\nls = log_softmax(masked_fill(x, [[1, 1], [0, 0]], -inf))\nL = sum(ls[1])\nbackward L")
        let ls = try #require(session.value(of: "ls"))
        #expect(ls.data[0] == -.infinity && ls.data[1] == -.infinity)
        let gradient = try #require(session.value(of: "x").flatMap { session.gradient(of: $0) })
        #expect(gradient[0] == 0 && gradient[1] == 0)
        #expect(close(Array(gradient[2...]), [0.46211715726000974, -0.46211715726000974], 1e-15))
    }

    @Test func maxSendsATiedGradientToTheFirstMaximum() throws {
        // PyTorch: torch.tensor([1., 3., 3.]).max() backward gives [0, 0.5, 0.5].
        let session = Session()
        try run(session, "x = [1, 3, 3]\nm = max(x)\nbackward m")
        #expect(session.value(of: "x").flatMap { session.gradient(of: $0) } == [0, 1, 0])
    }

    @Test func softmaxOfASingleNumberIsAnError() {
        // PyTorch: softmax(tensor(3.), -1) = 1, log_softmax = 0.
        for function in ["softmax", "log_softmax"] {
            #expect(failure("a = 3\ns = \(function)(a)")?.message.contains("a scalar has no axis -1") == true, "\(function)")
        }
    }

    @Test func readmeSaysWhatHelpSays() throws {
        let readme = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardized.path, encoding: .utf8)
        #expect(readme.contains("## Where stepgrad differs from PyTorch\n\n" + PyTorchDifferences.text + "\n"))
    }
}
