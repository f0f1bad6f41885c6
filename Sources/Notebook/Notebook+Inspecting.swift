import Autograd
import Display
import Foundation
import StepLang

/// Looking at values: none of these change the session. Each reads the session through its
/// expression API, and gradients from the one place they live, the session's last backward.
extension Notebook {
    var session: Session { player.session }

    /// An expression's value; a bare name is the variable's very tensor (traces and graphs need it).
    func evaluate(_ expr: Expr) throws(StepError) -> Tensor {
        try session.evaluate(expr, source: SourceText(file: "<input>", text: expr.description))
    }

    /// `:grad x`: `grad(x)` as the language reads it, named after the backward's root.
    func gradient(_ expr: Expr) throws -> TranscriptBlock {
        guard let root = session.lastBackward?.text else {
            throw PlayerError("no gradients yet: run backward on a loss first (e.g. backward L)")
        }
        let call = Expr(.call("grad", arguments: [expr], keywords: []), at: expr.location)
        return .value(name: "∂\(root)/∂(\(expr.description))", value: try evaluate(call))
    }

    /// Numbers in traces: the notebook's style, at least four digits.
    var traceOptions: TraceOptions {
        TraceOptions(format: NumberFormat(style: format.style, precision: max(format.precision, 4)), width: workingWidth)
    }

    var tracer: EntryTracer { EntryTracer(session: session, names: player.name(of:), options: traceOptions) }

    /// `:check x = [...]`: entry by entry, each wrong entry with its working — the forward
    /// arithmetic, or for `grad(W)` / `W.grad` the chain rule — and the likely slip behind the
    /// learner's number. Without `within`, each entry's tolerance is half a unit in the last
    /// decimal typed for it (0.95 → 0.005, 1.2 → 0.05).
    func check(_ expr: Expr, expected expectedExpr: Expr, expectedText: String, tolerance toleranceExpr: Expr?) throws -> String {
        let computed = try evaluate(expr)
        let expected = try evaluate(expectedExpr)
        var options = CheckRenderer.Options(trace: traceOptions)
        if let toleranceExpr {
            let value = try evaluate(toleranceExpr)
            guard value.count == 1, let t = value.data.first, t >= 0, t.isFinite else {
                throw PlayerError("error: the tolerance after `within` must be one number ≥ 0")
            }
            options.tolerance = t
        } else {
            options.entryTolerances = ValueCheck.printedTolerances(ofLiteral: expectedText, entries: expected.count)
            options.tolerance = Self.numberTexts(in: expectedText).map(ValueCheck.printedTolerance).min() ?? 1e-6
        }
        let (base, indices, gradient) = EntryTracer.target(of: expr)
        let wholeGradient = gradient && indices.isEmpty
        let variable = wholeGradient ? try evaluate(base) : computed
        // A variable's defining expression, varied one slip at a time (`W1 @ a0 + b1`).
        let definition = expr.isName ? player.definition(of: expr.description) : nil
        let tracer = tracer
        return try CheckRenderer.check(
            expected: expected.data, expectedShape: expected.shape, computed: computed, name: expr.description, options: options
        ) { flat, entry throws(DisplayError) in
            let working: String
            do {
                // One entry of a gradient (`grad(W1)[2, 1]`) is worked out by the chain rule too.
                working = gradient && !wholeGradient && computed.count == 1
                    ? try tracer.trace(expr)
                    : try tracer.trace(variable, flat: flat, name: wholeGradient ? base.description : expr.description, gradient: wholeGradient)
            } catch let error as DisplayError {
                throw error
            } catch {
                throw .cannotDraw(what: entry, reason: "\(error)")
            }
            let slips = try? LikelySlips.find(session: session, checked: expr, definition: definition, flat: flat,
                                              yours: expected.data[flat], tolerance: options.tolerance(ofEntry: flat), names: player.name(of:))
            return working + (slips.map { "\n" + $0.text(format: format.compact) } ?? "")
        }.text
    }

    /// `:gradcheck L`: finite differences against backward for every leaf variable under the one-entry L.
    func gradcheck(_ expr: Expr) throws -> String {
        let root = try evaluate(expr)
        let text = expr.description
        guard root.count == 1 else {
            throw PlayerError("error: :gradcheck needs a one-number value such as a loss; \(text) has shape \(Shape.describe(root.shape))")
        }
        let leaves = root.topologicalOrder().filter { $0.isLeaf && player.name(of: $0) != nil }
        guard !leaves.isEmpty else { throw PlayerError("error: \(text) depends on no variables") }
        // Finite differences recompute the whole graph from the leaves as they are now; if a leaf
        // changed in place since the root was computed, the scalar expansion of the root tells.
        if let note = tracer.staleNote(text, stored: root.data[0], recomputed: try Expansion(of: root, flat: 0).value) {
            throw PlayerError("error: \(text) cannot be checked: \(note) Compute it again first.")
        }
        let result = try root.gradcheck(wrt: leaves)
        var lines = ["gradcheck \(text): central differences (h = 1e-6) against backward, relative error per entry"]
        for leaf in leaves {
            let worst = result.entries.filter { $0.tensor === leaf }.map(\.error).max() ?? 0
            lines.append("  \(worst <= 1e-5 ? "✓" : "✗") \(player.name(of: leaf) ?? "?") \(Shape.describe(leaf.shape)): max error \(String(format: "%.1e", worst))")
        }
        lines.append(result.passes() ? "all gradients agree." : "some gradients disagree (error > 1e-5).")
        return lines.joined(separator: "\n")
    }

    /// `:graph x`: the computation graph as text, or as Graphviz DOT written to `dotFile`.
    func graph(_ expr: Expr, dotFile: String?) throws -> String {
        let value = try evaluate(expr)
        let gradient = session.gradient(of:)
        guard let dotFile else {
            let pass = session.lastBackward.map { "gradients from the last backward, backward \($0.text)\n" } ?? ""
            return try pass + GraphText.render(value, names: player.name(of:), gradient: gradient, format: format)
        }
        let dot = try GraphDOT.render(value, names: player.name(of:), gradient: gradient, format: format)
        try Data(dot.utf8).write(to: URL(fileURLWithPath: dotFile))
        return "wrote the graph of \(expr.description) to \(dotFile) (render it with: dot -Tsvg \(dotFile) -o graph.svg)"
    }

    var variablesText: String {
        let variables = session.variables
        guard !variables.isEmpty else { return "no variables yet" }
        let width = variables.map(\.name.displayWidth).max() ?? 0
        let shapeWidth = variables.map { Shape.describe($0.value.shape).count }.max() ?? 0
        // Every previewed number right-aligned to one width, so the columns line up across rows.
        let numberWidth = variables.flatMap { $0.value.data.prefix(6).map { format.format($0).count } }.max() ?? 0
        return variables.map { name, value in
            let preview = value.data.prefix(6).map {
                let text = format.format($0)
                return String(repeating: " ", count: numberWidth - text.count) + text
            }.joined(separator: "  ") + (value.count > 6 ? "  …" : "")
            let shape = Shape.describe(value.shape)
            return "  " + name.padded(toWidth: width) + "  "
                + shape.padding(toLength: shapeWidth, withPad: " ", startingAt: 0) + "  " + preview
        }.joined(separator: "\n")
    }

    /// The number literals typed in `text` (`[0.95, 0.8]` → ["0.95", "0.8"]).
    static func numberTexts(in text: String) -> [String] {
        var lexer = Lexer(text: text, file: "<input>")
        return lexer.tokenize().compactMap { token in
            if case let .number(_, text) = token.kind { return text }
            return nil
        }
    }
}
