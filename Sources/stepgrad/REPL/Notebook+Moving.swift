import Autograd
import Display
import Foundation
import StepLang

/// Moving through the lesson: forward, back, into a statement, to a statement, and the what-if rerun.
extension Notebook {
    func next(_ count: Int) {
        for _ in 0..<count {
            if InterruptSignal.take() { return console.error("interrupted (Ctrl-C)") }
            if walk != nil {
                showNextNode()
                continue
            }
            guard let lesson else { return console.error("no lesson open: :open NAME (see :lessons), or type statements") }
            guard position < lesson.steps.count else {
                return console.say("End of the lesson (\(lesson.steps.count) statements). :back, :goto N, :restart, or :lessons.")
            }
            guard runLessonStep(showing: true) else { return }
        }
    }

    /// Runs the statement at `position`, printing prose and values when `showing`. A statement that fails
    /// changes nothing but is passed (a lesson may show an error on purpose); its error is always shown.
    /// False only when Ctrl-C stopped it: then the position stays too.
    @discardableResult
    func runLessonStep(showing: Bool, walkAfterBackward: Bool = true) -> Bool {
        guard let lesson, position < lesson.steps.count else { return false }
        let step = lesson.steps[position]
        let before = moment()
        do {
            let events = try session.run(step.statement)
            moments.append(before)
            let heading = console.bold(statementText(step))
            position += 1
            let output = render(events)
            if showing { console.step(prose: step.prose, body: output.isEmpty ? heading : heading + "\n" + output) }
            record(prose: step.prose, input: step.text, events: events)
            if walkAfterBackward { startWalk(after: events) }
            return true
        } catch {
            session.restore(before.snapshot)
            if InterruptSignal.isSet {
                console.error("\ninterrupted (Ctrl-C) in statement \(position + 1): the session is as it was before it")
                return false
            }
            let heading = console.bold(statementText(step))
            if showing { console.step(prose: step.prose, body: heading) } else { console.say(heading) }
            report(error)
            moments.append(before)
            position += 1
            record(prose: step.prose, input: step.text, notes: error.rendered)
            return true
        }
    }

    func statementText(_ step: LessonStep) -> String {
        let number = (lesson?.steps.firstIndex { $0.location == step.location } ?? position) + 1
        return "[\(number)] " + step.text.replacingOccurrences(of: "\n", with: "\n    ")
    }

    /// One node of the backward pass: which value, its local rule, the gradient it received.
    private func showNextNode() {
        guard var current = walk, !current.isFinished else {
            walk = nil
            return
        }
        moments.append(moment())
        let step = current.steps[current.next]
        current.next += 1
        walk = current.isFinished ? nil : current
        console.beginStep()
        let label = nodeLabel(step.node)
        let operation = step.node.op.map { "\($0.name): \($0.formula)" } ?? "a leaf (an input or parameter)"
        let gradient = (try? Tensor(shape: step.node.shape, data: step.receivedGrad)) ?? Tensor(scalar: .nan)
        var lines = [
            console.bold("backward \(current.root) — node \(current.next) of \(current.steps.count): \(label) \(Shape.describe(step.node.shape))"),
            "  computed by   \(operation)",
            "  local rule    \(step.rule.isEmpty ? "none (a leaf keeps its gradient)" : step.rule)",
        ]
        lines += formatter.block(name: "  received ∂\(current.root)/∂\(label)", gradient).split(separator: "\n").map(String.init)
        if current.isFinished { lines.append(console.dim("(that was the last node; :next goes on with the lesson)")) }
        let text = lines.joined(separator: "\n")
        console.say(text)
        record(prose: "", input: ":next", notes: text)
    }

    /// A variable's name; an unnamed result by its op and operands, `pow(sub(a2, y), 2)`, a few levels
    /// deep; an unnamed one-entry leaf by its value.
    private func nodeLabel(_ node: Tensor, depth: Int = 0) -> String {
        if let name = name(of: node) ?? node.label { return name }
        guard let op = node.op else {
            guard node.count == 1 else { return "constant \(Shape.describe(node.shape))" }
            // `2`, not `2.0000`: a constant as it was written.
            return format.compact(node.data[0])
        }
        guard depth < 3 else { return "…" }
        return "\(op.name)(" + node.parents.map { nodeLabel($0, depth: depth + 1) }.joined(separator: ", ") + ")"
    }

