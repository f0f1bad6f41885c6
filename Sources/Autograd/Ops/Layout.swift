// Ops that move entries without arithmetic: reshape, transpose, indexing, concat, stack.
// All but reshape are a gather: output entry e copies entry `flat[e]` of input `input[e]`, and
// the backward pass sends each output entry's gradient back to the entry it copied.

/// One index position of `Tensor.index`: a single position (drops the axis), a Python-style
/// slice, or the whole axis.
public enum IndexItem: Equatable, Sendable {
    /// One position; negative counts from the end (`-1` is the last). Out of range is an error.
    case at(Int)
    /// `start:stop:step` as in Python: missing bounds mean the whole axis in the step's direction,
    /// negative bounds count from the end, bounds past the ends are clamped; step 0 is an error.
    case range(Int?, Int?, Int?)
    /// `:` — every position of the axis.
    case all
}

extension Tensor {
    /// The shared body of the layout ops: output entry e is entry `flat[e]` of `inputs[input[e]]`
    /// (`input` nil: every entry comes from `inputs[0]`).
    static func gather(
        _ inputs: [Tensor], shape: [Int], input: [Int]?, flat: [Int], name: String, formula: String, rule: String
    ) -> Tensor {
        let op = TensorOp(
            name: name, formula: formula, rule: rule,
            forward: { inputs in
                guard let input else {
                    return inputs[0].data.withUnsafeBufferPointer { x in flat.map { x[$0] } }
                }
                let sources = inputs.map(\.data)
                return (0..<flat.count).map { sources[input[$0]][flat[$0]] }
            },
            backward: { out, inputs in
                let g = out.grad!
                var grads = inputs.map { [Double](repeating: 0, count: $0.count) }
                if let input {
                    for e in 0..<flat.count { grads[input[e]][flat[e]] += g[e] }
                } else {
                    grads[0].withUnsafeMutableBufferPointer { dx in
                        for e in 0..<flat.count { dx[flat[e]] += g[e] }
                    }
                }
                for (t, dt) in zip(inputs, grads) { t.accumulateGrad(dt) }
            },
            expand: { entry, _, source throws(AutogradError) in try source(input?[entry] ?? 0, flat[entry]) }
        )
        return make(shape: shape, inputs: inputs, op: op)
    }

    /// The same entries in a new shape with the same number of entries; one size may be -1, to be
    /// worked out from the others.
    public func reshaped(_ newShape: [Int]) throws(AutogradError) -> Tensor {
        var target = newShape
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        guard unknown.count <= 1 else {
            throw .invalidArgument(op: "reshape", reason: "only one size may be -1, got \(Shape.describe(newShape))")
        }
        if let axis = unknown.first {
            let known = newShape.enumerated().filter { $0.offset != axis }.map(\.element)
            try Shape.check(known, op: "reshape")
            let rest = Shape.count(known)
            guard rest > 0, count % rest == 0 else {
                throw .invalidArgument(op: "reshape", reason: "cannot reshape \(Shape.describe(shape)) (\(count) entries) into \(Shape.describe(newShape))")
            }
            target[axis] = count / rest
        }
        try Shape.check(target, op: "reshape")
        guard Shape.count(target) == count else {
            throw .invalidArgument(op: "reshape", reason: "cannot reshape \(Shape.describe(shape)) (\(count) entries) into \(Shape.describe(target)) (\(Shape.count(target)) entries)")
        }
        let op = TensorOp(
            name: "reshape", formula: "Y = reshape(X, \(Shape.describe(target)))", rule: "∂X += ∂Y read in X's shape (same order)",
            forward: { inputs in inputs[0].data },
            backward: { out, inputs in inputs[0].accumulateGrad(out.grad!) },
            expand: { entry, _, input throws(AutogradError) in try input(0, entry) }
        )
        return Tensor.make(shape: target, inputs: [self], op: op)
    }

