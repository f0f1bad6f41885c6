import Foundation

/// Writes a line to standard error (diagnostics that are not part of the transcript).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
