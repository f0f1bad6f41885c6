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
    /// The listening socket and the task that accepts and serves connections, while running.
    private let running = Mutex<(listener: Socket, task: Task<Void, Never>)?>(nil)

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
        guard running.withLock({ $0 == nil }) else { throw .alreadyStarted }
        guard !hub.isClosed else { throw .stopped }
        let address = try socketAddress()
        let listener: Socket
        do {
            listener = try Socket(domain: Int32(type(of: address).family))
        } catch {
            throw .cannotListen(host: host, port: port, reason: Self.describe(error))
        }
        let boundPort: UInt16
        let acceptor: AsyncSocket
        let pool = SocketPool<Poll>.make(maxEvents: 64)  // epoll on Linux, kqueue on macOS
        do {
            try listener.setValue(true, for: .localAddressReuse)
            try listener.bind(to: address)
            try listener.listen()
            boundPort = Self.port(of: try listener.sockname()) ?? port
            try await pool.prepare()
            acceptor = try AsyncSocket(socket: listener, pool: pool)
        } catch {
            try? listener.close()
            throw .cannotListen(host: host, port: port, reason: Self.describe(error))
        }
        let (hub, router) = (self.hub, self.router)
        let task = Task(executorPreference: ServerExecutor()) {
            await withDiscardingTaskGroup { group in
                group.addTask { try? await pool.run() }
                // Ends when the listener is closed (stop) or the task is cancelled.
                while let client = try? await acceptor.accept() {
                    group.addTask { await Connection(socket: client, hub: hub, router: router).serve() }
                }
                group.cancelAll()
            }
        }
        let won = running.withLock { running in
            guard running == nil else { return false }
            running = (listener, task)
            return true
        }
        guard won else {
            task.cancel()
            try? listener.close()
            throw .alreadyStarted
        }
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

    /// Ends every page's stream, stops listening and waits for the server's task to finish.
    /// A stopped server cannot start again (`start` throws `.stopped`); make a new one.
    public func stop() async {
        guard let (listener, task) = running.withLock({ running in defer { running = nil }; return running }) else { return }
        hub.close()
        try? listener.close()
        task.cancel()
        await task.value
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
