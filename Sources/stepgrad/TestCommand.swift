import Foundation
import ArgumentParser
import Display
import Notebook
import StepLang

/// `stepgrad test [PATH...]`: runs lessons and counts their expects.
struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run lessons' expects; list errata and failures; end with 'N passed, N failed'."
    )

    @Argument(help: "Lesson files or folders of lessons (default: lessons).")
    var paths: [String] = []

    @OptionGroup var limits: LimitOptions

    func run() throws {
        limits.apply()
        var passed = 0, failed = 0, errors = 0, broken = false
        let transcript = TextTranscript()
        for path in paths.isEmpty ? ["lessons"] : paths {
            let files: [String]
            do { files = try lessonPaths(path) } catch {
                printError(error.rendered)
                broken = true
                continue
            }
            for file in files {
                let lesson: Lesson
                do { lesson = try LessonLoader.load(path: file) } catch {
                    printError(error.rendered)
                    broken = true
                    continue
                }
                warnIfNothingToRun(lesson)
                let result = Player(lesson: lesson)
                result.keepsUndoPoints = false
                try? result.runToEnd()  // plays to the end: only Ctrl-C stops it, and nothing here sets that
                passed += result.passedCount
                failed += result.failedCount
                broken = broken || !result.succeeded
                print("\(file): \(result.passedCount) passed, \(result.failedCount) failed, \(result.errata.count) errata — \(lesson.title)")
                for verdict in result.errata { print(transcript.listing(erratum: verdict)) }
                for failure in result.expectResults where !failure.passed { print(transcript.listing(failure: failure)) }
                for error in result.errors { print(error.rendered) }
                errors += result.errors.count
                for skipped in result.outcomes.compactMap({ o in o.skipped.map { "\(o.step.location): \($0)" } }) {
                    print(skipped)
                }
            }
        }
        if errors > 0 { print("\(errors) error\(errors == 1 ? "" : "s") (listed above): the lessons did not run through") }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 || broken { throw ExitCode.failure }
    }

    /// A lesson file as given, or every lesson in a folder.
    private func lessonPaths(_ path: String) throws(StepError) -> [String] {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return try LessonLoader.lessonFiles(in: path)
        }
        return [path]
    }
}
