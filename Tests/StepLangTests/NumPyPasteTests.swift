import Autograd
import Testing
@testable import StepLang

/// Notes a source's statements carry when run: what was read "that way".
func notes(_ source: String, in session: Session = Session()) throws -> [String] {
    try session.run(source: source, file: "t").compactMap { event in
        if case let .note(text) = event { text } else { nil }
    }
}

/// A matrix pasted as NumPy prints it, or as a PDF copies it, is read as the numbers it shows,
/// with a note; a `-` that could be either a subtraction or a new entry is an error.
@Suite struct NumPyPasteTests {
    /// The entries and shape of `x` after running `x = <literal>`.
    private func read(_ literal: String) throws -> (shape: [Int], data: [Double], notes: [String]) {
        let session = Session()
        let found = try notes("x = \(literal)", in: session)
        let x = try #require(session.value(of: "x"))
        return (x.shape, x.data, found)
    }

    @Test(arguments: [
        // NumPy's print of np.array([[1, -2], [3, -4]]), on one line and on two.
        ("[[1 -2] [3 -4]]", [2, 2], [1, -2, 3, -4]),
        ("[[1 -2]\n [3 -4]]", [2, 2], [1, -2, 3, -4]),
        // np.array([[1., -2.], [3., -4.]]) prints its floats with a bare point.
        ("[[ 1.  -2. ]\n [ 3.  -4. ]]", [2, 2], [1, -2, 3, -4]),
        ("[ 0.68  0.84]", [2], [0.68, 0.84]),
        // 1e-05 as NumPy prints it, and -inf.
        ("[1.e-05 -2.5e+00 -inf]", [3], [0.00001, -2.5, -.infinity]),
        // A PDF's tabs, no-break spaces (U+00A0) and runs of spaces.
        ("[0.1\t0.2\u{00A0}\u{00A0}0.3]", [3], [0.1, 0.2, 0.3]),
        ("[[0.5   -1]\n[2\t-3]]", [2, 2], [0.5, -1, 2, -3]),
    ] as [(String, [Int], [Double])])
    func spacedNumbersAreTheEntriesTheyShow(literal: String, shape: [Int], entries: [Double]) throws {
        let (readShape, data, found) = try read(literal)
        #expect(readShape == shape)
        #expect(data == entries)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("read the numbers separated by spaces as NumPy prints them: [") == true)
    }

    @Test func theNoteShowsTheValueWithCommas() throws {
        #expect(try read("[[1 -2] [3 -4]]").notes == ["read the numbers separated by spaces as NumPy prints them: [[1, -2], [3, -4]]"])
        // The note is parsed once, on the statement, for the outermost list.
        let statement = try #require(Parser.parse("y = [[1 2] [3 4]] @ [1, 1]").statements.first)
        #expect(statement.notes == ["read the numbers separated by spaces as NumPy prints them: [[1, 2], [3, 4]]"])
    }

    @Test func aLongValueIsShortenedInItsNote() throws {
        let row = (1...40).map(String.init).joined(separator: " ")
        let note = try #require(try read("[\(row)]").notes.first)
        #expect(note.hasSuffix(" …"))
        #expect(note.count < 140)
    }

    @Test func commasAndSpacedOperatorsAreReadAsBefore() throws {
        // No note when nothing was read the NumPy way.
        #expect(try read("[[1, -2], [3, -4]]") == ([2, 2], [1, -2, 3, -4], []))
        // A spaced operator, or none at all, is arithmetic: 1 - 2 = -1, 3 -4... only inside a list.
        #expect(try read("[1 - 2]").data == [-1])
        #expect(try read("[1-2]").data == [-1])
        #expect(try read("[1 +2]").data == [3])
        // Outside a list, `1 -2` is a subtraction (Python reads it so too); inside parentheses or a call as well.
        #expect(try value("1 -2").data == [-1])
        #expect(try read("[(1 -2)]").data == [-1])
        #expect(try value("sum([1, 2]) -2").data == [1])
    }

    @Test(arguments: [
        ("[a -b]", "'a -b' in a list could be a - b or the two entries a, -b; write one of them"),
        ("[a -1]", "'a -1' in a list could be a - 1 or the two entries a, -1; write one of them"),
        ("[1 -b]", "'1 -b' in a list could be 1 - b or the two entries 1, -b; write one of them"),
        ("[2 * a -1]", "'2 * a -1' in a list could be 2 * a - 1 or the two entries 2 * a, -1; write one of them"),
        ("[1 --2]", "in a list, a '-' with a blank before it and none after could subtract or start the next entry; put a blank after it to subtract, or a comma before it for a new entry"),
        ("[a -(b)]", "in a list, a '-' with a blank before it and none after could subtract or start the next entry; put a blank after it to subtract, or a comma before it for a new entry"),
    ])
    func aMinusThatCouldBeEitherIsAnError(literal: String, message: String) throws {
        let session = Session()
        try run(session, "a = 5\nb = 3")
        let error = try #require(failure("x = \(literal)", in: session))
        #expect(error.message == message)
        #expect(session.value(of: "x") == nil)
    }

    @Test func spacedNamesAreNotEntries() throws {
        // NumPy prints numbers only: `[a b]` is still a missing comma.
        let error = try #require(failure("a = 1\nx = [a 2]"))
        #expect(error.message == "expected ',' or ']' in the list, found number 2")
    }

    @Test func aSpacedRowIsNotAnIndexButAnIndexStillIs() throws {
        // `[1 2] [0]` inside a list: the next row (shapes (2,) and (1,) differ, so an error naming both).
        #expect(failure("x = [[1 2] [0]]")?.message.contains("list elements must all have the same shape") == true)
        // Written tight, or outside a list, `[...]` after a value indexes it.
        #expect(try value("[[1, 2][0]]").data == [1])
        #expect(try value("[1, 2] [1]").data == [2])
    }

    @Test func docValuesMayBePastedTheSameWay() throws {
        let session = Session()
        try run(session, "z = [0.68, -0.84]")
        let events = try session.run(source: "doc z = [ 0.68 -0.84]", file: "t")
        guard case let .note(note) = events.first, case let .doc(verdict) = events.last else {
            Issue.record("expected a note and a doc verdict, got \(events)"); return
        }
        #expect(note == "read the numbers separated by spaces as NumPy prints them: [0.68, -0.84]")
        #expect(verdict.agrees)
        // A spaced minus with a blank after it is not a sign: still an error in a doc value.
        #expect(failure("doc z = [0.68 - 0.84]", in: session) != nil)
    }

    @Test func aBarePointNumberKeepsRangesAndMembers() throws {
        var lexer = Lexer(text: "1. 1.e-05 1...3 x.T", file: "t")
        #expect(lexer.tokenize().map(\.kind) == [
            .number(1, text: "1."), .number(0.00001, text: "1.e-05"),
            .number(1, text: "1"), .symbol("..."), .number(3, text: "3"),
            .identifier("x"), .symbol("."), .identifier("T"), .end,
        ])
    }
}
