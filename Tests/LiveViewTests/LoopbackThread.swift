import Foundation
import LiveView

/// Runs a blocking client call on a thread of its own, so the server (in this same process)
/// keeps Swift concurrency's threads to itself.
func onThread<T: Sendable>(_ body: @Sendable @escaping () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// The port a started server's URL names.
func port(of url: URL) -> UInt16 { UInt16(url.port ?? 0) }

/// A one-off request on its own thread.
func request(_ url: URL, _ target: String, method: String = "GET") async throws -> LoopbackClient.Response {
    let port = port(of: url)
    return try await onThread { try LoopbackClient.request(port: port, method: method, target: target, timeout: 5) }
}

/// An event-stream connection on its own thread, read one event at a time.
final class EventStream: @unchecked Sendable {
    let client: LoopbackClient
    let head: LoopbackClient.Head

    static func open(_ url: URL, target: String = "/events") async throws -> EventStream {
        let port = port(of: url)
        return try await onThread {
            let client = try LoopbackClient(port: port, timeout: 5)
            try client.send(target: target)
            return EventStream(client: client, head: try client.readHead())
        }
    }

    private init(client: LoopbackClient, head: LoopbackClient.Head) {
        self.client = client
        self.head = head
    }

    /// The next frame on the stream, decoded from its JSON.
    func nextFrame() async throws -> LiveFrame? {
        let event = try await onThread { [self] in try client.nextEvent() }
        return try event.map { try JSONDecoder().decode(LiveFrame.self, from: Data($0.data.utf8)) }
    }
}
