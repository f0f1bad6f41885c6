import Autograd

/// Recursive descent over the tokens of one piece of source (a REPL input, a lesson's fenced
/// block). Precedence, lowest first: comparisons (non-associative); `+ -`; `* / @`; unary `-`;
/// `^` (right-associative); postfix call, index and member.
///
/// A syntax error is recorded and parsing resumes at the next line, so one run reports every
/// error of a lesson.
public struct Parser {
    /// How deeply expressions and blocks may nest; deeper input is refused with an error
    /// instead of exhausting the stack.
    public static let nestingLimit = 64
    /// How deep an expression tree may grow, counting chains of operators (`a + b + c ...`,
    /// `x[0][0]...`) as well as nesting: evaluating, printing and freeing a tree recurse once per level.
    public static let depthLimit = 256

    private let tokens: [Token]
    private let source: SourceText
    private var position = 0
    /// The `(` and `[` open around the current token: inside them newlines do not end anything.
    private var openBrackets: [Token] = []
    private var bracketDepth: Int { openBrackets.count }
    private var nesting = 0
    private var depth = 0
    /// Where list literals open (`[1, 2]`, not `x[0]`): inside one, NumPy's spaced entries are read.
    private var listOpenings: Set<SourceLocation> = []
    /// How many entries were read as NumPy spaces them (`[1 -2]`), for the note that says so.
    private var spacedEntries = 0
    /// The notes of the statement being parsed (and of the statements around it).
    private var notes: [String] = []
    /// The Python tuples `(2, 2)` parsed in this statement, always an error: as a call's argument it
    /// is answered with the call spelled the stepgrad way (`zeros(2, 2)`), anywhere else with a list.
    private var pendingTuples: [(items: [Expr], location: SourceLocation)] = []
    public private(set) var errors: [StepError] = []

    /// Parses `text`, whose first line is line `firstLine` of `source`.
    public init(text: String, source: SourceText, firstLine: Int = 1) {
        var lexer = Lexer(text: text, file: source.file, firstLine: firstLine)
        self.tokens = lexer.tokenize()
        self.source = source
    }

    /// Parses a whole text: its statements, and every syntax error found.
    public static func parse(_ text: String, file: String = "<input>") -> (statements: [Statement], errors: [StepError]) {
        var parser = Parser(text: text, source: SourceText(file: file, text: text))
        let statements = parser.parseProgram()
        return (statements, parser.errors)
    }

    /// One whole expression (a colon command's argument); anything after it is an error.
    /// Its notes say what was read another way than typed (a NumPy paste, a look-alike).
    public static func parseExpression(_ text: String, file: String = "<input>") throws(StepError) -> (expr: Expr, notes: [String]) {
        var parser = Parser(text: text, source: SourceText(file: file, text: text))
        let expr = try parser.parseExpression()
        parser.skipNewlines()
        guard parser.current.kind == .end else { throw parser.unexpected("the end of the expression") }
        if let tuple = parser.pendingTuples.first {
            throw parser.error(PythonSpellings.tuple(tuple.items, at: tuple.location), at: tuple.location)
        }
        let lookAlikes = Token.lookAlikeNote(parser.tokens[...]).map { [$0] } ?? []
        return (expr, lookAlikes + parser.notes)
    }

    /// Every statement up to the end of the input.
    public mutating func parseProgram() -> [Statement] {
        var statements: [Statement] = []
        while true {
            skipNewlines()
            if current.kind == .end { return statements }
            if let statement = parseStatementRecovering() { statements.append(statement) }
        }
    }

    // MARK: - Tokens

    private var current: Token {
        var i = position
        if bracketDepth > 0 { while tokens[i].kind == .newline { i += 1 } }
        return tokens[i]
    }

    private func peekKind(_ offset: Int) -> Token.Kind {
        var i = position, seen = 0
        while i < tokens.count - 1 {
            if bracketDepth == 0 || tokens[i].kind != .newline {
                if seen == offset { return tokens[i].kind }
                seen += 1
            }
            i += 1
        }
        return .end
    }

