import Autograd
import Display
import Foundation
import StepLang

/// The notebook behind the prompt: one input in, one reply out. It owns the player (the open lesson
/// or a scratch session) and the colon commands; the REPL only reads keys and prints replies, the
/// same way for a terminal and a pipe. Nothing here ends the session: every failure is a reply and
/// the state stays as it was before the failing input.
public final class Notebook {
    public private(set) var player: Player
    public let catalog: LessonCatalog
    public var format = NumberFormat()
    /// Whether statements show their comments, in this player and every one opened after it.
    public var showsComments = true {
        didSet { player.showsComments = showsComments }
    }
    /// The columns a line of working (a trace, a check, a worked answer) may take: the terminal's
    /// width. Nil (a pipe) writes each form of the working on one line.
    public var workingWidth: Int? {
        didSet { player.workingWidth = workingWidth }
    }
    /// Polled by long computations; the REPL sets it from Ctrl-C.
    public let isInterrupted: () -> Bool
    /// The exercise step that asked the learner for an answer and waits for it.
    private var askedExercise: Int?
    /// The entry the last `:trace` wrote out, marked in a network drawing.
    private var lastTraced: (tensor: Tensor, entry: Int)?

    /// What one input gave, for the REPL to print.
    public struct Reply {
        public enum Kind: Equatable, Sendable {
            /// A step of the lesson (a statement, a backward node): a new screen in `--present`.
            case step
            /// Information that is not part of the lesson (help, a listing, where you are).
            case info
            /// The input could not be done; nothing changed.
            case error
        }

        /// What the notebook asks of the program around it.
        public enum Request: Equatable, Sendable {
            /// `:quit`
            case quit
            /// `:serve [--host ADDR]`: mirror the session to a live browser view.
            case serve(host: String?)
        }

        public var blocks: [TranscriptBlock]
        public var kind: Kind
        public var request: Request?

        public init(blocks: [TranscriptBlock], kind: Kind, request: Request? = nil) {
            self.blocks = blocks
            self.kind = kind
            self.request = request
        }

        static func error(_ text: String) -> Reply { Reply(blocks: [.error(text)], kind: .error) }
        static func info(_ text: String) -> Reply { Reply(blocks: [.figure(text)], kind: .info) }

        /// Whether something failed: the command, or a statement it ran (for `--bail` and the exit status).
        public var failed: Bool {
            kind == .error || blocks.contains { if case .error = $0 { true } else { false } }
        }
    }

    public init(catalog: LessonCatalog, isInterrupted: @escaping () -> Bool = { false }) {
        self.catalog = catalog
        self.isInterrupted = isInterrupted
        player = Player()
        adopt(player)
    }

    /// Makes `player` the current one (a lesson opened, a session loaded).
    private func adopt(_ new: Player) {
        new.session.isInterrupted = isInterrupted
        new.showsComments = showsComments
        new.workingWidth = workingWidth
        player = new
    }

    // MARK: - Input

