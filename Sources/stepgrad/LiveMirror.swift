import Display
import Foundation
import LiveView
import Notebook

/// The live browser view of a REPL session: a read-only local web server, started on request,
/// that shows every step the notebook takes. Bound to 127.0.0.1 unless told otherwise; on any
/// other address every request must carry an unguessable token.
final class LiveMirror {
    private let server: LiveServer
    /// The page's address, token included.
    let url: URL

    /// Starts serving (the REPL waits the few milliseconds that takes).
    init(host: String?, port: UInt16) throws(LiveServerError) {
        let host = host ?? "127.0.0.1"
        server = LiveServer(host: host, port: port, token: Self.isLoopback(host) ? nil : LiveServer.makeToken())
        url = try Self.waitFor(server)
    }

    /// How many columns of working the live page shows on a line: its type grows with the window
    /// (2vw), so about 78 whatever the projector's width.
    static let pageColumns = 78

    /// Whether only this machine can reach `host`.
    static func isLoopback(_ host: String) -> Bool { host == "::1" || host.hasPrefix("127.") || host == "localhost" }

    /// What the terminal says when serving starts: the address, and a warning when others can reach it.
    var announcement: String {
        var lines = ["live view: \(url.absoluteString) (read-only; it follows every step)"]
        if server.token != nil {
            lines.append("warning: anyone on this network who has the address above can watch this session; the token in it is required, and nothing can change the session from the page")
            if server.host == "0.0.0.0" || server.host == "::" { lines.append("(on the students' machines, write this machine's network address in place of \(server.host))") }
        }
        return lines.joined(separator: "\n")
    }

    /// Shows `blocks` (a step just taken) on every connected page.
    func publish(_ blocks: [TranscriptBlock], of notebook: Notebook) {
        server.publish(LiveFrame(title: notebook.player.title, position: notebook.position,
                                 bodyHTML: HTMLTranscript(format: notebook.format).fragment(blocks)))
    }

    /// `start` is async; the REPL is one thread reading keys, so it waits here for the address.
    private static func waitFor(_ server: LiveServer) throws(LiveServerError) -> URL {
        final class Outcome: @unchecked Sendable {  // written once by the task, read after the wait
            var result: Result<URL, LiveServerError>?
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do throws(LiveServerError) { outcome.result = .success(try await server.start()) } catch { outcome.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try outcome.result!.get()
    }
}
