/// Everything that can go wrong in a lesson or at the prompt: where, what, and the source line
/// with a caret under the spot.
public struct StepError: Error, Equatable, CustomStringConvertible, Sendable {
    public let location: SourceLocation
    public let message: String
    /// The source line the location points into, when known.
    public let sourceLine: String?

    public init(_ message: String, at location: SourceLocation, sourceLine: String? = nil) {
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
    }

    public init(_ message: String, at location: SourceLocation, in source: SourceText?) {
        self.init(message, at: location, sourceLine: source?.line(location.line))
    }

    /// `file:line:column: error: message`, then the source line and a caret under the column.
    public var rendered: String {
        var text = "\(location): error: \(message)"
        if let sourceLine {
            // Keep tabs in the caret's indent so it lines up under the same character.
            let indent = sourceLine.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            text += "\n\(sourceLine)\n\(indent)^"
        }
        return text
    }

    public var description: String { rendered }
}
