import Testing
@testable import Autograd

@Suite struct ScalarGraphTests {
    @Test func productRuleByHand() {
        // y = a·b + a with a = 2, b = -3: y = -6 + 2 = -4; ∂y/∂a = b + 1 = -2; ∂y/∂b = a = 2.
        let g = ScalarGraph()
        let a = g.leaf(2, label: "a"), b = g.leaf(-3, label: "b")
        let y = a * b + a
        y.backward()
        #expect(y.value == -4)
        #expect(a.grad == -2)
        #expect(b.grad == 2)
    }
}
