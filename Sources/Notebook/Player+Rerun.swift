import Display
import Foundation
import StepLang

/// The what-if rerun: after an input is bound again at the prompt, the statements after its first
/// binding run again with the new value.
extension Player {
    /// `:rerun`: after rebinding inputs at the prompt, the lesson again from just after the statement
    /// that first bound them (keeping the new values) up to the position — or, from the position,
    /// to the end; then what moved.
    public func rerun() throws(PlayerError) -> [TranscriptBlock] {
        let kept = state.rebound
        guard !kept.isEmpty else {
            throw PlayerError("nothing rebound yet: change an input first (e.g. a0 = [1, 1, 1]), then :rerun")
        }
        let firstBindings = kept.compactMap { state.firstBinding[$0] }
        let start = firstBindings.map { $0 + 1 }.min() ?? position
        let end = start < position ? position : steps.count
        guard end > start else { throw PlayerError("nothing to rerun: the lesson has no statements after this point.") }
        let (snapshot, stateBefore) = (session.snapshot(), state)
        let before = Moment(move: .rerun, snapshot: snapshot, state: stateBefore)
        let oldValues = Dictionary(session.variables.map { ($0.name, $0.value.data) }, uniquingKeysWith: { $1 })
        state.walk = nil
        var failedExpects = 0
        var errors: [TranscriptBlock] = []
        for index in start..<end {
            if session.isInterrupted() {
                session.restore(snapshot)
                state = stateBefore
                throw PlayerError("interrupted (Ctrl-C): nothing changed", interrupted: true)
            }
            do {
                let statement = try steps[index].statement()
                if statement.boundNames.contains(where: kept.contains) { continue }
                if index >= position { noteBindings(of: statement, typed: steps[index].isTyped, at: index) }
                session.typedAtPrompt = steps[index].isTyped
                let events = try session.run(statement)
                failedExpects += events.filter { if case let .expect(r) = $0 { !r.passed } else { false } }.count
            } catch {
                errors.append(.error(error.rendered))
            }
        }
        state.position = end
        push(before)
        var lines = ["re-ran statements \(start + 1)–\(end) with your \(kept.joined(separator: ", "))."]
        // The first four entries: enough to see a value move.
        let format = NumberFormat()
        func preview(_ data: [Double]) -> String {
            data.prefix(4).map(format.format).joined(separator: ", ") + (data.count > 4 ? ", …" : "")
        }
        var moved: [String] = []
        for (name, value) in session.variables where !kept.contains(name) {
            guard let old = oldValues[name], old != value.data else { continue }
            moved.append("  \(name)  [\(preview(old))] → [\(preview(value.data))]")
        }
        lines.append(moved.isEmpty ? "nothing else moved." : "what moved:\n" + moved.joined(separator: "\n"))
        if failedExpects > 0 {
            lines.append(failedExpects == 1 ? "1 expect line no longer holds: it pins the lesson's own inputs."
                                            : "\(failedExpects) expect lines no longer hold: they pin the lesson's own inputs.")
        }
        if !errors.isEmpty { lines.append("\(errors.count) statements failed with your values:") }
        return record([.figure(lines.joined(separator: "\n"))] + errors, outcome: nil, isMove: true)
    }
}
