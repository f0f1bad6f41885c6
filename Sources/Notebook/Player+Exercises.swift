import Display
import StepLang

/// Exercises: the value an `exercise` asks for is hidden where it is computed, and shown worked
/// out when the exercise is played.
extension Player {
    /// The exercise at `index`, if that step is one: the expression it asks for.
    public func exercise(at index: Int) -> Expr? {
        guard steps.indices.contains(index), case let .exercise(expr) = (try? steps[index].statement())?.kind else { return nil }
        return expr
    }

    /// A value a later exercise of the lesson asks for (`exercise z1`, `exercise z1[2]`) is not
    /// shown where it is computed: the exercise shows it, worked out, once the learner has
    /// answered. (A typed exercise asks about a value already on the screen.)
    func hidingExerciseAnswers(_ blocks: [TranscriptBlock], of statement: Statement) -> [TranscriptBlock] {
        guard case let .bind(name, _) = statement.kind else { return blocks }
        let asked = steps[(position + 1)...].contains { step in
            guard case let .written(written) = step, case let .exercise(expr) = written.statement.kind else { return false }
            let (base, _, gradient) = EntryTracer.target(of: expr)
            return !gradient && base.kind == .name(name)
        }
        guard asked else { return blocks }
        return blocks.map { block in
            if case .value(name, _) = block { return .note("\(name) is asked for in an exercise below: its value is shown there") }
            return block
        }
    }

    /// An exercise's answer, every entry written out (a few at most).
    func workedAnswer(_ expr: Expr) -> String {
        let tracer = EntryTracer(session: session, names: name(of:), options: TraceOptions(width: workingWidth))
        do {
            return "worked answer:\n\n" + (try tracer.traces(expr, limit: 6)).joined(separator: "\n\n")
        } catch {
            return "worked answer: cannot be written out (\(error))"
        }
    }
}