    /// One input: empty (Enter) steps through the lesson, `:command` runs a command, anything else
    /// is typed into the session as statements.
    public func handle(_ input: String) -> Reply {
        let text = input.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            guard !player.steps.isEmpty || player.walk != nil else {
                return .info("Type a statement (e.g. x = [1, 2]), :open a lesson, or :help.")
            }
            return perform(.next(1))
        }
        if text.hasPrefix(":") {
            do { return perform(try ColonCommand.parse(text)) } catch { return .error("error: \(error)") }
        }
        if let asked = askedExercise, asked == player.position, let expr = player.exercise(at: asked) {
            return answer(input, to: expr)
        }
        do {
            return Reply(blocks: try player.type(input), kind: .step)
        } catch {
            return Reply(blocks: [.error(interruptedOr(error.rendered))], kind: .error)
        }
    }

    /// An interrupted statement says so instead of its error.
    private func interruptedOr(_ text: String) -> String {
        isInterrupted() ? "interrupted (Ctrl-C): the session is as it was before that statement" : text
    }

    public func perform(_ command: ColonCommand) -> Reply {
        do {
            return try run(command)
        } catch let error as PlayerError {
            return .error(error.description)
        } catch let error as StepError {
            return .error(interruptedOr(error.rendered))
        } catch {
            return .error("error: \(error)")
        }
    }

    private func run(_ command: ColonCommand) throws -> Reply {
        switch command {
        case .back, .goto, .run, .restart, .open, .load, .rerun, .step: askedExercise = nil  // moved away from the question
        default: break
        }
        switch command {
        case let .next(count):
            var blocks: [TranscriptBlock] = []
            for _ in 0..<count {
                // An exercise asks first; Enter again (no answer) shows the worked answer.
                if player.walk == nil, askedExercise != player.position, let expr = player.exercise(at: player.position) {
                    askedExercise = player.position
                    return Reply(blocks: blocks + question(expr), kind: .step)
                }
                askedExercise = nil
                blocks += try player.next()
            }
            return Reply(blocks: blocks, kind: .step)
        case let .back(count):
            let undone = try player.back(count)
            var note = "back \(undone) step\(undone == 1 ? "" : "s")" + (undone < count ? " (that is as far back as this session goes)" : "")
                + "; now at \(player.position) of \(player.steps.count) statements"
            if let walk = player.walk { note += ", walking backward \(walk.root): \(walk.next) of \(walk.steps.count) nodes shown" }
            note += "."
            return Reply(blocks: [.note(note)] + player.currentStep, kind: .step)
        case .step: return try stepInto()
        case .run:
            var blocks: [TranscriptBlock] = []
            try player.runToEnd { blocks += $0 }
            return Reply(blocks: blocks + [.note("End of the lesson: \(player.summary).")], kind: .step)
        case let .goto(target): return Reply(blocks: try player.goto(target), kind: .step)
        case .restart:
            player.restart()
            return .info("Back at the start of \(player.title): \(player.steps.count) statements; Enter runs the first.")
        case .whereAmI: return .info(whereText)
        case let .show(expr): return recorded([.value(name: expr.description, value: try evaluate(expr))])
        case .vars: return .info(variablesText)
        case let .grad(expr): return recorded([try gradient(expr)])
        case let .trace(expr, jacobian):
            var options = traceOptions
            options.softmaxJacobian = jacobian
            let tracer = EntryTracer(session: session, names: player.name(of:), options: options)
            let traced = try tracer.trace(expr)
            lastTraced = try? tracer.entry(expr)
            return recorded([.figure(traced)])
        case let .check(expr, expected, expectedText, notes, tolerance):
            return recorded(notes.map(TranscriptBlock.note) + [.figure(try check(expr, expected: expected, expectedText: expectedText, tolerance: tolerance))])
        case let .gradcheck(expr): return recorded([.figure(try gradcheck(expr))])
        case let .format(fixed, precision):
            format = NumberFormat(style: fixed ? .fixed : .scientific, precision: precision)
            return .info("numbers now print \(fixed ? "fixed" : "scientific") with \(precision) digits: \(format.format(Double.pi))")
        case let .comments(on):
            showsComments = on
            return .info("statements now show \(on ? "with their comments" : "without comments")")
        case let .help(topic): return try help(topic)
        case .lessons: return .info(lessonsText(catalog.files))
        case let .open(name): return try open(name)
        case .rerun: return Reply(blocks: try player.rerun(), kind: .step)
        case let .heatmap(expr): return recorded([.heatmap(name: expr.description, value: try evaluate(expr))])
        case let .network(expr):
            let diagram = try NetworkDiagram(of: try evaluate(expr), names: player.name(of:), gradient: player.passGradient, traced: lastTraced)
            return recorded([.network(name: expr.description, diagram: diagram)])
        case let .graph(expr, dotFile): return recorded([.figure(try graph(expr, dotFile: dotFile))])
        case let .export(html, file): return try export(html: html, to: file)
        case let .save(file):
            try SessionFile.write(player, to: file)
            return .info("saved \(player.steps.count) statements and \(player.journal.count) moves to \(file) (:load \(file) replays them)")
        case let .load(file):
            let loaded = try SessionFile.load(file)
            adopt(loaded)
            return .info("loaded \(file): \(loaded.title), at \(loaded.position) of \(loaded.steps.count) statements")
        case .quit: return Reply(blocks: [], kind: .info, request: .quit)
        case let .serve(host): return Reply(blocks: [], kind: .info, request: .serve(host: host))
        }
    }

    /// The exercise's prose and what it asks for.
    private func question(_ expr: Expr) -> [TranscriptBlock] {
        let prose = player.steps[player.position].prose
        let (base, _, gradient) = EntryTracer.target(of: expr)
        let what = gradient ? "the gradient \(expr.description) (∂\(player.session.lastBackward?.text ?? "L")/∂\(base.description))" : expr.description
        let shape = (try? evaluate(expr)).map { " — shape \(Shape.describe($0.shape))" } ?? ""
        let ask = "Exercise: work out \(what)\(shape) by hand from the values above, then type your answer (one number, or a list like [0.1, 0.2]). Enter without an answer shows the worked answer."
        return (prose.isEmpty ? [] : [.prose(prose)]) + [.statement("exercise \(expr.description)"), .note(ask)]
    }

    /// The learner's answer to an exercise: each entry ✓ or ✗ with its working, then the step itself.
    private func answer(_ input: String, to expr: Expr) -> Reply {
        askedExercise = nil
        do {
            let (answer, notes) = try Session.parseExpression(input)
            let verdict = try check(expr, expected: answer, expectedText: input, tolerance: nil)
            let given = player.record([.statement("your answer: \(input.trimmingCharacters(in: .whitespaces))")]
                                      + notes.map(TranscriptBlock.note) + [.figure(verdict)])
            // The question showed the prose already.
            let step = try player.next().filter { if case .prose = $0 { false } else { true } }
            return Reply(blocks: given + step, kind: .step)
        } catch let error as StepError {
            askedExercise = player.position
            return .error(error.rendered + "\n(type your answer as a number or a list, e.g. [0.1, 0.2]; Enter shows the worked answer)")
        } catch {
            askedExercise = player.position
            return .error("error: \(error)")
        }
    }

    /// A result worth keeping in the transcript (`:export` writes it), as a step of its own.
    private func recorded(_ blocks: [TranscriptBlock]) -> Reply {
        Reply(blocks: player.record(blocks), kind: .step)
    }

    // MARK: - Moving

    /// `:step`: the next statement sub-expression by sub-expression, then the statement itself.
    private func stepInto() throws -> Reply {
        guard player.walk == nil else { throw PlayerError("walking a backward pass: Enter shows the next node") }
        guard !player.isAtEnd else { throw PlayerError("no statement to step into: :step goes into the next statement of a lesson") }
        let statement = try player.steps[player.position].statement()
        // A bare name adds nothing to read: its value is the variable's.
        let parts = try player.session.evaluationSteps(of: statement).filter { !$0.expression.isName }
        let formatter = MatrixFormatter(format: format)
        let lines = parts.enumerated().map { i, part in
            "  step \(i + 1):\n" + formatter.block(name: part.text, part.value).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        }
        let played = try player.next()
        return Reply(blocks: [.figure(lines.joined(separator: "\n"))] + played, kind: .step)
    }

    private var whereText: String {
        if player.isScratch && player.steps.isEmpty {
            return "no lesson open (:lessons lists them); type statements, and they become a lesson you can step through"
        }
        var lines = ["\(player.title)\(player.path.map { " (\(URL(fileURLWithPath: $0).lastPathComponent))" } ?? ""): \(player.position) of \(player.steps.count) statements run"]
        if let walk = player.walk { lines.append("walking backward \(walk.root): \(walk.next) of \(walk.steps.count) nodes shown") }
        if player.position > 0 { lines.append("last: [\(player.position)] \(player.steps[player.position - 1].firstLine)") }
        if !player.isAtEnd {
            let step = player.steps[player.position]
            let line = if case let .written(written) = step { "   (line \(written.location.line))" } else { "   (typed)" }
            lines.append("next: [\(player.position + 1)] \(step.firstLine)\(line)")
        }
        return lines.joined(separator: "\n")
    }

    private func open(_ name: String) throws -> Reply {
        let url = try catalog.resolve(name)
        let lesson = try LessonLoader.load(path: url.path)
        adopt(Player(lesson: lesson))
        // The lesson's title screen: a step of its own in --present.
        return Reply(blocks: [.figure("\(lesson.title)\n\(lesson.steps.count) statements. Enter runs the next one; :step goes into it; :help lists the rest.")], kind: .step)
    }

    // MARK: - The prompt

    /// `stepgrad> `, or where the session stands: `mlp-3-4-2 3/52> `, `… ∂2/12> ` in a backward walk.
    public var prompt: String {
        var name = "stepgrad"
        if let path = player.path {
            name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            if let dash = name.firstIndex(of: "-"), name[..<dash].allSatisfy(\.isNumber) { name = String(name[name.index(after: dash)...]) }
        } else if player.isAtEnd && player.walk == nil {
            return "stepgrad> "
        }
        var prompt = "\(name) \(player.position)/\(player.steps.count)"
        if let walk = player.walk { prompt += " ∂\(walk.next)/\(walk.steps.count)" }
        if askedExercise == player.position { prompt += " your answer" }
        return prompt + "> "
    }

    /// Where the session stands: `4/71 · Forward: input to hidden`.
    public var position: String {
        (["\(player.position)/\(player.steps.count)"] + (player.section.map { [$0] } ?? [])).joined(separator: " · ")
    }

    /// The sticky line of a presentation: position, section and lesson, the most particular first
    /// (a narrow screen cuts the end).
    public var heading: String { position + " · " + player.title }

    public var completionCandidates: CompletionCandidates {
        CompletionCandidates(
            commands: ColonCommand.table.map(\.name),
            variables: player.session.names,
            functions: Builtins.all.map(\.name) + Keyword.allCases.map(\.rawValue),
            lessons: catalog.names)
    }
}
