import Notebook

/// Lines from a pipe or file: no prompts, no editing, no history, so that scripted output is clean.
struct PlainLineReader: LineReader {
    mutating func readLine(prompt: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }

    mutating func remember(_ line: String) {}

    mutating func complete(with candidates: @autoclosure () -> CompletionCandidates) {}
}
