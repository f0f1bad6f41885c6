// The limits each libFuzzer target runs its inputs under; `.ci/fuzz` compiles this file with the
// target's harness.
import Autograd
import StepLang

/// Limits small enough that a finding is a real bug (a crash, trap, hang or runaway allocation),
/// never a legitimately big computation.
struct FuzzLimits {
    /// Entries one tensor may hold (a global limit of the engine).
    let elements: Int
    let loopIterations: Int
    /// Work units per statement (Session.workLimit).
    let work: Int

    /// Microseconds per input: the lexer, parser, lesson loader and interpreter alone.
    static let lean = FuzzLimits(elements: 256, loopIterations: 20, work: 5_000)
    /// Milliseconds per input: room for transcripts and graphs worth rendering.
    static let transcript = FuzzLimits(elements: 4_096, loopIterations: 200, work: 100_000)

    /// A fresh session under these limits.
    func session() -> Session {
        let session = Session()
        apply(to: session)
        return session
    }

    /// Puts `session` (a player's) under these limits (the element limit is set again: one atomic store).
    func apply(to session: Session) {
        Shape.elementLimit.store(elements, ordering: .relaxed)
        session.loopIterationLimit = loopIterations
        session.workLimit = work
    }
}
