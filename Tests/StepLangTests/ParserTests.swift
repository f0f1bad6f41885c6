import Testing
@testable import StepLang

/// Parses one statement and fails the test on any syntax error.
func parseOne(_ text: String) throws -> Statement {
    let (statements, errors) = Parser.parse(text, file: "t")
    #expect(errors.isEmpty, "\(errors.map(\.rendered))")
    return try #require(statements.first)
}

func expression(_ text: String) throws -> Expr {
    guard case let .show(e) = try parseOne(text).kind else { throw ParseShapeError() }
    return e
}

struct ParseShapeError: Error {}

@Suite struct ParserTests {
    @Test(arguments: [
        ("1 + 2 * 3", "1 + 2 * 3"),
        ("(1 + 2) * 3", "(1 + 2) * 3"),
        ("a - b - c", "a - b - c"),
        ("a - (b - c)", "a - (b - c)"),
        ("-x^2", "-x ^ 2"),
        ("(-x)^2", "(-x) ^ 2"),
        ("2^3^2", "2 ^ 3 ^ 2"),
        ("(2^3)^2", "(2 ^ 3) ^ 2"),
        ("W1 @ a0 + b1", "W1 @ a0 + b1"),
        ("a + b < c * d", "a + b < c * d"),
        ("x.T @ y[0, 1:3]", "x.T @ y[0, 1:3]"),
        ("softmax(x, axis=0)", "softmax(x, axis=0)"),
        ("x[:, ::2]", "x[:, ::2]"),
        ("x[-1]", "x[-1]"),
        ("[[1, 2], [3, 4]]", "[[1, 2], [3, 4]]"),
        ("-inf", "-inf"),
    ])
    func precedenceRoundTrips(source: String, printed: String) throws {
        #expect(try expression(source).description == printed)
    }

    @Test func minusBindsLooserThanPower() throws {
        // -x^2 is -(x^2)
        guard case let .negate(inner) = try expression("-x^2").kind, case .binary(.power, _, _) = inner.kind else {
            Issue.record("expected negate(x ^ 2)")
            return
        }
    }

    @Test func powerIsRightAssociative() throws {
        guard case let .binary(.power, base, exponent) = try expression("2^3^2").kind else { Issue.record("not ^"); return }
        #expect(base.description == "2")
        #expect(exponent.description == "3 ^ 2")
    }

    @Test func slicesKeepTheirParts() throws {
        guard case let .index(_, items) = try expression("x[1:, :3, ::2, 0]").kind else { Issue.record("not an index"); return }
        #expect(items.count == 4)
        guard case let .slice(start, stop, step) = items[0] else { Issue.record("not a slice"); return }
        #expect(start?.description == "1" && stop == nil && step == nil)
        guard case let .slice(nil, stop2?, nil) = items[1] else { Issue.record("not :3"); return }
        #expect(stop2.description == "3")
        guard case let .slice(nil, nil, step3?) = items[2] else { Issue.record("not ::2"); return }
        #expect(step3.description == "2")
        guard case .at = items[3] else { Issue.record("not an index"); return }
    }

    @Test func keywordArguments() throws {
        guard case let .call(name, arguments, keywords) = try expression("randn(3, 4, seed=7)").kind else { Issue.record("not a call"); return }
        #expect(name == "randn")
        #expect(arguments.map(\.description) == ["3", "4"])
        #expect(keywords.map(\.name) == ["seed"])
        #expect(keywords[0].value.description == "7")
        #expect(keywords[0].location.column == 13)
    }

    /// Every operator symbol parses to its operator and prints back as written, with the
    /// parentheses its precedence needs (one table serves the parser and the printer).
    @Test func everyOperatorRoundTrips() throws {
        for op in BinaryOperator.allCases {
            let text = op.precedence == .comparison ? "(a + b) \(op.symbol) c" : "a \(op.symbol) b"
            guard case let .binary(parsed, _, _) = try expression(text).kind else { Issue.record("\(op.symbol) not binary"); continue }
            #expect(parsed == op)
        }
        #expect(try expression("(a + b) * c").description == "(a + b) * c")
        #expect(try expression("a - (b - c)").description == "a - (b - c)")
        #expect(try expression("(a ^ b) ^ c").description == "(a ^ b) ^ c")
        #expect(try expression("a ^ b ^ c").description == "a ^ b ^ c")
        #expect(try expression("(a < b) == c").description == "(a < b) == c")
        for op in UpdateOperator.allCases {
            guard case let .update(_, _, parsed, _) = try parseOne("x[0] \(op.symbol) 1").kind else { Issue.record("\(op.symbol) not an update"); continue }
            #expect(parsed == op)
        }
    }

