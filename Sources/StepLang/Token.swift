/// A lexical token with the place it starts.
public struct Token: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A number literal with its source text (the text keeps the printed decimals `doc` needs).
        case number(Double, text: String)
        case identifier(String)
        case keyword(Keyword)
        /// Operators and punctuation: `+ - * / @ ^ == != < <= > >= = += -= *= /= ~= ( ) [ ] { } , : . ... ..<`.
        /// `≈` is read as `~=`.
        case symbol(String)
        /// A character the language does not know; the parser reports it where it stands.
        case invalid(Character)
        case newline
        case end
    }

    public let kind: Kind
    public let location: SourceLocation
    /// Whitespace or a line break comes right before it (or it starts the text): NumPy separates
    /// a matrix's entries with spaces, so `1 -2` in a list is two entries.
    public let spaceBefore: Bool
    /// The look-alike it was read from (`−` for `-`, `，` for `,`), for the note that says so.
    public let lookAlike: Character?

    public init(_ kind: Kind, at location: SourceLocation, spaceBefore: Bool = false, lookAlike: Character? = nil) {
        self.kind = kind
        self.location = location
        self.spaceBefore = spaceBefore
        self.lookAlike = lookAlike
    }
}

/// Words the language reserves; they cannot name variables.
public enum Keyword: String, CaseIterable, Sendable {
    case backward, expect, doc, exercise, `for`, `in`, within
}

extension Token {
    /// Characters that look like the language's own (a Unicode minus, full-width punctuation).
    static let lookAlikes: [Character: Character] = [
        "−": "-", "–": "-", "×": "*", "·": "*", "÷": "/", "，": ",", "（": "(", "）": ")",
        "［": "[", "］": "]", "＝": "=", "：": ":", "＋": "+", "－": "-",
    ]

    /// Why look-alikes are there, for the hint and the note.
    static let copiedText = "text copied from a document often has look-alikes"

    /// The look-alikes read as the character they look like, with a note: the Unicode minus and
    /// the full-width punctuation a Chinese document or keyboard gives. The others stay errors
    /// with a hint (`×` or `·` could be `*` or `@`).
    static let readAsTheirLookAlike: Set<Character> = ["−", "，", "（", "）", "［", "］", "："]

    /// "read '−' as '-', '，' as ','": the note for the look-alikes among `tokens`, nil when none.
    static func lookAlikeNote(_ tokens: some Sequence<Token>) -> String? {
        var seen: [Character] = []
        for token in tokens { if let c = token.lookAlike, !seen.contains(c) { seen.append(c) } }
        guard !seen.isEmpty else { return nil }
        let pairs = seen.map { "'\($0)' as '\(lookAlikes[$0] ?? $0)'" }
        return "read " + pairs.joined(separator: ", ") + " (\(copiedText))"
    }
}

extension Token.Kind: CustomStringConvertible {
    /// The text of a symbol token (`(`), empty for other kinds.
    var symbolText: String { if case let .symbol(s) = self { s } else { "" } }

    /// How the parser names a token in "expected ..., found ..." messages.
    public var description: String {
        switch self {
        case let .number(_, text): return "number \(text)"
        case let .identifier(name): return "name '\(name)'"
        case let .keyword(word): return "keyword '\(word.rawValue)'"
        case let .symbol(s): return "'\(s)'"
        case let .invalid(c):
            guard let meant = Token.lookAlikes[c] else { return "unexpected character '\(c)'" }
            return "unexpected character '\(c)' (did you mean '\(meant)'? \(Token.copiedText))"
        case .newline: return "end of line"
        case .end: return "end of input"
        }
    }
}