    func back(_ count: Int) {
        guard !moments.isEmpty else { return console.error("nothing to go back to") }
        let steps = min(count, moments.count)
        let target = moments[moments.count - steps]
        moments.removeLast(steps)
        restore(target)
        console.beginStep()
        console.say("back \(steps) step\(steps == 1 ? "" : "s")" + (steps < count ? " (that is as far back as this session goes)" : "") + ".")
        whereAmI()
    }

    /// `:step`: the next statement sub-expression by sub-expression, then the statement itself.
    func stepInto() {
        guard let lesson, position < lesson.steps.count, walk == nil else {
            return console.error(walk != nil ? "walking a backward pass: :next shows the next node"
                                             : "no statement to step into: open a lesson (:open NAME) and :step before a statement")
        }
        let step = lesson.steps[position]
        console.step(prose: step.prose, body: console.bold(statementText(step)))
        do {
            // A bare name adds nothing to read: its value is the variable's.
            let parts = try session.evaluationSteps(of: step.statement).filter {
                if case .name = $0.expression.kind { return false }
                return true
            }
            for (i, part) in parts.enumerated() {
                console.say(console.dim("  step \(i + 1):"))
                console.say(formatter.block(name: part.text, part.value).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            }
        } catch {
            return report(error)
        }
        let before = moment()
        do {
            let events = try session.run(step.statement)
            moments.append(before)
            position += 1
            let output = render(events)
            if !output.isEmpty { console.say(output) }
            record(prose: step.prose, input: step.text, events: events)
            startWalk(after: events)
        } catch {
            session.restore(before.snapshot)
            report(error)
        }
    }

    /// `:run`: the rest of the lesson, without walking backward passes; stops at the first error.
    func runToEnd() {
        guard let lesson else { return console.error("no lesson open: :open NAME") }
        walk = nil
        while position < lesson.steps.count {
            if InterruptSignal.take() { return console.error("interrupted (Ctrl-C) before statement \(position + 1)") }
            guard runLessonStep(showing: !console.present, walkAfterBackward: false) else { return }
        }
        console.say("End of the lesson: \(lesson.steps.count) statements run.")
    }

    /// `:goto N`: statement N has just run (N = 0: the start). Forward runs, backward undoes.
    func goto(_ target: Int) {
        guard let lesson else { return console.error("no lesson open: :open NAME") }
        guard (0...lesson.steps.count).contains(target) else {
            return console.error("the lesson has statements 1 to \(lesson.steps.count) (:goto 0 is the start)")
        }
        walk = nil
        if target < position {
            if let index = moments.firstIndex(where: { $0.position == target && $0.walk == nil }) {
                let moment = moments[index]
                moments.removeSubrange(index...)
                restore(moment)
            } else {
                resetSession()
            }
        }
        while position < target {
            if InterruptSignal.take() { return console.error("interrupted (Ctrl-C) at statement \(position + 1)") }
            guard runLessonStep(showing: position == target - 1, walkAfterBackward: false) else { return }
        }
        if target == 0 || position == target && target < lesson.steps.count { whereAmI() }
    }

    func restart() {
        guard let lesson else {
            resetSession()
            return console.say("session cleared")
        }
        resetSession()
        transcript = []
        console.say("Back at the start of \(lesson.title): \(lesson.steps.count) statements; Enter runs the first.")
    }

    func whereAmI() {
        guard let lesson else {
            return console.say("no lesson open (:lessons lists them); \(session.names.count) variables")
        }
        var lines = ["\(lesson.title) (\(URL(fileURLWithPath: lesson.path).lastPathComponent)): \(position) of \(lesson.steps.count) statements run"]
        if let walk {
            lines.append("walking backward \(walk.root): \(walk.next) of \(walk.steps.count) nodes shown")
        }
        if position > 0 { lines.append("last: [\(position)] \(lesson.steps[position - 1].text.split(separator: "\n").first ?? "")") }
        if position < lesson.steps.count {
            let step = lesson.steps[position]
            lines.append("next: [\(position + 1)] \(step.text.split(separator: "\n").first ?? "")   (line \(step.location.line))")
        }
        console.say(lines.joined(separator: "\n"))
    }

    /// The lessons `files` (the catalog's, listed by the caller) with their titles.
    func listLessons(_ files: [URL]) {
        guard !files.isEmpty else { return console.say("no lessons found (looked in \(catalog.directory?.path ?? "./lessons"))") }
        let names = files.map(LessonCatalog.name(of:))
        let width = names.map(\.count).max() ?? 0
        for (file, name) in zip(files, names) {
            let title = (try? LessonLoader.load(path: file.path).title) ?? "(cannot be read)"
            let room = console.width - width - 5
            console.say("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + console.dim(console.fit(title, room)))
        }
    }

    func open(_ name: String) {
        let loaded: Lesson
        do {
            let url = try catalog.resolve(name)
            loaded = try LessonLoader.load(path: url.path)
        } catch let error as StepError {
            return console.error(error.rendered)
        } catch {
            return console.error("error: \(error)")
        }
        lesson = loaded
        resetSession()
        transcript = []
        console.beginStep()
        console.say(console.bold(loaded.title))
        for error in loaded.errors { console.error(error.rendered) }
        console.say("\(loaded.steps.count) statements. Enter runs the next one; :step goes into it; :help lists the rest.")
    }

    /// `:rerun`: after rebinding variables at the prompt, the lesson again from just after the statement
    /// that first bound them (keeping your values), to the end; then what moved.
    func rerun() {
        guard let lesson else { return console.error("no lesson open: :open NAME") }
        guard !rebound.isEmpty else {
            return console.error("nothing rebound yet: change an input first (e.g. a0 = [1, 1, 1]), then :rerun")
        }
        let bindingSteps = rebound.compactMap { name in
            lesson.steps.firstIndex { step in
                if case .bind(name, _) = step.statement.kind { return true }
                return false
            }
        }.filter { $0 < position }
        let start = bindingSteps.map { $0 + 1 }.min() ?? position
        // Up to where you were, so you stay at the same statement with your values; from the point
        // you were at (nothing to redo), the rest of the lesson.
        let end = start < position ? position : lesson.steps.count
        guard end > start else { return console.say("nothing to rerun: the lesson has no statements after this point.") }
        let before = moment()
        let oldValues = Dictionary(session.variables.map { ($0.name, $0.value.data) }, uniquingKeysWith: { $1 })
        let kept = rebound
        walk = nil
        position = start
        var failedExpects = 0
        var errors = 0
        for index in start..<end {
            if InterruptSignal.take() {
                restore(before)
                return console.error("interrupted (Ctrl-C): nothing changed")
            }
            let step = lesson.steps[index]
            if case .bind(let name, _) = step.statement.kind, kept.contains(name) {
                position += 1
                continue
            }
            do {
                let events = try session.run(step.statement)
                failedExpects += events.filter { if case .expect(let r) = $0 { return !r.passed }; return false }.count
            } catch {
                errors += 1
                console.error(error.rendered)
            }
            position += 1
        }
        moments.append(before)
        console.say("re-ran statements \(start + 1)–\(end) with your \(kept.joined(separator: ", ")).")
        // The first four entries: enough to see a value move.
        func preview(_ data: [Double]) -> String {
            data.prefix(4).map(format.format).joined(separator: ", ") + (data.count > 4 ? ", …" : "")
        }
        var moved: [String] = []
        for (name, value) in session.variables where !kept.contains(name) {
            guard let old = oldValues[name], old != value.data else { continue }
            moved.append("  \(name)  [\(preview(old))] → [\(preview(value.data))]")
        }
        console.say(moved.isEmpty ? "nothing else moved." : "what moved:\n" + moved.joined(separator: "\n"))
        if failedExpects > 0 {
            let lines = failedExpects == 1 ? "1 expect line no longer holds: it pins" : "\(failedExpects) expect lines no longer hold: they pin"
            console.say(console.dim("\(lines) the lesson's own inputs."))
        }
        if errors > 0 { console.error("\(errors) statements failed with your values (above).") }
        console.say(end < lesson.steps.count ? "Enter goes on with your values; :back undoes the rerun." : ":back undoes the rerun.")
        record(prose: "", input: ":rerun", notes: moved.joined(separator: "\n"))
    }
}
