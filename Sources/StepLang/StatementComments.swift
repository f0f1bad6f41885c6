/// The comments an author wrote with a statement — the hand arithmetic (`# by hand: 0.2·1 + …`)
/// that the prose points to — shown beside the statement's step.
extension Statement {
    /// The statement as it stands in its source: the comment lines right above it, then its own
    /// lines with their trailing comments. The same as `text` when it has no comments.
    public var textWithComments: String {
        var first = location.line
        // Comment lines directly above (no blank line between) belong to the statement.
        while let above = source.line(first - 1), above.drop(while: \.isWhitespace).hasPrefix("#") { first -= 1 }
        let lines = (first...lastLine).compactMap { n -> String? in
            guard var line = source.line(n) else { return nil }
            if n == location.line { line = String(line.dropFirst(location.column - 1)) }
            let trimmed = line.reversed().drop(while: \.isWhitespace).reversed()
            return trimmed.isEmpty ? nil : String(trimmed)
        }
        return lines.contains { $0.contains("#") } ? lines.joined(separator: "\n") : text
    }
}
