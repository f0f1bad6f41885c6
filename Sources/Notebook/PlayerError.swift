/// Why the player could not do what it was asked; nothing changed.
public struct PlayerError: Error, CustomStringConvertible {
    public let description: String
    /// Ctrl-C stopped it (the session is as it was before the interrupted statement).
    public let interrupted: Bool

    init(_ description: String, interrupted: Bool = false) {
        self.description = description
        self.interrupted = interrupted
    }
}
