import Autograd

extension Builtins {
    /// The pieces of networks the lessons build: softmax, masks, attention, normalisation, losses.
    static let network: [Builtin] = [
        Builtin("softmax(x, axis=-1)", "exp(x) / sum(exp(x)) along an axis (the last by default)", positional: 1...1, keywords: ["axis"]) { call throws(StepError) in
            let axis = try call.integer(keyword: "axis", default: -1)
            return try call.engine { () throws(AutogradError) in try call.arguments[0].softmax(axis: axis) }
        },
        Builtin("log_softmax(x, axis=-1)", "log(softmax(x)), computed stably", positional: 1...1, keywords: ["axis"]) { call throws(StepError) in
            let axis = try call.integer(keyword: "axis", default: -1)
            return try call.engine { () throws(AutogradError) in try call.arguments[0].logSoftmax(axis: axis) }
        },
        Builtin("causal_mask(n)", "n×n: 1 above the diagonal (a position may not look ahead), 0 elsewhere", positional: 1...1) { call throws(StepError) in
            let n = try call.integer(argument: 0, "n")
            return try call.engine { () throws(AutogradError) in
                try Shape.check([n, n], op: "causal_mask")
                return try Tensor(shape: [n, n], data: (0..<n * n).map { $0 % n > $0 / n ? 1 : 0 })
            }
        },
        Builtin("padding_mask(lengths, n)", "one row per length: 1 at positions ≥ length (padding), 0 before", positional: 2...2) { call throws(StepError) in
            let lengths = call.arguments[0]
            let n = try call.integer(argument: 1, "n")
            let shape = lengths.shape + [n]
            return try call.engine { () throws(AutogradError) in
                try Shape.check(shape, op: "padding_mask")
                var data: [Double] = []
                data.reserveCapacity(lengths.count * n)
                for length in lengths.data { for j in 0..<n { data.append(Double(j) >= length ? 1 : 0) } }
                return try Tensor(shape: shape, data: data)
            }
        },
        Builtin("attention(Q, K, V, mask=M)", "softmax(Q Kᵀ / √d + M) V, d = the last size of K; M is additive (0 or -inf)", positional: 3...3, keywords: ["mask"]) { call throws(StepError) in
            let (q, k, v) = (call.arguments[0], call.arguments[1], call.arguments[2])
            let mask = call.keyword("mask")
            return try call.engine { () throws(AutogradError) in
                let d = Double(k.shape.last ?? 1)
                var scores = try q.matmul(k.transposed()) / Tensor(scalar: d.squareRoot())
                if let mask { scores = try scores + mask }
                return try scores.softmax(axis: -1).matmul(v)
            }
        },
        Builtin("layernorm(x, gamma, beta, eps=1e-5)", "(x - mean) / √(var + eps) along the last axis, then * gamma + beta", positional: 3...3, keywords: ["eps"]) { call throws(StepError) in
            let eps = try call.number(keyword: "eps", default: 1e-5)
            let (x, gamma, beta) = (call.arguments[0], call.arguments[1], call.arguments[2])
            return try call.engine { () throws(AutogradError) in try x.layerNorm(axis: -1, eps: eps) * gamma + beta }
        },
        Builtin("mse(pred, target)", "mean((pred - target)²): the mean squared error (equal shapes)", positional: 2...2) { call throws(StepError) in
            try call.engine { () throws(AutogradError) in try Tensor.mse(call.arguments[0], call.arguments[1]) }
        },
        Builtin("cross_entropy(logits, target, axis=-1)", "-Σ target · log_softmax(logits) along axis, averaged over the other rows; target: probabilities, or class indices", positional: 2...2, keywords: ["axis"]) { call throws(StepError) in
            let axis = try call.integer(keyword: "axis", default: -1)
            return try call.engine { () throws(AutogradError) in
                try Tensor.crossEntropy(call.arguments[0], target: call.arguments[1], axis: axis)
            }
        },
    ]
}
