import Autograd

extension Builtins {
    /// New tensors from sizes: constants, ranges, identity, seeded random numbers.
    static let constructors: [Builtin] = [
        Builtin("zeros(d1, d2, ...)", "a tensor of zeros with the given sizes", positional: 0...Int.max) { call throws(StepError) in
            let shape = try call.dimensions(from: 0)
            return try call.engine { () throws(AutogradError) in try Tensor.zeros(shape) }
        },
        Builtin("ones(d1, d2, ...)", "a tensor of ones with the given sizes", positional: 0...Int.max) { call throws(StepError) in
            let shape = try call.dimensions(from: 0)
            return try call.engine { () throws(AutogradError) in try Tensor.ones(shape) }
        },
        Builtin("full(value, d1, d2, ...)", "a tensor with every entry equal to value", positional: 1...Int.max) { call throws(StepError) in
            guard let value = call.arguments[0].scalarValue else {
                throw call.error("the fill value must be a single number", at: call.argumentExprs[0].location)
            }
            let shape = try call.dimensions(from: 1)
            return try call.engine { () throws(AutogradError) in try Tensor.full(shape, value: value) }
        },
        Builtin("eye(n)", "the n×n identity matrix", positional: 1...1) { call throws(StepError) in
            let n = try call.integer(argument: 0, "n")
            return try call.engine { () throws(AutogradError) in try Tensor.eye(n) }
        },
        Builtin("arange(n) / arange(a, b)", "0, 1, ..., n-1 (or a, a+1, ..., b-1) as a vector", positional: 1...2) { call throws(StepError) in
            var bounds: [Double] = []
            for (i, t) in call.arguments.enumerated() {
                guard let x = t.scalarValue else {
                    throw call.error("arange takes single numbers, got shape \(Shape.describe(t.shape))", at: call.argumentExprs[i].location)
                }
                bounds.append(x)
            }
            let (start, stop) = bounds.count == 1 ? (0, bounds[0]) : (bounds[0], bounds[1])
            return try call.engine { () throws(AutogradError) in try Tensor.arange(start, stop) }
        },
        Builtin("randn(d1, d2, ..., seed=S)", "standard normal random numbers; the same seed gives the same numbers (at the prompt the seed may be left out)", positional: 0...Int.max, keywords: ["seed"]) { call throws(StepError) in
            let shape = try call.dimensions(from: 0)
            let seed: Int
            if let given = try call.integer(keyword: "seed") { seed = given } else { seed = try drawnSeed(call) }
            return try call.engine { () throws(AutogradError) in try Tensor.randn(shape, seed: seed) }
        },
    ]

    /// A seed for `randn` without one: drawn at the prompt and printed with the call that gives
    /// the same numbers again; in a lesson an error, since a lesson must give the same numbers every run.
    private static func drawnSeed(_ call: BuiltinCall) throws(StepError) -> Int {
        guard call.context.typedAtPrompt else {
            throw call.error("randn needs an explicit seed so a lesson gives the same numbers every time, e.g. randn(3, 4, seed=7)", at: call.location)
        }
        let seed = call.context.drawSeed()
        let seedArgument = KeywordArgument(name: "seed", value: Expr(.number(Double(seed), text: "\(seed)"), at: call.location), location: call.location)
        let replay = Expr(.call("randn", arguments: call.argumentExprs, keywords: [seedArgument]), at: call.location)
        call.context.note("randn drew seed=\(seed); \(replay) gives these numbers again")
        return seed
    }
}
