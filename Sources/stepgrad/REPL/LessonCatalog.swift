import Foundation

/// The lesson files the REPL can open, and the resolution of a name like `mlp` to one of them.
struct LessonCatalog {
    let directory: URL?

    /// `explicit` if given; else ./lessons; else the `lessons` folder of the checkout the binary was built in.
    static func defaultDirectory(explicit: String?) -> URL? {
        if let explicit { return URL(fileURLWithPath: explicit) }
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("lessons")
        if isDirectory(local) { return local }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            folder.deleteLastPathComponent()
            let candidate = folder.appendingPathComponent("lessons")
            if isDirectory(candidate) { return candidate }
        }
        return nil
    }

    /// The `.md` files of the folder, by name.
    var files: [URL] {
        guard let directory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { $0.hasSuffix(".md") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// File names without `.md`, for completion and listings.
    var names: [String] { files.map { $0.deletingPathExtension().lastPathComponent } }

    enum ResolveError: Error, CustomStringConvertible {
        case notFound(String, known: [String])
        case ambiguous(String, matches: [String])

        var description: String {
            switch self {
            case let .notFound(name, known):
                let list = known.isEmpty ? "there are no lessons" : "lessons: " + known.joined(separator: ", ")
                return "no lesson matches '\(name)' (\(list))"
            case let .ambiguous(name, matches):
                return "'\(name)' matches several lessons: \(matches.joined(separator: ", ")); say more of the name"
            }
        }
    }

    /// A path to an existing file, or the one lesson whose file name contains `name` (ignoring case).
    /// An exact file name (with or without `.md`) wins over partial matches.
    func resolve(_ name: String) throws(ResolveError) -> URL {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: name, isDirectory: &isFolder), !isFolder.boolValue {
            return URL(fileURLWithPath: name)
        }
        let wanted = name.lowercased()
        let all = files
        if let exact = all.first(where: {
            $0.lastPathComponent.lowercased() == wanted || $0.deletingPathExtension().lastPathComponent.lowercased() == wanted
        }) {
            return exact
        }
        let matches = all.filter { $0.lastPathComponent.lowercased().contains(wanted) }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw .notFound(name, known: names)
        default: throw .ambiguous(name, matches: matches.map { $0.deletingPathExtension().lastPathComponent })
        }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
