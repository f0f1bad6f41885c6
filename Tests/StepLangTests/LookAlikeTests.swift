import Testing
@testable import StepLang

/// Full-width punctuation and the Unicode minus are read as their ASCII forms, with a note.
@Suite struct LookAlikeTests {
    @Test func fullWidthPunctuationAndTheMinusAreRead() throws {
        let session = Session()
        // x = [[1, -2], [3, 4]] typed with ［ ］ ， − ; then x[0, 1:2] with （ ） ：.
        let found = try notes("x = ［［1， −2］， ［3， 4］］", in: session)
        #expect(session.value(of: "x")?.data == [1, -2, 3, 4])
        #expect(found == ["read '［' as '[', '，' as ',', '−' as '-', '］' as ']' (text copied from a document often has look-alikes)"])
        let slice = try value("sum（x[0， 0：2]）", in: session)
        #expect(slice.data == [-1]) // 1 + (−2)
        #expect(try notes("y = 3 − 1", in: session) == ["read '−' as '-' (text copied from a document often has look-alikes)"])
        #expect(session.value(of: "y")?.data == [2])
    }

    @Test func theNoteBelongsToTheStatementWithTheLookAlike() throws {
        let (statements, errors) = Parser.parse("a = 1\nb = −a\nfor i in 0...1 {\n  c = i ， 1\n}")
        #expect(statements[0].notes.isEmpty)
        #expect(statements[1].notes == ["read '−' as '-' (text copied from a document often has look-alikes)"])
        // `c = i , 1` is an error; the loop itself still parses.
        #expect(errors.count == 1)
    }

    @Test(arguments: ["×", "·", "÷", "＝", "＋", "－", "–"])
    func otherLookAlikesStayErrorsWithAHint(character: String) throws {
        let error = try #require(Parser.parse("x = 2 \(character) 3").errors.first)
        let meant = try #require(Token.lookAlikes[Character(character)])
        #expect(error.message.contains("unexpected character '\(character)' (did you mean '\(meant)'?"))
    }
}
