import Foundation

/// The prompt history on disk: `$XDG_STATE_HOME/stepgrad/history` (default `~/.local/state/stepgrad/history`).
/// One entry per line after a header; written whole to a temporary file that is then renamed over the
/// old one, so a crash or a closed terminal never leaves half a file.
struct HistoryFile {
    static let header = "# stepgrad history v1"
    static let maximumEntries = 1000

    let url: URL

    /// Where the history lives for this environment, or nil when there is no home to put it in.
    static func location(environment: [String: String]) -> URL? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("stepgrad/history")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/stepgrad/history")
    }

    enum LoadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case corrupt(path: String, reason: String, movedTo: String?)

        var description: String {
            switch self {
            case let .unreadable(path, reason):
                return "cannot read history \(path): \(reason); starting with an empty history"
            case let .corrupt(path, reason, movedTo):
                let kept = movedTo.map { " (kept as \($0))" } ?? ""
                return "history \(path) is corrupt: \(reason)\(kept); starting with an empty history"
            }
        }
    }

    /// The saved entries, oldest first; none when there is no file yet. A corrupt file is moved aside
    /// (so the next save does not destroy what may still be worth reading) and reported.
    func load() throws(LoadError) -> [String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\0") else {
            throw .corrupt(path: url.path, reason: "not UTF-8 text", movedTo: moveAside())
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == Self.header else {
            throw .corrupt(path: url.path, reason: "missing the line '\(Self.header)'", movedTo: moveAside())
        }
        lines.removeFirst()
        return Array(lines.filter { !$0.isEmpty }.suffix(Self.maximumEntries))
    }

    /// Replaces the file with `entries` (the newest `maximumEntries`), atomically.
    func save(_ entries: [String]) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let body = ([Self.header] + entries.suffix(Self.maximumEntries)).joined(separator: "\n") + "\n"
        let temporary = directory.appendingPathComponent(".history.\(getpid()).tmp")
        try Data(body.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reason])
        }
    }

    private func moveAside() -> String? {
        let aside = url.path + ".corrupt"
        return rename(url.path, aside) == 0 ? aside : nil
    }
}
