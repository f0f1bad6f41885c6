// libFuzzer entry point over the lexer, the parser, the lesson loader and the interpreter only
// (no Display): the fast target. Not part of the package: `.ci/fuzz SECONDS lean` compiles it
// with -sanitize=fuzzer,address.
import StepLang

/// Every input goes through the lesson loader (Markdown: title, prose, fences). Input with a code
/// fence then runs as that lesson; input without one runs as REPL input, statement by statement,
/// with each statement's `:step` evaluation and the REPL's restore after a failed statement.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let lesson = LessonLoader.parse(text: text, file: "fuzz.md")
    if text.contains("```") || text.contains("~~~") {
        // The interpreter over the lesson's statements; the player (skip policy, transcripts)
        // is the transcript target's.
        let session = FuzzLimits.lean.session()
        for step in lesson.steps { _ = try? session.run(step.statement) }
    } else {
        runAsREPLInput(text)
    }
    return 0
}

private func runAsREPLInput(_ text: String) {
    _ = Lexer.isIncomplete(text)
    let (statements, _) = Parser.parse(text, file: "fuzz")
    let session = FuzzLimits.lean.session()
    for statement in statements {
        let before = session.snapshot()
        _ = try? session.evaluationSteps(of: statement)
        do {
            _ = try session.run(statement)
        } catch {
            session.restore(before)
        }
    }
}
