// libFuzzer entry point over the lexer, parser, interpreter and every transcript renderer: the wide,
// slow target. Not part of the package: `.ci/fuzz SECONDS transcript` compiles it with
// -sanitize=fuzzer,address.
import Autograd
import Display
import StepLang

/// Input without a code fence runs twice: as REPL input (each statement's `:step` evaluation,
/// then the statement, errors and all, going back to the snapshot before a failed one) and as the body of a one-block lesson. Input with a
/// fence runs as a lesson file. A lesson's run is rendered as `stepgrad run` renders it
/// (text, Markdown, HTML), and the last backward's graph as `--dot` and the text graph do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let fenced = text.contains("```") || text.contains("~~~")
    if !fenced { runAsREPLInput(text) }
    runAsLesson(fenced ? text : "# Fuzz\n\n```stepgrad\n\(text)\n```\n")
    return 0
}

private func runAsREPLInput(_ text: String) {
    let transcript = TextTranscript()
    _ = Lexer.isIncomplete(text)
    let (statements, errors) = Parser.parse(text, file: "fuzz")
    for error in errors { _ = transcript.render(error: error) }
    let session = FuzzLimits.transcript.session()
    for statement in statements {
        let before = session.snapshot()
        _ = try? session.evaluationSteps(of: statement)
        do {
            _ = transcript.render(events: try session.run(statement))
        } catch {
            _ = transcript.render(error: error)
            session.restore(before) // as the REPL's :back does
        }
    }
    if let root = session.lastBackward?.root {
        _ = try? GraphDOT.render(root)
        _ = try? GraphText.render(root)
    }
}

private func runAsLesson(_ markdown: String) {
    let run = LessonRunner.run(LessonLoader.parse(text: markdown, file: "fuzz.md"), in: FuzzLimits.transcript.session())
    _ = TextTranscript().render(run)
    let transcript = Transcript(run: run)
    for kind in ExportFormat.allCases { _ = TranscriptExporter().render(transcript, as: kind) }
}
