/// What NumPy and PyTorch habits mean in stepgrad: `x.sum(axis=0)`, `np.exp(x)`, `len(x)`,
/// `print(x)`, `zeros((2, 2))`, `L.backward()` are answered with the exact stepgrad spelling of
/// what was typed (`did you mean sum(x, axis=0)?`). Each is an error: stepgrad has one spelling
/// for each thing, and the lessons use it.
enum PythonSpellings {
    /// Names that stand for a module in `np.exp(x)`: the call means the function itself.
    static let modules: Set<String> = ["np", "numpy", "torch", "math", "F", "np.random", "numpy.random", "torch.nn.functional"]

    /// `x**2` is written `x^2` (tight, as it was typed; the base is a postfix expression).
    static func power(_ base: Expr, _ exponent: Expr) -> String {
        let right = if case .binary = exponent.kind { "(\(exponent))" } else { exponent.description }
        return "did you mean \(base)^\(right)? (stepgrad writes powers with ^, not **)"
    }

    /// `receiver.method(arguments)`: a module's function (`np.exp(x)`) or a method (`x.sum()`).
    static func methodCall(_ receiver: Expr, _ method: String, _ arguments: [Expr], _ keywords: [KeywordArgument],
                           at location: SourceLocation) -> String {
        if modules.contains(receiver.description) {
            if let spelled = function(method, arguments, keywords, at: location) { return spelled }
            guard Builtins.named(method) != nil else {
                return "stepgrad has no \(receiver).\(method); :help lists its functions"
            }
            return "did you mean \(Expr(.call(method, arguments: arguments, keywords: keywords), at: location))? (stepgrad's functions need no \(receiver). in front)"
        }
        if method == "backward", arguments.isEmpty, keywords.isEmpty {
            return "did you mean backward \(receiver)? (backward is a statement of its own)"
        }
        if method == "dot" || method == "matmul", arguments.count == 1, keywords.isEmpty {
            return "did you mean \(Expr(.binary(.matmul, receiver, arguments[0]), at: location))?"
        }
        guard Builtins.named(method) != nil else {
            return "a value has no method .\(method)(...); stepgrad calls a function with the value as its first argument, e.g. sum(\(receiver)); :help lists them"
        }
        let call = Expr(.call(method, arguments: [receiver] + arguments, keywords: keywords), at: location)
        return "did you mean \(call)? (stepgrad calls a function with the value as its first argument)"
    }

    /// A Python function stepgrad spells another way (`print(x)`, `len(x)`, `np.array(...)`,
    /// `dot(a, b)`); nil for any other name.
    static func function(_ name: String, _ arguments: [Expr], _ keywords: [KeywordArgument], at location: SourceLocation) -> String? {
        guard keywords.isEmpty || ["array", "asarray", "tensor"].contains(name) else { return nil }
        switch (name, arguments.count) {
        case ("print", 1):
            return "did you mean \(arguments[0])? (a value on a line of its own is shown)"
        case ("len", 1):
            let shape = Expr(.call("shape", arguments: arguments, keywords: []), at: location)
            return "did you mean \(Expr(.index(shape, [.at(Expr(.number(0, text: "0"), at: location))]), at: location))? (the size of the first axis)"
        case ("array", 1), ("asarray", 1), ("tensor", 1):
            return "did you mean \(arguments[0])? (a list is already a tensor)"
        case ("dot", 2):
            return "did you mean \(Expr(.binary(.matmul, arguments[0], arguments[1]), at: location))?"
        default:
            return nil
        }
    }

    /// The arguments with a Python shape tuple spliced in as separate sizes: `zeros((2, 2))` is
    /// `zeros(2, 2)`. NumPy's `full(shape, value)` takes the value first in stepgrad.
    static func splicingTuple(at index: Int, of name: String, in arguments: [Expr]) -> [Expr] {
        guard case let .list(sizes) = arguments[index].kind else { return arguments }
        if name == "full", index == 0, arguments.count == 2 { return [arguments[1]] + sizes }
        return Array(arguments[..<index]) + sizes + Array(arguments[(index + 1)...])
    }

    /// `zeros((2, 2))`: the call as stepgrad spells it.
    static func tupleArgument(_ name: String, _ arguments: [Expr], _ keywords: [KeywordArgument], at location: SourceLocation) -> String {
        "did you mean \(Expr(.call(name, arguments: arguments, keywords: keywords), at: location))? (separate arguments, not a Python tuple)"
    }

    /// A tuple anywhere else: `(1, 2)` is the vector `[1, 2]`.
    static func tuple(_ items: [Expr], at location: SourceLocation) -> String {
        "(…, …) is a Python tuple; did you mean \(Expr(.list(items), at: location))? (stepgrad writes a vector with brackets)"
    }
}