    /// Xᵀ: the last two axes swapped (a batch of matrices transposes matrix by matrix).
    /// A vector or a scalar comes back unchanged (as its own copy in the graph).
    public func transposed() -> Tensor {
        var outShape = shape
        var flat: [Int]
        if rank >= 2 {
            let (rows, cols) = (shape[rank - 2], shape[rank - 1])
            outShape.swapAt(rank - 2, rank - 1)
            flat = []
            flat.reserveCapacity(count)
            // Output entry (batch, j, i) reads X[batch, i, j].
            for batch in Swift.stride(from: 0, to: count, by: Swift.max(rows * cols, 1)) {
                for j in 0..<cols {
                    for i in 0..<rows { flat.append(batch + i * cols + j) }
                }
            }
        } else {
            flat = Array(0..<count)
        }
        return Tensor.gather([self], shape: outShape, input: nil, flat: flat,
                             name: "transpose", formula: "Y = Xᵀ", rule: "∂X += (∂Y)ᵀ")
    }

    /// `x[items]`, NumPy-style basic indexing: `.at` picks one position and drops the axis,
    /// `.range` slices, `.all` keeps the axis; axes after the last item are kept whole.
    public func index(_ items: [IndexItem]) throws(AutogradError) -> Tensor {
        let (outShape, flat) = try selection(items)
        let text = items.map(\.description).joined(separator: ", ")
        return Tensor.gather([self], shape: outShape, input: nil, flat: flat,
                             name: "index", formula: "Y = X[\(text)]", rule: "∂X[\(text)] += ∂Y (other entries get 0)")
    }

    /// What `x[items]` picks: the result's shape, and the flat position in `x` of each of its
    /// entries in row-major order. Indexing reads these entries; an indexed assignment writes them.
    public func selection(_ items: [IndexItem]) throws(AutogradError) -> (shape: [Int], flat: [Int]) {
        guard items.count <= rank else {
            throw .invalidArgument(op: "index", reason: "\(items.count) indices for a tensor with \(rank) axes (shape \(Shape.describe(shape)))")
        }
        var picks: [[Int]] = []
        var outShape: [Int] = []
        for axis in 0..<rank {
            let size = shape[axis]
            switch axis < items.count ? items[axis] : .all {
            case let .at(i):
                guard i >= -size && i < size else { throw .indexOutOfRange(index: i, axis: axis, size: size) }
                picks.append([i < 0 ? i + size : i])
            case let .range(start, stop, step):
                let positions = try Tensor.slice(size: size, start: start, stop: stop, step: step)
                picks.append(positions)
                outShape.append(positions.count)
            case .all:
                picks.append(Array(0..<size))
                outShape.append(size)
            }
        }
        // Every position combination, in row-major order of the output.
        let strides = Shape.strides(shape)
        var flat = [0]
        for (axis, positions) in picks.enumerated() {
            flat = flat.flatMap { base in positions.map { base + $0 * strides[axis] } }
        }
        return (outShape, flat)
    }

    /// The positions a Python slice `start:stop:step` visits in an axis of `size`.
    static func slice(size: Int, start: Int?, stop: Int?, step: Int?) throws(AutogradError) -> [Int] {
        let step = step ?? 1
        guard step != 0 else { throw .invalidArgument(op: "index", reason: "a slice step cannot be 0") }
        // Python's rule: negative bounds count from the end, then clamp to the axis (for a
        // negative step the range is -1...size-1, so that a stop of -1 after wrapping means "before 0").
        func bound(_ value: Int?, default fallback: Int) -> Int {
            guard let value else { return fallback }
            let wrapped = value < 0 ? value + size : value
            return step > 0 ? Swift.min(Swift.max(wrapped, 0), size) : Swift.min(Swift.max(wrapped, -1), size - 1)
        }
        let from = bound(start, default: step > 0 ? 0 : size - 1)
        let to = bound(stop, default: step > 0 ? size : -1)
        // Counted rather than strided, so a huge step (Int.max, Int.min) cannot overflow.
        let span = step > 0 ? to - from : from - to
        guard span > 0 else { return [] }
        let count = Int(UInt(span - 1) / step.magnitude) + 1
        return (0..<count).map { k in
            let offset = Int(UInt(k) * step.magnitude)
            return step > 0 ? from + offset : from - offset
        }
    }

