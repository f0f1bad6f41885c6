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

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
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
            return "unexpected character '\(c)' (did you mean '\(meant)'? text copied from a document often has look-alikes)"
        case .newline: return "end of line"
        case .end: return "end of input"
        }
    }
}
