import Autograd
import StepLang

/// The likely slip behind one wrong entry of a check, whatever was checked: a value (`z1`,
/// found by re-evaluating its definition with one mistake, `SlipFinder`) or a gradient
/// (`grad(W1)`, `W1.grad`, found from the chain rule's factors, `GradientSlips`).
public enum LikelySlips {
    /// `definition` is the expression that defined the checked value (the right side of its
    /// statement); without one, the checked expression itself is varied. A gradient's root is
    /// the session's last backward. `names` names the session's variables.
    public static func find(
        session: Session, checked: Expr, definition: Expr?, flat: Int, yours: Double, tolerance: Double,
        names: (Tensor) -> String? = { _ in nil }
    ) throws(DisplayError) -> SlipReport {
        guard let variable = gradientVariable(of: checked) else {
            do {
                return try SlipFinder.forward(session: session, definition: definition ?? checked, flat: flat, yours: yours, tolerance: tolerance)
            } catch {
                throw .cannotDraw(what: "the likely slip in \(checked)", reason: error.message)
            }
        }
        guard let root = session.lastBackward?.root else {
            throw .cannotDraw(what: "the likely slip in \(checked)", reason: "no gradients yet: run backward on a loss first")
        }
        let x: Tensor
        do { x = try session.evaluate(variable) } catch { throw .cannotDraw(what: "the likely slip in \(checked)", reason: error.message) }
        return try GradientSlips.find(root: root, withRespectTo: x, flat: flat, yours: yours, tolerance: tolerance,
                                      gradient: session.gradient(of:), names: names)
    }

    /// `W1` in `grad(W1)` or `W1.grad`; nil for anything else.
    static func gradientVariable(of expr: Expr) -> Expr? {
        switch expr.kind {
        case let .call("grad", arguments, keywords) where arguments.count == 1 && keywords.isEmpty: arguments[0]
        case let .member(inner, "grad"): inner
        default: nil
        }
    }
}
