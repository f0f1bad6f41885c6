/// Turns source text into tokens. Newlines are always emitted; the parser decides where they
/// matter (they do not inside `(` and `[`). `#` comments run to the end of the line.
public struct Lexer {
    private let chars: [Character]
    private let file: String
    private var position = 0
    private var line: Int
    private var column = 1

    /// `firstLine` is the line number of the text's first line in its file (a lesson's fenced
    /// block starts in the middle of the Markdown file).
    public init(text: String, file: String, firstLine: Int = 1) {
        self.chars = Array(text)
        self.file = file
        self.line = firstLine
    }

    /// Longest first, so `...` wins over `.`; as characters, to compare without re-reading a String.
    private static let symbols: [[Character]] = [
        "...", "..<", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "~=",
        "+", "-", "*", "/", "@", "^", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".",
    ].map(Array.init)

    /// All tokens, ending with `.end`.
    public mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Character? {
        position + offset < chars.count ? chars[position + offset] : nil
    }

    private mutating func advance() {
        if chars[position] == "\n" { line += 1; column = 1 } else { column += 1 }
        position += 1
    }

    private mutating func next() -> Token {
        while let c = peek(), c == " " || c == "\t" || c == "\r" { advance() }
        if peek() == "#" { while let c = peek(), c != "\n" { advance() } }
        let start = here
        guard let c = peek() else { return Token(.end, at: start) }
        if c == "\n" { advance(); return Token(.newline, at: start) }
        if c.isASCII && c.isNumber { return number(start) }
        if c == "_" || c.isLetter {
            var name = ""
            while let d = peek(), d == "_" || d.isLetter || d.isNumber { name.append(d); advance() }
            if let word = Keyword(rawValue: name) { return Token(.keyword(word), at: start) }
            return Token(.identifier(name), at: start)
        }
        if c == "≈" { advance(); return Token(.symbol("~="), at: start) }
        for symbol in Lexer.symbols where symbol[0] == c && matches(symbol) {
            for _ in symbol { advance() }
            return Token(.symbol(String(symbol)), at: start)
        }
        advance()
        return Token(.invalid(c), at: start)
    }

    private func matches(_ symbol: [Character]) -> Bool {
        symbol.indices.allSatisfy { peek($0) == symbol[$0] }
    }

    /// Digits, an optional fraction (not when `..` follows: `1...3` is a range) and an optional exponent.
    private mutating func number(_ start: SourceLocation) -> Token {
        var text = ""
        func digits(_ lexer: inout Lexer) {
            while let d = lexer.peek(), d.isASCII && d.isNumber { text.append(d); lexer.advance() }
        }
        digits(&self)
        if peek() == ".", let d = peek(1), d.isASCII && d.isNumber {
            text.append("."); advance()
            digits(&self)
        }
        if let e = peek(), e == "e" || e == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if let d = peek(signed ? 2 : 1), d.isASCII && d.isNumber {
                text.append(e); advance()
                if signed, let s = peek() { text.append(s); advance() }
                digits(&self)
            }
        }
        // Every text built here is digits[.digits][e[±]digits], which Double always parses.
        return Token(.number(Double(text) ?? .nan, text: text), at: start)
    }
}

extension Lexer {
    /// True when the text leaves a `(`, `[` or `{` open: the REPL then reads a continuation line.
    public static func isIncomplete(_ text: String) -> Bool {
        var lexer = Lexer(text: text, file: "<input>")
        var depth = 0
        for token in lexer.tokenize() {
            switch token.kind {
            case .symbol("("), .symbol("["), .symbol("{"): depth += 1
            case .symbol(")"), .symbol("]"), .symbol("}"): depth -= 1
            default: break
            }
        }
        return depth > 0
    }
}
