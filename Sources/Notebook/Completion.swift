/// The words Tab can offer at a given moment: they change as variables are bound and lessons open.
public struct CompletionCandidates: Equatable, Sendable {
    public var commands: [String] = []
    public var variables: [String] = []
    public var functions: [String] = []
    public var lessons: [String] = []

    public init(commands: [String] = [], variables: [String] = [], functions: [String] = [], lessons: [String] = []) {
        self.commands = commands
        self.variables = variables
        self.functions = functions
        self.lessons = lessons
    }

    /// The completions of `word`, the word that ends at the cursor, given the line before that word.
    /// At the start of a line a `:` word completes to commands; after `:open` to lessons; after `:help`
    /// to commands and functions; after other commands and in statements to variables and functions.
    public func completions(of word: String, after linePrefix: String) -> [String] {
        let before = linePrefix.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let pool: [String]
        var anywhere = false
        switch before.first {
        case nil where word.hasPrefix(":"):
            pool = commands
        case ":open"?:
            // Lessons match anywhere in the name, as :open does: `:open mlp` + Tab.
            pool = before.count == 1 ? lessons : []
            anywhere = true
        case ":help"?:
            pool = before.count == 1 ? commands + functions + ["pytorch"] : []
        case ":format"?:
            pool = before.count == 1 ? ["fixed", "sci"] : []
        case ":comments"?:
            pool = before.count == 1 ? ["on", "off"] : []
        case ":export"?:
            pool = before.count == 1 ? ["md", "html"] : []
        default:
            pool = variables + functions
        }
        var seen = Set<String>()
        return pool.filter {
            (anywhere ? $0.lowercased().contains(word.lowercased()) : $0.hasPrefix(word)) && seen.insert($0).inserted
        }.sorted()
    }
}