    @Test func statementKinds() throws {
        guard case let .bind(name, value) = try parseOne("z = 1").kind else { Issue.record("bind"); return }
        #expect(name == "z" && value.description == "1")
        guard case let .update(target, index, op, change) = try parseOne("W -= lr * g").kind else { Issue.record("update"); return }
        #expect(target == "W" && index.isEmpty && op == .subtract && change.description == "lr * g")
        guard case let .update(row, rowIndex, set, value) = try parseOne("losses[i, 1:] = loss").kind else { Issue.record("set entries"); return }
        #expect(row == "losses" && set == .set && value.description == "loss")
        #expect(rowIndex.count == 2)
        guard case let .update(_, _, add, _) = try parseOne("W[0] += 1").kind else { Issue.record("update entries"); return }
        #expect(add == .add)
        guard case .backward = try parseOne("backward L").kind else { Issue.record("backward"); return }
        guard case let .expect(_, _, exact, within) = try parseOne("expect a ≈ b within 0.01").kind else { Issue.record("expect"); return }
        #expect(!exact && within?.description == "0.01")
        guard case let .expect(_, _, exact2, _) = try parseOne("expect a == b").kind else { Issue.record("expect =="); return }
        #expect(exact2)
        guard case let .doc(target, printed, _) = try parseOne("doc z1[0] = [0.95, -1e-3]").kind else { Issue.record("doc"); return }
        #expect(target.description == "z1[0]")
        #expect(printed == .list([.number(value: 0.95, text: "0.95"), .number(value: -1e-3, text: "-1e-3")]))
        guard case .picture(.heatmap, _) = try parseOne("heatmap(a)").kind else { Issue.record("heatmap"); return }
        guard case .picture(.network, _) = try parseOne("network(a2)").kind else { Issue.record("network"); return }
    }

    @Test func forLoopWithBody() throws {
        let statement = try parseOne("for i in 1...3 {\n  x += i\n  expect (x > 0) == 1\n}")
        guard case let .forLoop(variable, from, to, inclusive, body) = statement.kind else { Issue.record("for"); return }
        #expect(variable == "i" && from.description == "1" && to.description == "3" && inclusive)
        #expect(body.count == 2)
        #expect(body[1].location.line == 3)
    }

    @Test func newlinesInsideBracketsContinueTheStatement() throws {
        let (statements, errors) = Parser.parse("W = [[1, 2],\n     [3, 4]]\nb = f(1,\n  2)\n", file: "t")
        #expect(errors.isEmpty)
        #expect(statements.count == 2)
        #expect(statements[0].text == "W = [[1, 2],\n     [3, 4]]")
    }

    @Test func statementTextDropsComments() throws {
        #expect(try parseOne("z1 = W1 @ a0   # the product").text == "z1 = W1 @ a0")
    }
}

@Suite struct ParserErrorTests {
    private func errors(_ text: String) -> [StepError] { Parser.parse(text, file: "e.md").errors }

    @Test func missingOperandNamesWhatWasExpected() throws {
        let error = try #require(errors("z = 1 +\n").first)
        #expect(error.message == "expected a value (a number, a name, '(' or '['), found end of line")
        #expect(error.location == SourceLocation(file: "e.md", line: 1, column: 8))
        #expect(error.rendered == "e.md:1:8: error: expected a value (a number, a name, '(' or '['), found end of line\nz = 1 +\n       ^")
    }

    @Test func recoversAndReportsEveryBadLine() {
        let found = errors("a = (1 +\nb = 2\nc = 3 3\nd = $\ne = 5")
        #expect(found.map(\.location.line) == [2, 3, 4])
        #expect(found[1].message == "expected the end of the statement, found number 3")
        #expect(found[1].location.column == 7)
        #expect(found[2].message == "expected a value (a number, a name, '(' or '['), found unexpected character '$'")
    }

