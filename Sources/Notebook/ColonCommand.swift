import Foundation
import StepLang

/// A `:command` typed at the prompt, parsed from its text once: expressions in arguments
/// (`:show W1.T`, `:trace z1[2]`) are parsed here, and a syntax error in one comes with its caret.
public enum ColonCommand: Equatable {
    case next(Int)
    case back(Int)
    case step
    case run
    case goto(Int)
    case restart
    case whereAmI
    case show(Expr)
    case vars
    case grad(Expr)
    /// `:trace x[i]`; `--jacobian` writes out a softmax's whole Jacobian in a gradient's chain.
    case trace(Expr, jacobian: Bool)
    /// `:check x = [...] [within TOL]`; `expectedText` keeps the numbers as typed, for their decimals.
    /// `notes` say how the expected numbers were read when they were pasted (NumPy's spacing).
    case check(Expr, expected: Expr, expectedText: String, notes: [String], tolerance: Expr?)
    case gradcheck(Expr)
    case format(fixed: Bool, precision: Int)
    case comments(Bool)
    case help(String?)
    case lessons
    case open(String)
    case rerun
    case heatmap(Expr)
    case network(Expr)
    case graph(Expr, dotFile: String?)
    case export(html: Bool, file: String)
    case save(String)
    case load(String)
    /// `:serve [--host ADDR]`
    case serve(host: String?)
    case quit

