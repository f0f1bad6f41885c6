import Autograd

/// The registry of built-in functions, in the order `:help` lists them.
public enum Builtins {
    public static let all: [Builtin] = elementwise + reductions + layout + network + constructors + session

    private static let byName: [String: Builtin] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    public static func named(_ name: String) -> Builtin? { byName[name] }

    /// Built-ins of one tensor argument that apply a function to every entry.
    static let elementwise: [Builtin] = [
        unary("relu(x)", "max(0, x) for every entry") { $0.relu() },
        unary("sigmoid(x)", "1 / (1 + exp(-x)) for every entry") { $0.sigmoid() },
        unary("tanh(x)", "hyperbolic tangent of every entry") { $0.tanh() },
        unary("exp(x)", "e to the power of every entry") { $0.exp() },
        unary("log(x)", "natural logarithm of every entry") { $0.log() },
        unary("sqrt(x)", "square root of every entry") { $0.sqrt() },
        unary("abs(x)", "absolute value of every entry") { $0.abs() },
        unary("sin(x)", "sine of every entry (radians)") { $0.sin() },
        unary("cos(x)", "cosine of every entry (radians)") { $0.cos() },
    ]

    private static func unary(_ signature: String, _ help: String, _ f: @escaping @Sendable (Tensor) -> Tensor) -> Builtin {
        Builtin(signature, help, positional: 1...1) { call throws(StepError) in f(call.arguments[0]) }
    }

    static let reductions: [Builtin] = [
        reduction("sum(x, axis=)", "the sum of all entries, or along one axis") { x, axis throws(AutogradError) in
            if let axis { return try x.sum(axis: axis) }
            return x.sum()
        },
        reduction("mean(x, axis=)", "the mean of all entries, or along one axis") { x, axis throws(AutogradError) in
            if let axis { return try x.mean(axis: axis) }
            return try x.mean()
        },
        reduction("max(x, axis=)", "the largest entry, or the largest along one axis") { x, axis throws(AutogradError) in
            if let axis { return try x.max(axis: axis) }
            return try x.max()
        },
    ]

    private static func reduction(
        _ signature: String, _ help: String,
        _ f: @escaping @Sendable (Tensor, Int?) throws(AutogradError) -> Tensor
    ) -> Builtin {
        Builtin(signature, help, positional: 1...1, keywords: ["axis"]) { call throws(StepError) in
            let axis = try call.integer(keyword: "axis")
            return try call.engine { () throws(AutogradError) in try f(call.arguments[0], axis) }
        }
    }

    static let layout: [Builtin] = [
        Builtin("reshape(x, d1, d2, ...)", "the same entries in a new shape (one size may be -1)", positional: 2...Int.max) { call throws(StepError) in
            let shape = try call.dimensions(from: 1)
            return try call.engine { () throws(AutogradError) in try call.arguments[0].reshaped(shape) }
        },
        Builtin("transpose(x)", "swaps the last two axes (the same as x.T)", positional: 1...1) { call throws(StepError) in
            call.arguments[0].transposed()
        },
        Builtin("concat(a, b, ..., axis=0)", "joins tensors end to end along an existing axis", positional: 1...Int.max, keywords: ["axis"]) { call throws(StepError) in
            let axis = try call.integer(keyword: "axis", default: 0)
            return try call.engine { () throws(AutogradError) in try Tensor.concat(call.arguments, axis: axis) }
        },
        Builtin("stack(a, b, ..., axis=0)", "stacks tensors of equal shape along a new axis", positional: 1...Int.max, keywords: ["axis"]) { call throws(StepError) in
            let axis = try call.integer(keyword: "axis", default: 0)
            return try call.engine { () throws(AutogradError) in try Tensor.stack(call.arguments, axis: axis) }
        },
        Builtin("matmul(a, b)", "the matrix product a @ b", positional: 2...2) { call throws(StepError) in
            try call.engine { () throws(AutogradError) in try call.arguments[0].matmul(call.arguments[1]) }
        },
        Builtin("where(cond, a, b)", "a where cond is non-zero, b elsewhere (broadcasting)", positional: 3...3) { call throws(StepError) in
            let a = call.arguments
            return try call.engine { () throws(AutogradError) in try Tensor.where(a[0], a[1], a[2]) }
        },
        Builtin("masked_fill(x, mask, value)", "x with value wherever mask is non-zero", positional: 3...3) { call throws(StepError) in
            let a = call.arguments
            guard a[2].count == 1 else {
                throw call.error("the fill value must be a single number, got shape \(Shape.describe(a[2].shape))", at: call.argumentExprs[2].location)
            }
            return try call.engine { () throws(AutogradError) in try a[0].maskedFill(mask: a[1], value: a[2]) }
        },
        Builtin("detach(x)", "x's entries as a new constant: gradients do not flow back through it", positional: 1...1) { call throws(StepError) in
            let x = call.arguments[0]
            return try call.engine { () throws(AutogradError) in try Tensor(shape: x.shape, data: x.data) }
        },
        Builtin("shape(x)", "the sizes of x's axes, as a vector", positional: 1...1) { call throws(StepError) in
            shapeTensor(call.arguments[0])
        },
    ]

    /// A tensor's shape as a vector of sizes (`x.shape`, `shape(x)`).
    static func shapeTensor(_ x: Tensor) -> Tensor {
        // A shape of (rank,) always holds rank entries.
        (try? Tensor(shape: [x.rank], data: x.shape.map(Double.init))) ?? Tensor(scalar: .nan)
    }

    static let session: [Builtin] = [
        Builtin("grad(x)", "the gradient of the last backward's root with respect to x (same as x.grad)", positional: 1...1) { call throws(StepError) in
            try call.context.gradient(of: call.arguments[0], isVariable: call.argumentExprs[0].isName) { call.error($0, at: call.location) }
        },
        picture(.heatmap, "draws x as a colour heatmap (a statement on its own line)"),
        picture(.network, "draws the layers that made x (W @ a + b, then an activation): neurons with their values, edges with their weights, gradients after backward (a statement on its own line)"),
    ]

    /// A picture's name as a function: it has no value, only the statement draws it.
    private static func picture(_ picture: Picture, _ help: String) -> Builtin {
        Builtin("\(picture.rawValue)(x)", help, positional: 1...1) { call throws(StepError) in
            throw call.error("\(picture.rawValue)(x) draws a picture and has no value; write it as a statement on its own line", at: call.location)
        }
    }
}
