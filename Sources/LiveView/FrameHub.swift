import Synchronization

/// Hands every published frame to every connected client without ever waiting for one.
///
/// Each client reads from its own small buffer. `publish` only appends to those buffers, so a
/// client that reads slowly or not at all cannot hold up the caller. When a client's buffer is
/// full its oldest frames are dropped: every frame is the whole state, so the client resyncs to
/// the latest one as soon as it reads again.
final class FrameHub: Sendable {
    /// A frame, its place in the publishing order, and the Server-Sent Events message that
    /// carries it (made once, whatever the number of clients).
    struct Numbered: Sendable {
        let sequence: Int
        let frame: LiveFrame
        let event: [UInt8]

        init(sequence: Int, frame: LiveFrame, json: [UInt8]) {
            self.sequence = sequence
            self.frame = frame
            self.event = Array("id: \(sequence)\ndata: ".utf8) + json + Array("\n\n".utf8)
        }
    }

    private struct State {
        var current: Numbered?
        var nextSequence = 1
        var nextClient = 0
        var clients: [Int: AsyncStream<Numbered>.Continuation] = [:]
        var droppedFrames = 0
        var isClosed = false
    }

    private let state = Mutex(State())
    /// Frames a client may have waiting before the oldest are dropped.
    let bufferLimit: Int

    init(bufferLimit: Int) {
        self.bufferLimit = max(1, bufferLimit)
    }

    /// Makes `frame` the current one and queues it for every client. Never suspends or blocks
    /// beyond the short lock that guards the client list.
    func publish(_ frame: LiveFrame) {
        let json = frame.json()
        let delivery = state.withLock { state -> (Numbered, [AsyncStream<Numbered>.Continuation])? in
            guard !state.isClosed else { return nil }
            let numbered = Numbered(sequence: state.nextSequence, frame: frame, json: json)
            state.current = numbered
            state.nextSequence += 1
            return (numbered, Array(state.clients.values))
        }
        guard let (numbered, clients) = delivery else { return }
        var dropped = 0
        for client in clients {
            if case .dropped = client.yield(numbered) { dropped += 1 }
        }
        if dropped > 0 { state.withLock { $0.droppedFrames += dropped } }
    }

    /// A new client's stream of frames, starting with the current frame (if any) at once.
    func subscribe() -> AsyncStream<Numbered> {
        let (stream, continuation) = AsyncStream.makeStream(of: Numbered.self, bufferingPolicy: .bufferingNewest(bufferLimit))
        let id = state.withLock { state -> Int? in
            guard !state.isClosed else { return nil }
            if let current = state.current { continuation.yield(current) }
            defer { state.nextClient += 1 }
            state.clients[state.nextClient] = continuation
            return state.nextClient
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.clients.removeValue(forKey: id) }
        }
        return stream
    }

    /// The latest frame, if any was published.
    var current: LiveFrame? { state.withLock { $0.current?.frame } }

    /// How many clients are connected to the stream now.
    var clientCount: Int { state.withLock { $0.clients.count } }

    /// Whether `close` was called.
    var isClosed: Bool { state.withLock { $0.isClosed } }

    /// How many queued frames were dropped because a client's buffer was full.
    var droppedFrames: Int { state.withLock { $0.droppedFrames } }

    /// Ends every client's stream and refuses new ones.
    func close() {
        let clients = state.withLock { state -> [AsyncStream<Numbered>.Continuation] in
            state.isClosed = true
            defer { state.clients = [:] }
            return Array(state.clients.values)
        }
        for client in clients { client.finish() }
    }
}