    /// Name, argument synopsis and one-line help of every command, in the order `:help` lists them.
    public static let table: [(name: String, arguments: String, help: String)] = [
        (":next", "[n]", "the next statement; after backward, the next node"),
        (":back", "[n]", "undo the last n steps"),
        (":step", "", "the next statement, sub-expression by sub-expression"),
        (":run", "", "run the rest of the lesson"),
        (":goto", "N", "go to statement N (forward runs, backward undoes)"),
        (":restart", "", "the lesson from the start, with an empty session"),
        (":where", "", "where you are in the lesson"),
        (":show", "x", "a value (any expression) with its shape"),
        (":vars", "", "all variables: name, shape, first entries"),
        (":grad", "x", "the gradient of x from the last backward"),
        (":trace", "x[i, j] [--jacobian]", "one entry as arithmetic (x.grad[i]: the chain rule; --jacobian: softmax's whole Jacobian)"),
        (":check", "x = [...] [within TOL]", "your hand-computed value, entry by entry"),
        (":gradcheck", "L", "backward's gradients against finite differences"),
        (":format", "fixed|sci N", "numbers fixed or scientific, with N digits"),
        (":comments", "on|off", "show statements with their comments (the hand arithmetic), or bare"),
        (":help", "[command|function]", "this list, or help on one command or function"),
        (":lessons", "", "the lessons you can open"),
        (":open", "NAME", "open a lesson (any unambiguous part of its name)"),
        (":rerun", "", "after rebinding an input, redo the lesson from it"),
        (":heatmap", "x", "a colour heatmap of a matrix"),
        (":network", "x", "the layers that made x as a network drawing, the last :trace'd entry marked"),
        (":graph", "x [--dot FILE]", "the computation graph of x (DOT into FILE)"),
        (":export", "md|html FILE", "the session so far as a notebook transcript"),
        (":save", "FILE", "save variables, values and lesson position"),
        (":load", "FILE", "load a session saved with :save"),
        (":serve", "[--host ADDR]", "mirror the session to a live browser view (127.0.0.1 unless --host)"),
        (":quit", "", "leave (Ctrl-D does the same)"),
    ]

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses `text`, which starts with `:`.
    public static func parse(_ text: String) throws(ParseError) -> ColonCommand {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let name = String(trimmed.prefix { !$0.isWhitespace })
        let rest = String(trimmed.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
        let words = rest.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let entry = table.first(where: { $0.name == name }) else {
            let close = table.map(\.name).filter { $0.hasPrefix(name) }
            let hint = close.isEmpty ? "type :help for the list" : "did you mean \(close.joined(separator: " or "))?"
            throw ParseError(description: "unknown command \(name): \(hint)")
        }
        func usage() -> ParseError {
            ParseError(description: "usage: \(entry.name) \(entry.arguments)")
        }
        func count() throws(ParseError) -> Int {
            if words.isEmpty { return 1 }
            guard words.count == 1, let n = Int(words[0]), n >= 1 else { throw usage() }
            return n
        }
        // The rest of the line, an expression or a file name, which must be there.
        func argument() throws(ParseError) -> String {
            guard !rest.isEmpty else { throw usage() }
            return rest
        }
        func expression() throws(ParseError) -> Expr { try Self.expression(try argument()) }
        func noArguments(_ command: ColonCommand) throws(ParseError) -> ColonCommand {
            guard rest.isEmpty else { throw usage() }
            return command
        }
        switch name {
        case ":next": return .next(try count())
        case ":back": return .back(try count())
        case ":step": return try noArguments(.step)
        case ":run": return try noArguments(.run)
        case ":goto":
            guard words.count == 1, let n = Int(words[0]) else { throw usage() }
            return .goto(n)
        case ":restart": return try noArguments(.restart)
        case ":where": return try noArguments(.whereAmI)
        case ":show": return .show(try expression())
        case ":vars": return try noArguments(.vars)
        case ":grad": return .grad(try expression())
        case ":trace":
            let jacobian = rest.hasSuffix("--jacobian")
            guard !jacobian else { return .trace(try Self.expression(String(rest.dropLast("--jacobian".count))), jacobian: true) }
            return .trace(try expression(), jacobian: false)
        case ":check": return try parseCheck(rest, usage: usage())
        case ":gradcheck": return .gradcheck(try expression())
        case ":format":
            guard (1...2).contains(words.count), ["fixed", "sci"].contains(words[0]) else { throw usage() }
            let precision = words.count == 2 ? Int(words[1]) : 4
            guard let precision, (0...15).contains(precision) else {
                throw ParseError(description: "usage: :format fixed|sci N, with N from 0 to 15")
            }
            return .format(fixed: words[0] == "fixed", precision: precision)
        case ":comments":
            guard words.count == 1, ["on", "off"].contains(words[0]) else { throw usage() }
            return .comments(words[0] == "on")
        case ":help":
            guard words.count <= 1 else { throw usage() }
            return .help(words.first)
        case ":lessons": return try noArguments(.lessons)
        case ":open": return .open(try argument())
        case ":rerun": return try noArguments(.rerun)
        case ":heatmap": return .heatmap(try expression())
        case ":network": return .network(try expression())
        case ":graph":
            if let dot = rest.range(of: "--dot") {
                let target = String(rest[..<dot.lowerBound]).trimmingCharacters(in: .whitespaces)
                let path = String(rest[dot.upperBound...]).trimmingCharacters(in: .whitespaces)
                guard !target.isEmpty, !path.isEmpty else { throw usage() }
                return .graph(try Self.expression(target), dotFile: path)
            }
            return .graph(try expression(), dotFile: nil)
        case ":export":
            guard words.count >= 2, ["md", "html"].contains(words[0]) else { throw usage() }
            return .export(html: words[0] == "html", file: String(rest.dropFirst(words[0].count)).trimmingCharacters(in: .whitespaces))
        case ":save": return .save(try argument())
        case ":load": return .load(try argument())
        case ":serve":
            if words.isEmpty { return .serve(host: nil) }
            guard words.count == 2, words[0] == "--host" else { throw usage() }
            return .serve(host: words[1])
        case ":quit": return try noArguments(.quit)
        default:
            // A command added to the table but not here: say so rather than act as another command.
            throw ParseError(description: "\(name) is listed in :help but not implemented")
        }
    }

    /// `x = [...]` with an optional trailing `within TOL`.
    private static func parseCheck(_ rest: String, usage: ParseError) throws(ParseError) -> ColonCommand {
        guard let equals = rest.firstIndex(of: "=") else { throw usage }
        let target = String(rest[..<equals]).trimmingCharacters(in: .whitespaces)
        var expected = String(rest[rest.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        var tolerance: String?
        if let within = expected.range(of: " within ", options: .backwards) {
            tolerance = String(expected[within.upperBound...]).trimmingCharacters(in: .whitespaces)
            expected = String(expected[..<within.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        guard !target.isEmpty, !expected.isEmpty, tolerance?.isEmpty != true else { throw usage }
        let (expectedExpr, notes) = try parsed(expected)
        return .check(try expression(target), expected: expectedExpr, expectedText: expected, notes: notes,
                      tolerance: try tolerance.map { (text: String) throws(ParseError) in try expression(text) })
    }

    /// An argument parsed as one expression; its syntax error rendered with a caret under the argument.
    private static func expression(_ text: String) throws(ParseError) -> Expr { try parsed(text).expr }

    private static func parsed(_ text: String) throws(ParseError) -> (expr: Expr, notes: [String]) {
        do { return try Session.parseExpression(text) } catch { throw ParseError(description: error.rendered) }
    }
}
