import Foundation
import StepLang

/// `:save FILE` / `:load FILE`: a session as a replayable Markdown lesson — every statement, as
/// written or typed, after its prose, and a closing comment with the journal of moves that led to
/// the position. Loading replays it, so the graph, the gradients, the backward walk, the `:back`
/// history and what `:trace` shows come back as they were. A file that does not parse or replay
/// is refused with its file and line, before anything of the session changes.
public enum SessionFile {
    /// The prose of a statement that was typed at the prompt (invisible in rendered Markdown).
    static let typedMarker = "<!-- typed at the prompt -->"
    /// Starts the journal line: `<!-- stepgrad session: step step node rerun -->`.
    static let journalStart = "<!-- stepgrad session:"
    static let journalEnd = "-->"
    /// The most moves a session file may replay.
    static let moveLimit = 100_000

    static func markdown(of player: Player) -> String {
        var parts = ["# \(player.title)"]
        for step in player.steps {
            let prose = step.isTyped ? typedMarker : step.prose
            if !prose.isEmpty { parts.append(prose) }
            parts.append("```stepgrad\n\(step.savedText)\n```")
        }
        if !player.closingProse.isEmpty { parts.append(player.closingProse) }
        parts.append(journalStart + " " + player.journal.map(\.rawValue).joined(separator: " ") + " " + journalEnd)
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// Writes the file whole or not at all.
    static func write(_ player: Player, to path: String) throws(PlayerError) {
        do {
            try markdown(of: player).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw PlayerError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// A new player with the saved session replayed.
    static func load(_ path: String) throws(StepError) -> Player {
        try replay(try LessonLoader.load(path: path))
    }

    /// A new player with the session `lesson` holds (as `:save` wrote it) replayed; refused with
    /// its file and line when it does not parse or replay.
    public static func replay(_ lesson: Lesson) throws(StepError) -> Player {
        let path = lesson.path
        if let first = lesson.errors.first { throw first }
        // The journal is the last line of the closing prose.
        var closing = lesson.closingProse.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let journalLine = (lesson.source.lines.lastIndex { !$0.allSatisfy(\.isWhitespace) } ?? 0) + 1
        func error(_ message: String) -> StepError {
            StepError("\(path) is not a session saved with :save: \(message)",
                      at: SourceLocation(file: path, line: max(1, journalLine), column: 1), in: lesson.source)
        }
        guard let last = closing.last?.trimmingCharacters(in: .whitespaces), last.hasPrefix(journalStart), last.hasSuffix(journalEnd) else {
            throw error("its last line must be the journal \(journalStart) … \(journalEnd)")
        }
        closing.removeLast()
        let words = last.dropFirst(journalStart.count).dropLast(journalEnd.count).split(separator: " ")
        guard words.count <= moveLimit else { throw error("it has \(words.count) moves (at most \(moveLimit))") }
        var moves: [Player.Move] = []
        for word in words {
            guard let move = Player.Move(rawValue: String(word)) else {
                throw error("'\(word)' is not a move (\(Player.Move.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            moves.append(move)
        }
        let player = Player(lesson: lesson, typed: { $0.prose == typedMarker },
                            closingProse: closing.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
        for (number, move) in moves.enumerated() {
            do { try player.apply(move) } catch {
                throw StepError("\(path): move \(number + 1) (\(move.rawValue)) cannot be replayed: \(error.description)",
                                at: SourceLocation(file: path, line: max(1, journalLine), column: 1), in: lesson.source)
            }
        }
        return player
    }
}
