import Testing
@testable import Display

/// A stranger's lesson exported as HTML cannot run script in its reader's browser.
@Suite struct HTMLSafetyTests {
    @Test func scriptURLsAreNotLinked() {
        #expect(MarkdownHTML.inline("[x](javascript:alert(document.cookie))") == "[x](javascript:alert(document.cookie))")
        #expect(MarkdownHTML.inline("[x](JavaScript:alert)") == "[x](JavaScript:alert)")
        #expect(MarkdownHTML.inline("[x](data:text/html,hi)") == "[x](data:text/html,hi)")
        #expect(MarkdownHTML.inline("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
    }

    @Test func webMailAndRelativeLinksStay() {
        #expect(MarkdownHTML.inline("[a](https://pytorch.org/docs)") == "<a href=\"https://pytorch.org/docs\">a</a>")
        #expect(MarkdownHTML.inline("[b](mailto:x@y.z)") == "<a href=\"mailto:x@y.z\">b</a>")
        #expect(MarkdownHTML.inline("[c](02-masks.md#top)") == "<a href=\"02-masks.md#top\">c</a>")
        #expect(MarkdownHTML.inline("[d](#section)") == "<a href=\"#section\">d</a>")
    }
}

/// A stranger's lesson cannot stall the HTML export: long lines of unmatched markup are
/// left as text (found by reading the regexes the fuzzer's inputs were too short to stress).
@Suite struct MarkdownLongLineTests {
    @Test func unmatchedMarkupOnALongLineStaysText() {
        let stars = String(repeating: "*a ", count: 20_000)
        #expect(MarkdownHTML.inline(stars) == stars)
        let brackets = String(repeating: "[a ", count: 20_000)
        #expect(MarkdownHTML.inline(brackets) == brackets)
    }

    @Test func ordinaryEmphasisStillWorks() {
        let long = String(repeating: "x", count: 400)
        #expect(MarkdownHTML.inline("**\(long)** and *y*") == "<strong>\(long)</strong> and <em>y</em>")
    }
}
