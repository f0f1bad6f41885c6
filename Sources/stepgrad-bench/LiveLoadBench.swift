import ArgumentParser
import Foundation
import LiveView
import Synchronization

/// The classroom load on the live view: many pages connected over loopback, each step published
/// once, and how long each step takes to reach every page (publish → the page's socket has the
/// whole event). One more client connects and never reads, to show that a stalled page neither
/// holds up `publish` nor delays the others.
struct LiveLoadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live-load",
        abstract: "Publish→receive latency of the live view with many SSE clients and one stalled client."
    )

    @Option(help: "Pages reading the event stream.")
    var clients = 50

    @Option(help: "Frames published.")
    var steps = 200

    @Option(help: "Milliseconds between frames (a teacher stepping fast is ~300).")
    var intervalMs = 20

    @Option(help: "Size of each frame's HTML body in bytes (a step with a heatmap is ~16 KB).")
    var bodyBytes = 16_384

    func validate() throws {
        guard clients > 0, steps > 0, intervalMs >= 0, bodyBytes >= 0 else {
            throw ValidationError("--clients and --steps must be positive, --interval-ms and --body-bytes not negative")
        }
    }

    func run() async throws {
        let server = LiveServer()
        let url = try await server.start()
        let port = UInt16(url.port ?? 0)

        // Asks for the stream and never reads it, with a small receive buffer: the server's
        // writes to it stall after a few frames.
        let stalled = try LoopbackClient(port: port, timeout: 5, receiveBuffer: 4096)
        try stalled.send(target: "/events")

        let arrivals = Arrivals(clients: clients)
        for client in 0..<clients {
            Thread { arrivals.read(client: client, port: port, until: steps) }.start()
        }
        let connectDeadline = ContinuousClock.now + .seconds(10)
        while server.connectedClients < clients + 1 {
            guard ContinuousClock.now < connectDeadline else { throw ValidationError("only \(server.connectedClients) of \(clients + 1) clients connected") }
            try await Task.sleep(for: .milliseconds(5))
        }

        let body = "<p>" + String(repeating: "x", count: max(0, bodyBytes - 7)) + "</p>"
        var published: [ContinuousClock.Instant] = []
        var publishCalls: [Duration] = []
        for step in 1...steps {
            let start = ContinuousClock.now
            server.publish(LiveFrame(title: "live-load", position: "step \(step) of \(steps)", bodyHTML: body))
            published.append(start)
            publishCalls.append(ContinuousClock.now - start)
            if intervalMs > 0 { try await Task.sleep(for: .milliseconds(intervalMs)) }
        }

        let finishDeadline = ContinuousClock.now + .seconds(10)
        while arrivals.finished < clients, ContinuousClock.now < finishDeadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        let dropped = server.droppedFrames
        await server.stop()
        withExtendedLifetime(stalled) {}

        let latencies = arrivals.latencies(published: published).sorted()
        let received = latencies.count
        print("clients \(clients) + 1 stalled, steps \(steps), interval \(intervalMs) ms, body \(bodyBytes) bytes")
        print("received \(received) of \(clients * steps) frames (\(arrivals.finished) clients saw the last step)")
        print("publish→receive ms: p50 \(Self.ms(Self.percentile(latencies, 0.5)))  p99 \(Self.ms(Self.percentile(latencies, 0.99)))  max \(Self.ms(latencies.last))")
        let calls = publishCalls.sorted()
        print("publish call ms: p50 \(Self.ms(Self.percentile(calls, 0.5)))  max \(Self.ms(calls.last))")
        print("frames dropped from full client queues: \(dropped) (a client that falls behind resyncs to the latest)")
    }

    private static func percentile(_ sorted: [Duration], _ p: Double) -> Duration? {
        sorted.isEmpty ? nil : sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    private static func ms(_ d: Duration?) -> String {
        d.map { String(format: "%.3f", Report.seconds($0) * 1000) } ?? "-"
    }
}

/// When each client received each step, filled in by the clients' reader threads.
private final class Arrivals: Sendable {
    private let times: Mutex<[[Int: ContinuousClock.Instant]]>
    private let done = Mutex(0)

    init(clients: Int) {
        times = Mutex(Array(repeating: [:], count: clients))
    }

    var finished: Int { done.withLock { $0 } }

    /// Reads one client's stream until it has seen `last` (or the stream fails or ends).
    func read(client: Int, port: UInt16, until last: Int) {
        defer { done.withLock { $0 += 1 } }
        guard let connection = try? LoopbackClient(port: port, timeout: 10) else { return }
        guard (try? connection.send(target: "/events")) != nil, (try? connection.readHead()) != nil else { return }
        var arrived: [Int: ContinuousClock.Instant] = [:]
        defer { times.withLock { $0[client] = arrived } }
        while let event = try? connection.nextEvent(), let id = event.id {
            arrived[id] = ContinuousClock.now
            if id >= last { return }
        }
    }

    /// Every (client, step) delay; steps are numbered from 1 in publishing order.
    func latencies(published: [ContinuousClock.Instant]) -> [Duration] {
        times.withLock { times in
            times.flatMap { arrivals in
                arrivals.compactMap { id, time in published.indices.contains(id - 1) ? time - published[id - 1] : nil }
            }
        }
    }
}
