import Foundation

/// The built `stepgrad` binary next to this test bundle (same build folder).
enum BinaryLocator {
    static var stepgrad: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("stepgrad")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/stepgrad")
    }
}
