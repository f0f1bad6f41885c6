import Autograd
import Testing
import StepLang
@testable import Display

/// Whole numbers print as integers in every renderer, and a shape as Python prints it.
@Suite struct WholeNumberTests {
    @Test func wholeValuesPrintWithoutDecimals() throws {
        let f = MatrixFormatter()
        #expect(f.block(name: "n", Tensor(scalar: 16)) == "n () = 16")
        // 2^27 = 134217728, and a negative zero prints as 0.
        #expect(f.block(name: "big", Tensor(scalar: 134_217_728)) == "big () = 134217728")
        #expect(f.block(name: "z", Tensor(scalar: -0.0)) == "z () = 0")
        #expect(f.block(name: "W", try Tensor(shape: [2, 2], data: [1, -2, 30, -4])) == "W (2, 2) =\n  [[ 1  -2]\n   [30  -4]]")
        // inf and nan do not stop a value being whole; a scientific format still prints integers.
        #expect(f.lines(try Tensor(shape: [3], data: [1, .infinity, .nan])) == ["[  1  inf  nan]"])
        #expect(MatrixFormatter(format: NumberFormat(style: .scientific, precision: 2)).lines(Tensor(scalar: 3)) == ["3"])
    }

    @Test func oneFractionKeepsTheDecimalsForTheWholeValue() throws {
        // One format per value keeps the points aligned: 1 prints as 1.0000 next to 0.5000.
        #expect(MatrixFormatter().lines(try Tensor(shape: [2], data: [1, 0.5])) == ["[1.0000  0.5000]"])
        // Past 10^15 a Double's whole numbers are not exact counts: the format stays.
        #expect(MatrixFormatter(format: NumberFormat(style: .scientific, precision: 1)).lines(Tensor(scalar: 1e20)) == ["1.0e+20"])
        #expect(NumberFormat().fitting([.nan]) == NumberFormat())
    }

    @Test func aShapePrintsAsPythonPrintsIt() throws {
        let f = MatrixFormatter()
        let shape = try Tensor(shape: [2], data: [2, 2])
        #expect(f.block(name: "x.shape", shape) == "x.shape = (2, 2)")
        #expect(f.block(name: "shape(x)", try Tensor(shape: [1], data: [4])) == "shape(x) = (4,)")
        // Bound to a name, it is a vector like any other.
        #expect(f.block(name: "s", shape) == "s (2,) = [2  2]")
    }

    @Test func markdownAndHTMLPrintIntegersToo() throws {
        let transcript = Transcript(title: "t", blocks: [
            .value(name: "n", value: Tensor(scalar: 16)),
            .value(name: "W", value: try Tensor(shape: [1, 2], data: [134_217_728, -2])),
            .value(name: "x.shape", value: try Tensor(shape: [2], data: [2, 2])),
        ])
        let md = MarkdownTranscript().render(transcript)
        #expect(md.contains("`n` () = 16"))
        #expect(md.contains("| **0** | 134217728 | -2 |"))
        #expect(md.contains("`x.shape` = (2, 2)"))
        let html = HTMLTranscript().render(transcript)
        #expect(html.contains("<span class=\"number\">16</span>"))
        #expect(html.contains("<td>134217728</td><td>-2</td>"))
        #expect(html.contains("<code>x.shape</code></figcaption> <span class=\"number\">= (2, 2)</span>"))
    }

    @Test func aNoteEventIsANoteBlock() {
        #expect(Transcript.blocks(for: Event.note("read '−' as '-'")).count == 1)
        guard case let .note(text)? = Transcript.blocks(for: Event.note("read '−' as '-'")).first else {
            Issue.record("expected a note block"); return
        }
        #expect(text == "read '−' as '-'")
    }
}

/// Wide (CJK) characters take two terminal columns when names and cells are lined up.
@Suite struct WideCharacterTests {
    @Test func wideCharactersCountTwice() {
        #expect("W1".displayWidth == 2)
        #expect("权重".displayWidth == 4)
        #expect("ｘ（".displayWidth == 4) // full-width forms
        #expect("é".displayWidth == 1)    // e + combining acute: one character
        #expect("权".padded(toWidth: 4) == "权  ")
    }

    @Test func columnsLineUpUnderWideNames() {
        // "权重" is 4 columns wide, as wide as "abcd": both second cells start at column 7.
        let lines = TextColumns.align([["权重", "1"], ["abcd", "2"], ["x", "3"]])
        #expect(lines == ["权重  1", "abcd  2", "x     3"])
    }
}
