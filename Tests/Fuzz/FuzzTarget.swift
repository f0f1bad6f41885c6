// libFuzzer entry point over the lexer, parser, interpreter and text transcript.
// Not part of the package: `.ci/fuzz` compiles it with -sanitize=fuzzer,address.
import Autograd
import Display
import StepLang

/// Tight limits so every input runs in milliseconds: a finding is then a real bug
/// (crash, trap, hang, runaway allocation), not a legitimately big computation.
private let configured: Bool = {
    Shape.elementLimit.store(4_096, ordering: .relaxed)
    return true
}()

private func limitedSession() -> Session {
    let session = Session()
    session.loopIterationLimit = 200
    session.workLimit = 1_000_000
    return session
}

/// The input is a lesson when it has a code fence, otherwise REPL source. Every statement
/// runs (errors and all, as in a lesson run), and every event and error is rendered.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = configured
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let transcript = TextTranscript()
    if text.contains("```") || text.contains("~~~") {
        let lesson = LessonLoader.parse(text: text, file: "fuzz.md")
        _ = transcript.render(LessonRunner.run(lesson, in: limitedSession()))
        return 0
    }
    _ = Lexer.isIncomplete(text)
    let (statements, errors) = Parser.parse(text, file: "fuzz")
    for error in errors { _ = transcript.render(error: error) }
    let session = limitedSession()
    for statement in statements {
        _ = try? session.evaluationSteps(of: statement)
        do {
            _ = transcript.render(events: try session.run(statement))
        } catch {
            _ = transcript.render(error: error)
        }
    }
    return 0
}
