/// Decides what a request gets, before anything is served: the live view answers four paths,
/// reads only, and — when it has a token — only requests that carry it.
struct LiveRouter: Sendable {
    enum Route: String, Sendable, CaseIterable {
        case page = "/"
        case style = "/app.css"
        case script = "/app.js"
        case events = "/events"
    }

    enum Decision: Equatable, Sendable {
        case serve(Route, headOnly: Bool)
        /// 403 without the token, 404 for any other path, 405 for any method but GET and HEAD.
        case refuse(status: Int, reason: String)
    }

    let token: String?

    func decide(method: String, path: String, token given: String?) -> Decision {
        // The token comes first, so a request without it learns nothing about the routes.
        if let token, !Self.sameToken(given, token) {
            return .refuse(status: 403, reason: "this live view needs the token from its URL")
        }
        guard method == "GET" || method == "HEAD" else {
            return .refuse(status: 405, reason: "the live view is read-only: only GET and HEAD")
        }
        guard let route = Route(rawValue: path) else {
            return .refuse(status: 404, reason: "not a page of the live view")
        }
        return .serve(route, headOnly: method == "HEAD")
    }

    /// Compares every byte whatever the first difference, so the time taken does not tell an
    /// attacker how much of a guess was right.
    static func sameToken(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let (a, b) = (Array(given.utf8), Array(expected.utf8))
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
