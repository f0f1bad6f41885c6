import Autograd
import Testing
@testable import StepLang

@Suite struct InterpreterTests {
    @Test func bindingAndArithmetic() throws {
        let session = Session()
        let events = try run(session, "x = [1, 2, 3]\ny = x * 2 + 1")
        // 1·2+1, 2·2+1, 3·2+1
        #expect(session.value(of: "y")?.data == [3, 5, 7])
        #expect(session.names == ["x", "y"])
        guard case let .bound(name, value) = events[1] else { Issue.record("not bound"); return }
        #expect(name == "y" && value.label == "y")
    }

    @Test func matrixTimesVector() throws {
        // [[1,2],[3,4]] @ [1,1] = [1+2, 3+4]
        #expect(try value("[[1, 2], [3, 4]] @ [1, 1]").data == [3, 7])
    }

    @Test func unaryMinusAndPower() throws {
        #expect(try value("-2^2").data == [-4])       // -(2²)
        #expect(try value("(-2)^2").data == [4])
        #expect(try value("2^3^2").data == [512])     // 2^(3^2) = 2^9
        #expect(try value("10 - 4 - 3").data == [3])  // (10-4)-3
    }

    @Test func literalsIncludeInfinityAndNaN() throws {
        let v = try value("[-inf, inf, nan, 1e-3]")
        #expect(v.data[0] == -.infinity && v.data[1] == .infinity && v.data[2].isNaN && v.data[3] == 0.001)
    }

    @Test func bareExpressionIsShown() throws {
        let events = try run(Session(), "x = 2\nx + 1")
        guard case let .shown(text, value) = events[1] else { Issue.record("not shown"); return }
        #expect(text == "x + 1" && value.data == [3])
    }

    @Test func listOfVariablesStaysInTheGraph() throws {
        let session = Session()
        try run(session, "a = 2\nb = 3\nv = [a, b * a]\nL = sum(v)\nbackward L")
        // L = a + a·b: ∂L/∂a = 1 + b = 4, ∂L/∂b = a = 2
        #expect(try value("grad(a)", in: session).data == [4])
        #expect(try value("grad(b)", in: session).data == [2])
    }

    @Test func indexingAndSlicing() throws {
        let session = Session()
        try run(session, "x = [[1, 2, 3], [4, 5, 6]]")
        #expect(try value("x[1]", in: session).data == [4, 5, 6])
        #expect(try value("x[0, -1]", in: session).data == [3])
        #expect(try value("x[:, 1:3]", in: session).data == [2, 3, 5, 6])
        #expect(try value("x[1, ::2]", in: session).data == [4, 6])
        #expect(try value("x.T", in: session).shape == [3, 2])
        #expect(try value("x.shape", in: session).data == [2, 3])
    }

    @Test func comparisonsGiveOnesAndZeros() throws {
        #expect(try value("[1, 2, 3] > 2").data == [0, 0, 1])
        #expect(try value("[1, 2, 3] == 2").data == [0, 1, 0])
    }

    @Test func inPlaceUpdateKeepsTheLeaf() throws {
        let session = Session()
        try run(session, "W = [1.0, 2.0]\nV = W")
        let before = try #require(session.value(of: "W"))
        let events = try run(session, "W -= 0.5 * [2, 4]")
        let after = try #require(session.value(of: "W"))
        // 1 - 0.5·2 = 0, 2 - 0.5·4 = 0
        #expect(after === before && after.isLeaf && after.data == [0, 0])
        #expect(session.value(of: "V")?.data == [0, 0]) // the same tensor under another name
        guard case .updated("W", _) = events[0] else { Issue.record("not updated"); return }
        try run(session, "W += 1\nW *= 3\nW /= 2")
        #expect(after.data == [1.5, 1.5]) // ((0+1)·3)/2
    }

    @Test func scaledUpdatesInEitherOrder() throws {
        let session = Session()
        try run(session, "W = [1.0, 2.0]\nW -= [2, 4] * 0.25\nV = [[1.0, 1.0]]\nV += 2 * [3, 4]")
        #expect(session.value(of: "W")?.data == [0.5, 1])     // 1 - 0.5, 2 - 1
        #expect(session.value(of: "V")?.data == [7, 9])       // broadcast (2,) into (1, 2): 1 + 6, 1 + 8
        let error = try #require(failure("U = [1, 2]\nU -= 2 * [[1, 2], [3, 4]]", in: session))
        #expect(error.message == "U -= ... cannot change the shape of U from (2,) to (2, 2)")
    }

    @Test func inPlaceUpdateCannotChangeTheShape() throws {
        let error = try #require(failure("W = [1, 2]\nW += [[1, 2], [3, 4]]"))
        #expect(error.message == "W += ... cannot change the shape of W from (2,) to (2, 2)")
        #expect(error.location == SourceLocation(file: "t", line: 2, column: 6))
    }

