import FlyingSocks
import Foundation

/// Serves one connection: reads the request head, answers it, closes. The event stream keeps
/// the connection open and writes each frame from the hub as it comes.
struct Connection {
    let socket: AsyncSocket
    let hub: FrameHub
    let router: LiveRouter

    /// How long a client may take to send its request head.
    static let headTimeout: Duration = .seconds(10)

    func serve() async {
        defer { try? socket.close() }
        guard let head = try? await readHead() else {
            try? await send(Response(status: 400, contentType: "text/plain; charset=utf-8"), body: "bad request\n")
            return
        }
        do {
            switch router.decide(method: head.method, path: head.path, token: head.token) {
            case let .refuse(status, reason):
                var response = Response(status: status, contentType: "text/plain; charset=utf-8")
                if status == 405 { response.headers.append(("Allow", "GET, HEAD")) }
                try await send(response, body: reason + "\n")
            case let .serve(route, headOnly):
                switch route {
                case .page:
                    let query = head.token.map { "?token=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
                    try await send(Response(status: 200, contentType: "text/html; charset=utf-8"), body: PageAssets.page(frame: hub.current, query: query), headOnly: headOnly)
                case .style:
                    try await send(Response(status: 200, contentType: "text/css; charset=utf-8"), body: PageAssets.style, headOnly: headOnly)
                case .script:
                    try await send(Response(status: 200, contentType: "text/javascript; charset=utf-8"), body: PageAssets.script, headOnly: headOnly)
                case .events:
                    try await streamEvents(headOnly: headOnly)
                }
            }
        } catch {
            // The client went away mid-answer; there is no one left to tell.
        }
    }

    /// A document with its length.
    private func send(_ response: Response, body: String, headOnly: Bool = false) async throws {
        var response = response
        let bytes = Array(body.utf8)
        response.headers.append(("Content-Length", String(bytes.count)))
        try await socket.write(Data(response.bytes + (headOnly ? [] : bytes)))
    }

    /// Server-Sent Events until the hub closes or the client goes away: first how soon to
    /// reconnect, then the current frame at once, then every frame published.
    private func streamEvents(headOnly: Bool) async throws {
        var response = Response(status: 200, contentType: "text/event-stream; charset=utf-8")
        response.headers.append(("X-Accel-Buffering", "no"))
        guard !headOnly else { return try await socket.write(Data(response.bytes)) }
        let frames = hub.subscribe()
        try await socket.write(Data(response.bytes + Array("retry: 1000\n\n".utf8)))
        for await frame in frames {
            try await socket.write(Data(frame.event))
        }
    }

    /// Bytes up to the blank line that ends the head; nil if malformed, too long, or too slow.
    private func readHead() async throws -> RequestHead? {
        let socket = self.socket
        return try await withThrowingTaskGroup(of: RequestHead?.self) { group in
            group.addTask {
                var bytes: [UInt8] = []
                while bytes.count <= RequestHead.sizeLimit {
                    bytes += try await socket.read(atMost: RequestHead.sizeLimit)
                    if let end = RequestHead.end(in: bytes) { return RequestHead(bytes[..<end]) }
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: Self.headTimeout)
                return nil
            }
            let head = try await group.next() ?? nil
            group.cancelAll()
            return head
        }
    }
}
