import Testing
@testable import Autograd

/// The op verification of OpVerification.swift over the inputs that hid issue 15's bugs: −∞
/// entries from a mask, a fill value that is a variable, bases of exactly 0. Each op here must give
/// a finite value and agree with finite differences and with its scalar expansion.
@Suite struct EdgeInputTests {
    /// 2×3 scores with one masked entry per row (never a whole row).
    func maskedScores() throws -> (x: Tensor, masked: Tensor) {
        let x = try tensor([2, 3], [0.3, -1.2, 0.8, 1.5, 0.1, -0.4], "x")
        return (x, try x.maskedFill(mask: try tensor([2, 3], [0, 1, 0, 1, 0, 0], "M"), value: -.infinity))
    }

    @Test func softmaxFamilyWithMaskedEntries() throws {
        let (x, masked) = try maskedScores()
        try verifyGradients(try masked.softmax(), wrt: [x])
        try verifyGradients(try masked.softmax(axis: 0), wrt: [x]) // column 0 keeps row 0's entry
        // log_softmax is −∞ at the masked entries themselves; what is read from it must not be.
        try verifyGradients(try masked.logSoftmax().index([.all, .at(2)]), wrt: [x])
        try verifyGradients(try Tensor.crossEntropy(masked, target: try tensor([2], [0, 2], "y")), wrt: [x])
        try verifyGradients(try Tensor.crossEntropy(masked.transposed(), target: try tensor([2], [2, 1], "y"), axis: 0), wrt: [x])
        try verifyGradients(try masked.max(axis: 1), wrt: [x])
    }

    @Test func maskedFillAndWhereWithVariableValues() throws {
        let (x, _) = try maskedScores()
        let v = Tensor(scalar: -0.7, label: "v"), row = try tensor([3], [0.2, 0.4, -0.6], "row")
        let mask = try tensor([3], [1, 0, 1], "M")
        try verifyGradients(try x.maskedFill(mask: mask, value: v), wrt: [x, v])
        try verifyGradients(try x.maskedFill(mask: mask, value: v).softmax(), wrt: [x, v])
        try verifyGradients(try Tensor.where(mask, v, x), wrt: [x, v])
        try verifyGradients(try Tensor.where(try tensor([2, 1], [1, 0], "c"), row, v), wrt: [row, v])
    }

    @Test func powersOfZeroBases() throws {
        let base = try tensor([3], [0, 0.5, 0], "b")
        for k in [1.0, 2, 3] { try verifyGradients(try base ^ Tensor(scalar: k), wrt: [base]) }
        let exponent = try tensor([3], [1, 2, 3], "e")
        try verifyGradients(try base ^ exponent, wrt: [base, exponent])
    }
}
