/// The comments an author wrote with a statement — the hand arithmetic (`# by hand: 0.2·1 + …`)
/// that the prose points to — shown beside the statement's step.
extension Statement {
    /// The statement as it stands in its source: the comment lines right above it, then its own
    /// lines with their trailing comments. The same as `text` when it has no comments.
    public var textWithComments: String {
        var first = location.line
        // Comment lines directly above (no blank line between) belong to the statement.
        while let above = source.line(first - 1), Self.isComment(above) { first -= 1 }
        // Most statements have no comment: they cost one scan of their bytes.
        guard first < location.line || (location.line...lastLine).contains(where: { source.line($0)?.utf8.contains(Self.hash) == true }) else {
            return text
        }
        return (first...lastLine).compactMap { n -> String? in
            guard var line = source.line(n) else { return nil }
            if n == location.line { line = String(line.dropFirst(location.column - 1)) }
            guard let end = line.lastIndex(where: { !$0.isWhitespace }) else { return nil }
            return String(line[...end])
        }.joined(separator: "\n")
    }

    private static let hash = UInt8(ascii: "#")

    /// A line holding only a comment.
    private static func isComment(_ line: String) -> Bool {
        line.utf8.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } == hash
    }
}
