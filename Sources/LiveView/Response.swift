/// An answer's status line and headers, with those every answer carries: the
/// Content-Security-Policy among them, and `Connection: close` (one request per connection).
struct Response {
    let status: Int
    var headers: [(String, String)]

    /// Scripts and styles only from this server's own two files; no inline script, no
    /// outside origin, no plugins, frames, forms or base URL.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    init(status: Int, contentType: String) {
        self.status = status
        headers = [
            ("Content-Type", contentType),
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            // The token is in the page's URL: never send it to a site a lesson links to.
            ("Referrer-Policy", "no-referrer"),
            ("Cache-Control", "no-store"),
            ("Connection", "close"),
        ]
    }

    /// The status line and headers, ending with the blank line.
    var bytes: [UInt8] {
        let reason = [200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed"][status] ?? "Error"
        let lines = ["HTTP/1.1 \(status) \(reason)"] + headers.map { "\($0.0): \($0.1)" }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }
}
