import Foundation
import LiveView
import Testing

/// Real HTTP on 127.0.0.1 against a started server, one server per test on a free port.
@Suite(.timeLimit(.minutes(1)))
struct LiveServerTests {
    let frame = LiveFrame(title: "MLP 3-4-2", position: "step 4 of 19 · Backward pass", bodyHTML: "<pre class=\"statement\">backward L</pre>")

    @Test func pageStyleAndScriptAreServedWithTheirTypes() async throws {
        let server = LiveServer()
        let url = try await server.start()
        defer { Task { await server.stop() } }
        server.publish(frame)
        #expect(url.host == "127.0.0.1" && url.query == nil)

        let page = try await request(url, "/")
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.body.contains("<h1 id=\"title\">MLP 3-4-2</h1>"))
        #expect(page.body.contains("step 4 of 19 · Backward pass"))
        #expect(page.body.contains("<pre class=\"statement\">backward L</pre>"))
        #expect(page.body.contains("<script src=\"/app.js\" defer></script>"))

        let script = try await request(url, "/app.js")
        #expect(script.status == 200 && script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(script.body.contains("new EventSource(\"/events\""))
        let style = try await request(url, "/app.css")
        #expect(style.status == 200 && style.header("Content-Type") == "text/css; charset=utf-8")
        #expect(style.body.contains("prefers-color-scheme: dark"))
    }

    @Test func everyAnswerForbidsInlineAndOutsideScripts() async throws {
        let server = LiveServer()
        let url = try await server.start()
        defer { Task { await server.stop() } }
        for target in ["/", "/app.js", "/app.css", "/nowhere"] {
            let response = try await request(url, target)
            let policy = try #require(response.header("Content-Security-Policy"))
            let directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(directives.contains("default-src 'none'"))
            #expect(directives.contains("script-src 'self'"))
            #expect(!policy.contains("unsafe-inline") && !policy.contains("*") && !policy.contains("http"))
        }
        // The page itself has no inline script: its only <script> element has a src.
        let page = try await request(url, "/")
        #expect(page.body.components(separatedBy: "<script").count == 2)
        #expect(!page.body.contains("<script>"))
    }

    @Test func aPublishedFrameReachesAConnectedClient() async throws {
        let server = LiveServer()
        let url = try await server.start()
        defer { Task { await server.stop() } }
        server.publish(frame)
        let stream = try await EventStream.open(url)
        #expect(stream.head.status == 200)
        #expect(stream.head.headers["content-type"] == "text/event-stream; charset=utf-8")
        // Connecting gets the current frame at once; the next publish follows on the same stream.
        #expect(try await stream.nextFrame() == frame)
        let next = LiveFrame(title: "MLP 3-4-2", position: "step 5 of 19 · Backward pass", bodyHTML: "<p>∂L/∂z² = a² − y</p>")
        server.publish(next)
        #expect(try await stream.nextFrame() == next)
    }

    @Test func aReconnectingClientGetsTheCurrentFrame() async throws {
        let server = LiveServer()
        let url = try await server.start()
        defer { Task { await server.stop() } }
        server.publish(frame)
        let first = try await EventStream.open(url)
        #expect(try await first.nextFrame() == frame)
        // The client drops; two steps happen while it is away; it comes back.
        let (missed, current) = (LiveFrame(title: "t", position: "step 5", bodyHTML: ""), LiveFrame(title: "t", position: "step 6", bodyHTML: "<p>6</p>"))
        server.publish(missed)
        server.publish(current)
        let again = try await EventStream.open(url)
        #expect(try await again.nextFrame() == current)
    }

    @Test func withATokenEveryRequestMustCarryIt() async throws {
        let server = LiveServer(token: "f00dfeed")
        let url = try await server.start()
        defer { Task { await server.stop() } }
        #expect(url.query == "token=f00dfeed")
        for target in ["/", "/app.js", "/app.css", "/events", "/?token=f00dfee", "/?token=f00dfeed0", "/?tok=f00dfeed", "/nowhere"] {
            #expect(try await request(url, target).status == 403, "\(target)")
        }
        #expect(try await request(url, "/", method: "POST").status == 403)
        let page = try await request(url, "/?token=f00dfeed")
        #expect(page.status == 200)
        // The page hands the token on to its style sheet and script.
        #expect(page.body.contains("<script src=\"/app.js?token=f00dfeed\" defer></script>"))
        #expect(page.body.contains("href=\"/app.css?token=f00dfeed\""))
        #expect(try await request(url, "/app.js?token=f00dfeed").status == 200)
        server.publish(frame)
        let stream = try await EventStream.open(url, target: "/events?token=f00dfeed")
        #expect(try await stream.nextFrame() == frame)
    }

    @Test func tokensAreLongAndDifferent() {
        let tokens = (0..<20).map { _ in LiveServer.makeToken() }
        #expect(Set(tokens).count == 20)
        #expect(tokens.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test func writeMethodsAreRefusedAndHeadIsAnswered() async throws {
        let server = LiveServer()
        let url = try await server.start()
        defer { Task { await server.stop() } }
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let response = try await request(url, "/", method: method)
            #expect(response.status == 405, "\(method)")
            #expect(response.header("Allow") == "GET, HEAD")
        }
        #expect(try await request(url, "/events", method: "POST").status == 405)
        let get = try await request(url, "/")
        let head = try await request(url, "/", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.header("Content-Length") == String(get.body.utf8.count))
    }

    @Test func aHostileTitleIsEscaped() async throws {
        let server = LiveServer()
        let url = try await server.start()
        defer { Task { await server.stop() } }
        server.publish(LiveFrame(title: "<script>alert('x')</script> & \"co\"", position: "<img src=x onerror=alert(1)>", bodyHTML: "<p>ok</p>"))
        let page = try await request(url, "/").body
        #expect(page.contains("<h1 id=\"title\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</h1>"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!page.contains("<script>alert") && !page.contains("<img"))
    }

    @Test(arguments: ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/app.js/../../../etc/passwd", "//etc/passwd",
                      "/events/..%2f..%2fetc%2fpasswd", "/index.html", "/.git/config", "/Package.swift"])
    func noPathEscapesTheRoutes(target: String) async throws {
        let server = LiveServer()
        let url = try await server.start()
        defer { Task { await server.stop() } }
        let response = try await request(url, target)
        #expect(response.status == 404)
        #expect(!response.body.contains("root:") && !response.body.contains("PackageDescription"))
    }

    @Test func aStalledClientDoesNotHoldUpPublishOrOtherClients() async throws {
        let server = LiveServer(bufferLimit: 4)
        let url = try await server.start()
        defer { Task { await server.stop() } }
        // Connects and never reads: the server's writes to it soon fill the socket buffers.
        let stalled = try await EventStream.open(url)
        let big = String(repeating: "x", count: 256 * 1024)
        for step in 1...64 {
            server.publish(LiveFrame(title: "load", position: "step \(step)", bodyHTML: big))
        }
        // 64 frames of 256 KiB cannot all fit in a loopback socket and a 4-frame queue.
        #expect(server.droppedFrames > 0)
        let last = LiveFrame(title: "load", position: "step 65", bodyHTML: "<p>done</p>")
        server.publish(last)
        let reader = try await EventStream.open(url)
        #expect(try await reader.nextFrame() == last)
        withExtendedLifetime(stalled) {}
    }

    @Test func startingRefusesBadHostsTakenPortsAndASecondStart() async throws {
        await #expect(throws: LiveServerError.invalidHost("localhost")) { try await LiveServer(host: "localhost").start() }
        let server = LiveServer()
        let url = try await server.start()
        defer { Task { await server.stop() } }
        await #expect(throws: LiveServerError.alreadyStarted) { try await server.start() }
        let rival = LiveServer(port: port(of: url))
        await #expect {
            try await rival.start()
        } throws: { error in
            if case .cannotListen = error as? LiveServerError { return true }
            return false
        }
    }

    @Test func stoppingEndsTheStream() async throws {
        let server = LiveServer()
        let url = try await server.start()
        server.publish(frame)
        let stream = try await EventStream.open(url)
        #expect(try await stream.nextFrame() == frame)
        await server.stop()
        #expect(try await stream.nextFrame() == nil)
        await #expect(throws: LiveServerError.stopped) { try await server.start() }
    }
}

