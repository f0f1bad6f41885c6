import Autograd
import Display
import Foundation
import StepLang

/// Plays a lesson statement by statement — or a scratch session, which is a lesson being written:
/// statements typed at the prompt are inserted at the current position and played like the
/// lesson's own. It owns the position, the undo points, what each step showed, the skip policy,
/// the backward walk and the what-if rerun. `stepgrad run` plays to the end, `stepgrad test` plays
/// and counts, the REPL steps it, and every export renders its `transcript`.
public final class Player {
    public let session = Session()
    public let title: String
    /// The lesson file; nil for a scratch session.
    public let path: String?
    public private(set) var steps: [PlayerStep]
    let closingProse: String
    let syntaxErrors: [StepError]

    /// How many steps have been played.
    public var position: Int { state.position }
    /// After a `backward` played with Enter, the nodes still to walk.
    public var walk: BackwardWalk? { state.walk }
    /// What was shown, oldest first (undone steps are gone): the newest entries in memory, the
    /// rest in a temporary file.
    let log = TranscriptLog()
    /// How many transcript entries a REPL session keeps in memory (at least one); older ones go to
    /// a temporary file, and `:export` reads them back.
    public var entriesInMemory = Player.defaultEntriesInMemory
    public static let defaultEntriesInMemory = 128
    /// What the statements played gave that `stepgrad test` counts: checks, errors, skips.
    private var countedOutcomes: [(depth: Int, outcome: StatementOutcome)] = []
    /// Whether each move keeps an undo point (the REPL's `:back`, `:goto`, `:save`). `run` and
    /// `test` play a lesson once and keep none: a statement that fails then leaves what
    /// `Session` leaves (nothing bound; a loop's finished iterations), and `:back` has nothing.
    /// Such a run is short: it also keeps its whole transcript in memory.
    public var keepsUndoPoints = true
    /// Statements are shown with the comments written beside and above them (the hand arithmetic);
    /// `:comments off` and `--no-comments` show the bare statements.
    public var showsComments = true
    /// The columns a line of a worked answer may take (see `Notebook.workingWidth`).
    public var workingWidth: Int?

    /// Everything besides the session that an undo point brings back.
    struct PlayState {
        var position = 0
        var walk: BackwardWalk?
        /// Names a typed statement bound again after an earlier statement had bound them, for `:rerun`.
        var rebound: [String] = []
        /// Names whose binding failed or was skipped, with the line of the first failure.
        var failedNames: [String: Int] = [:]
        /// How many of the lesson's syntax errors have been shown.
        var syntaxErrorsShown = 0
        /// The statement played first that binds each name (for `:rerun` and rebinding).
        var firstBinding: [String: Int] = [:]
        /// The expression the statement played last that bound each name.
        var definitions: [String: Expr] = [:]
        /// The last Markdown heading in the prose played.
        var section: String?
    }

    /// What changed the state; the journal of them replays a session (`:load`, old undo points).
    public enum Move: String, CaseIterable, Sendable {
        /// the next statement, walking its backward pass if it has one
        case step
        /// the next statement, without walking (`:run`, `:goto`)
        case run
        /// one node of the backward walk
        case node
        /// `:rerun`
        case rerun
    }

    /// The state before a move, and the move.
    struct Moment {
        // Widest first: a moment of the journal is 24 bytes.
        let position: Int
        /// The session and the play state to restore: kept by the newest `snapshotLimit` moments
        /// only (they hold values and graphs); an older moment is reached by replaying the journal.
        var saved: UndoPoint?
        let move: Move
        let walking: Bool

        init(move: Move, snapshot: Snapshot, state: PlayState) {
            self.move = move
            position = state.position
            walking = state.walk != nil
            saved = UndoPoint(snapshot: snapshot, state: state)
        }
    }

    /// Boxed, so that a moment past the newest `snapshotLimit` costs a few bytes of the journal.
    final class UndoPoint {
        let snapshot: Snapshot
        let state: PlayState

        init(snapshot: Snapshot, state: PlayState) {
            (self.snapshot, self.state) = (snapshot, state)
        }
    }

    var state = PlayState()
    private var moments: [Moment] = []
    private let emptySession: Snapshot

    /// How many undo points keep a snapshot of the session (its leaf values): a long session's
    /// memory stays bounded, and going back further replays the journal from the start.
    public static let snapshotLimit = 64

