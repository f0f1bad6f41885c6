import Autograd
import Testing
@testable import StepLang

/// Every limit the interpreter enforces, hit on purpose: each gives a clear error (never a crash,
/// a hang or the machine's memory), and the session stays usable afterwards.
@Suite struct LimitsTests {
    // MARK: - Tensor size

    @Test func elementLimitRefusesAHugeTensorBeforeAllocating() throws {
        // 100000 · 100000 = 10¹⁰ entries, over the default cap of 10⁷ (80 MB of Doubles).
        let error = try #require(failure("x = zeros(100000, 100000)"))
        #expect(error.message == "zeros would make a tensor of shape (100000, 100000) (10000000000 entries), over the limit of 10000000 entries")
        #expect(error.location == SourceLocation(file: "t", line: 1, column: 5))
    }

    @Test func elementLimitCoversBroadcastingAndLists() throws {
        // (4000, 1) + (1, 4000) broadcasts to 4000 · 4000 = 1.6·10⁷ entries.
        let session = Session()
        try run(session, "a = zeros(4000, 1)\nb = zeros(1, 4000)")
        let error = try #require(failure("c = a + b", in: session))
        #expect(error.message == "+ would make a tensor of shape (4000, 4000) (16000000 entries), over the limit of 10000000 entries")
        #expect(session.value(of: "c") == nil)
    }

    // MARK: - Parser depth

    @Test func deeplyNestedListLiteralIsRefused() throws {
        let deep = String(repeating: "[", count: 200) + "1" + String(repeating: "]", count: 200)
        let error = try #require(Parser.parse("x = " + deep).errors.first)
        #expect(error.message == "nested too deeply (more than 64 levels); split it into several statements")
    }

    @Test func deeplyNestedDocLiteralIsRefused() throws {
        let deep = String(repeating: "[", count: 200) + "1" + String(repeating: "]", count: 200)
        let error = try #require(Parser.parse("doc x = " + deep).errors.first)
        #expect(error.message == "nested too deeply (more than 64 levels); split it into several statements")
    }

    @Test func deeplyNestedLoopsAreRefused() throws {
        let loops = (0..<70).map { "for i\($0) in 0..<1 {\n" }.joined() + String(repeating: "}\n", count: 70)
        let error = try #require(Parser.parse(loops).errors.first)
        #expect(error.message == "nested too deeply (more than 64 levels); split it into several statements")
    }

    @Test func longOperatorChainIsRefusedNotEvaluatedRecursively() throws {
        // 1 + 1 + … is a left-leaning tree one level deeper per +: evaluating, printing and freeing
        // it recurse that deep, so chains are limited like brackets.
        let chain = "x = 1" + String(repeating: " + 1", count: 300)
        let error = try #require(Parser.parse(chain).errors.first)
        #expect(error.message == "this expression is too deep (more than 256 operations inside one another); split it into several statements")
        // 1 + 1 + … with 101 ones is 101.
        let fine = try value("1" + String(repeating: " + 1", count: 100))
        #expect(fine.data == [101])
    }

    @Test func longPostfixChainIsRefused() throws {
        let chain = "x = eye(2)" + String(repeating: ".T", count: 300)
        let error = try #require(Parser.parse(chain).errors.first)
        #expect(error.message.hasPrefix("this expression is too deep (more than 256 operations"))
        let indexes = "x = eye(2)" + String(repeating: "[0]", count: 300)
        #expect(Parser.parse(indexes).errors.first?.message.hasPrefix("this expression is too deep") == true)
    }

    // MARK: - Loops and work

    @Test func defaultLoopLimitIsCheckedBeforeRunning() throws {
        let error = try #require(failure("for i in 0...1000000 { x = i }"))
        #expect(error.message == "this loop would run 1000001 times, more than the limit of 1000000")
    }

    @Test func nestedLoopsAreBoundedByTheWorkLimit() throws {
        // Each loop is under the per-loop limit, but 10⁶ · 10⁶ iterations would never end.
        let session = Session()
        session.workLimit = 10_000
        let error = try #require(failure("for i in 0..<1000000 {\n  for j in 0..<1000000 { }\n}", in: session))
        #expect(error.message == "this statement does too much work (more than 10000 units: 1 per tensor entry computed, 10 per operation, 50 per loop iteration); make the tensors smaller or the loops shorter")
        #expect(error.location == SourceLocation(file: "t", line: 2, column: 3))
        #expect(Session().workLimit == 100_000_000) // the default
    }