/// Requests that are not HTTP get a 400 and a closed connection.
@Suite(.timeLimit(.minutes(1)))
struct MalformedRequestTests {
    @Test(arguments: ["GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET relative HTTP/1.1\r\n\r\n", "GET / SPDY/3\r\n\r\n"])
    func aMalformedRequestLineIsRefused(request: String) async throws {
        let server = LiveServer()
        let url = try await server.start()
        defer { Task { await server.stop() } }
        let port = port(of: url)
        let status = try await onThread {
            let client = try LoopbackClient(port: port, timeout: 5)
            try client.sendRaw(request)
            return try client.readHead().status
        }
        #expect(status == 400)
    }
}

/// The session computes on Swift concurrency's shared threads; the live view must answer even
/// while every one of them is busy.
@Suite(.timeLimit(.minutes(1)))
struct BusySessionTests {
    @Test func theServerAnswersWhileTheSharedThreadsAreBusy() async throws {
        let server = LiveServer()
        let url = try await server.start()
        defer { Task { await server.stop() } }
        // One spinning task per thread of the pool (one per core), each 1.5 seconds without yielding.
        let spinners = (0..<ProcessInfo.processInfo.activeProcessorCount).map { _ in
            Task.detached {
                let end = ContinuousClock.now + .seconds(1.5)
                var spins = 0
                while ContinuousClock.now < end { spins &+= 1 }
                return spins
            }
        }
        let port = port(of: url)
        // On a thread of its own: wait for the spinners to take the threads, then ask with a
        // 1-second timeout. Had the server shared the busy threads, it would answer only after
        // the spinning ends (1.5 s).
        let response = try await onThread {
            Thread.sleep(forTimeInterval: 0.2)
            return try LoopbackClient.request(port: port, target: "/", timeout: 1)
        }
        #expect(response.status == 200)
        for spinner in spinners { _ = await spinner.value }
    }
}
