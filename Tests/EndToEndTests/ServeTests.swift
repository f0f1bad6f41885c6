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

    /// Working wider than the live page (about 78 columns) would wrap mid-token on the projector:
    /// while serving, a trace is laid out for the page even in a 120-column terminal.
    @Test func workingFitsThePage() throws {
        let terminal = try Workspace().terminal(["serve", "mlp"])
        try terminal.waitFor("mlp-3-4-2 0/")
        let stream = try LoopbackClient(port: try port(in: terminal.output), timeout: 10)
        try stream.send(target: "/events")
        _ = try stream.readHead()
        try terminal.enter(":goto 31")
        try terminal.enter(":trace W1.grad[2, 1]")
        struct Frame: Decodable { let bodyHTML: String }
        var page = ""
        while !page.contains("backward: W1.grad[2,1]") {
            let event = try #require(try stream.nextEvent())
            page = try JSONDecoder().decode(Frame.self, from: Data(event.data.utf8)).bodyHTML
        }
        let trace = try #require(page.range(of: "∂L_mse/∂W1[2,1] = ").map { page[$0.lowerBound...] })
        let lines = trace.prefix { $0 != "<" }.split(separator: "\n")
        // The chain, its numbers and its factors: more lines than forms, none wider than the page.
        #expect(lines.count > 20)
        #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("+ ") })
        #expect(lines.allSatisfy { $0.count <= 78 }, "\(lines.map(\.count).max() ?? 0) columns")
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
