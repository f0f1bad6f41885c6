import Foundation

/// What the browser shows for one moment of the session: the lesson, where the session is in it,
/// and the step itself as an HTML fragment.
public struct LiveFrame: Sendable, Equatable, Codable {
    /// The lesson's title, as plain text (the server escapes it).
    public var title: String
    /// Where the session is, as plain text: `step 4 of 19 · Backward pass` (the server escapes it).
    public var position: String
    /// The step as HTML, already escaped by the renderer that made it; inserted as it is.
    public var bodyHTML: String

    public init(title: String, position: String, bodyHTML: String) {
        self.title = title
        self.position = position
        self.bodyHTML = bodyHTML
    }

    /// The frame as JSON, which escapes line breaks: the whole frame fits the single `data:`
    /// line a Server-Sent Events message needs.
    func json() -> [UInt8] {
        (try? JSONEncoder().encode(self)).map(Array.init) ?? Array("{}".utf8)
    }
}
