import Testing
import StepLang

@Test func locationReadsAsFileLineColumn() {
    #expect(SourceLocation(file: "a.md", line: 3, column: 7).description == "a.md:3:7")
}
