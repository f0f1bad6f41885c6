import Autograd

/// A tensor seen as matrices, for heatmaps and tables: a vector is one row, a matrix is itself,
/// and a tensor of higher rank is cut into one matrix per index of its leading axes (`x[1, :, :]`).
public struct MatrixSlice: Equatable, Sendable {
    /// `x[1, :, :]` for a slice; nil for the whole tensor.
    public let caption: String?
    /// A vector (or a scalar) drawn as one row: it has no row index to label.
    public let isVector: Bool
    public let rows: Int
    public let columns: Int
    /// Row-major entries.
    public let values: [Double]

    public subscript(row: Int, column: Int) -> Double { values[row * columns + column] }

    /// Refuses more slices than anyone can read at once.
    public static let sliceLimit = 32

    /// The grids of `tensor`, named `name` in slice captions.
    public static func slices(of tensor: Tensor, name: String) throws(DisplayError) -> [MatrixSlice] {
        let shape = tensor.shape
        guard tensor.count > 0 else {
            throw .cannotDraw(what: name, reason: "it has no entries (shape \(Shape.describe(shape)))")
        }
        switch shape.count {
        case 0: return [MatrixSlice(caption: nil, isVector: true, rows: 1, columns: 1, values: tensor.data)]
        case 1: return [MatrixSlice(caption: nil, isVector: true, rows: 1, columns: shape[0], values: tensor.data)]
        case 2: return [MatrixSlice(caption: nil, isVector: false, rows: shape[0], columns: shape[1], values: tensor.data)]
        default:
            let leading = Array(shape.dropLast(2))
            let (rows, columns) = (shape[shape.count - 2], shape[shape.count - 1])
            let sliceCount = Shape.count(leading)
            guard sliceCount <= sliceLimit else {
                throw .tooLarge(what: "\(name) \(Shape.describe(shape))",
                                reason: "it has \(sliceCount) matrix slices (at most \(sliceLimit)); index it first, e.g. \(name)[0]")
            }
            let size = rows * columns
            return (0..<sliceCount).map { slice in
                let index = Shape.index(ofFlat: slice, in: leading).map(String.init).joined(separator: ", ")
                return MatrixSlice(caption: "\(name)[\(index), :, :]", isVector: false, rows: rows, columns: columns,
                                   values: Array(tensor.data[slice * size ..< (slice + 1) * size]))
            }
        }
    }
}