    @Test func aLoopGrowingAGraphStopsAtTheWorkLimitAndKeepsWhatItDid() throws {
        // Work per iteration: 50 (the iteration) + 1 + 10 (the literal 1) + 10000 + 10 (x + 1 on
        // 100×100) = 10071; the bounds cost 2 · 11 = 22. After 9 iterations: 22 + 9 · 10071 =
        // 90661; the 10th reaches 90661 + 50 + 11 + 10010 = 100732 > 100000 at its x + 1, so x
        // keeps 9 added ones.
        let session = Session()
        session.workLimit = 100_000
        try run(session, "x = zeros(100, 100)")
        let error = try #require(failure("for i in 0..<1000 {\n  x = x + 1\n}", in: session))
        #expect(error.message == "this statement does too much work (more than 100000 units: 1 per tensor entry computed, 10 per operation, 50 per loop iteration); make the tensors smaller or the loops shorter")
        #expect(error.location == SourceLocation(file: "t", line: 2, column: 9))
        let x = try #require(session.value(of: "x"))
        #expect(x.shape == [100, 100] && x.data.allSatisfy { $0 == 9 })
        // The budget is per statement: the next one runs.
        #expect(try value("sum(x)", in: session).data == [90_000])
    }

    @Test func backwardInALoopCountsAsWork() throws {
        // L = sum(x * x) over 100 entries: backward reaches L (1 entry), x * x (100) and x (100),
        // 201 gradient entries + 3 · 10 for the operations, plus 50 for the iteration: 281; the
        // bounds cost 2 · 11 = 22. After 3 iterations 22 + 3 · 281 = 865; the 4th reaches
        // 865 + 50 + 231 = 1146 > 1000 at its backward.
        let session = Session()
        try run(session, "x = ones(100)\nL = sum(x * x)")
        session.workLimit = 1_000
        let error = try #require(failure("for i in 0..<1000000 {\n  backward L\n}", in: session))
        #expect(error.message == "this statement does too much work (more than 1000 units: 1 per tensor entry computed, 10 per operation, 50 per loop iteration); make the tensors smaller or the loops shorter")
        #expect(error.location == SourceLocation(file: "t", line: 2, column: 3))
    }

    // MARK: - No unbounded recursion

    @Test func aHundredThousandStepGraphRunsBackwardAndIsFreed() throws {
        // x = 0 + 1 + 1 + … built by a loop: 100000 nodes deep. Backward and freeing the
        // graph must not recurse once per node.
        let session = Session()
        try run(session, "x = 0\nfor i in 0..<100000 { x = x + 1 }")
        #expect(session.value(of: "x")?.data == [100_000])
        try run(session, "x = 0") // drops the only reference to the chain
        try run(session, "for i in 0..<100000 { x = x + 1 }\nbackward x")
        // At least the 100000 additions and the leaf x took part.
        #expect((session.lastBackward?.steps.count ?? 0) >= 100_001)
        #expect(session.gradient(of: try #require(session.value(of: "x"))) == [1])
    }

    @Test func scalarExpansionOfADeepGraphIsRefusedNotRecursed() throws {
        // :trace writes an entry out as scalar nodes, recursing once per op: 3000 additions deep
        // is over the engine's 2000.
        let session = Session()
        try run(session, "x = 0\nfor i in 0..<3000 { x = x + 1 }")
        let x = try #require(session.value(of: "x"))
        #expect(throws: AutogradError.invalidArgument(op: "expand", reason: "the graph is more than 2000 ops deep; name an intermediate value to expand from it")) {
            _ = try Expansion(of: x, flat: 0)
        }
    }
}

/// NaN and ±∞ follow IEEE 754 through the language; the cases a learner meets (log 0, division
/// by zero, a fully masked softmax row) give the stated result, and `expect` never passes on NaN.
@Suite struct NonFiniteTests {
    @Test func divisionByZeroAndLogOfZeroFollowIEEE() throws {
        #expect(try value("1 / 0").data == [.infinity])
        #expect(try value("-1 / 0").data == [-.infinity])
        #expect(try value("0 / 0").data[0].isNaN)
        #expect(try value("log(0)").data == [-.infinity])
        #expect(try value("log(-1)").data[0].isNaN)
        #expect(try value("sqrt(-1)").data[0].isNaN)
        #expect(try value("exp(1000)").data == [.infinity])
        #expect(try value("inf - inf").data[0].isNaN)
        #expect(try value("0 * inf").data[0].isNaN)
        #expect(try value("-inf < 0").data == [1])
        #expect(try value("nan == nan").data == [0])
        #expect(try value("nan != nan").data == [1])
    }

