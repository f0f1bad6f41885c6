/// The one rule every format cuts a long matrix by: all positions when they fit the limit, else
/// the first and the last half of the limit with a gap between, so both ends stay in view.
enum MatrixCut {
    /// The positions to show out of `count`, nil marking the gap.
    static func kept(_ count: Int, limit: Int) -> [Int?] {
        guard count > limit else { return (0..<count).map { Optional($0) } }
        let half = max(1, limit / 2)
        return (0..<half).map { Optional($0) } + [nil] + ((count - half)..<count).map { Optional($0) }
    }

    /// `showing 16 of 40 columns`, for an axis of `count` positions cut to `limit`.
    static func note(_ count: Int, limit: Int, axis: String) -> String? {
        count > limit ? "showing \(kept(count, limit: limit).compactMap { $0 }.count) of \(count) \(axis)" : nil
    }
}
