import Testing
@testable import StepLang

@Suite struct LexerTests {
    private func kinds(_ text: String) -> [Token.Kind] {
        var lexer = Lexer(text: text, file: "t")
        return lexer.tokenize().map(\.kind)
    }

    @Test func numbersKeepTheirText() {
        #expect(kinds("1.50 1e-9 2E+3 7") == [
            .number(1.5, text: "1.50"), .number(1e-9, text: "1e-9"), .number(2000, text: "2E+3"), .number(7, text: "7"), .end,
        ])
    }

    @Test func rangeDotsAreNotDecimals() {
        #expect(kinds("1...3 0..<n") == [
            .number(1, text: "1"), .symbol("..."), .number(3, text: "3"),
            .number(0, text: "0"), .symbol("..<"), .identifier("n"), .end,
        ])
    }

    @Test func approximatelyEqualHasTwoSpellings() {
        #expect(kinds("a ≈ b") == kinds("a ~= b"))
        #expect(kinds("a ≈ b")[1] == .symbol("~="))
    }

    @Test func keywordsAndIdentifiers() {
        #expect(kinds("for i in x_1 within doc") == [
            .keyword(.for), .identifier("i"), .keyword(.in), .identifier("x_1"), .keyword(.within), .keyword(.doc), .end,
        ])
    }

    @Test func commentsRunToTheEndOfTheLine() {
        #expect(kinds("x # a comment, with @ and ≈\ny") == [.identifier("x"), .newline, .identifier("y"), .end])
    }

    @Test func longestOperatorWins() {
        #expect(kinds("a -= b <= c == d != e") == [
            .identifier("a"), .symbol("-="), .identifier("b"), .symbol("<="), .identifier("c"),
            .symbol("=="), .identifier("d"), .symbol("!="), .identifier("e"), .end,
        ])
    }

    @Test func locationsCountLinesAndColumnsFromTheFirstLine() {
        var lexer = Lexer(text: "x = 1\n  yy", file: "f.md", firstLine: 10)
        let tokens = lexer.tokenize()
        #expect(tokens[0].location == SourceLocation(file: "f.md", line: 10, column: 1))
        #expect(tokens[2].location == SourceLocation(file: "f.md", line: 10, column: 5))
        #expect(tokens[4].location == SourceLocation(file: "f.md", line: 11, column: 3))
    }

    @Test func unknownCharacterBecomesAnInvalidToken() {
        var lexer = Lexer(text: "x = 3 $ 4", file: "t")
        let tokens = lexer.tokenize()
        #expect(tokens[3].kind == .invalid("$"))
        #expect(tokens[3].location.column == 7)
    }

    @Test func incompleteInputLeavesABracketOpen() {
        #expect(Lexer.isIncomplete("W = [[1, 2],"))
        #expect(Lexer.isIncomplete("for i in 1...3 {"))
        #expect(!Lexer.isIncomplete("W = [[1, 2]]  # [ in a comment"))
    }
}