    @Test func fullyMaskedSoftmaxRowIsZerosWithZeroGradient() throws {
        // Row 0 keeps one position: softmax gives [1, 0, 0]. Row 1 is all −∞: stepgrad's stated
        // result is all zeros (PyTorch gives NaN), and no gradient flows into it.
        let session = Session()
        try run(session, "m = [[0, -inf, -inf], [-inf, -inf, -inf]]\ns = softmax(m)\nbackward sum(s * [[1, 2, 3], [4, 5, 6]])")
        #expect(session.value(of: "s")?.data == [1, 0, 0, 0, 0, 0])
        let m = try #require(session.value(of: "m"))
        // Row 0: ∂s₀/∂m = s₀(w − s·w) with s = [1, 0, 0], w = [1, 2, 3]: 1·(1 − 1) = 0, and 0 for the masked entries.
        #expect(session.gradient(of: m) == [0, 0, 0, 0, 0, 0])
    }

    @Test func infinityInASoftmaxRowGivesNaNNotACrash() throws {
        // exp(inf − inf) is NaN: the engine states a NaN row.
        let row = try value("softmax([inf, 0])")
        #expect(row.data.count == 2 && row.data.allSatisfy(\.isNaN))
    }

    @Test func expectWithNaNFailsAndSaysWhy() throws {
        let events = try run(Session(), "x = [1, nan]\nexpect x ≈ x\nexpect x == x\nexpect nan ≈ nan within 1")
        let results = events.compactMap { if case let .expect(r) = $0 { r } else { nil } }
        #expect(results.count == 3 && results.allSatisfy { !$0.passed })
        #expect(results[0].message == "1 of 2 entries differ by more than 1e-06; 1 of them nan (nan never equals anything)")
        #expect(results[1].message == "1 of 2 entries differ (exactly); 1 of them nan (nan never equals anything)")
        #expect(results[2].message == "1 of 1 entries differ by more than 1.0; 1 of them nan (nan never equals anything)")
        #expect(results[0].differences.map(\.index) == [[1]])
    }

    @Test func nonFiniteNumbersAreRefusedWhereWholeNumbersAreNeeded() throws {
        #expect(failure("for i in 0...nan { }")?.message == "the loop end must be a single whole number, got nan")
        #expect(failure("for i in 0...inf { }")?.message == "the loop end must be a single whole number, got inf")
        #expect(failure("zeros(inf)")?.message == "a size must be a whole number, got inf")
        #expect(failure("eye(3)[nan]")?.message == "an index must be a single whole number, got nan")
        #expect(failure("softmax([1, 2], axis=nan)")?.message == "axis must be a whole number, got nan")
    }
}

/// Lesson files are data: the language has no way to read or write files, run programs or use
/// the network. Only the REPL's explicit commands and the CLI's options write.
@Suite struct SafetyTests {
    /// Names a built-in with a side effect outside the session would likely carry.
    static let forbidden: Set<String> = [
        "open", "read", "write", "load", "save", "file", "files", "import", "include", "source", "exec", "eval",
        "system", "shell", "run", "spawn", "popen", "process", "env", "getenv", "setenv", "http", "url", "fetch",
        "download", "upload", "socket", "connect", "request", "curl", "print", "export", "remove", "delete", "mkdir",
    ]

    @Test func noBuiltinHasASideEffectName() {
        let names = Set(Builtins.all.map(\.name))
        #expect(names.isDisjoint(with: SafetyTests.forbidden))
        #expect(Set(Keyword.allCases.map(\.rawValue)) == ["backward", "expect", "doc", "exercise", "for", "in", "within"])
    }

    @Test func controlCharactersInALessonAreMadeVisible() {
        // ESC [2J (clear screen), BEL, DEL and the C1 CSI; tab and newline stay.
        let text = "a\u{1B}[2Jb\u{07}\tc\u{7F}\u{9B}d\n"
        #expect(LessonLoader.showingControlCharacters(text) == "a\u{241B}[2Jb\u{2407}\tc\u{2421}\u{FFFD}d\n")
    }

    @Test func fileAndProgramLookingCallsAreUnknownFunctions() throws {
        for name in ["open", "load", "system", "exec", "import"] {
            let error = try #require(failure("x = \(name)(\"/etc/passwd\")"))
            // There are no strings either: the quote is not part of the language.
            #expect(error.message.hasPrefix("expected") || error.message.hasPrefix("unknown function '\(name)'"))
        }
        #expect(failure("system(1)")?.message == "unknown function 'system'")
    }
}
