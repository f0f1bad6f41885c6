import HTMLText
import Foundation

/// The small part of Markdown that lesson prose uses, turned into HTML: headings, paragraphs,
/// block quotes, lists, fenced and indented code, and inline code, bold, italics and links. A
/// paragraph whose lines are all indented by two (a formula on its own line) keeps its line breaks.
enum MarkdownHTML {
    static func render(_ markdown: String) -> String {
        var html: [String] = []
        var paragraph: [String] = []
        var list: (tag: String, items: [String])?
        var quote: [String] = []
        var fence: [String]?

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            if paragraph.allSatisfy({ $0.hasPrefix("    ") }) {
                html.append("<pre><code>" + HTMLText.escape(paragraph.map { String($0.dropFirst(4)) }.joined(separator: "\n")) + "</code></pre>")
            } else if paragraph.allSatisfy({ $0.hasPrefix("  ") }) {
                html.append("<p class=\"formula\">" + paragraph.map { inline($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: "<br>") + "</p>")
            } else {
                html.append("<p>" + inline(paragraph.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")) + "</p>")
            }
            paragraph = []
        }
        func flushList() {
            guard let current = list else { return }
            html.append("<\(current.tag)>" + current.items.map { "<li>\(inline($0))</li>" }.joined() + "</\(current.tag)>")
            list = nil
        }
        func flushQuote() {
            guard !quote.isEmpty else { return }
            html.append("<blockquote>" + inline(quote.joined(separator: " ")) + "</blockquote>")
            quote = []
        }
        func flushAll() { flushParagraph(); flushList(); flushQuote() }

        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var lines = fence {
                if trimmed.hasPrefix("```") {
                    html.append("<pre><code>" + HTMLText.escape(lines.joined(separator: "\n")) + "</code></pre>")
                    fence = nil
                } else {
                    lines.append(line)
                    fence = lines
                }
                continue
            }
            if trimmed.hasPrefix("```") { flushAll(); fence = []; continue }
            if trimmed.isEmpty { flushAll(); continue }
            if let level = headingLevel(trimmed) {
                flushAll()
                let text = trimmed.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                html.append("<h\(level)>\(inline(text))</h\(level)>")
                continue
            }
            if trimmed.hasPrefix(">") {
                flushParagraph(); flushList()
                quote.append(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces))
                continue
            }
            if let (tag, item) = listItem(trimmed) {
                flushParagraph(); flushQuote()
                if list?.tag != tag { flushList(); list = (tag, []) }
                list?.items.append(item)
                continue
            }
            if list != nil, line.hasPrefix("  "), var current = list, !current.items.isEmpty {
                current.items[current.items.count - 1] += " " + trimmed   // a list item's continuation line
                list = current
                continue
            }
            flushList(); flushQuote()
            paragraph.append(line)
        }
        if let lines = fence { html.append("<pre><code>" + HTMLText.escape(lines.joined(separator: "\n")) + "</code></pre>") }
        flushAll()
        return html.joined(separator: "\n")
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    private static func listItem(_ line: String) -> (tag: String, item: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return ("ul", String(line.dropFirst(2))) }
        let digits = line.prefix(while: \.isNumber)
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return ("ol", String(line.dropFirst(digits.count + 2))) }
        return nil
    }

    /// Inline code first (its content stays literal), then bold, italics and links elsewhere.
    static func inline(_ text: String) -> String {
        let pieces = text.split(separator: "`", omittingEmptySubsequences: false)
        // An unmatched backtick leaves an even number of pieces: the last one is plain text.
        return pieces.enumerated().map { position, piece in
            let unmatched = position == pieces.count - 1 && pieces.count % 2 == 0
            if position % 2 == 1 && !unmatched { return "<code>" + HTMLText.escape(String(piece)) + "</code>" }
            var html = (unmatched ? "`" : "") + HTMLText.escape(String(piece))
            // Spans are bounded (500 characters): unbounded, a long line of unmatched `*` or `[`
            // costs the regex length² steps (a 60 KB line took half a minute).
            html = html.replacingOccurrences(of: #"\*\*(.{1,500}?)\*\*"#, with: "<strong>$1</strong>", options: .regularExpression)
            html = html.replacingOccurrences(of: #"(?<![\w*])\*(?!\s)(.{1,500}?)(?<!\s)\*(?![\w*])"#, with: "<em>$1</em>", options: .regularExpression)
            // Only web, mail and relative links: a stranger's lesson must not put javascript: or
            // data: URLs into a page its reader opens.
            html = html.replacingOccurrences(of: #"\[([^\]]{1,500})\]\(((?i:https?:|mailto:)[^)\s]{0,2000}|[^)\s:/?#]{1,500}(?:[/?#][^)\s]{0,2000})?|[/?#][^)\s]{0,2000})\)"#,
                                             with: "<a href=\"$2\">$1</a>", options: .regularExpression)
            return html
        }.joined()
    }
}