    @discardableResult
    private mutating func advance() -> Token {
        if bracketDepth > 0 { while tokens[position].kind == .newline { position += 1 } }
        let token = tokens[position]
        if token.kind != .end { position += 1 }
        return token
    }

    private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }

    /// The index of `current` in `tokens`.
    private var currentIndex: Int {
        var i = position
        if bracketDepth > 0 { while tokens[i].kind == .newline { i += 1 } }
        return i
    }

    /// The token right after `current`, newlines included.
    private var tokenAfterCurrent: Token { tokens[min(currentIndex + 1, tokens.count - 1)] }

    /// True when the innermost open bracket is a list literal's.
    private var isInsideList: Bool { openBrackets.last.map { listOpenings.contains($0.location) } ?? false }

    private mutating func skipNewlines() {
        while current.kind == .newline { advance() }
    }

    private func error(_ message: String, at location: SourceLocation) -> StepError {
        StepError(message, at: location, in: source)
    }

    /// "expected X, found Y". When a newline inside an open bracket came first, the likely mistake
    /// is the bracket left open: the error points at that line's end and names the bracket.
    private func unexpected(_ expected: String) -> StepError {
        if let open = openBrackets.last, tokens[position].kind == .newline, current.location.line > open.location.line {
            return error("expected \(expected), found end of line; the '\(open.kind.symbolText)' at \(open.location.line):\(open.location.column) is never closed",
                         at: tokens[position].location)
        }
        if let open = openBrackets.last, current.kind == .end {
            return error("expected \(expected), found end of input; the '\(open.kind.symbolText)' at \(open.location.line):\(open.location.column) is never closed",
                         at: current.location)
        }
        return error("expected \(expected), found \(current.kind)", at: current.location)
    }

    private mutating func expectSymbol(_ s: String, _ what: String) throws(StepError) -> Token {
        guard isSymbol(s) else { throw unexpected(what) }
        return advance()
    }

    private mutating func identifier(_ what: String) throws(StepError) -> (String, SourceLocation) {
        guard case let .identifier(name) = current.kind else { throw unexpected(what) }
        let at = advance().location
        return (name, at)
    }

    /// Goes one nesting level deeper, refusing to go past `nestingLimit`; the caller undoes it
    /// with `defer { nesting -= 1 }`.
    private mutating func enterNesting(at location: SourceLocation) throws(StepError) {
        guard nesting < Parser.nestingLimit else {
            throw error("nested too deeply (more than \(Parser.nestingLimit) levels); split it into several statements", at: location)
        }
        try deepen(at: location)
        nesting += 1
    }

    private mutating func leaveNesting() {
        nesting -= 1
        depth -= 1
    }

    /// One level deeper in the expression tree; callers restore `depth` when their chain ends.
    private mutating func deepen(at location: SourceLocation) throws(StepError) {
        guard depth < Parser.depthLimit else {
            throw error("this expression is too deep (more than \(Parser.depthLimit) operations inside one another); split it into several statements", at: location)
        }
        depth += 1
    }

    // MARK: - Statements

    /// One statement, or nil after recording its error and skipping to the next line.
    private mutating func parseStatementRecovering() -> Statement? {
        let saved = (openBrackets, nesting, depth, notes)
        do {
            let statement = try parseStatement()
            try endOfStatement()
            return statement
        } catch {
            errors.append(error)
            (openBrackets, nesting, depth, notes) = saved
            pendingTuples = []
            while current.kind != .newline && current.kind != .end { advance() }
            return nil
        }
    }

    private mutating func endOfStatement() throws(StepError) {
        switch current.kind {
        case .newline: advance()
        case .end: break
        case .symbol("}"): break // the block's parser consumes it
        default: throw unexpected("the end of the statement")
        }
    }

    private mutating func parseStatement() throws(StepError) -> Statement {
        let start = current.location
        let first = position
        let outerNotes = notes
        notes = []
        let kind: StatementKind
        switch current.kind {
        case .keyword(.backward):
            advance()
            kind = .backward(try parseExpression())
        case .keyword(.expect):
            advance()
            kind = try parseExpect()
        case .keyword(.doc):
            advance()
            kind = try parseDoc()
        case .keyword(.exercise):
            advance()
            kind = .exercise(try parseExpression())
        case .keyword(.for):
            advance()
            kind = try parseFor(at: start)
        case let .identifier(name) where isAssignment(peekKind(1)):
            advance()
            kind = try parseAssignment(to: name, index: [])
        default:
            let value = try parseExpression()
            if isAssignment(current.kind) {
                guard case let .index(target, items) = value.kind, case let .name(name) = target.kind else {
                    throw error("only a variable, or entries of one, can be assigned: \(value) cannot be (bind the whole value, e.g. x = ..., update it in place, e.g. x -= ..., or set entries, e.g. x[0] = ...)", at: current.location)
                }
                kind = try parseAssignment(to: name, index: items)
            } else if case let .call(name, arguments, keywords) = value.kind, let picture = Picture(rawValue: name) {
                guard arguments.count == 1, keywords.isEmpty else {
                    throw error("\(name) takes one value: \(name)(x)", at: value.location)
                }
                kind = .picture(picture, arguments[0])
            } else {
                kind = .show(value)
            }
        }
        if let tuple = pendingTuples.first { throw error(PythonSpellings.tuple(tuple.items, at: tuple.location), at: tuple.location) }
        // A loop's notes include its body's, which also keep their own.
        let spacedNotes = notes
        notes = outerNotes + spacedNotes
        let lookAlikes = Token.lookAlikeNote(tokens[first..<position]).map { [$0] } ?? []
        return Statement(kind: kind, location: start, source: source, text: text(from: start),
                         lastLine: lastLine(from: start), notes: lookAlikes + spacedNotes)
    }

    /// The note for a value read as NumPy prints it, showing how it was read (shortened when long).
    private mutating func noteSpacedReading(_ canonical: String) {
        let shown = canonical.count <= 72 ? canonical : String(canonical.prefix(60)) + " …"
        notes.append("read the numbers separated by spaces as NumPy prints them: \(shown)")
    }

    /// `= value` or `op= value` after its target: binding a whole variable is a `bind`; setting
    /// its entries (`x[0] = 1`) and `op=` change the value in place.
    private mutating func parseAssignment(to name: String, index: [IndexArgument]) throws(StepError) -> StatementKind {
        guard case let .symbol(symbol) = current.kind, let op = UpdateOperator(symbol: symbol) else { throw unexpected("an assignment") }
        _ = advance()
        let value = try parseExpression()
        return op == .set && index.isEmpty ? .bind(name, value) : .update(name, index: index, operator: op, value)
    }

    private func isAssignment(_ kind: Token.Kind) -> Bool {
        [.symbol("="), .symbol("+="), .symbol("-="), .symbol("*="), .symbol("/=")].contains(kind)
    }

    /// The source lines from `start` to the current token, comments and blank lines dropped.
    /// The line of the statement's last token.
    private func lastLine(from start: SourceLocation) -> Int {
        max(start.line, position > 0 ? tokens[position - 1].location.line : start.line)
    }

    private func text(from start: SourceLocation) -> String {
        let last = lastLine(from: start)
        return (start.line...max(start.line, last)).compactMap { n -> String? in
            guard var line = source.line(n) else { return nil }
            if n == start.line { line = String(line.dropFirst(start.column - 1)) }
            let code = Parser.strippingComment(line).trimmingTrailingSpaces()
            return code.allSatisfy(\.isWhitespace) ? nil : code
        }.joined(separator: "\n")
    }

    private static func strippingComment(_ line: String) -> String {
        line.firstIndex(of: "#").map { String(line[..<$0]) } ?? line
    }

    private mutating func parseExpect() throws(StepError) -> StatementKind {
        let actual = try parseAdditive()
        let exact: Bool
        switch current.kind {
        case .symbol("~="): exact = false
        case .symbol("=="): exact = true
        default: throw unexpected("≈, ~= or == after the value in expect")
        }
        _ = advance()
        let expected = try parseAdditive()
        return .expect(actual, expected, exact: exact, within: try parseWithin())
    }

    private mutating func parseWithin() throws(StepError) -> Expr? {
        guard current.kind == .keyword(.within) else { return nil }
        _ = advance()
        return try parseAdditive()
    }

    private mutating func parseDoc() throws(StepError) -> StatementKind {
        let target = try parseAdditive()
        _ = try expectSymbol("=", "'=' and the value the document prints after doc \(target)")
        let spacedBefore = spacedEntries
        let printed = try parseDocLiteral()
        if spacedEntries > spacedBefore { noteSpacedReading(printed.textWithCommas) }
        return .doc(target, printed, within: try parseWithin())
    }

    /// A number (`0.95`, `-1.2e-3`, `inf`, `-inf`, `nan`) or a bracketed list of them.
    private mutating func parseDocLiteral() throws(StepError) -> DocLiteral {
        try enterNesting(at: current.location)
        defer { leaveNesting() }
        if isSymbol("[") {
            openBrackets.append(advance())
            defer { openBrackets.removeLast() }
            var items: [DocLiteral] = []
            while !isSymbol("]") {
                items.append(try parseDocLiteral())
                if isSymbol(",") {
                    advance()
                } else if startsSpacedEntry() {
                    spacedEntries += 1
                } else if !isSymbol("]") {
                    throw unexpected("',' or ']' in the printed value")
                }
            }
            advance()
            return .list(items)
        }
        let negative = isSymbol("-")
        if negative { advance() }
        let sign = negative ? "-" : ""
        switch current.kind {
        case let .number(value, text):
            advance()
            return .number(value: negative ? -value : value, text: sign + text)
        case .identifier("inf"):
            advance()
            return .number(value: negative ? -.infinity : .infinity, text: sign + "inf")
        case .identifier("nan"):
            advance()
            return .number(value: .nan, text: "nan")
        default:
            throw unexpected("a number or a list of numbers (what the document prints)")
        }
    }

    private mutating func parseFor(at start: SourceLocation) throws(StepError) -> StatementKind {
        let (variable, _) = try identifier("a loop variable name after for")
        guard current.kind == .keyword(.in) else { throw unexpected("'in' after for \(variable)") }
        _ = advance()
        let from = try parseAdditive()
        let inclusive: Bool
        switch current.kind {
        case .symbol("..."): inclusive = true
        case .symbol("..<"): inclusive = false
        default: throw unexpected("'...' or '..<' in the loop range")
        }
        _ = advance()
        let to = try parseAdditive()
        let open = try expectSymbol("{", "'{' to open the loop body")
        try enterNesting(at: open.location)
        defer { leaveNesting() }
        var body: [Statement] = []
        while true {
            skipNewlines()
            if isSymbol("}") { advance(); break }
            if current.kind == .end {
                throw error("the loop body opened here is never closed with '}'", at: open.location)
            }
            if let statement = parseStatementRecovering() { body.append(statement) }
        }
        return .forLoop(variable: variable, from: from, to: to, inclusive: inclusive, body: body)
    }

    // MARK: - Expressions

    public mutating func parseExpression() throws(StepError) -> Expr {
        let left = try parseAdditive()
        guard let op = binaryOperator(at: .comparison) else { return left }
        let at = advance().location
        let right = try parseAdditive()
        if binaryOperator(at: .comparison) != nil {
            throw error("comparisons do not chain; use parentheses, e.g. (a < b) == c", at: current.location)
        }
        return Expr(.binary(op, left, right), at: at)
    }

    /// The current token as a binary operator of precedence `level`, if it is one.
    private func binaryOperator(at level: Precedence) -> BinaryOperator? {
        guard case let .symbol(symbol) = current.kind, let op = BinaryOperator(symbol: symbol), op.precedence == level else { return nil }
        return op
    }

    private mutating func parseAdditive() throws(StepError) -> Expr {
        let outer = depth
        defer { depth = outer }
        var left = try parseMultiplicative()
        while let op = binaryOperator(at: .additive) {
            if try isSpacedMinus(after: left) { break }
            let at = advance().location
            try deepen(at: at)
            left = Expr(.binary(op, left, try parseMultiplicative()), at: at)
        }
        return left
    }

    private mutating func parseMultiplicative() throws(StepError) -> Expr {
        let outer = depth
        defer { depth = outer }
        var left = try parseUnary()
        while let op = binaryOperator(at: .multiplicative) {
            let at = advance().location
            try deepen(at: at)
            left = Expr(.binary(op, left, try parseUnary()), at: at)
        }
        return left
    }

    private mutating func parseUnary() throws(StepError) -> Expr {
        try enterNesting(at: current.location)
        defer { leaveNesting() }
        if isSymbol("-") {
            let at = advance().location
            return Expr(.negate(try parseUnary()), at: at)
        }
        return try parsePower()
    }

    private mutating func parsePower() throws(StepError) -> Expr {
        let base = try parsePostfix()
        if isSymbol("*"), tokenAfterCurrent.kind == .symbol("*"), !tokenAfterCurrent.spaceBefore {
            let at = advance().location
            advance()
            throw error(PythonSpellings.power(base, try parseUnary()), at: at)
        }
        guard let op = binaryOperator(at: .power) else { return base }
        let at = advance().location
        return Expr(.binary(op, base, try parseUnary()), at: at)
    }

    private mutating func parsePostfix() throws(StepError) -> Expr {
        let outer = depth
        defer { depth = outer }
        var e = try parsePrimary()
        while true {
            if isSymbol("(") || isSymbol("[") || isSymbol(".") { try deepen(at: current.location) }
            if isSymbol("("), case let .name(name) = e.kind {
                let (arguments, keywords, tupleSpliced) = try parseArguments(of: name, open: advance())
                if tupleSpliced { throw error(PythonSpellings.tupleArgument(name, arguments, keywords, at: e.location), at: e.location) }
                e = Expr(.call(name, arguments: arguments, keywords: keywords), at: e.location)
            } else if isSymbol("("), case let .member(receiver, method) = e.kind {
                // `x.sum(axis=0)`, `np.exp(x)`, `L.backward()`: answered with stepgrad's spelling.
                let (arguments, keywords, _) = try parseArguments(of: method, open: advance())
                throw error(PythonSpellings.methodCall(receiver, method, arguments, keywords, at: e.location), at: e.location)
            } else if isSymbol("["), current.spaceBefore, isInsideList, e.isNumericLiteral {
                // `[[1 2] [3 4]]` as NumPy prints it: the next row, not an index.
                return e
            } else if isSymbol("[") {
                let open = advance()
                let items = try parseIndexArguments(open: open)
                e = Expr(.index(e, items), at: open.location)
            } else if isSymbol("."), tokenAfterCurrent.kind == .keyword(.backward) {
                // `L.backward()`, PyTorch's spelling: answered when its `(` comes.
                advance()
                e = Expr(.member(e, Keyword.backward.rawValue), at: advance().location)
            } else if isSymbol(".") {
                advance()
                let (member, at) = try identifier("a member name after '.' (T, grad or shape)")
                e = Expr(.member(e, member), at: at)
            } else {
                return e
            }
        }
    }

    /// `a, b, axis=1)` — positional arguments first, then keyword arguments; consumes `)`. A Python
    /// shape tuple among them (`zeros((2, 2))`) is spliced in as separate sizes, and said so.
    private mutating func parseArguments(of name: String, open: Token) throws(StepError) -> ([Expr], [KeywordArgument], tupleSpliced: Bool) {
        openBrackets.append(open)
        defer { openBrackets.removeLast() }
        var arguments: [Expr] = []
        var keywords: [KeywordArgument] = []
        var tupleArguments: [Int] = []
        while !isSymbol(")") {
            if case let .identifier(key) = current.kind, peekKind(1) == .symbol("=") {
                let at = advance().location
                advance()
                guard !keywords.contains(where: { $0.name == key }) else {
                    throw error("\(name)(...) is given \(key)= twice", at: at)
                }
                keywords.append(KeywordArgument(name: key, value: try parseExpression(), location: at))
            } else {
                let at = current.location
                let value = try parseExpression()
                guard keywords.isEmpty else {
                    throw error("positional arguments come before keyword arguments in \(name)(...)", at: at)
                }
                arguments.append(value)
                if let tuple = pendingTuples.firstIndex(where: { $0.location == value.location }) {
                    pendingTuples.remove(at: tuple)
                    tupleArguments.append(arguments.count - 1)
                }
            }
            if isSymbol(",") { advance() } else if !isSymbol(")") { throw unexpected("',' or ')' in the arguments of \(name)") }
        }
        _ = advance()
        guard !tupleArguments.isEmpty else { return (arguments, keywords, false) }
        // From the last, so the earlier positions stay where they were.
        let spliced = tupleArguments.reversed().reduce(arguments) { PythonSpellings.splicingTuple(at: $1, of: name, in: $0) }
        return (spliced, keywords, true)
    }

    /// `0, 1:3, ::2, :]` — consumes `]`.
    private mutating func parseIndexArguments(open: Token) throws(StepError) -> [IndexArgument] {
        openBrackets.append(open)
        defer { openBrackets.removeLast() }
        var items: [IndexArgument] = []
        repeat {
            if isSymbol(",") { advance() }
            var parts: [Expr?] = [isSymbol(":") || isSymbol(",") || isSymbol("]") ? nil : try parseExpression()]
            while isSymbol(":") && parts.count < 3 {
                advance()
                parts.append(isSymbol(":") || isSymbol(",") || isSymbol("]") ? nil : try parseExpression())
            }
            if parts.count == 1, let index = parts[0] {
                items.append(.at(index))
            } else if parts.count == 1 {
                throw unexpected("an index or a slice such as 1:3")
            } else {
                items.append(.slice(start: parts[0], stop: parts[1], step: parts.count > 2 ? parts[2] : nil))
            }
        } while isSymbol(",")
        _ = try expectSymbol("]", "',' or ']' to close the index")
        return items
    }

    private mutating func parsePrimary() throws(StepError) -> Expr {
        let token = current
        switch token.kind {
        case let .number(value, text):
            advance()
            return Expr(.number(value, text: text), at: token.location)
        case .identifier("inf"):
            advance()
            return Expr(.number(.infinity, text: "inf"), at: token.location)
        case .identifier("nan"):
            advance()
            return Expr(.number(.nan, text: "nan"), at: token.location)
        case let .identifier(name):
            advance()
            return Expr(.name(name), at: token.location)
        case .symbol("("):
            openBrackets.append(advance())
            defer { openBrackets.removeLast() }
            let inner = try parseExpression()
            if isSymbol(",") { return try parseTuple(first: inner, open: token) }
            guard isSymbol(")") else {
                let atLineEnd = tokens[position].kind == .newline || current.kind == .end
                throw unexpected(atLineEnd ? "')'" : "')' to close the '(' at \(token.location.line):\(token.location.column)")
            }
            advance()
            return inner
        case .symbol("["):
            let isOutermostList = !openBrackets.contains { listOpenings.contains($0.location) }
            openBrackets.append(advance())
            listOpenings.insert(token.location)
            defer { openBrackets.removeLast() }
            let spacedBefore = spacedEntries
            var items: [Expr] = []
            while !isSymbol("]") {
                let item = try parseExpression()
                items.append(item)
                if isSymbol(",") {
                    advance()
                } else if item.isNumericLiteral, startsSpacedEntry() {
                    spacedEntries += 1
                } else if !isSymbol("]") {
                    throw unexpected("',' or ']' in the list")
                }
            }
            advance()
            guard !items.isEmpty else { throw error("an empty list has no shape; use zeros(0) for an empty tensor", at: token.location) }
            let list = Expr(.list(items), at: token.location)
            if isOutermostList, spacedEntries > spacedBefore { noteSpacedReading(list.description) }
            return list
        case .keyword where tokens[position].kind == .newline:
            throw unexpected("a value")
        case let .keyword(word):
            throw error("'\(word.rawValue)' is a keyword and starts a statement; it cannot be used inside an expression", at: token.location)
        default:
            throw unexpected("a value (a number, a name, '(' or '[')")
        }
    }
}

