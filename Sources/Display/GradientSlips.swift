import Autograd
import StepLang

/// Finds the slips that reproduce a learner's wrong gradient entry, by multiplying the chain
/// rule's factors (`GradientChain`) out again with one mistake made: a factor left out, σ(z)
/// or z·(1 - z) where σ′(z) belongs, the square's factor 2 missing or doubled, cross-entropy's
/// a - y where MSE's gradient belongs, a neighbouring entry (wrong row or column, transposed)
/// or the pre-activation z for an a, a weight already updated, one term's sign flipped,
/// factors rounded before multiplying, digits swapped or misread.
public enum GradientSlips {
    /// Entry `flat` of ∂root/∂x is wrong: the learner has `yours`, which agrees within
    /// `tolerance`. `gradient` and `names` as for `TraceRenderer.gradient`.
    public static func find(
        root: Tensor, withRespectTo x: Tensor, flat: Int, yours: Double, tolerance: Double,
        gradient: (Tensor) -> [Double]?, names: (Tensor) -> String? = { _ in nil },
        learningRates: [Double] = SlipFinder.learningRates
    ) throws(DisplayError) -> SlipReport {
        guard (0..<x.count).contains(flat) else {
            throw .cannotDraw(what: "the likely slip", reason: "entry \(flat) is outside a value of shape \(Shape.describe(x.shape))")
        }
        // Written out far enough for the usual slips; deeper, the arriving gradient is one number.
        let chain = try GradientChain(root: root, target: x, flat: flat, gradient: gradient, names: names, maxTerms: 64)
        let correct = chain.value()
        let factors = chain.factors
        func with(_ changes: [Int: Double]) -> Double { chain.value(replacing: { changes[$0] }) }
        func name(_ t: Tensor) -> String? { names(t) ?? t.label }

        var candidates: [Slip] = []
        for (p, factor) in factors.enumerated() where factor.kind != .upstream {
            if factor.value != 1 { candidates.append(Slip("the factor \(factor.name) left out", with([p: 1]))) }
            switch factor.kind {
            case let .activation(op):
                guard let z = factor.input, let a = factor.output else { break }
                let letter = op == "sigmoid" ? "σ" : op
                candidates.append(Slip("\(letter)(z) = \(a) where \(factor.name) belongs", with([p: a])))
                candidates.append(Slip("z for a in \(factor.name) (computed from z = \(z))", with([p: closedForm(op, z)])))
            case .loss:
                candidates.append(Slip("the factor 2 of the square's derivative left out", with([p: factor.value / 2])))
                candidates.append(Slip("an extra factor 2 in \(factor.name)", with([p: factor.value * 2])))
                // MSE over n outputs gives 2(a - y)/n; with a sigmoid below, cross-entropy's
                // gradient at z is a - y: no σ′ and no 2/n.
                if p + 1 < factors.count, case .activation("sigmoid") = factors[p + 1].kind, let n = averagedEntries(root) {
                    candidates.append(Slip("cross-entropy's gradient a - y (no σ′) where MSE's belongs",
                                           with([p: factor.value * Double(n) / 2, p + 1: 1])))
                }
            case .entry:
                guard let (tensor, entry) = factor.source else { break }
                candidates += neighbourSlips(factor, tensor: tensor, entry: entry, name: name(tensor) ?? "x") { with([p: $0]) }
                // The pre-activation z for the activation a.
                if let op = tensor.op, SlipFinder.activations.contains(op.name), let parent = tensor.parents.first, parent.shape == tensor.shape {
                    candidates.append(Slip("\(name(parent) ?? "z") where \(factor.name) belongs", with([p: parent.data[entry]])))
                }
                // A weight already updated by the SGD step.
                if tensor.isLeaf, let g = gradient(tensor)?[entry], g != 0 {
                    for eta in learningRates {
                        candidates.append(Slip("\(factor.name) already updated (learning rate \(eta)) where the old value belongs",
                                               with([p: tensor.data[entry] - eta * g])))
                    }
                }
            case .softmax, .local, .upstream: break
            }
        }
        // One product flips as a whole; in a sum, one term may have its sign flipped.
        if chain.productCount == 1 {
            candidates.append(Slip("the sign flipped", -correct))
        } else {
            for link in 0..<chain.linkCount { candidates.append(Slip("the sign of one term flipped", chain.value(flipping: link))) }
        }
        for decimals in 1...max(1, SlipFinder.decimals(ofTolerance: tolerance)) {
            let rounded = Dictionary(uniqueKeysWithValues: factors.enumerated().map { ($0.offset, SlipFinder.rounded($0.element.value, decimals)) })
            candidates.append(Slip("each factor rounded to \(decimals) decimals before multiplying", with(rounded)))
        }
        candidates += SlipFinder.digitSlips(yours: yours, correct: correct, tolerance: tolerance)
        return SlipReport(yours: yours, correct: correct, tolerance: tolerance, candidates: candidates)
    }

    /// The activation's derivative computed from z instead of from its output a.
    private static func closedForm(_ op: String, _ z: Double) -> Double {
        switch op {
        case "sigmoid": z * (1 - z)
        case "tanh": 1 - z * z
        default: z > 0 ? 1 : 0
        }
    }

    /// The other entries of the same tensor in the factor's place: the wrong row or column,
    /// or the transposed entry.
    private static func neighbourSlips(_ factor: ChainFactor, tensor: Tensor, entry: Int, name: String, value: (Double) -> Double) -> [Slip] {
        guard tensor.count <= 64 else { return [] }
        let index = Shape.index(ofFlat: entry, in: tensor.shape)
        var slips: [Slip] = []
        for other in 0..<tensor.count where other != entry {
            let otherIndex = Shape.index(ofFlat: other, in: tensor.shape)
            let otherName = TraceRenderer.entryName(name, index: otherIndex)
            let transposed = index.count == 2 && otherIndex == [index[1], index[0]]
            let what = transposed ? "\(name) transposed (\(otherName) for \(factor.name))" : "\(otherName) where \(factor.name) belongs"
            slips.append(Slip(what, value(tensor.data[other])))
        }
        return slips
    }

    /// How many entries the loss averages over, when it is a mean (MSE's 1/n).
    private static func averagedEntries(_ root: Tensor) -> Int? {
        guard root.op?.name == "mean" else { return nil }
        return root.parents.first?.count
    }
}
