import Autograd
import Testing
@testable import StepLang

/// What a statement typed at the prompt gets that a lesson's does not: randn without a seed
/// (the seed printed), and a warning for a broadcast that makes a new shape.
@Suite struct PromptNoteTests {
    func prompt() -> Session {
        let session = Session()
        session.typedAtPrompt = true
        return session
    }

    @Test func randnWithoutASeedDrawsOneAndSaysHowToReplayIt() throws {
        let session = prompt()
        let found = try notes("r = randn(2, 3)", in: session)
        let note = try #require(found.first)
        // "randn drew seed=S; randn(2, 3, seed=S) gives these numbers again"
        let seed = try #require(note.split(separator: "=").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) })
        #expect(note == "randn drew seed=\(seed); randn(2, 3, seed=\(seed)) gives these numbers again")
        // Replaying the printed call gives the same numbers.
        let replayed = try value("randn(2, 3, seed=\(seed))", in: session)
        #expect(session.value(of: "r")?.data == replayed.data)
        #expect(replayed.shape == [2, 3])
    }

    @Test func aLessonStillNeedsASeed() throws {
        let error = try #require(failure("r = randn(2, 3)"))
        #expect(error.message == "randn needs an explicit seed so a lesson gives the same numbers every time, e.g. randn(3, 4, seed=7)")
        // With a seed, no note.
        #expect(try notes("r = randn(2, seed=7)", in: prompt()).isEmpty)
    }

    @Test func aBroadcastToANewShapeIsWarnedAtThePrompt() throws {
        let session = prompt()
        let found = try notes("c = [[1], [2]] + [10, 20]", in: session)
        #expect(found == ["broadcast: (2, 1) + (2,) gives shape (2, 2), every entry of one paired with every entry of the other; for entry by entry, make the shapes equal (reshape)"])
        // (2,1) + (2,): [[1+10, 1+20], [2+10, 2+20]].
        #expect(session.value(of: "c")?.data == [11, 21, 12, 22])
    }

    @Test(arguments: ["[[1, 2], [3, 4]] + [10, 20]", "[[1, 2]] * 3", "[1, 2] - [3, 4]", "[[1, 2]] @ [[1], [1]]"])
    func aBroadcastThatKeepsAShapeSaysNothing(source: String) throws {
        #expect(try notes(source, in: prompt()).isEmpty)
    }

    @Test func aLessonsBroadcastsAreDeliberate() throws {
        #expect(try notes("c = [[1], [2]] + [10, 20]").isEmpty)
    }

    @Test func aLoopSaysEachNoteOnce() throws {
        let found = try notes("for i in 1...50 { c = [[1], [2]] + [i, i] }", in: prompt())
        #expect(found.count == 1)
    }
}

extension PromptNoteTests {
    @Test func aLoopOfDrawsKeepsItsFirstNotesAndSaysTheRestWereLeftOut() throws {
        // 20 draws, 20 different seeds: the first 8 notes and one line for the rest.
        let found = try notes("for i in 1...20 { r = randn(2) }", in: prompt())
        #expect(found.count == Session.noteLimit + 1)
        #expect(found.prefix(Session.noteLimit).allSatisfy { $0.hasPrefix("randn drew seed=") })
        #expect(found.last == "(more notes left out)")
    }
}

extension PromptNoteTests {
    @Test func theDrawnSeedsAreASequenceThatReplaysAndUndoes() throws {
        let first = prompt(), second = prompt()
        let a = try notes("r = randn(2)\ns = randn(2)", in: first)
        // A fresh session typed the same statements draws the same seeds: a loaded session replays.
        #expect(try notes("r = randn(2)\ns = randn(2)", in: second) == a)
        #expect(a.count == 2 && a[0] != a[1])
        // Undoing a draw undoes its seed: drawn again, it is the same.
        let snapshot = first.snapshot()
        let third = try notes("t = randn(2)", in: first)
        first.restore(snapshot)
        #expect(try notes("t = randn(2)", in: first) == third)
    }
}
