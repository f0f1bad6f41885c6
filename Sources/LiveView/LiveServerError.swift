/// Why the live view could not start.
public enum LiveServerError: Error, Equatable, CustomStringConvertible {
    /// `start()` was called on a server that is already running.
    case alreadyStarted
    /// `start()` was called after `stop()`: a stopped server's pages have been told it ended.
    case stopped
    /// The host is not an IPv4 or IPv6 address (`127.0.0.1`, `0.0.0.0`, `::1`).
    case invalidHost(String)
    /// Binding or listening failed: the port is taken, or the address is not this machine's.
    case cannotListen(host: String, port: UInt16, reason: String)

    public var description: String {
        switch self {
        case .alreadyStarted:
            return "the live view is already running"
        case .stopped:
            return "this live view was stopped; start a new one"
        case let .invalidHost(host):
            return "cannot serve on \(host): give an IPv4 or IPv6 address such as 127.0.0.1 or 0.0.0.0"
        case let .cannotListen(host, port, reason):
            return "cannot serve on \(host) port \(port): \(reason)"
        }
    }
}
