/// Whether typed input still has an open `(`, `[` or `{`, so the prompt asks for a continuation line.
/// Brackets inside `#` comments do not count; a surplus closing bracket is the parser's to report.
enum OpenBrackets {
    static func depth(of text: String) -> Int {
        var depth = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for character in line {
                if character == "#" { break }
                switch character {
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth = max(0, depth - 1)
                default: break
                }
            }
        }
        return depth
    }
}
