import Foundation

/// The start of an HTTP/1.1 request: what the live view needs of it (the method, the path, the
/// token in the query). Headers and any body are never looked at: nothing a request carries can
/// change the session.
struct RequestHead: Equatable {
    let method: String
    let path: String
    /// The `token` query parameter, percent-decoded; nil when absent.
    let token: String?

    /// The longest request head read; longer ones are refused (400).
    static let sizeLimit = 8 * 1024

    /// Parses the request line of `head` (the bytes before the blank line). Nil when malformed.
    init?(_ head: ArraySlice<UInt8>) {
        let firstLine = head.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
        let parts = String(decoding: firstLine, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), !parts[0].isEmpty, parts[1].hasPrefix("/") else { return nil }
        method = String(parts[0])
        let target = parts[1]
        let query = target.firstIndex(of: "?").map { target[target.index(after: $0)...] }
        path = String(target.prefix { $0 != "?" })
        token = query?.split(separator: "&").lazy.compactMap { item -> String? in
            guard item.hasPrefix("token=") else { return nil }
            return String(item.dropFirst(6)).removingPercentEncoding
        }.first
    }

    /// Where the head ends in `bytes` (just past the blank line), if it has arrived.
    static func end(in bytes: [UInt8]) -> Int? {
        let blank: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4 else { return nil }
        return (0...(bytes.count - 4)).first { bytes[$0..<($0 + 4)].elementsEqual(blank) }.map { $0 + 4 }
    }
}
