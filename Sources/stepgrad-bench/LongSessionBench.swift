import ArgumentParser
import Foundation
import Notebook
import StepLang

/// An hour of a classroom session, compressed: the notebook driven the way the REPL drives it —
/// a lesson stepped through with :back, :goto and a what-if :rerun mixed in, and a scratch session
/// of typed statements, each input with the work the REPL does around it (completion candidates,
/// prompt, heading). Prints the resident memory and the median latency of each window of steps,
/// which must stay flat after warm-up.
struct LongSessionBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "long-session",
        abstract: "The notebook over many steps: resident memory and step latency per window."
    )

    @Option(help: "The lesson to step through.")
    var lesson = "lessons/02-mlp-3-4-2.md"

    @Option(help: "Inputs given to the lesson notebook.")
    var steps = 100_000

    @Option(help: "Statements typed into the scratch session.")
    var typed = 10_000

    @Option(help: "Inputs per reported window (default: a tenth of each part).")
    var window: Int?

    func validate() throws {
        guard steps > 0, typed > 0, window ?? 1 > 0 else { throw ValidationError("--steps, --typed and --window must be positive") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: lesson).deletingLastPathComponent()
        let notebook = Notebook(catalog: LessonCatalog(directory: folder))
        guard !notebook.handle(":open \(lesson)").failed else { throw ValidationError("cannot open \(lesson)") }
        // Mostly Enter, with the moves a teacher makes: back, jump, change an input and rerun.
        let cycle = ["", "", "", "", "", "", ":back 2", "", "", ":goto 3", "a0 = [1, 1, 1]", ":rerun", ":goto 40", ":back 5", ":restart"]
        print("lesson \(lesson): \(steps) inputs, cycle \(cycle.map { $0.isEmpty ? "Enter" : $0 }.joined(separator: " | "))")
        measure(count: steps) { asTheREPL(notebook, cycle[$0 % cycle.count]) }

        let scratch = Notebook(catalog: LessonCatalog(directory: nil))
        let statements = ["a = randn(4, 4, seed=%d)", "b = relu(a @ a.T)", "L = sum(b * b) / 16", "backward L", "a -= 0.01 * grad(a)"]
        print("scratch: \(typed) typed statements, cycle \(statements.joined(separator: " | "))")
        measure(count: typed) { i in asTheREPL(scratch, statements[i % statements.count].replacingOccurrences(of: "%d", with: "\(i)")) }
    }

    /// One input as the REPL gives it: the completion candidates and the prompt before it, the
    /// reply, and the heading it is shown under.
    private func asTheREPL(_ notebook: Notebook, _ input: String) -> Notebook.Reply {
        _ = notebook.completionCandidates
        _ = notebook.prompt
        let reply = notebook.handle(input)
        _ = notebook.heading
        return reply
    }

    /// Runs `input(i)` `count` times; after every window prints the resident memory and the
    /// median and 99th-percentile latency of that window, and at the end what each input after
    /// the first window added to the resident memory.
    private func measure(count: Int, _ input: (Int) -> Notebook.Reply) {
        let window = self.window ?? max(1, count / 10)
        var latencies: [Double] = []
        latencies.reserveCapacity(window)
        var warm: Double?
        for i in 0..<count {
            let start = ContinuousClock.now
            _ = input(i)
            latencies.append(Report.seconds(ContinuousClock.now - start) * 1e6)
            if latencies.count == window || i == count - 1 {
                latencies.sort()
                let median = latencies[latencies.count / 2], p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
                print(String(format: "  after %7d: rss %6.1f MiB  median %7.1f µs  p99 %8.1f µs", i + 1, Self.residentMiB(), median, p99))
                latencies.removeAll(keepingCapacity: true)
                if warm == nil { warm = Self.residentMiB() }
            }
        }
        if let warm, count > window {
            let added = (Self.residentMiB() - warm) * 1_048_576 / Double(count - window)
            print(String(format: "  after warm-up: %.0f bytes of resident memory per input", added))
        }
    }

    /// Resident set size from /proc/self/statm (pages × page size).
    static func residentMiB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return .nan }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return .nan }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
