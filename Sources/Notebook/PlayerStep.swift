import StepLang

/// A statement of the player's lesson: written in the lesson file, or typed at the prompt.
///
/// A typed statement is kept as its text and parsed again when it is played again: a scratch
/// session of ten thousand statements keeps what was typed (what `:save` writes), not ten
/// thousand syntax trees.
public enum PlayerStep {
    /// From the lesson file, with the prose before it (boxed: an array of steps stays small).
    indirect case written(LessonStep)
    /// Typed at the prompt: the statement as it was typed, with its comments.
    case typed(String)

    init(typed statement: Statement) {
        self = .typed(statement.textWithComments)
    }

    public var isTyped: Bool {
        if case .typed = self { true } else { false }
    }

    /// The prose before the statement (none for a typed one).
    public var prose: String {
        if case let .written(step) = self { step.prose } else { "" }
    }

    /// The statement, parsed. A typed statement is parsed again from its text; that text parsed
    /// once already, so this fails only if the parser changed under a saved session.
    public func statement() throws(StepError) -> Statement {
        switch self {
        case let .written(step):
            return step.statement
        case let .typed(text):
            let (statements, errors) = Parser.parse(text)
            if let error = errors.first { throw error }
            guard statements.count == 1, let statement = statements.first else {
                throw StepError("a typed statement no longer reads as one statement: \(text)",
                                at: SourceLocation(file: "<input>", line: 1, column: 1), in: SourceText(file: "<input>", text: text))
            }
            return statement
        }
    }

    /// The statement's first line as written, for listings (`last: [3] z1 = W1 @ a0 + b1`).
    public var firstLine: String {
        let text = switch self {
        case let .written(step): step.text
        case let .typed(text): (try? statement().text) ?? text
        }
        return String(text.split(separator: "\n").first ?? "")
    }

    /// The statement as `:save` writes it: a written one as in the file, a typed one with its comments.
    var savedText: String {
        switch self {
        case let .written(step): step.text
        case let .typed(text): text
        }
    }
}
