/// Turns source text into tokens. Newlines are always emitted; the parser decides where they
/// matter (they do not inside `(` and `[`). `#` comments run to the end of the line.
public struct Lexer {
    /// The text as characters (a column is one character, as the caret under an error counts)...
    private let chars: [Character]
    /// ...and each character as one scalar, which the scanning compares (comparing Characters
    /// costs a string comparison each). A character of several scalars (a letter with a
    /// combining accent, CR LF) is `Lexer.several`, which matches no symbol.
    private let scalars: [Unicode.Scalar]
    private static let several: Unicode.Scalar = "\u{FFFF}"
    private let file: String
    private var position = 0
    private var line: Int
    private var column = 1

    /// `firstLine` is the line number of the text's first line in its file (a lesson's fenced
    /// block starts in the middle of the Markdown file).
    public init(text: String, file: String, firstLine: Int = 1) {
        self.chars = Array(text)
        let scalars = Array(text.unicodeScalars)
        let plain = scalars.count == chars.count ? scalars
            : chars.map { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first ?? Lexer.several : Lexer.several }
        // A look-alike read as its ASCII character is scanned as that character; `chars` keeps
        // the original, for the note. Only characters outside ASCII can be look-alikes.
        self.scalars = zip(chars, plain).map { c, s in
            s.isASCII || !Token.readAsTheirLookAlike.contains(c) ? s : Token.lookAlikes[c]?.unicodeScalars.first ?? s
        }
        self.file = file
        self.line = firstLine
    }

    /// Longest first, so `...` wins over `.`.
    private static let symbols: [[Unicode.Scalar]] = [
        "...", "..<", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "~=",
        "+", "-", "*", "/", "@", "^", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".",
    ].map { Array($0.unicodeScalars) }

    /// All tokens, ending with `.end`.
    public mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let spaced = skipSpaceAndComment() || tokens.last.map { $0.kind == .newline } ?? true
            let first = position
            let token = next()
            let lookAlike = chars[first..<position].first { !$0.isASCII && Token.readAsTheirLookAlike.contains($0) }
            tokens.append(Token(token.kind, at: token.location, spaceBefore: spaced, lookAlike: lookAlike))
            if token.kind == .end { return tokens }
        }
    }

    /// Skips spaces, tabs and the other blanks a PDF copies (no-break and thin spaces), then a
    /// `#` comment; true when it skipped any blank.
    private mutating func skipSpaceAndComment() -> Bool {
        let start = position
        while let c = peek(), c == " " || c == "\t" || c == "\r" || (!c.isASCII && chars[position].isWhitespace && !chars[position].isNewline) {
            advance()
        }
        let spaced = position > start
        if peek() == "#" { while position < chars.count, chars[position] != "\n" { advance() } }
        return spaced
    }

    private var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// The character `offset` ahead as a scalar; nil at the end.
    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func advance() {
        if chars[position] == "\n" { line += 1; column = 1 } else { column += 1 }
        position += 1
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }

    private func isNameCharacter(_ offset: Int, first: Bool) -> Bool {
        guard let s = peek(offset) else { return false }
        if s.isASCII { return s == "_" || ("a"..."z").contains(s) || ("A"..."Z").contains(s) || (!first && Lexer.isDigit(s)) }
        let c = chars[position + offset]
        return c.isLetter || (!first && c.isNumber)
    }

    private mutating func next() -> Token {
        let start = here
        guard position < chars.count else { return Token(.end, at: start) }
        let c = chars[position]
        if c == "\n" { advance(); return Token(.newline, at: start) }
        if let s = peek(), Lexer.isDigit(s) { return number(start) }
        if isNameCharacter(0, first: true) {
            var name = ""
            while isNameCharacter(0, first: false) { name.append(chars[position]); advance() }
            if let word = Keyword(rawValue: name) { return Token(.keyword(word), at: start) }
            return Token(.identifier(name), at: start)
        }
        if peek() == "≈" { advance(); return Token(.symbol("~="), at: start) }
        for symbol in Lexer.symbols where symbol[0] == peek() && matches(symbol) {
            for _ in symbol { advance() }
            return Token(.symbol(String(String.UnicodeScalarView(symbol))), at: start)
        }
        advance()
        return Token(.invalid(c), at: start)
    }

    private func matches(_ symbol: [Unicode.Scalar]) -> Bool {
        symbol.indices.allSatisfy { peek($0) == symbol[$0] }
    }

    /// Digits, an optional fraction (not when `..` follows: `1...3` is a range; a bare `1.` as NumPy
    /// prints it) and an optional exponent.
    private mutating func number(_ start: SourceLocation) -> Token {
        var text = ""
        func isDigit(_ offset: Int, _ lexer: Lexer) -> Bool { lexer.peek(offset).map(Lexer.isDigit) ?? false }
        func digits(_ lexer: inout Lexer) {
            while isDigit(0, lexer) { text.unicodeScalars.append(lexer.scalars[lexer.position]); lexer.advance() }
        }
        func isExponent(_ offset: Int, _ lexer: Lexer) -> Bool {
            guard let e = lexer.peek(offset), e == "e" || e == "E" else { return false }
            let signed = lexer.peek(offset + 1) == "+" || lexer.peek(offset + 1) == "-"
            return isDigit(offset + (signed ? 2 : 1), lexer)
        }
        digits(&self)
        if peek() == ".", isDigit(1, self) {
            text.append("."); advance()
            digits(&self)
        } else if peek() == ".", peek(1) != ".", isExponent(1, self) || !isNameCharacter(1, first: true) {
            // NumPy prints 1.0 as `1.` (and 1e-05 as `1.e-05`); `x.T` and `1...3` are not numbers.
            text.append("."); advance()
        }
        if let e = peek(), e == "e" || e == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if isExponent(0, self) {
                text.unicodeScalars.append(e); advance()
                if signed, let s = peek() { text.unicodeScalars.append(s); advance() }
                digits(&self)
            }
        }
        // Every text built here is digits[.][digits][e[±]digits], which Double always parses.
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
