import Foundation
import LiveView
import Testing

/// `stepgrad serve` and `:serve`: the REPL's steps reach a browser's event stream over real HTTP.
@Suite("Live view from the REPL", .serialized, .timeLimit(.minutes(1)))
struct ServeTests {
    /// The port in `live view: http://127.0.0.1:PORT/…`.
    func port(in output: String) throws -> UInt16 {
        let match = try #require(output.firstMatch(of: #/live view: http://127\.0\.0\.1:(\d+)//#))
        return try #require(UInt16(match.1))
    }

    @Test func eachStepReachesThePage() throws {
        let terminal = try Workspace().terminal(["serve", "mlp"])
        try terminal.waitFor("mlp-3-4-2 0/")
        let port = try port(in: terminal.output)
        let stream = try LoopbackClient(port: port, timeout: 10)
        try stream.send(target: "/events")
        #expect(try stream.readHead().status == 200)
        // The current step at once: the lesson just opened.
        #expect(try #require(try stream.nextEvent()).data.contains("The 3-4-2 MLP"))
        try terminal.enter("")
        try terminal.enter("")
        // W1 = [[0.2, …]] then b1 = [0.1, 0.2, 0.3, 0.4], each pushed as it is shown.
        var seen = ""
        while !seen.contains("b1 = [0.1, 0.2, 0.3, 0.4]") {
            seen += try #require(try stream.nextEvent()).data
        }
        #expect(seen.contains("W1 = [[0.2, 0.4, 0.6]"))
        // The page cannot change the session.
        #expect(try LoopbackClient.request(port: port, method: "POST", target: "/events").status == 405)
        #expect(try terminal.quit() == 0)
    }

    @Test func serveFromThePromptAndATokenOffLoopback() throws {
        let terminal = try Workspace().terminal()
        try terminal.waitFor("stepgrad> ")
        try terminal.enter(":serve", expecting: ["live view: http://127.0.0.1:"])
        let port = try port(in: terminal.output)
        #expect(try LoopbackClient.request(port: port, target: "/").status == 200)
        try terminal.enter(":serve", expecting: ["already serving"])
        #expect(try terminal.quit() == 0)
        // Any other address: a warning, and a token every request must carry.
        let shared = try Workspace().terminal(["serve", "--host", "0.0.0.0"])
        try shared.waitFor("stepgrad> ")
        #expect(shared.output.contains("warning: anyone on this network"))
        let address = try #require(shared.output.firstMatch(of: #/live view: http://0\.0\.0\.0:(\d+)/\?token=([0-9a-f]+)/#))
        let sharedPort = try #require(UInt16(address.1))
        #expect(try LoopbackClient.request(port: sharedPort, target: "/").status == 403)
        #expect(try LoopbackClient.request(port: sharedPort, target: "/?token=\(address.2)").status == 200)
        #expect(try shared.quit() == 0)
    }
}