    public convenience init(lesson: Lesson) {
        self.init(lesson: lesson, typed: { _ in false }, closingProse: lesson.closingProse)
    }

    /// A lesson some of whose statements were typed at the prompt (a saved session).
    init(lesson: Lesson, typed: (LessonStep) -> Bool, closingProse: String) {
        title = lesson.title
        path = lesson.path
        steps = lesson.steps.map { step in typed(step) ? PlayerStep(typed: step.statement) : .written(step) }
        self.closingProse = closingProse
        syntaxErrors = lesson.errors
        emptySession = session.snapshot()
    }

    /// A scratch session: no lesson yet, every statement typed.
    public init(scratchTitle: String = "stepgrad session") {
        title = scratchTitle
        path = nil
        steps = []
        closingProse = ""
        syntaxErrors = []
        emptySession = session.snapshot()
    }

    public var isScratch: Bool { path == nil }

    /// The section the position is in: the last Markdown heading in the prose played so far.
    public var section: String? { state.section }
    public var isAtEnd: Bool { position >= steps.count }
    /// The moves that led here, oldest first.
    public var journal: [Move] { moments.map(\.move) }

    // MARK: - Moving forward

    /// Enter: the next node of a backward walk, else the next statement.
    public func next() throws(PlayerError) -> [TranscriptBlock] {
        if walk != nil { return try showNextNode() }
        return try play(walking: true)
    }

    /// Plays the statement at the position. A statement that fails changes nothing but is passed
    /// (a lesson may show an error on purpose), and so is one that uses a name whose statement
    /// failed (skipped, and said so). Ctrl-C leaves the position where it was.
    @discardableResult
    func play(walking: Bool) throws(PlayerError) -> [TranscriptBlock] {
        try playStatement(walking: walking).blocks
    }

    /// `play`, given the statement when it was just parsed (a typed one), and with its outcome.
    private func playStatement(walking: Bool, parsed: Statement? = nil) throws(PlayerError) -> (blocks: [TranscriptBlock], outcome: StatementOutcome) {
        guard position < steps.count else {
            throw PlayerError("End of the lesson (\(steps.count) statements). :back, :goto N, :restart, or :lessons.")
        }
        let step = steps[position]
        let statement: Statement
        if let parsed { statement = parsed } else {
            do { statement = try step.statement() } catch { throw PlayerError(error.rendered) }
        }
        let lessonStep = LessonStep(prose: step.prose, statement: statement)
        let (snapshot, stateBefore) = (keepsUndoPoints ? session.snapshot() : nil, state)
        var blocks = pendingSyntaxErrors(before: statement.location)
        if !step.prose.isEmpty {
            blocks.append(.prose(step.prose))
            if let heading = step.prose.split(separator: "\n").last(where: { $0.hasPrefix("#") }) {
                state.section = heading.drop { $0 == "#" || $0 == " " }.description
            }
        }
        blocks.append(.statement(showsComments ? statement.textWithComments : statement.text))
        let outcome: StatementOutcome
        if let blocked = statement.referencedNames.sorted().first(where: { state.failedNames[$0] != nil }), let line = state.failedNames[blocked] {
            outcome = StatementOutcome(step: lessonStep, events: [], error: nil,
                                       skipped: "skipped: it uses \(blocked), whose statement on line \(line) failed")
            for name in statement.boundNames where state.failedNames[name] == nil { state.failedNames[name] = line }
        } else {
            do {
                session.typedAtPrompt = step.isTyped
                outcome = StatementOutcome(step: lessonStep, events: try session.run(statement), error: nil, skipped: nil)
            } catch {
                if let snapshot { session.restore(snapshot) }
                if session.isInterrupted() {
                    state = stateBefore
                    throw PlayerError("interrupted (Ctrl-C) in statement \(position + 1): the session is as it was before it", interrupted: true)
                }
                outcome = StatementOutcome(step: lessonStep, events: [], error: error, skipped: nil)
                for name in statement.boundNames where session.value(of: name) == nil { state.failedNames[name] = statement.location.line }
            }
        }
        blocks += hidingExerciseAnswers(self.blocks(for: outcome), of: statement)
        if case let .exercise(expr) = statement.kind, outcome.error == nil, outcome.skipped == nil {
            blocks.append(.figure(workedAnswer(expr)))
        }
        noteBindings(of: statement, typed: step.isTyped, at: position)
        state.position += 1
        if walking, let (root, passSteps) = outcome.events.lazy.compactMap(Self.backwardPass).last, !passSteps.isEmpty {
            state.walk = BackwardWalk(root: root, steps: passSteps)
            blocks.append(.note("Enter (or :next) walks the backward pass of \(root) node by node; :run goes on without it."))
        } else {
            state.walk = nil
        }
        if isAtEnd && !step.isTyped {
            blocks += pendingSyntaxErrors(before: nil)
            if !closingProse.isEmpty { blocks.append(.prose(closingProse)) }
        }
        if let snapshot { push(Moment(move: walking ? .step : .run, snapshot: snapshot, state: stateBefore)) }
        return (record(blocks, outcome: outcome, isMove: true), outcome)
    }

