/// Runs every statement of a lesson in one session, carrying on after errors: a statement that
/// uses a name whose statement failed is skipped (and said so) rather than reported again.
public enum LessonRunner {
    public static func run(_ lesson: Lesson, in session: Session = Session()) -> LessonRun {
        var outcomes: [StepOutcome] = []
        /// Names whose binding failed or was skipped, with the line of the first failure.
        var failed: [String: Int] = [:]
        for step in lesson.steps {
            let statement = step.statement
            if let blocked = statement.referencedNames.first(where: { failed[$0] != nil }), let line = failed[blocked] {
                outcomes.append(StepOutcome(step: step, events: [], error: nil,
                                            skipped: "skipped: it uses \(blocked), whose statement on line \(line) failed"))
                for name in statement.boundNames where failed[name] == nil { failed[name] = line }
                continue
            }
            do {
                outcomes.append(StepOutcome(step: step, events: try session.run(statement), error: nil, skipped: nil))
            } catch {
                outcomes.append(StepOutcome(step: step, events: [], error: error, skipped: nil))
                for name in statement.boundNames where session.value(of: name) == nil { failed[name] = statement.location.line }
            }
        }
        return LessonRun(lesson: lesson, outcomes: outcomes)
    }
}

/// What running a lesson gave: every statement's events or error.
public struct LessonRun {
    public let lesson: Lesson
    public let outcomes: [StepOutcome]

    /// Syntax errors and runtime errors, in file order.
    public var errors: [StepError] {
        (lesson.errors + outcomes.compactMap(\.error)).sorted {
            ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
        }
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
    /// True when nothing failed and nothing went wrong (errata are fine).
    public var succeeded: Bool { failedCount == 0 && errors.isEmpty && outcomes.allSatisfy { $0.skipped == nil } }
}

public struct StepOutcome {
    public let step: LessonStep
    public let events: [Event]
    public let error: StepError?
    /// Why the statement did not run, when an earlier failure blocked it.
    public let skipped: String?
}

extension Statement {
    /// The variable names the statement reads.
    var referencedNames: Set<String> {
        var names = Set<String>()
        func visit(_ e: Expr) {
            switch e.kind {
            case .number: break
            case let .name(n): names.insert(n)
            case let .list(items): items.forEach(visit)
            case let .negate(x): visit(x)
            case let .binary(_, a, b): visit(a); visit(b)
            case let .call(_, arguments, keywords): arguments.forEach(visit); keywords.forEach { visit($0.value) }
            case let .index(x, items):
                visit(x)
                visitIndex(items)
            case let .member(x, _): visit(x)
            }
        }
        func visitIndex(_ items: [IndexArgument]) {
            for item in items {
                switch item {
                case let .at(i): visit(i)
                case let .slice(a, b, c): [a, b, c].compactMap { $0 }.forEach(visit)
                }
            }
        }
        func visit(_ s: Statement) {
            switch s.kind {
            case let .bind(_, e), let .show(e), let .heatmap(e), let .backward(e): visit(e)
            case let .update(name, index, _, e):
                names.insert(name)
                visitIndex(index)
                visit(e)
            case let .expect(a, b, _, w): visit(a); visit(b); w.map(visit)
            case let .doc(e, _, w): visit(e); w.map(visit)
            case let .forLoop(variable, from, to, _, body):
                visit(from); visit(to)
                let outer = names
                body.forEach(visit)
                // The loop variable is bound by the loop itself.
                if !outer.contains(variable) { names.remove(variable) }
            }
        }
        visit(self)
        return names
    }

    /// The variable names the statement binds.
    var boundNames: [String] {
        switch kind {
        case let .bind(name, _), let .update(name, _, _, _): return [name]
        case let .forLoop(variable, _, _, _, body): return [variable] + body.flatMap(\.boundNames)
        default: return []
        }
    }
}
