import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal blocking HTTP/1.1 client for a server on this machine: what the live view's tests,
/// its load benchmark and scripts use to speak real HTTP to it, with a read timeout on every
/// call. Call it from a thread of its own, not from Swift concurrency's small thread pool, which
/// the server needs.
public final class LoopbackClient {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case cannotConnect(port: UInt16, errno: Int32)
        case timedOut
        case closed
        case malformed(String)

        public var description: String {
            switch self {
            case let .cannotConnect(port, code): return "cannot connect to 127.0.0.1:\(port) (errno \(code))"
            case .timedOut: return "no answer within the timeout"
            case .closed: return "the server closed the connection"
            case let .malformed(what): return "malformed response: \(what)"
            }
        }
    }

    /// A response's status line and headers (names lowercased).
    public struct Head: Sendable {
        public let status: Int
        public let headers: [String: String]
    }

    /// A whole response to a one-off request.
    public struct Response: Sendable {
        public let head: Head
        public let body: String
        public var status: Int { head.status }
        public func header(_ name: String) -> String? { head.headers[name.lowercased()] }
    }

    /// One Server-Sent Events message.
    public struct Event: Sendable {
        public let id: Int?
        /// The `data:` lines' bytes, joined by line breaks.
        public let dataBytes: [UInt8]
        public var data: String { String(decoding: dataBytes, as: UTF8.self) }
    }

    private let descriptor: Int32
    /// Received bytes not consumed yet.
    private var received: [UInt8] = []
    /// How many bytes of `received` were already searched for the end of an event.
    private var scanned = 0

    /// Connects to 127.0.0.1:`port`; every later read waits at most `timeout` seconds.
    /// `receiveBuffer` shrinks the socket's receive buffer (bytes), as a slow page's would be.
    public init(port: UInt16, timeout: Double, receiveBuffer: Int32? = nil) throws(Failure) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .cannotConnect(port: port, errno: errno) }
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var wait = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .cannotConnect(port: port, errno: code)
        }
        descriptor = fd
    }

    deinit { Glibc.close(descriptor) }

    /// Sends a request with no body.
    public func send(method: String = "GET", target: String, headers: [String: String] = [:]) throws(Failure) {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        try sendRaw(text + "\r\n")
    }

    /// Sends `text` as it is (for requests that are not well-formed).
    public func sendRaw(_ text: String) throws(Failure) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw .closed }
            sent += n
        }
    }

    /// Reads the status line and headers.
    public func readHead() throws(Failure) -> Head {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else { throw .malformed(statusLine) }
        var headers: [String: String] = [:]
        while true {
            let line = try readLine()
            if line.isEmpty { return Head(status: status, headers: headers) }
            guard let colon = line.firstIndex(of: ":") else { throw .malformed(line) }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }

    /// Reads the body that follows `head` (by Content-Length; none for HEAD requests).
    public func readBody(after head: Head, method: String) throws(Failure) -> String {
        guard method != "HEAD", let length = head.headers["content-length"].flatMap(Int.init) else { return "" }
        return String(decoding: try readBytes(length), as: UTF8.self)
    }

    /// The next Server-Sent Events message that carries data, from the stream that follows the
    /// head; nil when the server closes the connection.
    public func nextEvent() throws(Failure) -> Event? {
        while true {
            if let end = endOfMessage() {
                let event = Self.parseEvent(received[..<end])
                received.removeFirst(end + 2)
                scanned = 0
                if let event { return event }
                continue
            }
            do { try receiveMore() } catch .closed { return nil }
        }
    }

    /// Where the first message in `received` ends (its blank line), scanning only new bytes.
    private func endOfMessage() -> Int? {
        let newline = UInt8(ascii: "\n")
        var i = max(0, scanned - 1)
        while i + 1 < received.count {
            if received[i] == newline && received[i + 1] == newline { return i }
            i += 1
        }
        scanned = received.count
        return nil
    }

    /// The id and data of one message's lines; nil for a message without data (`retry:`).
    private static func parseEvent(_ message: ArraySlice<UInt8>) -> Event? {
        var id: Int?, data: [UInt8]?
        for line in message.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if line.starts(with: "id: ".utf8) {
                id = Int(String(decoding: line.dropFirst(4), as: UTF8.self))
            } else if line.starts(with: "data: ".utf8) {
                if data != nil { data!.append(UInt8(ascii: "\n")) }
                data = (data ?? []) + line.dropFirst(6)
            }
        }
        return data.map { Event(id: id, dataBytes: $0) }
    }

    /// GET (or any method) on a fresh connection, read to the end of the body.
    public static func request(port: UInt16, method: String = "GET", target: String, timeout: Double = 5) throws(Failure) -> Response {
        let client = try LoopbackClient(port: port, timeout: timeout)
        try client.send(method: method, target: target, headers: ["Connection": "close"])
        let head = try client.readHead()
        return Response(head: head, body: try client.readBody(after: head, method: method))
    }

    private func readLine() throws(Failure) -> String {
        let newline = UInt8(ascii: "\n")
        while true {
            if let end = received.firstIndex(of: newline) {
                var line = Array(received[..<end])
                received.removeFirst(end + 1)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            try receiveMore()
        }
    }

    private func readBytes(_ count: Int) throws(Failure) -> [UInt8] {
        while received.count < count { try receiveMore() }
        defer { received.removeFirst(count) }
        return Array(received[..<count])
    }

    private func receiveMore() throws(Failure) {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let n = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if n > 0 { received += chunk[..<n]; return }
        if n == 0 { throw .closed }
        throw errno == EAGAIN || errno == EWOULDBLOCK ? .timedOut : .closed
    }
}
