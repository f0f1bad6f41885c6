import Autograd
import Testing
@testable import StepLang

/// `x[index] = value` and `x[index] op= value`: entries changed in place, outside the graph.
@Suite struct IndexedAssignmentTests {
    @Test func setsOneEntry() throws {
        let session = Session()
        try run(session, "x = [1, 2, 3]\nx[1] = 5\nx[-1] = 0")
        #expect(session.value(of: "x")?.data == [1, 5, 0])
    }

    @Test func setsAndUpdatesRowsAndColumns() throws {
        let session = Session()
        try run(session, "M = zeros(2, 3)\nM[0] = [1, 2, 3]\nM[:, 2] += 10\nM[1, 0:2] = 7")
        // row 0 set to 1 2 3; column 2 gets +10 in both rows; row 1's first two entries set to 7.
        #expect(session.value(of: "M")?.data == [1, 2, 13, 7, 7, 10])
    }

    @Test func aValueBroadcastsToTheSelection() throws {
        let session = Session()
        try run(session, "M = zeros(2, 2)\nM[:, :] = [1, 2]\nM[1] *= 3")
        // [1, 2] repeated down the rows, then row 1 tripled.
        #expect(session.value(of: "M")?.data == [1, 2, 3, 6])
    }

    @Test func keepsTheTensorAndRecordsItInALoop() throws {
        let session = Session()
        try run(session, "v = zeros(4)\nw = v\nfor i in 0..<4 { v[i] = i * i }")
        #expect(session.value(of: "v")?.data == [0, 1, 4, 9]) // 0², 1², 2², 3²
        #expect(session.value(of: "w") === session.value(of: "v"))
    }

    @Test func aSnapshotKeepsTheOldEntries() throws {
        let session = Session()
        try run(session, "x = [1, 2]")
        let snapshot = session.snapshot()
        try run(session, "x[0] = 9")
        #expect(session.value(of: "x")?.data == [9, 2])
        session.restore(snapshot)
        #expect(session.value(of: "x")?.data == [1, 2])
    }

    @Test func anOpOutputBecomesAFreshLeaf() throws {
        let session = Session()
        try run(session, "x = [1, 2]\ny = x * 2\ny[0] = 0")
        let y = try #require(session.value(of: "y"))
        #expect(y.isLeaf && y.data == [0, 4]) // [2, 4] with entry 0 set
        #expect(session.value(of: "x")?.data == [1, 2])
    }

    @Test func anIndexOutOfRangeIsAnErrorAtTheStatement() throws {
        let error = try #require(failure("x = [1, 2, 3]\nx[3] = 1"))
        #expect(error.message == "index 3 is out of range for axis 0 of size 3")
        #expect(error.location == SourceLocation(file: "t", line: 2, column: 3)) // the 3 in x[3]
        let second = try #require(failure("M = zeros(2, 2)\nM[0, -3] = 1"))
        #expect(second.message == "index -3 is out of range for axis 1 of size 2")
        #expect(second.location.column == 6) // the -3
    }

    @Test func aValueThatDoesNotFitNamesBothShapes() throws {
        let mismatch = try #require(failure("M = zeros(2, 3)\nM[0] = [1, 2]"))
        #expect(mismatch.message == "shape mismatch in =: (3,) = (2,): axis sizes 3 and 2 differ and neither is 1, so they cannot broadcast")
        #expect(mismatch.location == SourceLocation(file: "t", line: 2, column: 8))
        let growing = try #require(failure("M = zeros(2, 3)\nM[0] -= ones(2, 3)"))
        #expect(growing.message == "M[0] -= ... cannot change the shape of M[0] from (3,) to (2, 3)")
    }

    @Test func nothingChangesWhenTheValueFails() throws {
        let session = Session()
        try run(session, "x = [1, 2]")
        #expect(failure("x[0] = unknown", in: session) != nil)
        #expect(session.value(of: "x")?.data == [1, 2])
    }
}
