import Foundation

// Leaf tensors made from a rule rather than from data: zeros, ones, full, eye, arange, randn.

extension Tensor {
    public static func zeros(_ shape: [Int], label: String? = nil) throws(AutogradError) -> Tensor {
        try filled(shape, value: 0, op: "zeros", label: label)
    }

    public static func ones(_ shape: [Int], label: String? = nil) throws(AutogradError) -> Tensor {
        try filled(shape, value: 1, op: "ones", label: label)
    }

    /// Every entry `value`.
    public static func full(_ shape: [Int], value: Double, label: String? = nil) throws(AutogradError) -> Tensor {
        try filled(shape, value: value, op: "full", label: label)
    }

    /// Every entry `value`; a refused shape is reported under `op`, the name the learner called.
    private static func filled(_ shape: [Int], value: Double, op: String, label: String?) throws(AutogradError) -> Tensor {
        try Shape.check(shape, op: op)
        return try Tensor(shape: shape, data: [Double](repeating: value, count: Shape.count(shape)), label: label)
    }

    /// The n×n identity matrix.
    public static func eye(_ n: Int, label: String? = nil) throws(AutogradError) -> Tensor {
        let shape = [n, n]
        try Shape.check(shape, op: "eye")
        var data = [Double](repeating: 0, count: n * n)
        for i in 0..<n { data[i * n + i] = 1 }
        return try Tensor(shape: shape, data: data, label: label)
    }

    /// 0, 1, …, up to but excluding `stop`: `arange(4)` is [0, 1, 2, 3].
    public static func arange(_ stop: Double, label: String? = nil) throws(AutogradError) -> Tensor {
        try arange(0, stop, label: label)
    }

    /// start, start + step, … up to but excluding `stop` (NumPy's arange): `arange(2, 5)` is [2, 3, 4].
    public static func arange(_ start: Double, _ stop: Double, step: Double = 1, label: String? = nil) throws(AutogradError) -> Tensor {
        guard start.isFinite, stop.isFinite, step.isFinite, step != 0 else {
            throw .invalidArgument(op: "arange", reason: "start, stop and step must be finite numbers and the step non-zero")
        }
        let steps = Foundation.ceil((stop - start) / step)
        let limit = Shape.elementLimit.load(ordering: .relaxed)
        guard steps <= Double(limit) else { throw .tooLarge(op: "arange", shape: [Int(Swift.min(steps, 1e18))], limit: limit) }
        let n = steps > 0 ? Int(steps) : 0
        return try Tensor(shape: [n], data: (0..<n).map { start + Double($0) * step }, label: label)
    }

    /// Samples of the standard normal distribution, the same for the same seed on every machine:
    /// SplitMix64 (Steele, Lea & Flood 2014) seeded with `seed` gives 64-bit words; each pair of
    /// words becomes uniforms u₁, u₂ in (0, 1] (the top 53 bits, plus one, times 2⁻⁵³) and then,
    /// by Box–Muller, the two normals √(-2 ln u₁)·cos(2πu₂) and √(-2 ln u₁)·sin(2πu₂), in that order.
    public static func randn(_ shape: [Int], seed: Int, label: String? = nil) throws(AutogradError) -> Tensor {
        try Shape.check(shape, op: "randn")
        var generator = SplitMix64(seed: UInt64(bitPattern: Int64(seed)))
        let n = Shape.count(shape)
        var data: [Double] = []
        data.reserveCapacity(n + 1)
        while data.count < n {
            let u1 = generator.nextUniform(), u2 = generator.nextUniform()
            let radius = Foundation.sqrt(-2 * Foundation.log(u1))
            data.append(radius * Foundation.cos(2 * Double.pi * u2))
            data.append(radius * Foundation.sin(2 * Double.pi * u2))
        }
        return try Tensor(shape: shape, data: Array(data.prefix(n)), label: label)
    }
}

/// SplitMix64: a 64-bit state advanced by the golden-ratio constant, then mixed.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in (0, 1]: never 0, so its logarithm is finite.
    mutating func nextUniform() -> Double { (Double(next() >> 11) + 1) * 0x1p-53 }
}
