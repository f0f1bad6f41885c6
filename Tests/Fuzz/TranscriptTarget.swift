// libFuzzer entry point over the notebook: the lexer, parser and interpreter behind the player,
// the colon commands that look at values, session files replayed, and every transcript
// renderer. The wide, slow target. Not part of the package: `.ci/fuzz SECONDS transcript`
// compiles it with -sanitize=fuzzer,address.
import Autograd
import Display
import Notebook
import StepLang

/// Input without a code fence is typed into a notebook line by line (statements and the colon
/// commands that only look; a transcript kept mostly in its file) and also played as the body of a one-block lesson. Input with a
/// fence is played as a lesson file and replayed as a session file (`:load`). Each played
/// lesson is rendered as `stepgrad run` renders it (text, Markdown, HTML).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let fenced = text.contains("```") || text.contains("~~~")
    if !fenced { typeIntoNotebook(text) }
    let lesson = LessonLoader.parse(text: fenced ? text : "# Fuzz\n\n```stepgrad\n\(text)\n```\n", file: "fuzz.md")
    play(lesson)
    if fenced, let replayed = try? SessionFile.replay(lesson) { render(replayed) }
    return 0
}

/// Commands that read or write files, open lessons or start a server stay out: the fuzzer
/// must not touch the machine.
private let lookingCommands: Set<String> = [
    ":next", ":back", ":step", ":run", ":goto", ":restart", ":where", ":show", ":vars", ":grad", ":trace",
    ":check", ":gradcheck", ":format", ":comments", ":help", ":rerun", ":heatmap", ":network", ":graph",
]

private func typeIntoNotebook(_ text: String) {
    let notebook = Notebook(catalog: LessonCatalog(directory: nil))
    FuzzLimits.transcript.apply(to: notebook.player.session)
    // Two entries in memory: the rest of the transcript goes through its file, undone and read back.
    notebook.player.entriesInMemory = 2
    let renderer = TextTranscript()
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let command = line.prefix { !$0.isWhitespace }
        if command.hasPrefix(":") && (!lookingCommands.contains(String(command)) || line.contains("--dot")) { continue }
        _ = renderer.render(blocks: notebook.handle(String(line)).blocks)
    }
    render(notebook.player)
}

private func play(_ lesson: Lesson) {
    let player = Player(lesson: lesson)
    FuzzLimits.transcript.apply(to: player.session)
    try? player.runToEnd()
    render(player)
}

private func render(_ player: Player) {
    _ = TextTranscript().render(player.transcript)
    for kind in ExportFormat.allCases { _ = TranscriptExporter().render(player.transcript, as: kind) }
}
