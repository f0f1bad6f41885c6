/// A printed expression with the places where a long line may break: before each `+` or `-` of a
/// sum and each `·` of a product. It is laid out on one line when that fits the width. A sum that
/// does not fit puts each term on a line of its own, under its first term; a product that does
/// not fit fills each line with as many factors as fit, the rest under its first factor; the
/// operands inside them try again:
///
///     ∂L/∂W1[2,1] = ((∂L/∂a2[0]·∂a2[0]/∂z2[0] + ∂L/∂a2[1]·∂a2[1]/∂z2[0])·W2[0,2]
///                    + (∂L/∂a2[0]·∂a2[0]/∂z2[1] + ∂L/∂a2[1]·∂a2[1]/∂z2[1])·W2[1,2])·a0[1]
///
/// (A small Wadler-style pretty printer.) Text without a place to break stays as long as it is.
indirect enum TraceLayout {
    case text(String)
    case sequence([TraceLayout])
    /// A sum's terms: the first, then each later one with its sign (`+ b`, `- c`).
    case sum([TraceLayout])
    /// A product's factors: the first, then each later one with its dot (`·b`).
    case product([TraceLayout])

    /// The expression on one line.
    var flat: String {
        switch self {
        case let .text(text): text
        case let .sequence(parts): parts.map(\.flat).joined()
        case let .sum(terms): terms.map(\.flat).joined(separator: " ")
        case let .product(factors): factors.map(\.flat).joined()
        }
    }

    /// Whether `flat` starts with a minus sign (an operand that does gets parentheses).
    var startsWithMinus: Bool {
        switch self {
        case let .text(text): text.hasPrefix("-")
        case let .sequence(parts): parts.first { $0.flatWidth > 0 }?.startsWithMinus ?? false
        case let .sum(operands), let .product(operands): operands.first?.startsWithMinus ?? false
        }
    }

    /// Whether it has no place to break (no sum or product in it).
    var isUnbreakable: Bool {
        switch self {
        case .text: true
        case let .sequence(parts): parts.allSatisfy(\.isUnbreakable)
        case .sum, .product: false
        }
    }

    /// How many columns `flat` takes.
    var flatWidth: Int {
        switch self {
        case let .text(text): text.count
        case let .sequence(parts): parts.reduce(0) { $0 + $1.flatWidth }
        case let .sum(terms): terms.reduce(terms.count - 1) { $0 + $1.flatWidth }
        case let .product(factors): factors.reduce(0) { $0 + $1.flatWidth }
        }
    }

    /// The expression laid out to end by column `width`, its first line starting at `column`.
    func lines(startingAt column: Int, width: Int) -> String {
        var out = ""
        var current = column
        write(into: &out, column: &current, width: width, following: 0)
        return out
    }

    /// Writes the layout; `following` is how many columns of text come after it on the same line.
    private func write(into out: inout String, column: inout Int, width: Int, following: Int) {
        func newLine(at indent: Int) {
            out += "\n" + String(repeating: " ", count: indent)
            column = indent
        }
        guard column + flatWidth + following > width else {
            out += flat
            column += flatWidth
            return
        }
        switch self {
        case let .text(text):
            out += text
            column += text.count
        case let .sequence(parts):
            var after = parts.reduce(following) { $0 + $1.flatWidth }
            for part in parts {
                after -= part.flatWidth
                part.write(into: &out, column: &column, width: width, following: after)
            }
        case let .sum(terms):
            let indent = column
            for (i, term) in terms.enumerated() {
                if i > 0 { newLine(at: indent) }
                term.write(into: &out, column: &column, width: width, following: i == terms.count - 1 ? following : 0)
            }
        case let .product(factors):
            let indent = column
            for (i, factor) in factors.enumerated() {
                let last = i == factors.count - 1
                // A factor that cannot break (`·0.7`) stays on the line of the one before: that one
                // breaks inside rather than leave it alone on a line.
                let after = last ? following : factors[i + 1].isUnbreakable ? factors[i + 1].flatWidth : 0
                if i > 0 && column + factor.flatWidth + after > width && column > indent { newLine(at: indent) }
                factor.write(into: &out, column: &column, width: width, following: after)
            }
        }
    }
}
