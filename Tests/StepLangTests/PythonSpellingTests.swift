import Testing
@testable import StepLang

/// NumPy and PyTorch spellings are answered with the exact stepgrad spelling; nothing runs.
@Suite struct PythonSpellingTests {
    @Test(arguments: [
        ("x**2", "did you mean x^2? (stepgrad writes powers with ^, not **)"),
        ("x ** -1", "did you mean x^-1? (stepgrad writes powers with ^, not **)"),
        ("2 * x**(1 + 1)", "did you mean x^(1 + 1)? (stepgrad writes powers with ^, not **)"),
        ("print(x)", "unknown function 'print'; did you mean x? (a value on a line of its own is shown)"),
        ("x.sum(axis=0)", "did you mean sum(x, axis=0)? (stepgrad calls a function with the value as its first argument)"),
        ("x.reshape(2, 1)", "did you mean reshape(x, 2, 1)? (stepgrad calls a function with the value as its first argument)"),
        ("np.exp(x)", "did you mean exp(x)? (stepgrad's functions need no np. in front)"),
        ("torch.softmax(x, axis=0)", "did you mean softmax(x, axis=0)? (stepgrad's functions need no torch. in front)"),
        ("np.array([[1, 2]])", "did you mean [[1, 2]]? (a list is already a tensor)"),
        ("np.dot(x, x)", "did you mean x @ x?"),
        ("x.dot(x)", "did you mean x @ x?"),
        ("np.linspace(0, 1, 5)", "stepgrad has no np.linspace; :help lists its functions"),
        ("x.item()", "a value has no method .item(...); stepgrad calls a function with the value as its first argument, e.g. sum(x); :help lists them"),
        ("len(x)", "unknown function 'len'; did you mean shape(x)[0]? (the size of the first axis)"),
        ("zeros((2, 2))", "did you mean zeros(2, 2)? (separate arguments, not a Python tuple)"),
        ("np.zeros((2, 3))", "did you mean zeros(2, 3)? (stepgrad's functions need no np. in front)"),
        ("randn((2, 2), seed=1)", "did you mean randn(2, 2, seed=1)? (separate arguments, not a Python tuple)"),
        // NumPy's full(shape, value) takes the value first in stepgrad.
        ("full((2, 2), 0.5)", "did you mean full(0.5, 2, 2)? (separate arguments, not a Python tuple)"),
        ("concat((1, 2), (3,))", "did you mean concat(1, 2, 3)? (separate arguments, not a Python tuple)"),
        ("(1, 2) + x", "(…, …) is a Python tuple; did you mean [1, 2]? (stepgrad writes a vector with brackets)"),
        ("L.backward()", "did you mean backward L? (backward is a statement of its own)"),
    ])
    func answeredWithTheStepgradSpelling(typed: String, message: String) throws {
        let session = Session()
        try run(session, "x = [1, 2]\nL = sum(x)")
        let error = try #require(failure(typed, in: session))
        #expect(error.message == message)
    }

    @Test func theSuggestionsMeanWhatWasTyped() throws {
        // Each suggested spelling runs and gives what NumPy gives for the typed one, by hand:
        // x = [1, 2]: x**2 = [1, 4]; x.sum(axis=0) = 3; len(x) = 2; zeros((2, 2)) has shape (2, 2).
        let session = Session()
        try run(session, "x = [1, 2]")
        #expect(try value("x^2", in: session).data == [1, 4])
        #expect(try value("sum(x, axis=0)", in: session).data == [3])
        #expect(try value("shape(x)[0]", in: session).data == [2])
        #expect(try value("zeros(2, 2)", in: session).shape == [2, 2])
        #expect(try value("full(0.5, 2, 2)", in: session).data == [0.5, 0.5, 0.5, 0.5])
    }

    @Test func aTupleErrorPointsAtItsParenthesis() throws {
        let error = try #require(Parser.parse("y = zeros((2, 2))").errors.first)
        #expect(error.location.column == 5)
        let tuple = try #require(Parser.parse("y = 1 + (1, 2)").errors.first)
        #expect(tuple.location.column == 9)
    }
}
