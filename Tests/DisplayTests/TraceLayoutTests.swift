import Autograd
import Testing
@testable import Display
@testable import StepLang

/// Working wider than the terminal breaks before a sum's `+` and `-` and a product's `·`, each
/// operand under the first.
@Suite struct TraceLayoutTests {
    static func symbol(_ name: String) -> TraceTerm { .symbol(name, 1) }
    static func product(_ a: String, _ b: String) -> TraceTerm { .times([symbol(a), symbol(b)]) }

    /// `a·b + c·d + e·f` is 15 columns; after `x = ` (4) it does not fit in 12, so each term gets a
    /// line, under the first (column 4). At 19 it fits: one line.
    @Test func aSumThatDoesNotFitPutsEachTermUnderTheFirst() {
        let sum = TraceTerm.plus([(false, Self.product("a", "b")), (false, Self.product("c", "d")), (true, Self.product("e", "f"))])
        let layout = sum.layout(.symbolic, format: NumberFormat(), maxTerms: 8)
        #expect(layout.flat == "a·b + c·d - e·f")
        #expect(layout.lines(startingAt: 4, width: 12) == "a·b\n    + c·d\n    - e·f")
        #expect(layout.lines(startingAt: 4, width: 19) == "a·b + c·d - e·f")
    }

    /// Only what does not fit breaks: `(p + q)·r + s·t` at width 14 from column 0 breaks the outer
    /// sum; `(p + q)·r` (9 columns) then fits on its line, and the inner sum stays whole. At width 8
    /// it does not: the inner sum breaks, under `p` (column 1, after the parenthesis), so that `·r`
    /// (which cannot break) stays with it. At width 5 even ` + q)·r` (7) is too wide: `·r` goes
    /// to the next line, under the product's start.
    @Test func innerSumsStayWholeWhenTheyFit() {
        let inner = TraceTerm.plus([(false, Self.symbol("p")), (false, Self.symbol("q"))])
        let sum = TraceTerm.plus([(false, .times([inner, Self.symbol("r")])), (false, Self.product("s", "t"))])
        let layout = sum.layout(.symbolic, format: NumberFormat(), maxTerms: 8)
        #expect(layout.flat == "(p + q)·r + s·t")
        #expect(layout.lines(startingAt: 0, width: 14) == "(p + q)·r\n+ s·t")
        #expect(layout.lines(startingAt: 0, width: 8) == "(p\n + q)·r\n+ s·t")
        #expect(layout.lines(startingAt: 0, width: 5) == "(p\n + q)\n·r\n+ s·t")
    }

    /// A real chain (softmax + MSE, the MLP of lesson 02's shape): at every width the broken
    /// working holds the same characters as the one-line working, and at 100 columns every line fits.
    @Test func aLongChainBreaksWithoutLosingAnything() throws {
        let session = Session()
        _ = try session.run(source: """
            a0 = [1, 0.5, 0.3]
            W1 = [[0.2, 0.4, 0.6], [0.5, 0.1, 0.3], [0.3, 0.5, 0.8], [0.1, 0.7, 0.9]]
            W2 = [[0.3, 0.5, 0.7, 0.9], [0.2, 0.4, 0.6, 0.8]]
            y = [1, 0]
            z1 = W1 @ a0
            a1 = relu(z1)
            z2 = W2 @ a1
            a2 = softmax(z2)
            L = sum((a2 - y) ^ 2) / 2
            backward L
            """, file: "t")
        let root = try #require(session.lastBackward?.root), w1 = try #require(session.value(of: "W1"))
        func trace(_ width: Int?) throws -> String {
            try TraceRenderer.gradient(of: root, withRespectTo: w1, flat: 7, gradient: session.gradient(of:),
                                       names: { t in session.variables.last { $0.value === t }?.name }, options: TraceOptions(width: width))
        }
        let flat = try trace(nil)
        #expect(flat.split(separator: "\n").contains { $0.count > 100 })
        for width in [40, 60, 80, 100, 140] {
            let broken = try trace(width)
            // Breaks only add line ends and indentation: the same characters otherwise, in order.
            #expect(broken.filter { !$0.isWhitespace } == flat.filter { !$0.isWhitespace }, "width \(width)")
        }
        #expect(try trace(100).split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    /// After `W -= lr * grad(W)` the values backward multiplied are gone: the chain rule is refused
    /// with the reason, not written with the new W (which would not give the gradient).
    @Test func aGradientWhoseInputsChangedInPlaceIsNotWorkedOut() throws {
        let session = Session()
        _ = try session.run(source: "W = [1, 2]\nx = [3, 4]\nL = sum(W * W * x)\nbackward L\nW -= 0.1 * grad(W)", file: "t")
        let root = try #require(session.lastBackward?.root), w = try #require(session.value(of: "W"))
        #expect(throws: DisplayError.self) {
            try TraceRenderer.gradient(of: root, withRespectTo: w, flat: 0, gradient: session.gradient(of:), names: { $0 === w ? "W" : nil })
        }
        do {
            _ = try TraceRenderer.gradient(of: root, withRespectTo: w, flat: 0, gradient: session.gradient(of:), names: { $0 === w ? "W" : nil })
        } catch {
            #expect(error.description.contains("W changed in place after backward L"))
        }
    }
}
