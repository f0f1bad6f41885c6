import Foundation
import Autograd
import StepLang

// Turning what the interpreter reports (a statement's events) into transcript blocks.

extension Transcript {
    /// The blocks for what one statement produced, in order. A network diagram names its values
    /// by `names` and shows `gradient` (the session's), when given.
    public static func blocks(for events: [Event], names: (Tensor) -> String? = { _ in nil },
                              gradient: (Tensor) -> [Double]? = { _ in nil }) -> [TranscriptBlock] {
        events.flatMap { blocks(for: $0, names: names, gradient: gradient) }
    }

    public static func blocks(for event: Event, names: (Tensor) -> String? = { _ in nil },
                              gradient: (Tensor) -> [Double]? = { _ in nil }) -> [TranscriptBlock] {
        switch event {
        case let .bound(name, value), let .updated(name, value):
            return [.value(name: name, value: value)]
        case let .shown(text, value), let .exercise(text, value):
            return [.value(name: text, value: value)]
        case let .picture(.heatmap, text, value):
            return [.heatmap(name: text, value: value)]
        case let .picture(.network, text, value):
            do {
                return [.network(name: text, diagram: try NetworkDiagram(of: value, names: names, gradient: gradient))]
            } catch {
                return [.note("network(\(text)): \(error.description)")]
            }
        case let .note(text):
            return [.note(text)]
        case let .backward(root, steps):
            return [.note(TranscriptWording.backward(root: root, nodes: steps.count))]
        case let .expect(result):
            // The statement is printed right above its verdict: a pass needs no words, a failure its reason.
            return [.verdict(TranscriptVerdict(kind: result.passed ? .passed : .failed,
                                               headline: result.passed ? "" : "\(result.location): \(result.message)",
                                               referenceName: "expected",
                                               differences: result.differences.map(TranscriptVerdict.Difference.init)))]
        case let .doc(verdict):
            var headline = verdict.agrees
                ? TranscriptWording.agrees(verdict)
                : "doc \(verdict.target): the document's value differs from the computed one"
            if let problem = verdict.shapeProblem { headline += " — \(problem)" }
            var blocks: [TranscriptBlock] = [.verdict(TranscriptVerdict(kind: verdict.agrees ? .agrees : .erratum,
                                                                        headline: headline, referenceName: "document",
                                                                        differences: verdict.differences.map(TranscriptVerdict.Difference.init)))]
            if verdict.shapeProblem != nil { blocks.append(.value(name: "computed \(verdict.target)", value: verdict.computed)) }
            return blocks
        }
    }
}

extension TranscriptVerdict.Difference {
    /// An `expect` or `doc` entry: the expected / printed value is the reference.
    init(_ difference: EntryDifference) {
        self.init(index: difference.index, reference: difference.expected, computed: difference.actual)
    }
}

/// The notebook formats of `stepgrad run --format` and the REPL's `:export`.
public enum ExportFormat: String, CaseIterable, Sendable {
    case md, html
}

/// Writes transcripts as Markdown or HTML: for `stepgrad run --format md|html` and the REPL's
/// `:export md|html FILE`.
public struct TranscriptExporter {
    public var format: NumberFormat

    public init(format: NumberFormat = NumberFormat()) {
        self.format = format
    }

    public func render(_ transcript: Transcript, as kind: ExportFormat) -> String {
        switch kind {
        case .html: return HTMLTranscript(format: format).render(transcript)
        case .md: return MarkdownTranscript(format: format).render(transcript)
        }
    }

    /// Writes the file whole or not at all (a temporary file renamed into place).
    public func write(_ transcript: Transcript, as kind: ExportFormat, to path: String) throws(DisplayError) {
        do {
            try render(transcript, as: kind).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .cannotDraw(what: "the transcript", reason: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
