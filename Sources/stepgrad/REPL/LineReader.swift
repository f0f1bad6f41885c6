import Notebook

/// What one attempt to read a line at the prompt gave.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line typed so far is dropped.
    case interrupted
    /// Ctrl-D, or the input (pipe or terminal) closed.
    case endOfInput
}

/// Where the REPL's input lines come from: libedit on a terminal, plain reads from a pipe.
protocol LineReader {
    /// Reads one line, showing `prompt` when the reader shows prompts at all.
    mutating func readLine(prompt: String) -> LineInput
    /// Remembers an entered line for Up-arrow recall (and the history file).
    mutating func remember(_ line: String)
    /// Offers these words to Tab completion from now on. Evaluated only by a reader that completes:
    /// building them lists the lessons folder, which a pipe, read once per line, has no use for.
    mutating func complete(with candidates: @autoclosure () -> CompletionCandidates)
}
