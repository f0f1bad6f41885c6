import Foundation
import Testing

/// NumPy and PDF habits typed at the REPL through a pipe: nothing is silently misread.
@Suite("NumPy and PDF habits through a pipe", .timeLimit(.minutes(1)))
struct NumPyHabitsPipeTests {
    @Test func aMatrixPastedAsNumPyPrintsItIsReadWithANote() throws {
        // np.array([[1., -2.], [3., -4.]]) as NumPy prints it, over two lines; then a PDF row with tabs.
        let result = try Workspace().pipe("W = [[ 1.  -2.]\n [ 3.  -4.]]\nv = [0.68\t0.84]\nW @ [1, 1]\n")
        #expect(result.status == 0)
        #expect(result.output.contains("read the numbers separated by spaces as NumPy prints them: [[1., -2.], [3., -4.]]"))
        #expect(result.output.contains("W (2, 2) =\n  [[ 1  -2]\n   [ 3  -4]]"))
        #expect(result.output.contains("read the numbers separated by spaces as NumPy prints them: [0.68, 0.84]"))
        #expect(result.output.contains("v (2,) = [0.6800  0.8400]"))
        // [[1, -2], [3, -4]] @ [1, 1] = [1 - 2, 3 - 4] = [-1, -1].
        #expect(result.output.contains("W @ [1, 1] (2,) = [-1  -1]"))
    }

    @Test func anAmbiguousMinusIsAnErrorNotAGuess() throws {
        let result = try Workspace().pipe("a = 5\nb = 3\nx = [a -b]\nx\n")
        #expect(result.status != 0)
        #expect(result.output.contains("'a -b' in a list could be a - b or the two entries a, -b; write one of them"))
        #expect(result.output.contains("unknown name 'x'"))
    }

    @Test func lookAlikesAreReadWithANote() throws {
        let result = try Workspace().pipe("x = ［1， −2］\nx[0：1]\n")
        #expect(result.status == 0)
        #expect(result.output.contains("read '［' as '[', '，' as ',', '−' as '-', '］' as ']' (text copied from a document often has look-alikes)"))
        #expect(result.output.contains("x (2,) = [ 1  -2]"))
        #expect(result.output.contains("read '：' as ':'"))
        #expect(result.output.contains("x[0:1] (1,) = [1]"))
    }

    @Test func pythonSpellingsAreAnsweredWithStepgrads() throws {
        let result = try Workspace().pipe("x = [1, 2]\nL = sum(x)\nx**2\nprint(x)\nx.sum(axis=0)\nnp.exp(x)\nlen(x)\nzeros((2, 2))\nL.backward()\n")
        #expect(result.status != 0)
        for answer in [
            "did you mean x^2?", "did you mean x?", "did you mean sum(x, axis=0)?", "did you mean exp(x)?",
            "did you mean shape(x)[0]?", "did you mean zeros(2, 2)?", "did you mean backward L?",
        ] {
            #expect(result.output.contains(answer), "\(answer)")
        }
    }

    @Test func integersAndShapesPrintAsNumPyPrintsThem() throws {
        let result = try Workspace().pipe("x = zeros(2, 2)\nx.shape\n2^27\n4^2\n")
        #expect(result.output.contains("x.shape = (2, 2)"))
        #expect(result.output.contains("2 ^ 27 () = 134217728"))
        #expect(result.output.contains("4 ^ 2 () = 16"))
    }

    @Test func theExportsPrintIntegersAndShapesToo() throws {
        let workspace = try Workspace()
        try workspace.write("# Counts\n\n```stepgrad\nn = 4^2\nx = zeros(2, 2)\nx.shape\n```\n", to: "counts.md")
        let md = try workspace.run(["run", workspace.path("counts.md"), "--format", "md"]).output
        // 4^2 = 16; zeros(2, 2) is four 0s; its shape (2, 2).
        #expect(md.contains("`n` () = 16"))
        #expect(md.contains("| **0** | 0 | 0 |"))
        #expect(md.contains("`x.shape` = (2, 2)"))
        let html = try workspace.run(["run", workspace.path("counts.md"), "--format", "html"]).output
        #expect(html.contains("<span class=\"number\">16</span>"))
        #expect(html.contains("<span class=\"number\">= (2, 2)</span>"))
    }

    @Test func wideNamesLineUpInTheVariableList() throws {
        // "权重" takes 4 columns, so "ab" is padded to 4 and both shapes start in column 7.
        let result = try Workspace().pipe("权重 = [1, 2]\nab = 3\n:vars\n")
        #expect(result.output.contains("\n  权重  (2,)  "))
        #expect(result.output.contains("\n  ab    ()    "))
    }

    @Test func aSurprisingBroadcastIsWarned() throws {
        let result = try Workspace().pipe("c = [[1], [2]] + [10, 20]\n")
        #expect(result.output.contains("broadcast: (2, 1) + (2,) gives shape (2, 2)"))
        // [[1 + 10, 1 + 20], [2 + 10, 2 + 20)]].
        #expect(result.output.contains("c (2, 2) =\n  [[11  21]\n   [12  22]]"))
    }

    @Test func randnWithoutASeedPrintsTheSeedToReplayIt() throws {
        let workspace = try Workspace()
        let first = try workspace.pipe("r = randn(3)\n")
        #expect(first.status == 0)
        let seed = try #require(first.output.firstMatch(of: /randn drew seed=([0-9]+); randn\(3, seed=\1\) gives these numbers again/)?.1)
        let values = try #require(first.output.firstMatch(of: /r \(3,\) = \[.*\]/)?.0)
        let replayed = try workspace.pipe("r = randn(3, seed=\(seed))\n")
        #expect(replayed.output.contains(String(values)))
    }

    @Test func aSavedSessionLoadsWithTheNumbersItDrew() throws {
        let workspace = try Workspace()
        let result = try workspace.pipe("r = randn(3)\n:save drawn.md\n:restart\n:load drawn.md\n:show r\n")
        let shown = result.output.matches(of: /r \(3,\) = \[.*\]/).map { String($0.0) }
        // Once when typed, once by :show after the load: the same numbers.
        #expect(shown.count == 2)
        #expect(Set(shown).count == 1)
    }

    @Test func aLessonStillNeedsASeed() throws {
        let workspace = try Workspace()
        try workspace.write("# Random\n\n```stepgrad\nr = randn(3)\n```\n", to: "random.md")
        let result = try workspace.run(["run", workspace.path("random.md")])
        #expect((result.output + result.errors).contains("randn needs an explicit seed"))
    }
}
