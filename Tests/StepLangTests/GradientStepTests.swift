import Autograd
import Testing
@testable import StepLang

/// `W -= lr * grad(W)`, the step of every training loop, reads grad(W) without building a tensor;
/// it must update and fail exactly as `grad(W)` evaluated on its own does.
@Suite struct GradientStepTests {
    @Test func stepsAgainstTheGradient() throws {
        let session = Session()
        try run(session, "W = [1.0, 2.0]\nL = sum(W * W)\nbackward L\nlr = 0.5\nW -= lr * grad(W)")
        // ∂ΣW²/∂W = 2W = [2, 4]; W - 0.5·[2, 4] = [0, 0]
        #expect(session.value(of: "W")?.data == [0, 0])
    }

    @Test func aVariableOutsideTheGraphHasAZeroGradient() throws {
        let session = Session()
        try run(session, "W = [1.0, 2.0]\nV = [3.0, 4.0]\nL = sum(W)\nbackward L\nV -= 0.1 * grad(V)")
        #expect(session.value(of: "V")?.data == [3, 4])
    }

    @Test func beforeAnyBackwardItIsTheSameErrorAsGrad() throws {
        let step = try #require(failure("W = [1.0]\nW -= 0.1 * grad(W)"))
        let alone = try #require(failure("W = [1.0]\ng = 0.1 * grad(W)"))
        #expect(step.message == "no gradients yet: run backward on a loss first, e.g. backward loss")
        #expect(step.message == alone.message)
        #expect(step.location == SourceLocation(file: "t", line: 2, column: 12)) // the grad call
        #expect(alone.location.column == 11)
    }
}
