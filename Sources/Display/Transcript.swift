import Autograd
import StepLang

/// A notebook-style record of a lesson run or a REPL session, independent of the output
/// format: what the Markdown and HTML exporters draw.
public struct Transcript {
    public var title: String
    public var blocks: [TranscriptBlock]
    /// The closing line (`12 expects passed, 0 failed; 3 errata ...`).
    public var summary: String?

    public init(title: String, blocks: [TranscriptBlock] = [], summary: String? = nil) {
        self.title = title
        self.blocks = blocks
        self.summary = summary
    }

    /// How many verdicts of each kind, for the page's header.
    public var verdictCounts: [TranscriptVerdict.Kind: Int] {
        var counts: [TranscriptVerdict.Kind: Int] = [:]
        for case let .verdict(verdict) in blocks { counts[verdict.kind, default: 0] += 1 }
        return counts
    }
}

public enum TranscriptBlock {
    /// Lesson prose, Markdown.
    case prose(String)
    /// A statement as written (may span lines).
    case statement(String)
    /// A value the statement made or showed.
    case value(name: String, value: Tensor)
    /// A `heatmap(x)` picture.
    case heatmap(name: String, value: Tensor)
    /// A `doc` or `expect` outcome.
    case verdict(TranscriptVerdict)
    /// Plain information (a backward pass ran, a statement was skipped).
    case note(String)
    /// Text laid out in columns, shown as it is: a trace, a check, a backward node, a graph.
    case figure(String)
    /// A layered network drawn with its values, weights and gradients (`network(x)`).
    case network(name: String, diagram: NetworkDiagram)
    /// An error, already rendered with file, line, column and caret.
    case error(String)
}

/// Sentences every format prints word for word.
enum TranscriptWording {
    /// `doc z1: agrees with the document`
    static func agrees(_ verdict: DocVerdict) -> String {
        "doc \(verdict.target): agrees with the document"
    }

    /// `backward L: gradients computed through 12 nodes`
    static func backward(root: String, nodes: Int) -> String {
        "backward \(root): gradients computed through \(nodes) nodes"
    }
}

/// The outcome of a `doc` or `expect` line, with the entries that differ.
public struct TranscriptVerdict: Equatable {
    /// The raw value is the HTML page's CSS class for the kind.
    public enum Kind: String, Hashable, Sendable {
        case agrees, erratum, passed, failed
    }

    public struct Difference: Equatable, Sendable {
        public let index: [Int]
        /// The document's / expected value.
        public let reference: Double
        /// The computed value.
        public let computed: Double

        public init(index: [Int], reference: Double, computed: Double) {
            self.index = index
            self.reference = reference
            self.computed = computed
        }
    }

    public let kind: Kind
    /// `doc z1: agrees with the document`, `expect z1 ≈ [...] failed: ...`.
    public let headline: String
    /// What the reference column is called: `document` or `expected`.
    public let referenceName: String
    public let differences: [Difference]

    public init(kind: Kind, headline: String, referenceName: String, differences: [Difference] = []) {
        self.kind = kind
        self.headline = headline
        self.referenceName = referenceName
        self.differences = differences
    }

    /// `agrees`, `erratum`, `passed`, `FAILED` — the word a reader scans for.
    public var word: String {
        switch kind {
        case .agrees: return "agrees"
        case .erratum: return "erratum"
        case .passed: return "passed"
        case .failed: return "FAILED"
        }
    }

    public var isGood: Bool { kind == .agrees || kind == .passed }

    /// How many differing entries a transcript lists; the rest are counted.
    static let shownDifferences = 20

    /// The differing entries as table text: index, reference, computed, computed − reference.
    /// Numbers keep two more decimals than the format, trailing zeros dropped (0.95, 0.6800 → 0.68).
    func differenceRows(_ format: NumberFormat) -> [[String]] {
        var precise = format
        precise.precision += 2
        return differences.prefix(Self.shownDifferences).map { d in
            [d.index.isEmpty ? "(value)" : "[" + d.index.map(String.init).joined(separator: ", ") + "]",
             precise.compact(d.reference), precise.compact(d.computed),
             precise.compact(d.computed - d.reference)]
        }
    }

    /// `… and 3 more`, when the list was cut.
    var moreDifferences: String? { Self.moreDifferences(count: differences.count) }

    /// `… and 3 more`, when a list of `count` differing entries is cut to `shownDifferences`.
    static func moreDifferences(count: Int) -> String? {
        count > shownDifferences ? "… and \(count - shownDifferences) more" : nil
    }
}
