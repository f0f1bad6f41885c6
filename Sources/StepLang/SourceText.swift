/// The text a statement came from (a lesson file or a REPL input), kept so that an error can
/// quote the line it points into.
public final class SourceText: Sendable {
    public let file: String
    public let lines: [String]

    public init(file: String, text: String) {
        self.file = file
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
    }

    /// Line `number` (1-based), if the text has it.
    public func line(_ number: Int) -> String? {
        lines.indices.contains(number - 1) ? lines[number - 1] : nil
    }
}
