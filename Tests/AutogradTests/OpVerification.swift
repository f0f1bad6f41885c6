import Testing
@testable import Autograd

/// A leaf tensor for tests (the shapes here are always valid).
func tensor(_ shape: [Int], _ data: [Double], _ label: String) throws(AutogradError) -> Tensor {
    try Tensor(shape: shape, data: data, label: label)
}

/// |a - b| within `tolerance`, relative to the larger magnitude once that exceeds 1.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    a == b || Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(a), Swift.abs(b))
}

func expectValues(_ t: Tensor, _ expected: [Double], tolerance: Double = 1e-9,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(t.data.count == expected.count, "got \(t.data), expected \(expected)", sourceLocation: sourceLocation)
    for (got, want) in zip(t.data, expected) where !close(got, want, tolerance) {
        Issue.record("got \(t.data), expected \(expected)", sourceLocation: sourceLocation)
        return
    }
}

/// The two gradient oracles every op must pass, for `y` computed from `leaves`:
/// 1. central finite differences of Σ wₑ·yₑ (fixed non-zero weights, so every entry counts)
///    agree with the tensor backward;
/// 2. for every entry yₑ, the scalar graph of its expansion gives each leaf entry the same
///    gradient as the tensor backward of yₑ, entry by entry (and the same value).
/// Both oracles share the op's forward formula, so a NaN that formula makes (0 · −∞) would pass
/// them both: a NaN value or a NaN gradient fails here unless the caller expects NaN values.
func verifyGradients(_ y: Tensor, wrt leaves: [Tensor], allowingNaN: Bool = false,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
    if !allowingNaN {
        #expect(!y.data.contains { $0.isNaN }, "NaN in the value \(y.data)", sourceLocation: sourceLocation)
    }
    let weightData: [Double] = (0..<y.count).map { e in
        let size: Double = 0.5 + 0.25 * Double(e % 5)
        return e % 2 == 0 ? size : -size
    }
    let weights = try Tensor(shape: y.shape, data: weightData)
    let check = try (y * weights).sum().gradcheck(wrt: leaves)
    #expect(check.passes(tolerance: 1e-5), "finite differences disagree: max error \(check.maxError)", sourceLocation: sourceLocation)

    for e in 0..<y.count {
        var oneHot = [Double](repeating: 0, count: y.count)
        oneHot[e] = 1
        try (y * Tensor(shape: y.shape, data: oneHot)).sum().backward()

        let expansion = try Expansion(of: y, flat: e)
        #expect(close(expansion.value, y.data[e]) || (expansion.value.isNaN && y.data[e].isNaN),
                "entry \(e): expansion gives \(expansion.value), tensor \(y.data[e])", sourceLocation: sourceLocation)
        for leaf in leaves where !allowingNaN && (leaf.grad ?? []).contains(where: \.isNaN) {
            Issue.record("entry \(e): NaN in ∂/∂\(leaf.label ?? "?") = \(leaf.grad ?? [])", sourceLocation: sourceLocation)
        }
        expansion.root.backward()
        var scalarGrads: [ObjectIdentifier: [Double]] = [:]
        for (id, source) in expansion.leaves {
            scalarGrads[ObjectIdentifier(source.tensor), default: [Double](repeating: 0, count: source.tensor.count)][source.flat]
                += expansion.graph.grads[id]
        }
        for leaf in leaves {
            let fromScalars = scalarGrads[ObjectIdentifier(leaf)] ?? [Double](repeating: 0, count: leaf.count)
            let fromTensor = leaf.grad ?? [Double](repeating: 0, count: leaf.count)
            for i in 0..<leaf.count where !close(fromScalars[i], fromTensor[i]) {
                Issue.record("entry \(e), ∂/∂\(leaf.label ?? "?")[\(i)]: scalar graph \(fromScalars[i]), tensor backward \(fromTensor[i])",
                             sourceLocation: sourceLocation)
            }
        }
    }
}

/// The error thrown by `body`, or nil.
func thrownError(_ body: () throws(AutogradError) -> Tensor) -> AutogradError? {
    do { _ = try body(); return nil } catch { return error }
}
