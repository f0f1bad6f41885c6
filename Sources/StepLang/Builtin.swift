import Autograd

/// A built-in function: its name, how it is called, one line of help, and what it does.
/// The REPL's `:help NAME` and Tab completion read `Builtins.all`.
public struct Builtin: Sendable {
    public let name: String
    /// How it is called, e.g. `softmax(x, axis=-1)`.
    public let signature: String
    /// One line: what it computes.
    public let help: String
    /// How many positional arguments it takes.
    public let positional: ClosedRange<Int>
    /// The keyword arguments it accepts.
    public let keywords: [String]
    let body: @Sendable (BuiltinCall) throws(StepError) -> Tensor

    init(_ signature: String, _ help: String, positional: ClosedRange<Int>, keywords: [String] = [],
         _ body: @escaping @Sendable (BuiltinCall) throws(StepError) -> Tensor) {
        self.name = String(signature.prefix { $0 != "(" })
        self.signature = signature
        self.help = help
        self.positional = positional
        self.keywords = keywords
        self.body = body
    }

    /// Checks the argument counts and keywords, then runs.
    func call(_ call: BuiltinCall) throws(StepError) -> Tensor {
        if let unknown = call.keywordLocations.first(where: { !keywords.contains($0.key) }) {
            let accepted = keywords.isEmpty ? "it takes no keyword arguments" : "it takes " + keywords.map { "\($0)=" }.joined(separator: ", ")
            throw call.error("\(name) has no argument named '\(unknown.key)'; \(accepted)", at: unknown.value)
        }
        guard positional.contains(call.arguments.count) else {
            let count = positional.lowerBound == positional.upperBound ? "\(positional.lowerBound)"
                : positional.upperBound == Int.max ? "at least \(positional.lowerBound)"
                : "\(positional.lowerBound) to \(positional.upperBound)"
            throw call.error("\(name) takes \(count) positional argument\(count == "1" ? "" : "s"), got \(call.arguments.count); usage: \(signature)", at: call.location)
        }
        return try body(call)
    }
}

/// What the session can do for a built-in that needs more than its arguments (`grad`).
protocol BuiltinContext: AnyObject {
    /// The gradient of `tensor` from the last backward; `isVariable` says whether the argument
    /// was written as a plain name.
    func gradient(of tensor: Tensor, isVariable: Bool, fail: (String) -> StepError) throws(StepError) -> Tensor
    /// Whether the statement was typed at the prompt: `randn` may draw its own seed.
    var typedAtPrompt: Bool { get }
    /// A line for the user about this call (the seed randn drew).
    func note(_ text: String)
    /// The next seed for `randn` without one.
    func drawSeed() -> Int
}

/// One call of a built-in: the evaluated arguments, where each was written, and helpers that
/// turn tensors into the whole numbers some arguments need, with errors pointing at them.
struct BuiltinCall {
    let location: SourceLocation
    let arguments: [Tensor]
    let argumentExprs: [Expr]
    let keywordValues: [String: Tensor]
    let keywordLocations: [String: SourceLocation]
    let source: SourceText?
    unowned let context: any BuiltinContext

    func error(_ message: String, at location: SourceLocation) -> StepError {
        StepError(message, at: location, in: source)
    }

    /// Runs engine code, turning its errors into errors at this call.
    func engine<T>(_ body: () throws(AutogradError) -> T) throws(StepError) -> T {
        do { return try body() } catch { throw self.error(error.description, at: location) }
    }

    func keyword(_ key: String) -> Tensor? { keywordValues[key] }

    /// A whole number from a one-entry tensor (an axis, a size, a seed).
    func integer(_ t: Tensor, _ what: String, at location: SourceLocation) throws(StepError) -> Int {
        guard let x = t.scalarValue else {
            throw error("\(what) must be a single number, got shape \(Shape.describe(t.shape))", at: location)
        }
        return try integer(x, what, at: location)
    }

    /// A whole number from one entry (a size in `zeros(shape(x))`).
    private func integer(_ x: Double, _ what: String, at location: SourceLocation) throws(StepError) -> Int {
        guard let n = x.wholeNumber else {
            throw error("\(what) must be a whole number, got \(x)", at: location)
        }
        return n
    }

    func integer(argument i: Int, _ what: String) throws(StepError) -> Int {
        try integer(arguments[i], what, at: argumentExprs[i].location)
    }

    /// A whole-number keyword argument (`axis=`, `seed=`); nil when it is not given.
    func integer(keyword key: String) throws(StepError) -> Int? {
        guard let t = keywordValues[key] else { return nil }
        return try integer(t, key, at: keywordLocations[key] ?? location)
    }

    func integer(keyword key: String, default value: Int) throws(StepError) -> Int {
        try integer(keyword: key) ?? value
    }

    /// A number from a one-entry keyword argument (eps=...).
    func number(keyword key: String, default value: Double) throws(StepError) -> Double {
        guard let t = keywordValues[key] else { return value }
        guard let x = t.scalarValue else {
            throw error("\(key) must be a single number, got shape \(Shape.describe(t.shape))", at: keywordLocations[key] ?? location)
        }
        return x
    }

    /// Sizes from the positional arguments starting at `first` (`zeros(2, 3)`); a single
    /// vector argument counts as the whole shape (`zeros(shape(x))`).
    func dimensions(from first: Int) throws(StepError) -> [Int] {
        if arguments.count == first + 1, arguments[first].rank == 1 {
            let at = argumentExprs[first].location
            return try arguments[first].data.map { (x: Double) throws(StepError) -> Int in try integer(x, "a size", at: at) }
        }
        var sizes: [Int] = []
        for i in first..<arguments.count { sizes.append(try integer(argument: i, "a size")) }
        return sizes
    }
}
