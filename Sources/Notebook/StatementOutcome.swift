import StepLang

/// What one statement gave: its events, or the error it stopped with, or why it did not run.
public struct StatementOutcome {
    public let step: LessonStep
    public let events: [Event]
    public let error: StepError?
    /// Why the statement did not run, when an earlier failure blocked it.
    public let skipped: String?

    var failed: Bool { error != nil || skipped != nil }

    /// The outcome as a long session keeps it: only what `stepgrad test` counts — its checks,
    /// its error, why it was skipped — and nil when it has none (its values are in the transcript).
    var counted: StatementOutcome? {
        let checks = events.filter { event in
            if case .expect = event { true } else if case .doc = event { true } else { false }
        }
        guard !checks.isEmpty || failed else { return nil }
        return StatementOutcome(step: step, events: checks, error: error, skipped: skipped)
    }
}