    /// The tensors joined along an existing `axis`; every other axis must agree.
    public static func concat(_ tensors: [Tensor], axis: Int = 0) throws(AutogradError) -> Tensor {
        guard let first = tensors.first else { throw .invalidArgument(op: "concat", reason: "needs at least one tensor") }
        let axis = try Shape.axis(axis, rank: first.rank, op: "concat")
        for t in tensors.dropFirst() {
            guard t.rank == first.rank else {
                throw .shapeMismatch(op: "concat", lhs: first.shape, rhs: t.shape, reason: "ranks \(first.rank) and \(t.rank) differ")
            }
            for a in 0..<first.rank where a != axis && t.shape[a] != first.shape[a] {
                throw .shapeMismatch(op: "concat", lhs: first.shape, rhs: t.shape,
                                     reason: "axis \(a) sizes \(first.shape[a]) and \(t.shape[a]) differ; only axis \(axis) may differ")
            }
        }
        var outShape = first.shape
        outShape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
        try Shape.check(outShape, op: "concat")
        return joined(tensors, sizes: tensors.map { $0.shape[axis] }, shape: outShape, axis: axis,
                      name: "concat", formula: "Y = concat(X₀, X₁, …, axis: \(axis))", rule: "each ∂Xₖ += its own block of ∂Y")
    }

    /// The tensors (all of one shape) stacked along a new `axis` (0...rank; negative counts from the end).
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws(AutogradError) -> Tensor {
        guard let first = tensors.first else { throw .invalidArgument(op: "stack", reason: "needs at least one tensor") }
        let axis = try Shape.axis(axis, rank: first.rank + 1, op: "stack")
        for t in tensors.dropFirst() where t.shape != first.shape {
            throw .shapeMismatch(op: "stack", lhs: first.shape, rhs: t.shape, reason: "stack needs tensors of one shape")
        }
        var outShape = first.shape
        outShape.insert(tensors.count, at: axis)
        try Shape.check(outShape, op: "stack")
        return joined(tensors, sizes: [Int](repeating: 1, count: tensors.count), shape: outShape, axis: axis,
                      name: "stack", formula: "Y = stack(X₀, X₁, …, axis: \(axis))", rule: "∂Xₖ += ∂Y[k] along the new axis")
    }

    /// Concat and stack: input k fills `sizes[k]` consecutive positions of `axis` of the output
    /// (stack is a concat of inputs that each have size 1 there).
    private static func joined(
        _ tensors: [Tensor], sizes: [Int], shape outShape: [Int], axis: Int, name: String, formula: String, rule: String
    ) -> Tensor {
        let layout = AxisLayout(shape: outShape, axis: axis)
        var owner: [Int] = [], offset: [Int] = []
        for (k, size) in sizes.enumerated() {
            owner += [Int](repeating: k, count: size)
            offset += Array(0..<size)
        }
        var input = [Int](repeating: 0, count: Shape.count(outShape))
        var flat = input
        for e in 0..<input.count {
            let (o, rest) = e.quotientAndRemainder(dividingBy: layout.size * layout.inner)
            let (p, i) = rest.quotientAndRemainder(dividingBy: layout.inner)
            let k = owner[p]
            input[e] = k
            flat[e] = (o * sizes[k] + offset[p]) * layout.inner + i
        }
        return gather(tensors, shape: outShape, input: input, flat: flat, name: name, formula: formula, rule: rule)
    }
}

extension IndexItem: CustomStringConvertible {
    /// As written in Python: `2`, `1:3`, `::2`, `:`.
    public var description: String {
        switch self {
        case let .at(i): return String(i)
        case .all: return ":"
        case let .range(start, stop, step):
            let bounds = (start.map(String.init) ?? "") + ":" + (stop.map(String.init) ?? "")
            return step.map { bounds + ":\($0)" } ?? bounds
        }
    }
}
