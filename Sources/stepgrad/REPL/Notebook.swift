import Autograd
import Display
import Foundation
import StepLang

/// The session behind the prompt: the open lesson, the position in it, the undo history, and the
/// commands that move through the lesson and look at values. Nothing here ends the session: every
/// failure is printed and the state stays as it was before the failing input.
final class Notebook {
    let console: Console
    let catalog: LessonCatalog
    let session = Session()
    var format = NumberFormat()

    /// The open lesson and how many of its statements have run.
    var lesson: Lesson?
    var position = 0
    /// After a `backward`, `:next` walks its nodes before the lesson goes on.
    var walk: BackwardWalk?
    /// Names rebound at the prompt while a lesson is open, for `:rerun`.
    var rebound: [String] = []
    /// The state before each move, newest last: what `:back` returns to.
    var moments: [Moment] = []
    /// What was shown, for `:export`.
    var transcript: [TranscriptEntry] = []

    let emptySession: Snapshot

    struct Moment {
        let snapshot: Snapshot
        let position: Int
        let walk: BackwardWalk?
        let rebound: [String]
    }

    struct TranscriptEntry {
        let prose: String
        let input: String
        let events: [Event]
        /// What the REPL itself showed (a backward node, a rerun's summary).
        let notes: String
    }

    init(console: Console, catalog: LessonCatalog) {
        self.console = console
        self.catalog = catalog
        emptySession = session.snapshot()
        session.isInterrupted = { InterruptSignal.isSet }
    }

    var hasLesson: Bool { lesson != nil }

    /// `stepgrad> `, or the lesson's short name and position: `mlp-3-4-2 3/52> `.
    var prompt: String {
        guard let lesson else { return "stepgrad> " }
        var name = URL(fileURLWithPath: lesson.path).deletingPathExtension().lastPathComponent
        if let dash = name.firstIndex(of: "-"), name[..<dash].allSatisfy(\.isNumber) { name = String(name[name.index(after: dash)...]) }
        if let walk { return "\(name) \(position)/\(lesson.steps.count) ∂\(walk.next)/\(walk.steps.count)> " }
        return "\(name) \(position)/\(lesson.steps.count)> "
    }

    var completionCandidates: CompletionCandidates {
        CompletionCandidates(
            commands: ColonCommand.table.map(\.name),
            variables: session.names,
            functions: Builtins.all.map(\.name) + Keyword.allCases.map(\.rawValue),
            lessons: catalog.names)
    }

    /// Matrices as wide as the terminal: more columns than fit are elided in the middle.
    var formatter: MatrixFormatter {
        // A number is about a sign, a digit, the point and `precision` digits (or an
        // exponent), plus two spaces between columns; four columns of margin for brackets and indent.
        let cell = format.precision + (format.style == .fixed ? 3 : 7) + 2
        return MatrixFormatter(format: format, maxColumns: max(2, (console.width - 4) / cell - 1))
    }

    /// The session's name for a tensor (the variable bound to exactly this tensor), for graphs and traces.
    func name(of tensor: Tensor) -> String? {
        session.variables.last { $0.value === tensor }?.name
    }

    // MARK: - Dispatch

    func perform(_ command: ColonCommand) {
        _ = InterruptSignal.take()
        switch command {
        case .next(let count): next(count)
        case .back(let count): back(count)
        case .step: stepInto()
        case .run: runToEnd()
        case .goto(let target): goto(target)
        case .restart: restart()
        case .whereAmI: whereAmI()
        case .show(let text): show(text)
        case .vars: vars()
        case .grad(let text): grad(text)
        case .trace(let text): trace(text)
        case let .check(text, expected, tolerance): check(text, expected: expected, tolerance: tolerance)
        case .gradcheck(let text): gradcheck(text)
        case let .format(fixed, precision):
            format = NumberFormat(style: fixed ? .fixed : .scientific, precision: precision)
            console.say("numbers now print \(fixed ? "fixed" : "scientific") with \(precision) digits: \(format.format(Double.pi))")
        case .help(let topic): help(topic)
        case .lessons: listLessons(catalog.files)
        case .open(let name): open(name)
        case .rerun: rerun()
        case .heatmap(let text): heatmap(text)
        case let .graph(text, dotFile): graph(text, dotFile: dotFile)
        case let .export(html, file): export(html: html, to: file)
        case .save(let file): save(to: file)
        case .load(let file): load(from: file)
        case .quit: break
        }
    }