// MARK: - NumPy's spaced entries

/// A matrix pasted as NumPy prints it (`[[1 -2] [3 -4]]`, `[ 0.68  0.84]`) or as a PDF copies it
/// (tabs, runs of spaces) is read as the numbers it shows, with a note. The rule, inside a list
/// literal (and a `doc` value): after an entry written as a number or a list of numbers, a
/// number, `[` or `-number` with a blank before it starts the next entry. A `-` with a blank
/// before it and none after (`a -b`) anywhere else in a list is ambiguous and an error.
extension Parser {
    /// After an entry, whether `current` starts the next one as NumPy spaces them.
    private func startsSpacedEntry() -> Bool {
        guard current.spaceBefore else { return false }
        switch current.kind {
        case .number, .symbol("["), .identifier("inf"), .identifier("nan"): return true
        case .symbol("-"): return tokenAfterCurrent.startsSignedNumber
        default: return false
        }
    }

    /// `current` is a `-` in a list with a blank before it and none after: the next entry when
    /// both sides are numbers (`[1 -2]`), an error when either side is not (`[a -b]`).
    private func isSpacedMinus(after left: Expr) throws(StepError) -> Bool {
        let next = tokenAfterCurrent
        guard isInsideList, isSymbol("-"), current.spaceBefore, !next.spaceBefore, next.kind != .newline, next.kind != .end else { return false }
        if left.isNumericLiteral, next.startsSignedNumber { return true }
        guard let right = next.kind.sourceText else {
            throw error("in a list, a '-' with a blank before it and none after could subtract or start the next entry; put a blank after it to subtract, or a comma before it for a new entry", at: current.location)
        }
        throw error("'\(left) -\(right)' in a list could be \(left) - \(right) or the two entries \(left), -\(right); write one of them", at: current.location)
    }
}