    private static func backwardPass(_ event: Event) -> (String, [BackwardStep])? {
        if case let .backward(root, steps) = event { return (root, steps) }
        return nil
    }

    /// The blocks of a statement's outcome (after the statement itself).
    func blocks(for outcome: StatementOutcome) -> [TranscriptBlock] {
        if let skipped = outcome.skipped { return [.note(skipped)] }
        if let error = outcome.error { return [.error(error.rendered)] }
        return Transcript.blocks(for: outcome.events, names: name(of:), gradient: passGradient)
    }

    /// The lesson's syntax errors above `location` (all that are left, for nil) not shown yet:
    /// each appears where it stands in the file.
    private func pendingSyntaxErrors(before location: SourceLocation?) -> [TranscriptBlock] {
        var blocks: [TranscriptBlock] = []
        while state.syntaxErrorsShown < syntaxErrors.count {
            let error = syntaxErrors[state.syntaxErrorsShown]
            if let location, location.file != error.location.file || error.location.line >= location.line { break }
            blocks.append(.error(error.rendered))
            state.syntaxErrorsShown += 1
        }
        return blocks
    }

    /// One node of the backward pass: which value, its local rule, the gradient it received.
    private func showNextNode() throws(PlayerError) -> [TranscriptBlock] {
        guard var current = walk, !current.isFinished else { throw PlayerError("no backward pass to walk") }
        let before = Moment(move: .node, snapshot: session.snapshot(), state: state)
        let step = current.steps[current.next]
        current.next += 1
        state.walk = current.isFinished ? nil : current
        push(before)
        let label = nodeLabel(step.node)
        let operation = step.node.op.map { "\($0.name): \($0.formula)" } ?? "a leaf (an input or parameter)"
        var lines = [
            "backward \(current.root) — node \(current.next) of \(current.steps.count): \(label) \(Shape.describe(step.node.shape))",
            "  computed by   \(operation)",
            "  local rule    \(step.rule.isEmpty ? "none (a leaf keeps its gradient)" : step.rule)",
        ]
        if current.isFinished { lines.append("(that was the last node; Enter goes on with the lesson)") }
        var blocks: [TranscriptBlock] = [.figure(lines.joined(separator: "\n"))]
        if let gradient = try? Tensor(shape: step.node.shape, data: step.receivedGrad) {
            blocks.append(.value(name: "received ∂\(current.root)/∂\(label)", value: gradient))
        }
        return record(blocks, outcome: nil, isMove: true)
    }

    /// A variable's name; an unnamed result by its op and operands, `pow(sub(a2, y), 2)`, a few levels
    /// deep; an unnamed one-entry leaf by its value.
    func nodeLabel(_ node: Tensor, depth: Int = 0) -> String {
        if let name = name(of: node) ?? node.label { return name }
        guard let op = node.op else {
            guard node.count == 1 else { return "constant \(Shape.describe(node.shape))" }
            return NumberFormat().compact(node.data[0])
        }
        guard depth < 3 else { return "…" }
        return "\(op.name)(" + node.parents.map { nodeLabel($0, depth: depth + 1) }.joined(separator: ", ") + ")"
    }

    /// The expression the statement played last that bound `name` (`W1 @ a0 + b1` for z1).
    public func definition(of name: String) -> Expr? { state.definitions[name] }

    /// ∂root/∂tensor from the last backward, nil for a tensor that took no part in it (a drawing
    /// shows no gradient there rather than a zero that was never computed).
    public func passGradient(_ tensor: Tensor) -> [Double]? { session.lastBackward?.gradient(of: tensor) }