    @Test func updatingAnUnboundNameIsAnError() throws {
        let error = try #require(failure("q -= 1"))
        #expect(error.message == "cannot update 'q' in place: it has no value yet; bind it first with q = ...")
        #expect(error.location.column == 1)
    }

    @Test func forLoopsRunInclusiveAndExclusiveRanges() throws {
        let session = Session()
        let events = try run(session, "s = 0\nfor i in 1...4 {\n  s += i\n}\nt = 0\nfor i in 1..<4 { t += i }")
        #expect(session.value(of: "s")?.data == [10]) // 1+2+3+4
        #expect(session.value(of: "t")?.data == [6])  // 1+2+3
        #expect(events.count == 2) // only the two bindings outside the loops
    }

    @Test func loopsReportOnlyExpectsAndDocs() throws {
        let events = try run(Session(), "x = 0\nfor i in 0..<3 {\n  x = x + 1\n  x\n  expect (x > 0) == 1\n}")
        let expects = events.compactMap { if case let .expect(r) = $0 { r } else { nil } }
        #expect(events.count == 4 && expects.count == 3 && expects.allSatisfy(\.passed))
    }

    @Test func emptyRangeRunsNothing() throws {
        let session = Session()
        try run(session, "s = 0\nfor i in 3..<3 { s += 1 }\nfor i in 5...4 { s += 1 }")
        #expect(session.value(of: "s")?.data == [0])
    }

    @Test func loopLimitAndInterruption() throws {
        let session = Session()
        session.loopIterationLimit = 10
        let error = try #require(failure("for i in 1...11 { x = i }", in: session))
        #expect(error.message == "this loop would run 11 times, more than the limit of 10")
        var polls = 0
        session.isInterrupted = { polls += 1; return polls > 3 }
        let interrupted = try #require(failure("s = 0\nfor i in 1...10 { s += 1 }", in: session))
        #expect(interrupted.message == "interrupted")
        #expect(interrupted.location == SourceLocation(file: "t", line: 2, column: 1))
        #expect(session.value(of: "s")?.data == [3]) // three iterations completed
    }

    @Test func snapshotRestoresVariablesLeafDataAndGradients() throws {
        let session = Session()
        try run(session, "W = [1.0, 2.0]\nL = sum(W * W)\nbackward L")
        let snapshot = session.snapshot()
        try run(session, "W -= 1\nextra = 5\nL2 = sum(W * 3)\nbackward L2")
        #expect(try value("grad(W)", in: session).data == [3, 3])
        session.restore(snapshot)
        #expect(session.value(of: "W")?.data == [1, 2])
        #expect(session.value(of: "extra") == nil && session.names == ["W", "L"])
        #expect(try value("grad(W)", in: session).data == [2, 4]) // ∂ΣW²/∂W = 2W
    }

    @Test func evaluationStepsComeInEvaluationOrder() throws {
        let session = Session()
        try run(session, "W = [[1, 2], [3, 4]]\nv = [1, 1]\nb = [10, 20]")
        let statement = try #require(Parser.parse("z = W @ v + b").statements.first)
        let steps = try session.evaluationSteps(of: statement)
        #expect(steps.map(\.text) == ["W", "v", "W @ v", "b", "W @ v + b"])
        #expect(steps[2].value.data == [3, 7])
        #expect(steps[4].value.data == [13, 27])
        #expect(session.value(of: "z") == nil) // stepping does not bind
    }

    @Test func backwardStepsReplayTheGraph() throws {
        let session = Session()
        let events = try run(session, "x = [1, 2]\nL = sum(x * x)\nbackward L")
        guard case let .backward(root, steps) = events.last else { Issue.record("no backward event"); return }
        #expect(root == "L")
        // reverse topological order: sum, then x * x, then the leaf x
        #expect(steps.count == 3)
        #expect(steps[0].node === session.value(of: "L") && steps[0].receivedGrad == [1])
        #expect(steps[1].receivedGrad == [1, 1])
        #expect(steps[2].node === session.value(of: "x") && steps[2].receivedGrad == [2, 4]) // 2x
        #expect(session.lastBackward?.steps.count == 3)
        #expect(try value("x.grad", in: session).data == [2, 4])
    }

    @Test func unnamedLiteralsGetNoGradientButNamedOnesDo() throws {
        let session = Session()
        let events = try run(session, "x = [1, 2]\nc = 3\nL = sum(x * 2 * c)\nbackward L")
        guard case let .backward(_, steps) = events.last else { Issue.record("no backward event"); return }
        // sum, (x·2)·c, x·2, x, c — the literal 2 is skipped
        #expect(steps.count == 5)
        #expect(try value("grad(x)", in: session).data == [6, 6]) // 2·c
        #expect(try value("grad(c)", in: session).data == [6])    // Σ 2x = 2 + 4
    }

