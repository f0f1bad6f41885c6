import Testing
@testable import Autograd

@Suite struct DeepGraphTests {
    /// A chain of 1,000,000 cheap nodes on a 0-d tensor: backward visits it without recursion, and
    /// releasing it does not recurse through a million deinits either.
    @Test func millionNodeChain() throws {
        let x = Tensor(scalar: 1, label: "x")
        var y = x
        for _ in 0..<1_000_000 { y = -y }
        // (-1)^1,000,000 · x = x, so y = 1 and ∂y/∂x = 1.
        #expect(y.data == [1])
        let steps = try y.backward()
        #expect(steps.count == 1_000_001)
        #expect(x.grad == [1])
        y = x // drops the only reference to the chain's end
        #expect(y.data == [1])
    }

    /// Expansions too big to read are refused with an error, not built: a sum of 300,000 leaf
    /// entries (over the 200,000-node limit), and a chain deeper than the recursion bound.
    @Test func oversizedExpansionsAreRefused() throws {
        let wide = try Tensor.zeros([300_000], label: "x").sum()
        let error = thrownError { () throws(AutogradError) in _ = try Expansion(of: wide, flat: 0); return wide }
        #expect(error == .invalidArgument(op: "expand", reason: "the scalar expansion would exceed 200000 nodes"))
        var deep = Tensor(scalar: 1, label: "x")
        for _ in 0..<3_000 { deep = -deep }
        let chain = deep
        #expect(thrownError { () throws(AutogradError) in _ = try Expansion(of: chain, flat: 0); return chain } != nil)
    }
}
