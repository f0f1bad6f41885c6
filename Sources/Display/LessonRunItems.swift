import StepLang

// What the plain text of `stepgrad run` (TextTranscript) and the notebooks (Transcript) both
// say about a lesson run: the same pieces in the same order, and the same sentences.

extension LessonRun {
    /// One piece of a lesson run's transcript.
    enum Item {
        /// Prose before a statement, or the lesson's closing prose.
        case prose(String)
        /// A statement that did not parse: it never ran, so it stands alone.
        case syntaxError(StepError)
        /// A statement as written; the items after it, up to the next prose, statement or
        /// syntax error, are what it gave.
        case statement(String)
        /// Why the statement did not run.
        case skipped(String)
        /// How the statement failed.
        case error(StepError)
        /// A value, verdict or note the statement produced.
        case event(Event)
    }

    /// The run in file order: each statement after its prose, with what it gave; syntax errors
    /// at their lines, before the first statement below them; the closing prose last.
    var items: [Item] {
        var items: [Item] = []
        var syntaxErrors = lesson.errors[...]
        for outcome in outcomes {
            while let error = syntaxErrors.first, error.location.line < outcome.step.location.line {
                items.append(.syntaxError(error))
                syntaxErrors = syntaxErrors.dropFirst()
            }
            if !outcome.step.prose.isEmpty { items.append(.prose(outcome.step.prose)) }
            items.append(.statement(outcome.step.text))
            if let skipped = outcome.skipped { items.append(.skipped(skipped)) }
            if let error = outcome.error { items.append(.error(error)) }
            items += outcome.events.map(Item.event)
        }
        items += syntaxErrors.map(Item.syntaxError)
        if !lesson.closingProse.isEmpty { items.append(.prose(lesson.closingProse)) }
        return items
    }

    /// The closing line: `12 expects passed, 0 failed; 3 errata in 5 doc lines; 0 errors`.
    var summary: String {
        let errorCount = errors.count
        return "\(passedCount) expects passed, \(failedCount) failed; \(errata.count) errata in \(docVerdicts.count) doc lines; \(errorCount) error\(errorCount == 1 ? "" : "s")"
    }
}

/// Sentences both transcripts print word for word.
enum TranscriptWording {
    /// `doc z1: agrees with the document`
    static func agrees(_ verdict: DocVerdict) -> String {
        "doc \(verdict.target): agrees with the document"
    }

    /// `backward L: gradients computed through 12 nodes`
    static func backward(root: String, nodes: Int) -> String {
        "backward \(root): gradients computed through \(nodes) nodes"
    }
}
