import Synchronization

/// Shapes are plain `[Int]` arrays (row-major); this namespace holds what every op needs of them.
public enum Shape {
    /// The most entries one tensor may hold. Settable (the interpreter exposes it); the default
    /// keeps a typo like `zeros(100000, 100000)` from eating the machine.
    public static let elementLimit = Atomic<Int>(10_000_000)

    public static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// `(4, 3)`, `(2,)` for a vector, `()` for a scalar — NumPy's notation.
    public static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// Row-major strides: the step in the flat buffer for one step along each axis.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    /// The multi-index of a flat position.
    public static func index(ofFlat flat: Int, in shape: [Int]) -> [Int] {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }

    /// The flat position of a multi-index.
    public static func flat(_ index: [Int], in shape: [Int]) -> Int {
        var flat = 0
        for (i, size) in zip(index, shape) { flat = flat * size + i }
        return flat
    }

    /// Refuses shapes that are negative or over the element limit, before any memory is taken.
    public static func check(_ shape: [Int], op: String) throws(AutogradError) {
        let limit = elementLimit.load(ordering: .relaxed)
        var count = 1
        for size in shape {
            guard size >= 0 else { throw .invalidArgument(op: op, reason: "a dimension cannot be negative (shape \(describe(shape)))") }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= limit else { throw .tooLarge(op: op, shape: shape, limit: limit) }
            count = product
        }
    }

    /// NumPy broadcasting: align trailing axes; sizes must match or be 1.
    public static func broadcast(_ a: [Int], _ b: [Int], op: String) throws(AutogradError) -> [Int] {
        let rank = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        var out = [Int]()
        out.reserveCapacity(rank)
        for (x, y) in zip(pa, pb) {
            if x == y || y == 1 { out.append(x) } else if x == 1 { out.append(y) } else {
                throw .shapeMismatch(op: op, lhs: a, rhs: b,
                                     reason: "axis sizes \(x) and \(y) differ and neither is 1, so they cannot broadcast")
            }
        }
        try check(out, op: op)
        return out
    }

    /// For each flat position of `outShape`, the flat position it reads in `inShape` under broadcasting.
    public static func broadcastMap(from inShape: [Int], to outShape: [Int]) -> [Int] {
        let padded = [Int](repeating: 1, count: outShape.count - inShape.count) + inShape
        let total = count(outShape)
        if padded == outShape { return Array(0..<total) }
        if count(inShape) == 1 { return [Int](repeating: 0, count: total) } // one entry (lr * W): every position reads it
        let inStrides = strides(padded)
        var map = [Int](repeating: 0, count: total)
        var index = [Int](repeating: 0, count: outShape.count)
        for flat in 0..<total {
            var source = 0
            for axis in 0..<outShape.count where padded[axis] != 1 { source += index[axis] * inStrides[axis] }
            map[flat] = source
            // advance the odometer
            var axis = outShape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < outShape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return map
    }

    /// An axis given as in NumPy (negative counts from the end) as a position in 0..<rank.
    public static func axis(_ axis: Int, rank: Int, op: String) throws(AutogradError) -> Int {
        guard axis >= -rank && axis < rank else {
            throw .invalidArgument(op: op, reason: rank == 0
                ? "a scalar has no axis \(axis)"
                : "axis \(axis) is out of range for a tensor with \(rank) axes (use 0..<\(rank) or -\(rank)..<0)")
        }
        return axis < 0 ? axis + rank : axis
    }
}

/// A tensor seen as `outer × size × inner` around one axis: the entry at (o, r, i) sits at flat
/// position (o·size + r)·inner + i. Reductions, softmax and layer norm work row by row on it,
/// where a "row" is the `size` entries that share (o, i).
struct AxisLayout {
    let outer: Int
    let size: Int
    let inner: Int

    init(shape: [Int], axis: Int) {
        outer = Shape.count(Array(shape[..<axis]))
        size = shape[axis]
        inner = Shape.count(Array(shape[(axis + 1)...]))
    }

    /// The whole tensor as one row.
    init(count: Int) { (outer, size, inner) = (1, count, 1) }

    var rows: Int { outer * inner }

    /// The flat position of entry r of row `row` (row = o·inner + i).
    @inline(__always)
    func flat(row: Int, _ r: Int) -> Int { (row / inner * size + r) * inner + row % inner }

    /// The row a flat position belongs to.
    @inline(__always)
    func row(ofFlat flat: Int) -> Int { flat / (size * inner) * inner + flat % inner }
}
