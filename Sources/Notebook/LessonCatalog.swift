import Foundation
import StepLang

/// The lesson files the REPL can open, and the resolution of a name like `mlp` to one of them.
public struct LessonCatalog {
    public let directory: URL?

    public init(directory: URL?) {
        self.directory = directory
    }

    /// `explicit` if given; else ./lessons; else the `lessons` folder of the checkout the binary was built in.
    public static func defaultDirectory(explicit: String?) -> URL? {
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

    /// The `.md` files of the folder, by name; none when there is no folder or it cannot be read.
    public var files: [URL] {
        guard let directory, let paths = try? LessonLoader.lessonFiles(in: directory.path) else { return [] }
        return paths.map { URL(fileURLWithPath: $0) }
    }

    /// File names without `.md`, for completion and listings.
    public var names: [String] { files.map(Self.name(of:)) }

    /// A lesson's name: its file name without `.md`.
    public static func name(of file: URL) -> String { file.deletingPathExtension().lastPathComponent }

    public enum ResolveError: Error, CustomStringConvertible {
        case notFound(String, known: [String])
        case ambiguous(String, matches: [String])

        public var description: String {
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
    public func resolve(_ name: String) throws(ResolveError) -> URL {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: name, isDirectory: &isFolder), !isFolder.boolValue {
            return URL(fileURLWithPath: name)
        }
        let wanted = name.lowercased()
        let all = files
        if let exact = all.first(where: {
            $0.lastPathComponent.lowercased() == wanted || Self.name(of: $0).lowercased() == wanted
        }) {
            return exact
        }
        let matches = all.filter { $0.lastPathComponent.lowercased().contains(wanted) }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw .notFound(name, known: all.map(Self.name(of:)))
        default: throw .ambiguous(name, matches: matches.map(Self.name(of:)))
        }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
