import Autograd

/// Compares a learner's hand-computed value with the computed one, entry by entry: ✓ or ✗ with
/// the difference, then the scalar arithmetic of every wrong entry, so they see where their
/// computation went another way.
public enum CheckRenderer {
    public struct Options: Equatable, Sendable {
        /// An entry agrees when |yours - computed| ≤ its tolerance (NaN never agrees): the
        /// entry's own in `entryTolerances` when given (one per entry, from its printed
        /// decimals), else `tolerance` (`within TOL`).
        public var tolerance: Double
        public var entryTolerances: [Double]?
        public var trace: TraceOptions

        public init(tolerance: Double = 1e-6, entryTolerances: [Double]? = nil, trace: TraceOptions = TraceOptions()) {
            self.tolerance = tolerance
            self.entryTolerances = entryTolerances
            self.trace = trace
        }

        public func tolerance(ofEntry flat: Int) -> Double {
            guard let entryTolerances, entryTolerances.indices.contains(flat) else { return tolerance }
            return entryTolerances[flat]
        }
    }

    /// The result, and whether every entry agreed.
    public struct Report: Equatable, Sendable {
        public let text: String
        public let wrongEntries: [Int]
        public var allAgree: Bool { wrongEntries.isEmpty }
    }

    /// `expected` has `expectedShape` (a one-number value may be checked against any one-entry
    /// tensor). `expansion(flat)` expands entry `flat` of `computed` for its trace.
    public static func check(
        expected: [Double], expectedShape: [Int], computed: Tensor, name: String,
        options: Options = Options(),
        expansion: (_ flat: Int) throws(AutogradError) -> Expansion
    ) throws(DisplayError) -> Report {
        try check(expected: expected, expectedShape: expectedShape, computed: computed, name: name, options: options, working: { flat, entry throws(DisplayError) in
            do throws(AutogradError) {
                return TraceRenderer.render(try expansion(flat), name: entry, options: options.trace)
            } catch {
                throw .cannotDraw(what: entry, reason: error.description)
            }
        })
    }

    /// The same, with each wrong entry explained by `working(flat, entryName)`: the forward
    /// arithmetic, or for a gradient the chain rule (`TraceRenderer.gradient`), and whatever
    /// the caller adds (the likely slip).
    public static func check(
        expected: [Double], expectedShape: [Int], computed: Tensor, name: String,
        options: Options = Options(),
        working: (_ flat: Int, _ entryName: String) throws(DisplayError) -> String
    ) throws(DisplayError) -> Report {
        let shapesFit = expectedShape == computed.shape || (expected.count == 1 && computed.count == 1)
        guard shapesFit, expected.count == computed.count else {
            throw .cannotDraw(what: "a check of \(name)",
                              reason: "your value has shape \(Shape.describe(expectedShape)), \(name) has shape \(Shape.describe(computed.shape))")
        }
        let format = options.trace.format
        var rows: [[String]] = []
        var wrong: [Int] = []
        for flat in 0..<computed.count {
            let (yours, value) = (expected[flat], computed.data[flat])
            let agrees = yours == value || abs(yours - value) <= options.tolerance(ofEntry: flat)
            if !agrees { wrong.append(flat) }
            let verdict: String
            if agrees { verdict = "✓" } else if yours.isNaN || value.isNaN { verdict = "✗ nan never agrees" } else {
                verdict = "✗ off by \(format.compact(yours - value))"
            }
            rows.append([TraceRenderer.entryName(name, index: Shape.index(ofFlat: flat, in: computed.shape)),
                         "yours " + format.compact(yours), "computed " + format.compact(value), verdict])
        }
        let tolerance = options.entryTolerances == nil ? "tolerance \(options.tolerance)" : "each entry to its last printed decimal"
        var lines = ["check \(name) \(Shape.describe(computed.shape)), \(tolerance):"]
        lines += TextColumns.align(rows).map { "  " + $0 }
        lines.append("\(computed.count - wrong.count) of \(computed.count) entries agree.")
        for flat in wrong {
            let entry = rows[flat][0]
            lines.append("")
            lines.append("how \(entry) is computed:")
            do {
                let trace = try working(flat, entry)
                lines += trace.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            } catch {
                lines.append("  (no trace: \(error.description))")
            }
        }
        return Report(text: lines.joined(separator: "\n"), wrongEntries: wrong)
    }
}