    @Test func onlyANameOrItsEntriesCanBeAssigned() throws {
        let error = try #require(errors("x.T = 5").first)
        #expect(error.message == "only a variable, or entries of one, can be assigned: x.T cannot be (bind the whole value, e.g. x = ..., update it in place, e.g. x -= ..., or set entries, e.g. x[0] = ...)")
        #expect(error.location.column == 5)
        #expect(errors("f(x)[0] -= 1").first?.location.column == 9)
        #expect(errors("x[0] = 5").isEmpty)
    }

    @Test func otherLookAlikeCharactersGetAHint() throws {
        // The full-width comma and the Unicode minus are read (LookAlikeTests); × could be * or @.
        let error = try #require(errors("x = [1 × 2]").first)
        #expect(error.message == "expected ',' or ']' in the list, found unexpected character '×' (did you mean '*'? text copied from a document often has look-alikes)")
        #expect(error.location.column == 8)
        #expect(errors("y = –1").first?.message.contains("did you mean '-'?") == true)
    }

    @Test func unclosedParenthesisSaysWhereItOpened() throws {
        let error = try #require(errors("x = (1 + 2\n").first)
        #expect(error.message == "expected ')', found end of line; the '(' at 1:5 is never closed")
        #expect(error.location == SourceLocation(file: "e.md", line: 1, column: 11))
        let inner = try #require(errors("y = f(1, (2 + 3 * 4").first)
        #expect(inner.message == "expected ')', found end of input; the '(' at 1:10 is never closed")
        #expect(inner.location.column == 20)
    }

    @Test func openBracketBeforeAStatementIsNamed() throws {
        // the list is left open; the error is at the end of line 2, and line 3 still parses
        let (statements, found) = Parser.parse("W = [[1, 2],\n     [3, 4]\nexpect W ≈ 1\n", file: "e.md")
        #expect(found.count == 1)
        #expect(found.first?.message == "expected ',' or ']' in the list, found end of line; the '[' at 1:5 is never closed")
        #expect(found.first?.location == SourceLocation(file: "e.md", line: 2, column: 12))
        #expect(statements.count == 1)
    }

    @Test func comparisonsDoNotChain() throws {
        let error = try #require(errors("a < b < c").first)
        #expect(error.message.hasPrefix("comparisons do not chain"))
        #expect(error.location.column == 7)
    }

    @Test func deepNestingIsRefusedWithAnError() throws {
        let deep = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        let error = try #require(errors("x = " + deep).first)
        #expect(error.message.hasPrefix("nested too deeply (more than 64 levels)"))
        let negations = "x = " + String(repeating: "-", count: 10_000) + "1"
        #expect(errors(negations).first?.message.hasPrefix("nested too deeply") == true)
    }

    @Test func positionalAfterKeywordIsAnError() throws {
        let error = try #require(errors("softmax(axis=0, x)").first)
        #expect(error.message == "positional arguments come before keyword arguments in softmax(...)")
        #expect(error.location.column == 17)
    }

    @Test func keywordCannotBeAVariable() throws {
        let error = try #require(errors("y = in + 1").first)
        #expect(error.message.hasPrefix("'in' is a keyword"))
        #expect(error.location.column == 5)
    }

    @Test func expectNeedsARelation() throws {
        let error = try #require(errors("expect a b").first)
        #expect(error.message == "expected ≈, ~= or == after the value in expect, found name 'b'")
        #expect(error.location.column == 10)
    }

    @Test func unclosedLoopBody() throws {
        let error = try #require(errors("for i in 1...2 {\n x = 1\n").first)
        #expect(error.message == "the loop body opened here is never closed with '}'")
        #expect(error.location == SourceLocation(file: "e.md", line: 1, column: 16))
    }

    @Test func docNeedsANumberLiteral() throws {
        let error = try #require(errors("doc z = [0.5, x]").first)
        #expect(error.message == "expected a number or a list of numbers (what the document prints), found name 'x'")
        #expect(error.location.column == 15)
    }
}
