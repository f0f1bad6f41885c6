/// The networks the hand-check tests work on, as a learner types them.
enum HandCheckNetworks {
    /// The MLP lesson's 3-4-2 network (lessons/02-mlp-3-4-2.md, from /work/shared/seeds/002, "示例:前向传播的矩阵操作"), forward to z2.
    static let mlp342 = """
        W1 = [[0.2, 0.4, 0.6], [0.5, 0.1, 0.3], [0.8, 0.7, 0.9], [0.3, 0.5, 0.7]]
        b1 = [0.1, 0.2, 0.3, 0.4]
        a0 = [1, 0.5, 0.3]
        z1 = W1 @ a0 + b1
        a1 = relu(z1)
        W2 = [[0.3, 0.5, 0.7, 0.9], [0.2, 0.4, 0.6, 0.8]]
        b2 = [0.1, 0.2]
        z2 = W2 @ a1 + b2
        """

    /// 2-2-1 sigmoid + MSE, after backward. PyTorch (Tests/Fixtures/generate_slips.py):
    /// z1 = [0.3, 0.6], a1 = [0.57444252, 0.64565631], z2 = 0.87461504, a2 = 0.70570508,
    /// ∂L/∂a2 = 2(a2 - 1) = -0.58858983, σ′(z2) = a2(1 - a2) = 0.20768542,
    /// grad(W2) = [[-0.07022073, -0.07892601]], grad(W1)[1,0] = -0.01678016.
    static let twoTwoOne = """
        x = [1, 0.5]
        W1 = [[0.1, 0.2], [0.3, 0.4]]
        b1 = [0.1, 0.1]
        W2 = [[0.5, 0.6]]
        b2 = [0.2]
        y = [1]
        z1 = W1 @ x + b1
        a1 = sigmoid(z1)
        z2 = W2 @ a1 + b2
        a2 = sigmoid(z2)
        L = mse(a2, y)
        backward L
        """
}

/// One deliberate slip (or a number no slip explains, with `named` empty): entry `flat` of
/// `checked` (a defining expression, or for gradients the variable) typed as `yours`.
struct PlantedSlip: Sendable, CustomStringConvertible {
    let network: String
    let checked: String
    let flat: Int
    let yours: Double
    let tolerance: Double
    /// A part of the slip's description the finder must give.
    let named: String
    var description: String { "\(checked)[\(flat)] = \(yours): \(named)" }
}
