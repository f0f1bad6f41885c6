import FlyingFox
import Foundation

/// Answers every request the server receives: the router decides, this builds the response
/// with the headers every answer carries (the Content-Security-Policy among them).
struct RequestHandler: HTTPHandler {
    let hub: FrameHub
    let router: LiveRouter

    /// Scripts and styles only from this server's own two files; no inline script, no
    /// outside origin, no plugins, frames, forms or base URL.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let token = request.query.first { $0.name == "token" }?.value
        switch router.decide(method: request.method.rawValue, path: request.path, token: token) {
        case let .refuse(status, reason):
            var headers = Self.commonHeaders(contentType: "text/plain; charset=utf-8")
            if status == 405 { headers[HTTPHeader("Allow")] = "GET, HEAD" }
            return HTTPResponse(statusCode: Self.statusCode(status), headers: headers, body: Data((reason + "\n").utf8))
        case let .serve(route, headOnly):
            switch route {
            case .page:
                let query = token.map { "?token=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
                return document(PageAssets.page(frame: hub.current, query: query), type: "text/html; charset=utf-8", headOnly: headOnly)
            case .style:
                return document(PageAssets.style, type: "text/css; charset=utf-8", headOnly: headOnly)
            case .script:
                return document(PageAssets.script, type: "text/javascript; charset=utf-8", headOnly: headOnly)
            case .events:
                var headers = Self.commonHeaders(contentType: "text/event-stream; charset=utf-8")
                headers[HTTPHeader("X-Accel-Buffering")] = "no"
                if headOnly { return HTTPResponse(statusCode: .ok, headers: headers) }
                let body = EventStreamBody(frames: hub.subscribe(), retryMilliseconds: 1000)
                return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: body, suggestedBufferSize: 64 * 1024))
            }
        }
    }

    private func document(_ text: String, type: String, headOnly: Bool) -> HTTPResponse {
        let bytes = Data(text.utf8)
        var headers = Self.commonHeaders(contentType: type)
        headers[.contentLength] = String(bytes.count)
        return HTTPResponse(statusCode: .ok, headers: headers, body: headOnly ? Data() : bytes)
    }

    private static func commonHeaders(contentType: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers[.contentType] = contentType
        headers[HTTPHeader("Content-Security-Policy")] = contentSecurityPolicy
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        // The token is in the page's URL: never send it to a site a lesson links to.
        headers[HTTPHeader("Referrer-Policy")] = "no-referrer"
        headers[HTTPHeader("Cache-Control")] = "no-store"
        return headers
    }

    private static func statusCode(_ status: Int) -> HTTPStatusCode {
        switch status {
        case 403: return .forbidden
        case 405: return .methodNotAllowed
        default: return .notFound
        }
    }
}
