import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// A local web page that mirrors the session: the page, its style and script, and a stream of
/// Server-Sent Events carrying each published frame. Read-only; nothing is set up until `start`.
///
///     let server = LiveServer(host: "127.0.0.1", port: 0, token: nil)
///     let url = try await server.start()      // http://127.0.0.1:PORT/
///     server.publish(LiveFrame(title: "…", position: "step 4 of 19 · Backward pass", bodyHTML: html))
///     await server.stop()
public final class LiveServer: Sendable {
    public let host: String
    public let port: UInt16
    /// When set, every request must carry `?token=` with this value (else 403).
    public let token: String?

    private let hub: FrameHub
    private let router: LiveRouter
    private let running = Mutex<(server: HTTPServer, task: Task<Void, Never>)?>(nil)

    /// `port` 0 takes any free port. `bufferLimit` is how many frames a slow client may have
    /// queued before the oldest are dropped.
    public init(host: String = "127.0.0.1", port: UInt16 = 0, token: String? = nil, bufferLimit: Int = 8) {
        self.host = host
        self.port = port
        self.token = token
        self.hub = FrameHub(bufferLimit: bufferLimit)
        self.router = LiveRouter(token: token)
    }

    /// 32 hex digits from the system's random source: a token nobody on the network can guess.
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let word = String(generator.next() as UInt32, radix: 16)
            return String(repeating: "0", count: 8 - word.count) + word
        }.joined()
    }

    /// Binds, starts serving in the background and returns the page's address (with the token).
    public func start() async throws(LiveServerError) -> URL {
        let address = try socketAddress()
        let server = HTTPServer(address: address, timeout: 15, logger: .disabled, handler: RequestHandler(hub: hub, router: router))
        let failure = RunFailure()
        let task = Task {
            do { try await server.run() } catch { failure.error.withLock { $0 = error } }
        }
        let alreadyRunning = running.withLock { running in
            if running != nil { return true }
            running = (server, task)
            return false
        }
        if alreadyRunning {
            task.cancel()
            throw .alreadyStarted
        }
        do {
            try await Self.waitUntilListening(server, failure: failure)
        } catch {
            task.cancel()
            running.withLock { $0 = nil }
            throw .cannotListen(host: host, port: port, reason: Self.describe(error))
        }
        let boundPort = await server.listeningAddress.flatMap(Self.port(of:)) ?? port
        return pageURL(port: boundPort)
    }

    /// Makes `frame` the current one and sends it to every connected page. Returns at once:
    /// a slow or stalled page never holds the caller up.
    public func publish(_ frame: LiveFrame) {
        hub.publish(frame)
    }

    /// The frame a page gets when it connects.
    public var currentFrame: LiveFrame? { hub.current }

    /// Pages connected to the stream now.
    public var connectedClients: Int { hub.clientCount }

    /// Frames dropped from slow pages' queues so far (each then resyncs to a later frame).
    public var droppedFrames: Int { hub.droppedFrames }

    /// Ends every page's stream, stops listening and waits for the server to finish.
    public func stop() async {
        guard let (server, task) = running.withLock({ running in defer { running = nil }; return running }) else { return }
        hub.close()
        await server.stop(timeout: 0)
        task.cancel()
    }

    private func socketAddress() throws(LiveServerError) -> any SocketAddress {
        do {
            return host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: port) : try sockaddr_in.inet(ip4: host, port: port)
        } catch {
            throw .invalidHost(host)
        }
    }

    private func pageURL(port: UInt16) -> URL {
        var components = URLComponents()
        components.scheme = "http"
        components.host = host.contains(":") ? "[\(host)]" : host
        components.port = Int(port)
        components.path = "/"
        if let token { components.queryItems = [URLQueryItem(name: "token", value: token)] }
        return components.url!  // scheme, numeric host and "/" always make a valid URL
    }

    /// Returns once the server listens; throws the server's error if it stops first (say, the
    /// port is taken), or after 5 seconds without either.
    private static func waitUntilListening(_ server: HTTPServer, failure: RunFailure) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if await server.isListening { return }
            if let error = failure.error.withLock({ $0 }) { throw error }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw SocketError.timeout(message: "the server did not start listening within 5 seconds")
    }

    private static func port(of address: Socket.Address) -> UInt16? {
        switch address {
        case let .ip4(_, port), let .ip6(_, port): return port
        case .unix: return nil
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let socketError = error as? SocketError { return socketError.errorDescription ?? "\(socketError)" }
        return "\(error)"
    }
}

/// Why the server's run ended, if it did, seen by `start` while it waits for the server to listen.
private final class RunFailure: Sendable {
    let error = Mutex<(any Error)?>(nil)
}
