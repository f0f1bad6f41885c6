import Foundation

/// The built `stepgrad` binary: `$STEPGRAD_BINARY` if set, else the one in the build folder of this test
/// bundle (the test target depends on the executable, so `swift test` builds it first).
enum BinaryLocator {
    static var stepgrad: URL {
        if let explicit = ProcessInfo.processInfo.environment["STEPGRAD_BINARY"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("stepgrad")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/stepgrad")
    }

    /// The checkout's root (where `lessons/` lives), found from this source file's path.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
