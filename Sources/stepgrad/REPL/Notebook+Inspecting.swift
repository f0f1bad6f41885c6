import Autograd
import Display
import Foundation
import StepLang

/// Looking at values: they never change the session.
extension Notebook {
    func show(_ text: String) {
        do {
            console.say(formatter.block(name: text, try evaluate(text)))
        } catch {
            report(error)
        }
    }

    func vars() {
        let variables = session.variables
        guard !variables.isEmpty else { return console.say("no variables yet") }
        let width = variables.map(\.name.count).max() ?? 0
        let shapeWidth = variables.map { Shape.describe($0.value.shape).count }.max() ?? 0
        // Every previewed number right-aligned to one width, so the columns line up across rows.
        let numberWidth = variables.flatMap { $0.value.data.prefix(6).map { format.format($0).count } }.max() ?? 0
        for (name, value) in variables {
            let preview = value.data.prefix(6).map {
                let text = format.format($0)
                return String(repeating: " ", count: numberWidth - text.count) + text
            }.joined(separator: "  ") + (value.count > 6 ? "  …" : "")
            let shape = Shape.describe(value.shape)
            console.say("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                        + shape.padding(toLength: shapeWidth, withPad: " ", startingAt: 0) + "  " + preview)
        }
    }

    func grad(_ text: String) {
        guard let root = session.lastBackward?.text else {
            return console.error("no gradients yet: run backward on a loss first (e.g. backward L)")
        }
        do {
            console.say(formatter.block(name: "∂\(root)/∂(\(text))", try evaluate("grad(\(text))")))
        } catch {
            report(error)
        }
    }

    /// `:trace x[i, j]` (forward arithmetic of one entry) or `:trace x.grad[i]` / `grad(x)[i]` (the chain rule).
    func trace(_ text: String) {
        do {
            let entry = try entryReference(text)
            let options = TraceOptions(format: NumberFormat(style: format.style, precision: max(format.precision, 4)))
            if entry.gradient {
                guard let record = session.lastBackward else {
                    return console.error("no gradients yet: run backward on a loss first (e.g. backward L)")
                }
                refreshGradients()
                console.say(try TraceRenderer.gradient(of: record.root, withRespectTo: entry.tensor, flat: entry.flat, gradient: session.gradient(of:),
                                                        names: name(of:), options: options))
            } else {
                let expansion = try Expansion(of: entry.tensor, flat: entry.flat, stopsAt: stopAtNamed(below: entry.tensor))
                let label = TraceRenderer.entryName(entry.name, index: Shape.index(ofFlat: entry.flat, in: entry.tensor.shape))
                console.say(TraceRenderer.render(expansion, name: label, options: options))
            }
        } catch {
            report(error)
        }
    }

    /// `:check x = [...]`: entry by entry, each wrong entry with its trace. Without `within`, the
    /// tolerance is half a unit in the last decimal of the most precise number typed (0.95 → 0.005).
    func check(_ text: String, expected literal: String, tolerance toleranceText: String?) {
        do {
            let computed = try evaluate(text)
            let expected = try evaluate(literal)
            let tolerance: Double
            if let toleranceText {
                let value = try evaluate(toleranceText)
                guard value.count == 1, let t = value.data.first, t >= 0, t.isFinite else {
                    return console.error("error: the tolerance after `within` must be one number ≥ 0")
                }
                tolerance = t
            } else {
                tolerance = Self.numberTexts(in: literal).map(ValueCheck.printedTolerance).min() ?? 1e-6
            }
            let options = CheckRenderer.Options(
                tolerance: tolerance,
                trace: TraceOptions(format: NumberFormat(style: format.style, precision: max(format.precision, 4))))
            let named = stopAtNamed(below: computed)
            let report = try CheckRenderer.check(
                expected: expected.data, expectedShape: expected.shape, computed: computed, name: text, options: options
            ) { flat throws(AutogradError) in try Expansion(of: computed, flat: flat, stopsAt: named) }
            console.say(report.text)
        } catch {
            report(error)
        }
    }

    /// `:gradcheck L`: finite differences against backward for every leaf variable under the one-entry L.
    func gradcheck(_ text: String) {
        do {
            let root = try evaluate(text)
            guard root.count == 1 else {
                return console.error("error: :gradcheck needs a one-number value such as a loss; \(text) has shape \(Shape.describe(root.shape))")
            }
            let leaves = root.topologicalOrder().filter { $0.isLeaf && name(of: $0) != nil }
            guard !leaves.isEmpty else { return console.error("error: \(text) depends on no variables") }
            // Finite differences recompute the whole graph from the leaves as they are now. If a leaf was
            // updated in place after \(text) was computed (an SGD step), that would silently change the
            // values in between; the scalar expansion of the root, from the same leaves, tells.
            let fresh = try Expansion(of: root, flat: 0).value
            let stored = root.data[0]
            guard fresh == stored || abs(fresh - stored) <= 1e-9 * max(1, abs(stored)) || (fresh.isNaN && stored.isNaN) else {
                return console.error("error: \(text) was computed before some of its inputs changed in place; compute it again (e.g. :back, or re-run its statements) before :gradcheck")
            }
            let result = try root.gradcheck(wrt: leaves)
            refreshGradients()
            let passes = result.passes()
            var lines = ["gradcheck \(text): central differences (h = 1e-6) against backward, relative error per entry"]
            for leaf in leaves {
                let entries = result.entries.filter { $0.tensor === leaf }
                let worst = entries.map(\.error).max() ?? 0
                let mark = worst <= 1e-5 ? console.good("✓") : console.bad("✗")
                lines.append("  \(mark) \(name(of: leaf) ?? "?") \(Shape.describe(leaf.shape)): max error \(String(format: "%.1e", worst))")
            }
            lines.append(passes ? "all gradients agree." : "some gradients disagree (error > 1e-5).")
            console.say(lines.joined(separator: "\n"))
        } catch {
            report(error)
        }
    }

    func heatmap(_ text: String) {
        do {
            console.say(heatmapText(try evaluate(text), name: text))
        } catch {
            report(error)
        }
    }

    func heatmapText(_ value: Tensor, name: String) -> String {
        do {
            return try Heatmap.render(value, name: name, options: HeatmapOptions(color: console.colorDepth, format: format))
        } catch {
            return "heatmap of \(name): \(error.description)"
        }
    }

    func graph(_ text: String, dotFile: String?) {
        do {
            let value = try evaluate(text)
            refreshGradients()
            if let dotFile {
                let dot = try GraphDOT.render(value, names: name(of:), gradient: session.gradient(of:), format: format)
                try Data(dot.utf8).write(to: URL(fileURLWithPath: dotFile))
                console.say("wrote the graph of \(text) to \(dotFile) (render it with: dot -Tsvg \(dotFile) -o graph.svg)")
            } else {
                console.say(try GraphText.render(value, names: name(of:), gradient: session.gradient(of:), format: format))
            }
        } catch {
            report(error)
        }
    }

    // MARK: - Helpers

    /// Which tensor entry `x[i, j]`, `x.grad[i]` or `grad(x)[i]` names (a one-entry `x` needs no index).
    private func entryReference(_ text: String) throws -> (tensor: Tensor, flat: Int, name: String, gradient: Bool) {
        let expression = try parseExpression(text, expected: "an entry such as z1[2] or W1.grad[0, 1]").expression
        var base = expression
        var indices: [IndexArgument] = []
        if case let .index(inner, items) = expression.kind {
            base = inner
            indices = items
        }
        var gradient = false
        switch base.kind {
        case let .member(inner, "grad"):
            base = inner
            gradient = true
        case let .call("grad", arguments, keywords) where arguments.count == 1 && keywords.isEmpty:
            base = arguments[0]
            gradient = true
        default:
            break
        }
        let tensor = try evaluate(base.description)
        var index: [Int] = []
        for item in indices {
            guard case let .at(position) = item else {
                throw StepError("a trace is of one entry: use single indices, not slices", at: expression.location, sourceLine: text)
            }
            let value = try evaluate(position.description)
            guard value.count == 1, let number = value.data.first, number == number.rounded(), abs(number) < 1e9 else {
                throw StepError("an index must be a whole number", at: position.location, sourceLine: text)
            }
            index.append(Int(number))
        }
        if index.isEmpty && tensor.count != 1 {
            throw StepError("\(base.description) has shape \(Shape.describe(tensor.shape)): say which entry, e.g. \(base.description)[\(Array(repeating: "0", count: tensor.rank).joined(separator: ", "))]",
                            at: expression.location, sourceLine: text)
        }
        guard index.isEmpty || index.count == tensor.rank else {
            throw StepError("\(base.description) has \(tensor.rank) axes \(Shape.describe(tensor.shape)): give \(tensor.rank) indices", at: expression.location, sourceLine: text)
        }
        var flat = 0
        for (axis, raw) in index.enumerated() {
            let size = tensor.shape[axis]
            let i = raw < 0 ? raw + size : raw
            guard (0..<size).contains(i) else {
                throw StepError("index \(raw) is out of range for axis \(axis) of size \(size)", at: expression.location, sourceLine: text)
            }
            flat = flat * size + i
        }
        return (tensor, flat, base.description, gradient)
    }

    /// Expansions stop at other named values, so a trace reads like the lesson (`W1[0,0]·a0[0] + …`).
    private func stopAtNamed(below root: Tensor) -> (Tensor) -> Bool {
        let named = Set(session.variables.map { ObjectIdentifier($0.value) })
        return { tensor in tensor.isLeaf || (tensor !== root && named.contains(ObjectIdentifier(tensor))) }
    }

    /// Tensors keep the gradients of the most recent backward they took part in; after :back or a later
    /// backward from another root, they are brought back in line with the session's last backward.
    func refreshGradients() {
        guard let record = session.lastBackward else { return }
        let stale = record.root.grad != [1] || record.steps.contains { $0.node.grad != $0.receivedGrad }
        if stale { _ = try? record.root.backward() }
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