    /// The session's name for a tensor: the variable bound to exactly this tensor.
    public func name(of tensor: Tensor) -> String? {
        session.variables.last { $0.value === tensor }?.name
    }

    /// `:run`: the rest of the lesson without walking backward passes; `show` gets each step's blocks.
    public func runToEnd(show: ([TranscriptBlock]) -> Void = { _ in }) throws(PlayerError) {
        state.walk = nil
        while !isAtEnd {
            if session.isInterrupted() { throw PlayerError("interrupted (Ctrl-C) before statement \(position + 1)", interrupted: true) }
            show(try play(walking: false))
        }
    }

    /// `:goto N`: statement N has just run (0: the start). Forward plays, backward undoes. Returns the
    /// blocks of the step it lands on.
    public func goto(_ target: Int) throws(PlayerError) -> [TranscriptBlock] {
        guard (0...steps.count).contains(target) else {
            throw PlayerError("the lesson has statements 1 to \(steps.count) (:goto 0 is the start)")
        }
        if target < position {
            // The newest undo point taken just before statement target + 1, outside a walk.
            if let depth = moments.lastIndex(where: { $0.position == target && !$0.walking }) {
                undo(to: depth)
            } else {
                restartSession()
            }
        }
        state.walk = nil
        var last: [TranscriptBlock] = []
        while position < target {
            if session.isInterrupted() { throw PlayerError("interrupted (Ctrl-C) at statement \(position + 1)", interrupted: true) }
            last = try play(walking: false)
        }
        return last.isEmpty ? currentStep : last
    }

    // MARK: - Typing

    /// Statements typed at the prompt: each is inserted at the position and played. A syntax error
    /// runs nothing; a statement that fails is taken out again and the session is as before it
    /// (earlier statements of the input stay done).
    public func type(_ source: String) throws(StepError) -> [TranscriptBlock] {
        let (statements, errors) = Parser.parse(source, file: "<input>")
        if let first = errors.first { throw first }
        var blocks: [TranscriptBlock] = []
        for statement in statements {
            steps.insert(PlayerStep(typed: statement), at: position)
            let shown: (blocks: [TranscriptBlock], outcome: StatementOutcome)
            do { shown = try playStatement(walking: true, parsed: statement) } catch {
                steps.remove(at: position)
                throw StepError(error.description, at: statement.location, in: statement.source)
            }
            if let error = shown.outcome.error {
                // A typed statement that fails is a mistake to correct, not part of the lesson.
                undo(to: moments.count - 1)
                steps.remove(at: position)
                throw error
            }
            blocks += shown.blocks
        }
        return blocks
    }

    /// Notes the names the statement at `index` binds: where each was first bound, its latest
    /// definition, and — for a typed statement binding a name an earlier statement bound — an
    /// input changed for `:rerun`.
    func noteBindings(of statement: Statement, typed: Bool, at index: Int) {
        for name in statement.boundNames {
            if state.firstBinding[name] == nil {
                state.firstBinding[name] = index
            } else if typed && !state.rebound.contains(name) {
                state.rebound.append(name)
            }
        }
        if case let .bind(name, expr) = statement.kind { state.definitions[name] = expr }
    }

    // MARK: - Going back

    /// `:back n`: the session as it was before the last n moves. Returns how many were undone.
    public func back(_ count: Int) throws(PlayerError) -> Int {
        guard !moments.isEmpty else { throw PlayerError("nothing to go back to") }
        let undone = min(count, moments.count)
        undo(to: moments.count - undone)
        return undone
    }

    /// The blocks of the last move still standing — the statement just played, or the backward node
    /// just shown — exactly as they looked (empty at the start): what `:back` and `:goto` show.
    public var currentStep: [TranscriptBlock] {
        log.lastMove ?? []
    }

    /// Restores the state before moment `depth` and forgets the moments from there on.
    private func undo(to depth: Int) {
        guard depth < moments.count else { return }
        if let saved = moments[depth].saved {
            session.restore(saved.snapshot)
            state = saved.state
            moments.removeSubrange(depth...)
            log.removeAll(deeperThan: depth)
            countedOutcomes.removeAll { $0.depth > depth }
        } else {
            // Older than the snapshots kept: replay the journal up to it.
            let moves = journal[..<depth]
            restartSession()
            for move in moves { try? apply(move) }
        }
    }

