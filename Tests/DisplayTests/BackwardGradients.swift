import Autograd

/// Runs backward from `root` and hands out its gradients the way the session keeps them: from
/// the pass's steps, not from the tensors.
func backwardGradients(_ root: Tensor) throws -> (Tensor) -> [Double]? {
    var gradients: [ObjectIdentifier: [Double]] = [:]
    for step in try root.backward() { gradients[ObjectIdentifier(step.node)] = step.receivedGrad }
    return { gradients[ObjectIdentifier($0)] }
}