extension Token {
    /// A number, `inf` or `nan` right after a `-` (no blank between).
    var startsSignedNumber: Bool {
        guard !spaceBefore else { return false }
        switch kind {
        case .number, .identifier("inf"), .identifier("nan"): return true
        default: return false
        }
    }
}

extension Token.Kind {
    /// A number's or a name's text as written; nil for other tokens.
    var sourceText: String? {
        switch self {
        case let .number(_, text): text
        case let .identifier(name): name
        default: nil
        }
    }
}

extension Expr {
    /// A number, a negated number, or a list of such: what NumPy prints.
    var isNumericLiteral: Bool {
        switch kind {
        case .number: true
        case let .negate(x): x.isNumber
        case let .list(items): items.allSatisfy(\.isNumericLiteral)
        default: false
        }
    }
}

extension DocLiteral {
    /// The printed value with commas: `[0.68, -0.84]`.
    var textWithCommas: String {
        switch self {
        case let .number(_, text): text
        case let .list(items): "[" + items.map(\.textWithCommas).joined(separator: ", ") + "]"
        }
    }
}

extension Parser {
    /// `(2, 2)`, a Python tuple, after its first item: read as a list so the error can spell it
    /// the stepgrad way (`pendingTuples`); consumes `)`.
    fileprivate mutating func parseTuple(first: Expr, open: Token) throws(StepError) -> Expr {
        var items = [first]
        while isSymbol(",") {
            advance()
            if isSymbol(")") { break }
            items.append(try parseExpression())
        }
        _ = try expectSymbol(")", "')' to close the tuple opened at \(open.location.line):\(open.location.column)")
        pendingTuples.append((items, open.location))
        return Expr(.list(items), at: open.location)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
