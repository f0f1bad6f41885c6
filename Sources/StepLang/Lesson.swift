/// A lesson: a Markdown file whose ```stepgrad blocks run, with the prose between them.
public struct Lesson {
    public let title: String
    public let path: String
    /// The whole Markdown text.
    public let source: SourceText
    public let steps: [LessonStep]
    /// Prose after the last statement.
    public let closingProse: String
    /// Syntax errors (and unclosed blocks), in file order. The statements that parsed still run.
    public let errors: [StepError]
}

/// One statement of a lesson with the prose that precedes it (empty when none).
public struct LessonStep {
    public let prose: String
    public let statement: Statement

    public init(prose: String, statement: Statement) {
        self.prose = prose
        self.statement = statement
    }

    public var text: String { statement.text }
    public var location: SourceLocation { statement.location }
}