    /// A statement typed at the prompt: runs in the session; on any error the session is as before.
    func runTyped(_ source: String) {
        _ = InterruptSignal.take()
        let before = moment()
        do {
            let events = try session.run(source: source, file: "<input>")
            moments.append(before)
            if lesson != nil {
                for event in events {
                    switch event {
                    case let .bound(name, _), let .updated(name, _): if !rebound.contains(name) { rebound.append(name) }
                    default: break
                    }
                }
            }
            let output = render(events)
            if !output.isEmpty { console.say(output) }
            record(prose: "", input: source, events: events)
            startWalk(after: events)
        } catch {
            session.restore(before.snapshot)
            report(error)
        }
    }

    // MARK: - Shared pieces

    func moment() -> Moment {
        Moment(snapshot: session.snapshot(), position: position, walk: walk, rebound: rebound)
    }

    func restore(_ moment: Moment) {
        session.restore(moment.snapshot)
        position = moment.position
        walk = moment.walk
        rebound = moment.rebound
    }

    /// Forgets the lesson's progress: an empty session at the start.
    func resetSession() {
        session.restore(emptySession)
        position = 0
        walk = nil
        rebound = []
        moments = []
    }

    /// Any error of a command: a language error with its caret, anything else (an engine or
    /// display error) by its description.
    func report(_ error: any Error) {
        if let error = error as? StepError { report(error) } else { console.error("error: \(error)") }
    }

    func report(_ error: StepError) {
        if InterruptSignal.isSet {
            // On a new line: the terminal has echoed ^C where the cursor was.
            console.error("\ninterrupted (Ctrl-C): the session is as it was before that statement")
        } else {
            console.error(error.rendered)
        }
    }

    func record(prose: String, input: String, events: [Event] = [], notes: String = "") {
        transcript.append(TranscriptEntry(prose: prose, input: input, events: events, notes: notes))
    }

    /// The values and checks a statement produced, as text.
    func render(_ events: [Event]) -> String {
        var text = TextTranscript(format: format)
        text.formatter = formatter
        return events.map { event -> String in
            switch event {
            case let .backward(root, steps):
                return "backward \(root): gradients through \(steps.count) nodes; :next walks them one at a time"
            case let .heatmap(label, value):
                return heatmapText(value, name: label)
            case let .expect(result) where result.passed:
                return console.good("✓ ") + result.text
            case let .expect(result):
                return console.bad(text.render(event: .expect(result)))
            case let .doc(verdict) where !verdict.agrees:
                return console.caution(text.render(event: .doc(verdict)))
            default:
                return text.render(event: event)
            }
        }.joined(separator: "\n")
    }

    /// After a `backward`, the next `:next`s walk its nodes.
    func startWalk(after events: [Event]) {
        for case let .backward(root, steps) in events where !steps.isEmpty {
            walk = BackwardWalk(root: root, steps: steps)
        }
    }

    /// Evaluates an expression typed after a command (`:show W1.T`); statements are refused so that
    /// looking never changes the session.
    func evaluate(_ text: String) throws(StepError) -> Tensor {
        let (statement, expression) = try parseExpression(text, expected: "one expression here, e.g. W1 @ a0")
        // A variable is looked up, not evaluated: events carry copies of leaves, and traces and
        // graphs need the very tensor the session's graph holds.
        if case let .name(name) = expression.kind, let value = session.value(of: name) { return value }
        let before = session.snapshot()
        let events: [Event]
        do { events = try session.run(statement) } catch {
            session.restore(before)
            throw error
        }
        guard case let .shown(_, value)? = events.first else {
            throw StepError("this expression has no value", at: expression.location, sourceLine: text)
        }
        return value
    }

    /// `text` parsed as exactly one expression: its first syntax error, or a statement or several of
    /// them, is refused with `expected` (what should have been typed) pointing at the input's start.
    func parseExpression(_ text: String, expected: String) throws(StepError) -> (statement: Statement, expression: Expr) {
        let (statements, errors) = Parser.parse(text, file: "<input>")
        if let first = errors.first { throw first }
        guard statements.count == 1, case let .show(expression) = statements[0].kind else {
            throw StepError("expected \(expected)", at: SourceLocation(file: "<input>", line: 1, column: 1), sourceLine: text)
        }
        return (statements[0], expression)
    }
}
