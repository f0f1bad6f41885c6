/// What made a tensor: the op's name, the formula it computes, its local backward rule in
/// words, and the three functions that compute, differentiate and expand it.
///
/// Each op file builds one of these with its forward and backward side by side, the way
/// micrograd's `Value.__mul__` defines `_backward` next to the product.
public struct TensorOp {
    /// Short name: `matmul`, `add`, `softmax`.
    public let name: String
    /// The forward computation as a learner would write it: `C = A @ B`.
    public let formula: String
    /// The local backward rule: `∂A += ∂C @ Bᵀ;  ∂B += Aᵀ @ ∂C`.
    public let rule: String
    /// Recomputes the output entries from the (possibly changed) inputs.
    let forward: (_ inputs: [Tensor]) -> [Double]
    /// Adds ∂root/∂input into each input's gradient, given the output (with its `grad` set).
    let backward: (_ output: Tensor, _ inputs: [Tensor]) -> Void
    /// Builds the scalar graph for one output entry (flat position) from scalar nodes for the
    /// input entries that `input(inputNumber, flatPosition)` hands out.
    let expand: (_ entry: Int, _ graph: ScalarGraph, _ input: (Int, Int) throws(AutogradError) -> Scalar) throws(AutogradError) -> Scalar

    public init(
        name: String, formula: String, rule: String,
        forward: @escaping (_ inputs: [Tensor]) -> [Double],
        backward: @escaping (_ output: Tensor, _ inputs: [Tensor]) -> Void,
        expand: @escaping (_ entry: Int, _ graph: ScalarGraph, _ input: (Int, Int) throws(AutogradError) -> Scalar) throws(AutogradError) -> Scalar
    ) {
        self.name = name
        self.formula = formula
        self.rule = rule
        self.forward = forward
        self.backward = backward
        self.expand = expand
    }
}

extension Tensor {
    /// Runs an op's forward on its inputs and records it in the graph. The caller has already
    /// checked the inputs' shapes and worked out `shape`.
    static func make(shape: [Int], inputs: [Tensor], op: TensorOp) -> Tensor {
        Tensor(shape: shape, data: op.forward(inputs), op: op, parents: inputs)
    }
}