    /// `:restart`: an empty session at the start of the lesson as written — statements typed into
    /// a lesson file are dropped; a scratch session keeps its statements (they are its lesson).
    public func restart() {
        if !isScratch { steps.removeAll(where: \.isTyped) }
        restartSession()
    }

    /// An empty session at the start; the statements stay.
    private func restartSession() {
        session.restore(emptySession)
        state = PlayState()
        moments = []
        log.removeAll()
        countedOutcomes = []
    }

    // MARK: - Recording

    func push(_ moment: Moment) {
        moments.append(moment)
        let old = moments.count - Self.snapshotLimit - 1
        if old >= 0 { moments[old].saved = nil }
    }

    /// Adds a shown result (a command's) to the transcript.
    @discardableResult
    public func record(_ blocks: [TranscriptBlock]) -> [TranscriptBlock] {
        record(blocks, outcome: nil, isMove: false)
    }

    func record(_ blocks: [TranscriptBlock], outcome: StatementOutcome?, isMove: Bool) -> [TranscriptBlock] {
        // The transcript keeps what values showed, not the graphs behind them: a long session's
        // history must not hold every graph it ever built. A lesson played once (no undo points)
        // is no long session.
        let light = keepsUndoPoints
        log.append(TranscriptLog.Entry(blocks: light ? blocks.map(Self.withoutGraph) : blocks, depth: moments.count, isMove: isMove),
                   memoryLimit: light ? max(1, entriesInMemory) : nil)
        if let outcome, let counted = light ? outcome.counted : outcome { countedOutcomes.append((moments.count, counted)) }
        return blocks
    }

    private static func withoutGraph(_ block: TranscriptBlock) -> TranscriptBlock {
        switch block {
        case let .value(name, value): .value(name: name, value: detached(value))
        case let .heatmap(name, value): .heatmap(name: name, value: detached(value))
        case .prose, .statement, .verdict, .note, .error, .figure, .network: block
        }
    }

    /// The entries of `value` without its graph (they share its storage).
    static func detached(_ value: Tensor) -> Tensor {
        value.isLeaf ? value : (try? Tensor(shape: value.shape, data: value.data, label: value.label)) ?? value
    }

    /// Replays one move of a journal.
    func apply(_ move: Move) throws(PlayerError) {
        switch move {
        case .step: try play(walking: true)
        case .run: try play(walking: false)
        case .node: _ = try showNextNode()
        case .rerun: _ = try rerun()
        }
    }

    // MARK: - Reading the run

    /// The outcomes of the statements played, in order: all of them in `run` and `test`; in the
    /// REPL, the ones with something to count (a check, an error, a skip).
    public var outcomes: [StatementOutcome] { countedOutcomes.map(\.outcome) }

    /// Syntax errors and runtime errors, in the order shown.
    public var errors: [StepError] {
        syntaxErrors.prefix(state.syntaxErrorsShown) + outcomes.compactMap(\.error)
    }

    public var expectResults: [ExpectResult] {
        outcomes.flatMap(\.events).compactMap { if case let .expect(result) = $0 { result } else { nil } }
    }

    public var docVerdicts: [DocVerdict] {
        outcomes.flatMap(\.events).compactMap { if case let .doc(verdict) = $0 { verdict } else { nil } }
    }

    public var errata: [DocVerdict] { docVerdicts.filter { !$0.agrees } }
    public var passedCount: Int { expectResults.filter(\.passed).count }
    public var failedCount: Int { expectResults.filter { !$0.passed }.count }
    /// True when nothing failed, went wrong or was skipped (errata are fine).
    public var succeeded: Bool { failedCount == 0 && errors.isEmpty && outcomes.allSatisfy { $0.skipped == nil } }

    /// The closing line: `12 expects passed, 0 failed; 3 errata in 5 doc lines; 0 errors`.
    public var summary: String {
        let errorCount = errors.count
        return "\(passedCount) expects passed, \(failedCount) failed; \(errata.count) errata in \(docVerdicts.count) doc lines; \(errorCount) error\(errorCount == 1 ? "" : "s")"
    }

    /// Everything shown so far, as one transcript: what `run` prints and every export renders.
    public var transcript: Transcript {
        Transcript(title: title, blocks: log.blocks, summary: summary)
    }

    /// How many entries the transcript holds (statements, backward nodes, commands' results).
    public var transcriptCount: Int { log.count }
}