    @Test func literalsWithNegativeEntriesAreOneLeaf() throws {
        let session = Session()
        try run(session, "W = [[1, -2], [0.5, -inf]]\nr = sqrt(4) * -1\nL = sum(W[0] * W[0])\nbackward L")
        #expect(session.value(of: "W")?.isLeaf == true)
        #expect(session.value(of: "r")?.isLeaf == true && session.value(of: "r")?.data == [-2])
        // ∂ΣW[0]²/∂W = 2W on row 0, 0 on row 1
        #expect(try value("grad(W)", in: session).data == [2, -4, 0, 0])
    }

    @Test func gradOfAnUnusedVariableIsZero() throws {
        let session = Session()
        try run(session, "x = [1, 2]\nu = [5, 5, 5]\nL = sum(x)\nbackward L")
        #expect(try value("grad(u)", in: session).data == [0, 0, 0])
    }

    @Test func gradBeforeBackwardIsAnError() throws {
        let error = try #require(failure("x = 1\ny = grad(x)"))
        #expect(error.message == "no gradients yet: run backward on a loss first, e.g. backward loss")
        #expect(error.location == SourceLocation(file: "t", line: 2, column: 5))
        #expect(error.rendered.hasSuffix("y = grad(x)\n    ^"))
    }

    @Test func gradOfANewTensorIsAnError() throws {
        let error = try #require(failure("x = [1, 2]\nL = sum(x)\nbackward L\ngrad(x[0])"))
        #expect(error.message.hasPrefix("this expression makes a new tensor that took no part in backward L"))
    }

    @Test func backwardNeedsOneNumber() throws {
        let error = try #require(failure("x = [1, 2]\nbackward x * 2"))
        #expect(error.message.hasPrefix("backward needs a single number (a loss); this value has shape (2,)"))
        #expect(error.location == SourceLocation(file: "t", line: 2, column: 1))
    }

    @Test func heatmapStatementIsAnEvent() throws {
        let events = try run(Session(), "heatmap(eye(2))")
        guard case let .picture(.heatmap, text, value) = events[0] else { Issue.record("no heatmap"); return }
        #expect(text == "eye(2)" && value.shape == [2, 2])
    }

    @Test func syntaxErrorRunsNothing() throws {
        let session = Session()
        let error = try #require(failure("a = 1\nb = (", in: session))
        #expect(error.location.line == 2)
        #expect(session.value(of: "a") == nil)
    }
}

@Suite struct RuntimeErrorTests {
    @Test func shapeErrorNamesOperatorAndBothShapes() throws {
        let error = try #require(failure("W = zeros(4, 3)\nx = [1, 2]\nz = W @ x"))
        #expect(error.message.hasPrefix("shape mismatch in @: (4, 3) @ (2,)"))
        #expect(error.location == SourceLocation(file: "t", line: 3, column: 7))
        #expect(error.rendered.hasSuffix("z = W @ x\n      ^"))
    }

    @Test func broadcastErrorPointsAtThePlus() throws {
        let error = try #require(failure("a = [1, 2, 3]\nb = [1, 2]\nc = a + b"))
        #expect(error.message.hasPrefix("shape mismatch in +: (3,) + (2,)"))
        #expect(error.location.column == 7)
    }

    @Test func unknownNameSuggestsAClose() throws {
        let error = try #require(failure("W1 = 1\nW2 + 1"))
        #expect(error.message == "unknown name 'W2'; did you mean 'W1'?")
        #expect(error.location == SourceLocation(file: "t", line: 2, column: 1))
    }

    @Test func unknownFunctionSuggestsABuiltin() throws {
        let error = try #require(failure("softmx([1, 2])"))
        #expect(error.message == "unknown function 'softmx'; did you mean 'softmax'?")
        #expect(error.location.column == 1)
    }

    @Test func functionUsedAsValue() throws {
        let error = try #require(failure("x = relu + 1"))
        #expect(error.message == "'relu' is a function; call it with its arguments, e.g. relu(x)")
        #expect(error.location.column == 5)
    }

    @Test func raggedListNamesBothShapes() throws {
        let error = try #require(failure("x = [[1, 2], [3]]"))
        #expect(error.message == "list elements must all have the same shape: the first has shape (2,), this one (1,)")
        #expect(error.location.column == 14)
    }

    @Test func indexOutOfRange() throws {
        let error = try #require(failure("x = [1, 2]\nx[5]"))
        #expect(error.location == SourceLocation(file: "t", line: 2, column: 2))
        #expect(error.message.contains("5"))
    }

    @Test func nonIntegerIndex() throws {
        let error = try #require(failure("x = [1, 2]\nx[0.5]"))
        #expect(error.message == "an index must be a single whole number, got 0.5")
        #expect(error.location == SourceLocation(file: "t", line: 2, column: 3))
    }

    @Test func unknownMember() throws {
        let error = try #require(failure("x = [1, 2]\nx.size"))
        #expect(error.message == "unknown member '.size'; a value has .T (transpose), .grad and .shape")
        #expect(error.location.column == 3)
    }
}
