import Display
import StepLang

/// One thing the player showed — a statement played, a node of a backward walk, a rerun, a
/// command's result — as transcript blocks, which every renderer draws the same way.
public struct PlayedEntry {
    public let blocks: [TranscriptBlock]
    /// For a statement: what it gave (what `stepgrad test` counts).
    public let outcome: StatementOutcome?
    /// How many undo points stood when it was recorded: undoing below that drops it.
    let depth: Int
    /// Made by a move (a statement, a backward node), not by a command looking at values.
    let isMove: Bool
}

/// What one statement gave: its events, or the error it stopped with, or why it did not run.
public struct StatementOutcome {
    public let step: LessonStep
    public let events: [Event]
    public let error: StepError?
    /// Why the statement did not run, when an earlier failure blocked it.
    public let skipped: String?

    var failed: Bool { error != nil || skipped != nil }

    /// The outcome as the transcript keeps it: values without the graphs behind them, a backward
    /// pass without its nodes (the walk has them while it lasts).
    var withoutGraphs: StatementOutcome {
        let light = events.map { event -> Event in
            switch event {
            case let .bound(name, value): .bound(name: name, value: Player.detached(value))
            case let .updated(name, value): .updated(name: name, value: Player.detached(value))
            case let .shown(text, value): .shown(text: text, value: Player.detached(value))
            case let .picture(picture, text, value): .picture(picture, text: text, value: Player.detached(value))
            case let .exercise(text, value): .exercise(text: text, value: Player.detached(value))
            case let .backward(root, _): .backward(root: root, steps: [])
            case .expect, .doc, .note: event
            }
        }
        return StatementOutcome(step: step, events: light, error: error, skipped: skipped)
    }
}

/// Why the player could not do what it was asked; nothing changed.
public struct PlayerError: Error, CustomStringConvertible {
    public let description: String
    /// Ctrl-C stopped it (the session is as it was before the interrupted statement).
    public let interrupted: Bool

    init(_ description: String, interrupted: Bool = false) {
        self.description = description
        self.interrupted = interrupted
    }
}
